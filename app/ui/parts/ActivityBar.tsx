/** The activity bar: Explorer and Run and Explore; clicking the active one hides the side bar, as in VS Code. */
import type { CommandContext } from '../commands/types.ts';
import { isExploring, useExploreStore } from '../state/explore-store.ts';
import type { SideView } from '../state/ui-store.ts';
import { commandTooltip } from '../widgets/CommandButton.tsx';
import { Icon } from '../widgets/Icon.tsx';

const ITEMS: Array<{ view: SideView; icon: string; label: string; command: string }> = [
  { view: 'explorer', icon: 'files', label: 'Explorer', command: 'workbench.view.explorer' },
  { view: 'run', icon: 'debug-alt', label: 'Run and Explore', command: 'workbench.view.run' },
];

export function ActivityBar({ ctx, sideBarOpen }: { ctx: CommandContext; sideBarOpen: boolean }) {
  const exploring = useExploreStore((s) => isExploring(s.status));
  return (
    <nav className="activitybar" aria-label="Activity bar">
      <div className="activity-items" role="tablist" aria-orientation="vertical">
        {ITEMS.map((item) => {
          const active = sideBarOpen && ctx.ui.sideView === item.view;
          return (
            <button
              key={item.view}
              type="button"
              role="tab"
              aria-selected={active}
              aria-label={item.label}
              title={commandTooltip(item.command)}
              className={`activity-item ${active ? 'active' : ''}`}
              onClick={() => {
                if (active) ctx.services.toggleSideBar();
                else {
                  ctx.ui.set({ sideView: item.view });
                  if (!sideBarOpen) ctx.services.toggleSideBar();
                }
              }}
            >
              <Icon name={item.icon} />
              {item.view === 'run' && exploring && <span className="activity-badge progress" aria-hidden="true" />}
            </button>
          );
        })}
      </div>
      <div className="activity-items bottom">
        <button type="button" className="activity-item" aria-label="Command palette" title={commandTooltip('workbench.action.showCommands')} onClick={() => ctx.ui.set({ quickInput: { kind: 'commands' } })}>
          <Icon name="settings-gear" />
        </button>
      </div>
    </nav>
  );
}
