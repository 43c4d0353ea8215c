/**
 * The steps taken on the current branch. Click to jump (the cursor drives every view); shift-click
 * two steps to select a range for the State view's diff. Steps after the cursor are dimmed. Rows are
 * virtualised (as in the Sequence view), so a trace of thousands of steps stays smooth: only the rows
 * in view are rendered, and the cursor's row is scrolled into view when the cursor moves.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { describeStep, isFault } from '../../engine/index.ts';
import { jump } from '../session/session.ts';
import { useSessionStore } from '../state/session-store.ts';
import { useUiStore } from '../state/ui-store.ts';
import type { Workbench } from '../state/workbench.ts';
import { Icon } from '../widgets/Icon.tsx';
import { stepIcon } from './step-icons.ts';

/** The height of a row, as in panes.css (.timeline-row). */
const ROW = 22;

interface TimelineRowData {
  label: string;
  icon: string;
  fault: boolean;
  now: number;
}

export function Timeline({ wb }: { wb: Workbench }) {
  const apply = useSessionStore((s) => s.apply);
  const selection = useUiStore((s) => s.selection);
  const setUi = useUiStore((s) => s.set);
  const openTab = useUiStore((s) => s.openTab);
  const scrollRef = useRef<HTMLDivElement>(null);
  const { replay, cursor, explanation } = wb;

  const rows = useMemo<TimelineRowData[]>(
    () =>
      [{ label: 'Initial world', icon: 'home', fault: false, now: replay.initial.now }].concat(
        replay.steps.map((s) => ({ label: describeStep(s.json), icon: stepIcon(s.json), fault: isFault(s.json), now: s.world.now })),
      ),
    [replay],
  );

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 12,
  });
  useEffect(() => {
    if (cursor >= 0 && cursor < rows.length) virtualizer.scrollToIndex(cursor, { align: 'auto' });
  }, [virtualizer, cursor, rows.length]);

  const click = useCallback(
    (k: number, e: MouseEvent) => {
      if (!e.shiftKey) {
        setUi({ selection: [] });
        apply((s) => jump(s, k));
        return;
      }
      const next = selection.length === 1 && selection[0] !== k ? [selection[0], k].sort((a, b) => a - b) : [k];
      setUi({ selection: next });
      if (next.length === 2) openTab('state');
    },
    [apply, setUi, openTab, selection],
  );
  const keys = (e: KeyboardEvent) => {
    const to = { ArrowUp: cursor - 1, ArrowDown: cursor + 1, Home: 0, End: replay.steps.length }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    apply((s) => jump(s, to));
  };

  const causeRow = explanation?.cause ? explanation.cause.step + 1 : -1;
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
      <div ref={scrollRef} className="list timeline-list" role="listbox" aria-label="Timeline" aria-multiselectable="true" tabIndex={0} onKeyDown={keys}>
        <div className="timeline-rows" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const k = item.index;
            return (
              <TimelineRow
                key={item.key}
                k={k}
                row={rows[k]}
                start={item.start}
                isCursor={k === cursor}
                isCause={k === causeRow && k > 0}
                future={k > cursor}
                selected={selection.includes(k)}
                onClick={click}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface TimelineRowProps {
  k: number;
  row: TimelineRowData;
  start: number;
  isCursor: boolean;
  isCause: boolean;
  future: boolean;
  selected: boolean;
  onClick(k: number, e: MouseEvent): void;
}

/** Rows keep their props while the list scrolls, so only rows that come into view render. */
const TimelineRow = memo(function TimelineRow({ k, row, start, isCursor, isCause, future, selected, onClick }: TimelineRowProps) {
  return (
    <div
      role="option"
      aria-label={k === 0 ? 'Initial world' : `Step ${k}: ${row.label}`}
      aria-selected={selected}
      aria-current={isCursor ? 'step' : undefined}
      className={`list-row timeline-row ${isCursor ? 'cursor' : ''} ${future ? 'future' : ''} ${selected ? 'selected' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
      data-row={k}
      onClick={(e) => onClick(k, e)}
    >
      <span className="gutter">{isCursor ? <Icon name="debug-stackframe" className="cursor-arrow" /> : isCause ? <Icon name="error" className="cause-mark" /> : null}</span>
      <span className="step-number">{k}</span>
      <Icon name={row.icon} className={row.fault ? 'fault-mark' : 'step-kind'} />
      <span className="list-label">{row.label}</span>
      {isCause && <span className="tag error-tag">no way back after this step</span>}
      <span className="list-description">t={row.now} ms</span>
    </div>
  );
});
