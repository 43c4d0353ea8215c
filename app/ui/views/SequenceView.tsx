/**
 * The trace as a sequence diagram: a lifeline per actor (and one for the environment), a row per
 * step, arrows from the step that sent a message to the step that took it off its link. Rows are
 * virtualised and only the rows in view are drawn, from a layout computed once per replay, so a
 * trace of thousands of steps scrolls smoothly. Click a row (or use the arrow keys) to move the cursor.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { isRunning, valueLabel, type World } from '../../engine/index.ts';
import { ExplanationBanner } from './ExplanationBanner.tsx';
import { timeLabel } from './labels.ts';
import { renderShapes } from './render-shapes.tsx';
import { clampCursor, worldAt } from './replay-cursor.ts';
import { drawSequence, drawWaitsForever, glyphs, waitsForeverHeight, type SeqGeometry } from './sequence-draw.ts';
import { inFlightAt, layoutSequence, type SeqRow } from './sequence-layout.ts';
import type { Shape } from './shapes.ts';
import type { ViewProps } from './types.ts';
import { useElementWidth } from './use-element-width.ts';

const ROW = 28;
const GUTTER = 56;
/** Room kept for the step descriptions right of the lifelines. */
const DESCRIPTION = 300;

export function SequenceView({ rt, replay, cursor, focusedActor, onFocusActor, onJump, explanation }: ViewProps) {
  const layout = useMemo(() => layoutSequence(rt, replay), [rt, replay]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(scrollRef);
  const cols = layout.columns.length;
  const columnWidth = Math.round(Math.max(100, Math.min(180, (width - GUTTER - DESCRIPTION) / cols)));
  const geometry = useMemo<SeqGeometry>(() => ({ rowHeight: ROW, columnWidth, left: GUTTER }), [columnWidth]);
  const lanes = GUTTER + cols * columnWidth;
  const last = layout.rows.length - 1;
  const at = clampCursor(replay, cursor);

  const virtualizer = useVirtualizer({
    count: layout.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 12,
  });
  useEffect(() => {
    virtualizer.scrollToIndex(at, { align: 'auto' });
  }, [virtualizer, at]);

  const items = virtualizer.getVirtualItems();
  const first = items.length > 0 ? items[0].index : 0;
  const end = items.length > 0 ? items[items.length - 1].index : -1;
  const shapes = useMemo(() => (end >= first ? drawSequence(layout, geometry, { first, last: end, cursor: at }) : []), [layout, geometry, first, end, at]);

  const world = worldAt(replay, at);
  const inFlight = useMemo(() => inFlightAt(layout, at).length, [layout, at]);
  const waiting = new Set(explanation?.waiting.map((w) => w.actor));
  const causeRow = explanation?.cause ? explanation.cause.step + 1 : -1;
  const focusCol = focusedActor === null ? -1 : layout.columns.indexOf(focusedActor, layout.firstActor);
  const grid = useMemo(() => ({ gridTemplateColumns: `${GUTTER}px repeat(${cols}, ${columnWidth}px) minmax(${DESCRIPTION - 40}px, 1fr)` }), [cols, columnWidth]);

  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, items.length - 4);
    const target = { ArrowDown: at + 1, ArrowUp: at - 1, PageDown: at + page, PageUp: at - page, Home: 0, End: last }[e.key];
    if (target === undefined) return;
    // The list owns these keys while it has focus; the workbench's own bindings need not see them.
    e.preventDefault();
    e.stopPropagation();
    onJump(Math.max(0, Math.min(last, target)));
  };

  return (
    <div className="iv-view iv-sequence" data-testid="sequence-view">
      <div className="iv-toolbar">
        <span className="iv-stat">
          step <b>{at}</b> / {last}
        </span>
        <span className="iv-stat">
          <i className="codicon codicon-clock" aria-hidden="true" /> {timeLabel(world.now)}
        </span>
        <span className="iv-stat">
          <i className="codicon codicon-mail" aria-hidden="true" /> {inFlight} in flight
        </span>
        <span className="iv-stat">
          <i className="codicon codicon-zap" aria-hidden="true" /> {world.faults} fault{world.faults === 1 ? '' : 's'}
        </span>
        <Legend />
      </div>
      {explanation && <ExplanationBanner explanation={explanation} onJump={onJump} compact />}
      <div className="iv-seq-frame">
        <div className="iv-seq-head" style={grid}>
          <span className="iv-seq-num">#</span>
          {layout.columns.map((name, c) =>
            c < layout.firstActor ? (
              <span key={name} className="iv-seq-col is-env" title="stimuli from outside the system">
                <i className="codicon codicon-globe" aria-hidden="true" /> {name}
              </span>
            ) : (
              <button
                key={name}
                type="button"
                className={`iv-seq-col${c === focusCol ? ' is-focused' : ''}${waiting.has(name) ? ' is-waiting' : ''}`}
                onClick={() => onFocusActor(name)}
                title={`focus ${name}`}
              >
                <span className="iv-seq-col-name">
                  <i className="codicon codicon-symbol-class" aria-hidden="true" /> {name}
                </span>
                <span className="iv-seq-col-state">{columnState(rt, world, c - layout.firstActor)}</span>
              </button>
            ),
          )}
          <span className="iv-seq-desc-head">step</span>
        </div>
        <div
          ref={scrollRef}
          className="iv-seq-scroll"
          tabIndex={0}
          role="listbox"
          aria-label="trace steps"
          aria-activedescendant={`iv-seq-row-${at}`}
          onKeyDown={onKeyDown}
        >
          <div className="iv-seq-rows" style={{ height: virtualizer.getTotalSize(), minWidth: lanes + DESCRIPTION }}>
            {items.map((item) => (
              <Row
                key={item.key}
                index={item.index}
                row={layout.rows[item.index]}
                start={item.start}
                grid={grid}
                current={item.index === at}
                future={item.index > at}
                cause={item.index === causeRow ? (explanation?.kind ?? null) : null}
                onJump={onJump}
              />
            ))}
            {focusCol >= 0 && <div className="iv-seq-focus" style={{ left: GUTTER + focusCol * columnWidth, width: columnWidth }} />}
            {end >= first && (
              <svg className="iv-seq-svg" style={{ top: first * ROW, width: lanes, height: (end - first + 1) * ROW }} aria-hidden="true">
                <g transform={`translate(0,${-first * ROW})`}>{renderShapes(shapes)}</g>
              </svg>
            )}
          </div>
          {explanation && explanation.waiting.length > 0 && (
            <div className="iv-seq-footer" style={{ minWidth: lanes + DESCRIPTION }}>
              <svg style={{ width: lanes, height: waitsForeverHeight(explanation.waiting) }} aria-hidden="true">
                {renderShapes(drawWaitsForever(layout, geometry, explanation.waiting, 0))}
              </svg>
              <p className="iv-seq-sentence">{explanation.sentence}</p>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

interface RowProps {
  index: number;
  row: SeqRow;
  start: number;
  grid: { gridTemplateColumns: string };
  current: boolean;
  future: boolean;
  cause: 'stuck' | 'invariant' | 'stale-write' | null;
  onJump(cursor: number): void;
}

/** Rows keep their props while the list scrolls, so only rows that come into view render. */
const Row = memo(function Row({ index, row, start, grid, current, future, cause, onJump }: RowProps) {
  const cls = ['iv-seq-row', current && 'is-current', future && 'is-future', cause && 'is-cause', row.fault && 'is-fault'].filter(Boolean).join(' ');
  return (
    <div
      id={`iv-seq-row-${index}`}
      className={cls}
      style={{ ...grid, transform: `translateY(${start}px)`, height: ROW }}
      role="option"
      aria-selected={current}
      data-row={index}
      onClick={() => onJump(index)}
    >
      <span className="iv-seq-num">
        {row.fault && <i className="codicon codicon-zap" title="fault" aria-hidden="true" />}
        {index}
      </span>
      <span className="iv-seq-lanes" style={{ gridColumn: `2 / -2` }} />
      <span className="iv-seq-desc" title={row.changes ? `${row.text}\n${row.changes}` : row.text}>
        {cause && <span className="iv-badge iv-badge-error">{cause === 'stuck' ? 'stuck from here' : 'breaks here'}</span>}
        <span className="iv-seq-text">{row.text}</span>
        {row.changes && <span className="iv-seq-changes">{row.changes}</span>}
      </span>
    </div>
  );
});

/** The glyphs, drawn exactly as in the diagram. */
function Legend() {
  const entries: Array<[string, string, Shape[]]> = [
    ['delivered', 'iv-msg iv-msg-deliver', [{ tag: 'path', attrs: { d: 'M2,9H20', className: 'iv-msg-line' } }, glyphs.arrowhead(2, 9, 22, 9, 'iv-msg-head')]],
    ['in flight', 'iv-msg', [{ tag: 'path', attrs: { d: 'M2,9H16', className: 'iv-msg-line iv-msg-flying' } }, { tag: 'circle', attrs: { cx: 17, cy: 9, r: 4, className: 'iv-flight-marker' } }]],
    ['dropped', 'iv-msg iv-msg-drop', [{ tag: 'path', attrs: { d: 'M2,9H16', className: 'iv-msg-line' } }, glyphs.cross(18, 9, 'iv-glyph-drop')]],
    ['failed', 'iv-msg iv-msg-fail', [{ tag: 'path', attrs: { d: 'M2,9H15', className: 'iv-msg-line' } }, glyphs.cut(18, 9, 'iv-glyph-fail')]],
    ['delayed', 'iv-msg', [glyphs.hourglass(12, 9, 'iv-glyph-delay')]],
    ['link full', 'iv-stub iv-stub-blocked', [{ tag: 'path', attrs: { d: 'M2,9H16', className: 'iv-msg-line' } }, glyphs.bar(17, 9, 'iv-msg-head')]],
    ['timer', 'iv-mark', [glyphs.clock(12, 9, 'iv-glyph-timer')]],
    ['expired early', 'iv-mark', [glyphs.clock(12, 9, 'iv-glyph-expire')]],
    ['crash', 'iv-mark', [glyphs.burst(12, 9, 'iv-glyph-crash')]],
    ['overlap', 'iv-mark', [glyphs.layers(12, 9, 'iv-glyph-overlap')]],
    ['exit', 'iv-mark', [glyphs.stop(12, 9, 'iv-glyph-exit')]],
    ['stale write', 'iv-mark', [glyphs.warning(12, 9, 'iv-glyph-stale')]],
    ['worker takes', 'iv-mark', [glyphs.play(12, 9, 'iv-glyph-job')]],
    ['worker done', 'iv-mark', [glyphs.done(12, 9, 'iv-glyph-done')]],
  ];
  return (
    <span className="iv-legend" aria-label="legend">
      {entries.map(([label, cls, shapes]) => (
        <span key={label} className="iv-legend-item">
          <svg width="24" height="18" aria-hidden="true">
            <g className={cls}>{renderShapes(shapes)}</g>
          </svg>
          {label}
        </span>
      ))}
    </span>
  );
}

/** The state under a lifeline's name; a superseded instance that is not running has none. */
function columnState(rt: ViewProps['rt'], world: World, actor: number): string {
  return !isRunning(world, actor) ? 'not running' : valueLabel(rt.snapshot(actor, world.snaps[actor]).value);
}
