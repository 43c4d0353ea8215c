/**
 * The editor area: tabs for the views (Statecharts, Sequence, State, Metrics, and Compare) and breadcrumbs. Each view draws the
 * explanation of a finding at the cursor as its own banner.
 */
import type { CommandContext } from '../commands/types.ts';
import { CompareEditor, compareTarget } from '../editor/CompareEditor.tsx';
import { SequenceView, StateView, StatechartView } from '../editor/views.ts';
import { MetricsEditor } from '../editor/MetricsEditor.tsx';
import { ViewHost } from '../editor/ViewHost.tsx';
import type { EditorTab } from '../state/ui-store.ts';
import { CommandButton } from '../widgets/CommandButton.tsx';
import { Icon } from '../widgets/Icon.tsx';

const TAB_INFO: Record<EditorTab, { label: string; icon: string }> = {
  statecharts: { label: 'Statecharts', icon: 'type-hierarchy' },
  sequence: { label: 'Sequence diagram', icon: 'arrow-swap' },
  state: { label: 'State', icon: 'symbol-structure' },
  metrics: { label: 'Metrics', icon: 'graph-line' },
  compare: { label: 'Compare', icon: 'git-compare' },
};

export function EditorArea({ ctx }: { ctx: CommandContext }) {
  const { openTabs, activeTab, compareWith } = ctx.ui;
  const { wb } = ctx;
  const tabLabel = (tab: EditorTab) => (tab === 'compare' ? `Compare: ${wb.session.variant} ↔ ${compareTarget(wb, compareWith) ?? '—'}` : TAB_INFO[tab].label);
  const shown = openTabs.includes(activeTab) ? activeTab : openTabs[0];

  return (
    <section className="editor-area" aria-label="Editor">
      <div className="tabs-bar">
        <div className="tabs" role="tablist" aria-label="Editors">
          {openTabs.map((tab) => (
            <div key={tab} className={`tab ${tab === shown ? 'active' : ''}`}>
              <button
                type="button"
                role="tab"
                id={`editor-tab-${tab}`}
                aria-selected={tab === shown}
                aria-controls="editor-view"
                className="tab-label"
                onClick={() => ctx.ui.set({ activeTab: tab })}
              >
                <Icon name={TAB_INFO[tab].icon} className={`tab-icon tab-icon-${tab}`} />
                {tabLabel(tab)}
              </button>
              <button type="button" className="tab-close" aria-label={`Close ${tabLabel(tab)}`} onClick={() => ctx.ui.closeTab(tab)}>
                <Icon name="close" />
              </button>
            </div>
          ))}
        </div>
        <div className="tabs-actions">
          <CommandButton id="interleave.compareVariants" ctx={ctx} />
        </div>
      </div>
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <span><Icon name="symbol-namespace" /> {wb.session.model}</span>
        <Icon name="chevron-right" />
        <span><Icon name="beaker" /> {wb.session.variant}</span>
        <Icon name="chevron-right" />
        <span><Icon name="git-branch" /> {wb.branch.name}</span>
        <Icon name="chevron-right" />
        <span>step {wb.cursor} of {wb.branch.steps.length}</span>
      </nav>
      <div className="editor-view" id="editor-view" role="tabpanel" aria-labelledby={shown ? `editor-tab-${shown}` : undefined}>
        {!shown && <EmptyEditor />}
        {shown === 'statecharts' && <ViewHost wb={wb} view={StatechartView} />}
        {shown === 'sequence' && <ViewHost wb={wb} view={SequenceView} />}
        {shown === 'state' && <ViewHost wb={wb} view={StateView} />}
        {shown === 'metrics' && <MetricsEditor wb={wb} />}
        {shown === 'compare' && <CompareEditor wb={wb} other={compareWith} />}
      </div>
    </section>
  );
}

function EmptyEditor() {
  return (
    <div className="empty-editor">
      <Icon name="debug-alt" className="watermark" />
      <dl>
        <dt>Show All Commands</dt><dd><kbd>F1</kbd></dd>
        <dt>Step</dt><dd><kbd>F10</kbd></dd>
        <dt>Explore</dt><dd><kbd>F5</kbd></dd>
      </dl>
    </div>
  );
}
