/**
 * Models → variants → actors. Choosing a variant switches the session; clicking an actor focuses it in
 * every view. A variant the explorer has searched shows its verdict as an icon.
 */
import type { KeyboardEvent } from 'react';
import { isRunning } from '../../engine/index.ts';
import { models } from '../models.ts';
import { runKey, verdictOf } from '../state/explore-runs.ts';
import { useExploreStore } from '../state/explore-store.ts';
import { useSessionStore } from '../state/session-store.ts';
import { useUiStore } from '../state/ui-store.ts';
import type { Workbench } from '../state/workbench.ts';
import { Icon } from '../widgets/Icon.tsx';
import { VerdictIcon } from './VariantRuns.tsx';

/** Enter and Space activate a tree item, as a click does. */
function activate(run: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    e.stopPropagation();
    run();
  };
}

export function ModelTree({ wb }: { wb: Workbench }) {
  const selectVariant = useSessionStore((s) => s.selectVariant);
  const focusedActor = useUiStore((s) => s.focusedActor);
  const setUi = useUiStore((s) => s.set);
  const explored = useExploreStore((s) => s.runs);
  const { session } = wb;

  return (
    <ul className="tree" role="tree" aria-label="Models">
      {models.map((model) => (
        <li key={model.id} role="treeitem" aria-label={model.id} aria-expanded="true" aria-selected="false" className="tree-node">
          <div className="tree-row depth-0" title={model.summary}>
            <Icon name="chevron-down" className="twistie" />
            <Icon name="symbol-namespace" className="tree-icon model-icon" />
            <span className="tree-label">{model.id}</span>
            <span className="tree-description">{model.title}</span>
          </div>
          <ul role="group">
            {Object.entries(model.variants).map(([variant, spec]) => {
              const current = session.model === model.id && session.variant === variant;
              const choose = () => selectVariant(model.id, variant);
              const run = explored[runKey(model.id, variant)];
              return (
                <li
                  key={variant}
                  role="treeitem"
                  aria-label={variant}
                  aria-selected={current}
                  aria-expanded={current}
                  tabIndex={0}
                  className="tree-node"
                  data-testid={`variant-${variant}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    choose();
                  }}
                  onKeyDown={activate(choose)}
                >
                  <div className={`tree-row depth-1 ${current ? 'selected' : ''}`} title={spec.description}>
                    <Icon name={current ? 'chevron-down' : 'chevron-right'} className="twistie" />
                    <Icon name="beaker" className="tree-icon variant-icon" />
                    <span className="tree-label">{variant}</span>
                    {run && (
                      <span className="tree-verdict" title={verdictOf(run).text}>
                        <VerdictIcon verdict={verdictOf(run)} labelled />
                      </span>
                    )}
                  </div>
                  {current && (
                    <ul role="group">
                      {wb.rt.actorNames.map((actor) => {
                        const focused = focusedActor === actor;
                        const focus = () => setUi({ focusedActor: focused ? null : actor });
                        return (
                          <li
                            key={actor}
                            role="treeitem"
                            aria-label={actor}
                            aria-selected={focused}
                            tabIndex={0}
                            data-testid={`actor-${actor}`}
                            onClick={(e) => {
                              e.stopPropagation();
                              focus();
                            }}
                            onKeyDown={activate(focus)}
                          >
                            <div className={`tree-row depth-2 ${focused ? 'focused-actor' : ''}`} title={`Focus ${actor} in every view`}>
                              <Icon name="symbol-object" className="tree-icon actor-icon" />
                              <span className="tree-label">{actor}</span>
                              <span className="tree-description">{actorState(wb, actor)}</span>
                            </div>
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function actorState(wb: Workbench, actor: string): string {
  const a = wb.rt.actor(actor);
  if (!isRunning(wb.world, a)) return 'not running';
  const value = wb.rt.snapshot(a, wb.world.snaps[a]).value;
  return typeof value === 'string' ? value : JSON.stringify(value).replace(/"/g, '');
}
