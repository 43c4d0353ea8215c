/**
 * The steps taken on the current branch. Click to jump (the cursor drives every view); shift-click
 * two steps to select a range for the State view's diff. Steps after the cursor are dimmed.
 */
import { useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { describeStep, isFault } from '../../engine/index.ts';
import { jump } from '../session/session.ts';
import { useSessionStore } from '../state/session-store.ts';
import { useUiStore } from '../state/ui-store.ts';
import type { Workbench } from '../state/workbench.ts';
import { Icon } from '../widgets/Icon.tsx';
import { stepIcon } from './step-icons.ts';

export function Timeline({ wb }: { wb: Workbench }) {
  const apply = useSessionStore((s) => s.apply);
  const selection = useUiStore((s) => s.selection);
  const setUi = useUiStore((s) => s.set);
  const openTab = useUiStore((s) => s.openTab);
  const current = useRef<HTMLDivElement>(null);
  const { replay, cursor, explanation } = wb;

  useEffect(() => {
    current.current?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  const click = (k: number) => (e: MouseEvent) => {
    if (!e.shiftKey) {
      setUi({ selection: [] });
      apply((s) => jump(s, k));
      return;
    }
    const next = selection.length === 1 && selection[0] !== k ? [selection[0], k].sort((a, b) => a - b) : [k];
    setUi({ selection: next });
    if (next.length === 2) openTab('state');
  };
  const keys = (e: KeyboardEvent) => {
    const to = { ArrowUp: cursor - 1, ArrowDown: cursor + 1, Home: 0, End: replay.steps.length }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    apply((s) => jump(s, to));
  };

  const rows = [{ label: 'Initial world', icon: 'home', fault: false, now: replay.initial.now }].concat(
    replay.steps.map((s) => ({ label: describeStep(s.json), icon: stepIcon(s.json), fault: isFault(s.json), now: s.world.now })),
  );
  return (
    <div className="timeline">
      {selection.length > 0 && (
        <div className="panel-hint">
          <Icon name="diff" />
          {selection.length === 1
            ? `Step ${selection[0]} selected: shift-click another step to diff the two worlds in the State view.`
            : `Diffing the world at step ${selection[0]} with the world at step ${selection[1]} in the State view.`}
          <button type="button" className="link-button" onClick={() => setUi({ selection: [] })}>
            Clear
          </button>
        </div>
      )}
      <div className="list" role="listbox" aria-label="Timeline" aria-multiselectable="true" tabIndex={0} onKeyDown={keys}>
        {rows.map((row, k) => {
          const isCursor = k === cursor;
          const isCause = explanation?.cause?.step === k - 1 && k > 0;
          return (
            <div
              key={k}
              ref={isCursor ? current : undefined}
              role="option"
              aria-label={k === 0 ? 'Initial world' : `Step ${k}: ${row.label}`}
              aria-selected={selection.includes(k)}
              aria-current={isCursor ? 'step' : undefined}
              className={`list-row timeline-row ${isCursor ? 'cursor' : ''} ${k > cursor ? 'future' : ''} ${selection.includes(k) ? 'selected' : ''}`}
              onClick={click(k)}
            >
              <span className="gutter">{isCursor ? <Icon name="debug-stackframe" className="cursor-arrow" /> : isCause ? <Icon name="error" className="cause-mark" /> : null}</span>
              <span className="step-number">{k}</span>
              <Icon name={row.icon} className={row.fault ? 'fault-mark' : 'step-kind'} />
              <span className="list-label">{row.label}</span>
              {isCause && <span className="tag error-tag">no way back after this step</span>}
              <span className="list-description">t={row.now} ms</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
