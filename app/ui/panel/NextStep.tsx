/**
 * Every step enabled at the cursor, faults included, each taken with one click. F10 takes the
 * highlighted one; at a past cursor a step other than the branch's own forks a new branch.
 */
import type { KeyboardEvent } from 'react';
import { canonicalJson } from '../../engine/index.ts';
import { step } from '../session/session.ts';
import { useSessionStore } from '../state/session-store.ts';
import { useUiStore } from '../state/ui-store.ts';
import { highlightedStep, type Workbench } from '../state/workbench.ts';
import { Icon } from '../widgets/Icon.tsx';
import { stepIcon } from './step-icons.ts';

export function NextStep({ wb }: { wb: Workbench }) {
  const apply = useSessionStore((s) => s.apply);
  const highlightedKey = useUiStore((s) => s.highlightedStep);
  const setUi = useUiStore((s) => s.set);
  const { enabled, cursor, branch } = wb;
  const highlighted = highlightedStep(wb, highlightedKey);
  const branchNext = branch.steps[cursor];

  const keys = (e: KeyboardEvent) => {
    const i = highlighted ? enabled.indexOf(highlighted) : -1;
    if (e.key === 'Enter' && highlighted) {
      e.preventDefault();
      apply((s) => step(s, highlighted.json));
      return;
    }
    const to = e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : null;
    if (to === null || enabled.length === 0) return;
    e.preventDefault();
    setUi({ highlightedStep: enabled[(to + enabled.length) % enabled.length].key });
  };

  return (
    <div className="next-step">
      {branchNext && (
        <div className="panel-hint">
          <Icon name="git-branch" />
          At step {cursor} of {branch.steps.length} on “{branch.name}”: its next step is highlighted; taking any other step forks a new branch.
        </div>
      )}
      {enabled.length === 0 ? (
        <p className="panel-message">Nothing is enabled: every actor is waiting and no message or timer is pending. The system is quiescent.</p>
      ) : (
        <div className="list" role="listbox" aria-label="Next step" tabIndex={0} onKeyDown={keys}>
          {enabled.map((e) => {
            const isHighlighted = e === highlighted;
            const onBranch = branchNext !== undefined && e.key === canonicalJson(branchNext);
            return (
              <div
                key={e.key}
                role="option"
                aria-label={e.label}
                aria-selected={isHighlighted}
                className={`list-row next-row ${isHighlighted ? 'highlighted' : ''} ${e.fault ? 'fault' : ''}`}
                onClick={() => apply((s) => step(s, e.json))}
              >
                <Icon name={stepIcon(e.json)} className={e.fault ? 'fault-mark' : 'step-kind'} />
                <span className="list-label">{e.label}</span>
                {e.fault && <span className="tag fault-tag">fault</span>}
                {onBranch && <span className="tag">next on branch</span>}
                {isHighlighted && <kbd className="keybinding">F10</kbd>}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
