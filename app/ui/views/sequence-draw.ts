/**
 * Draws a range of rows of the sequence diagram as shapes: lifelines, message arrows (solid once
 * delivered, dashed while in flight at the cursor, cut short by an × when dropped, broken when
 * failed), and the glyphs for stimuli, timers, early expiries, crashes, delays, full links, the
 * overlap fault, a superseded instance's exit, a stale write landing, and a pooled event's worker
 * taking it and finishing it. Marks on one lifeline in one row sit side by side, their labels joined.
 * Coordinates are absolute in the whole diagram; the on-screen view draws only the rows in view.
 */
import { messagesInRows, type SeqMark, type SeqMessage, type SeqStub, type SequenceLayout } from './sequence-layout.ts';
import { arrowheadPoints, px, type Shape } from './shapes.ts';

export interface SeqGeometry {
  rowHeight: number;
  columnWidth: number;
  /** x where the first column starts. */
  left: number;
}

const columnX = (g: SeqGeometry, col: number): number => g.left + g.columnWidth * (col + 0.5);
export const rowY = (g: SeqGeometry, row: number): number => row * g.rowHeight + g.rowHeight / 2;

/** Height of one label in a stack of labels starting at the same point. */
const LABEL_STEP = 10;

/** How far across a dropped or failed message gets, and a send refused by a full link. */
const LOST_AT = 0.7;
const REFUSED_AT = 0.38;

const path = (d: string, className: string): Shape => ({ tag: 'path', attrs: { d, className } });
const text = (x: number, y: number, s: string, className: string, anchor: 'start' | 'middle' | 'end' = 'start'): Shape => ({
  tag: 'text',
  attrs: { x: px(x), y: px(y), className, textAnchor: anchor },
  text: s,
});
const line = (x1: number, y1: number, x2: number, y2: number, className: string): Shape => ({
  tag: 'line',
  attrs: { x1: px(x1), y1: px(y1), x2: px(x2), y2: px(y2), className },
});

export const glyphs = {
  arrowhead: (fromX: number, fromY: number, x: number, y: number, className: string): Shape => ({
    tag: 'polygon',
    attrs: { points: arrowheadPoints(fromX, fromY, x, y), className },
  }),
  cross: (x: number, y: number, className: string) => path(`M${px(x - 4)},${px(y - 4)}L${px(x + 4)},${px(y + 4)}M${px(x - 4)},${px(y + 4)}L${px(x + 4)},${px(y - 4)}`, className),
  /** A cable cut: two short strokes across the line. */
  cut: (x: number, y: number, className: string) => path(`M${px(x - 1)},${px(y - 6)}L${px(x - 5)},${px(y + 6)}M${px(x + 4)},${px(y - 6)}L${px(x)},${px(y + 6)}`, className),
  bar: (x: number, y: number, className: string) => path(`M${px(x)},${px(y - 6)}V${px(y + 6)}`, className),
  hourglass: (x: number, y: number, className: string) => path(`M${px(x - 4)},${px(y - 5)}H${px(x + 4)}L${px(x - 4)},${px(y + 5)}H${px(x + 4)}Z`, className),
  clock: (x: number, y: number, className: string): Shape => ({
    tag: 'g',
    attrs: { className },
    children: [
      { tag: 'circle', attrs: { cx: px(x), cy: px(y), r: 6.5 } },
      path(`M${px(x)},${px(y - 4)}V${px(y)}L${px(x + 3)},${px(y + 2)}`, 'iv-clock-hands'),
    ],
  }),
  burst(x: number, y: number, className: string): Shape {
    const points: string[] = [];
    for (let i = 0; i < 16; i++) {
      const r = i % 2 === 0 ? 8 : 3.5;
      const a = (Math.PI * i) / 8;
      points.push(`${px(x + r * Math.sin(a))},${px(y - r * Math.cos(a))}`);
    }
    return { tag: 'polygon', attrs: { points: points.join(' '), className } };
  },
  /** Two instances at once: two stacked, offset squares (the overlap fault). */
  layers: (x: number, y: number, className: string): Shape => ({
    tag: 'g',
    attrs: { className },
    children: [
      { tag: 'rect', attrs: { x: px(x - 2), y: px(y - 7), width: 9, height: 9, rx: 1 } },
      { tag: 'rect', attrs: { x: px(x - 7), y: px(y - 2), width: 9, height: 9, rx: 1 } },
    ],
  }),
  /** An instance stops: a filled square. */
  stop: (x: number, y: number, className: string): Shape => ({ tag: 'rect', attrs: { x: px(x - 5), y: px(y - 5), width: 10, height: 10, className } }),
  /** A stale write lands: a warning triangle. */
  warning: (x: number, y: number, className: string): Shape => ({
    tag: 'g',
    attrs: { className },
    children: [
      { tag: 'polygon', attrs: { points: `${px(x)},${px(y - 8)} ${px(x + 8)},${px(y + 6)} ${px(x - 8)},${px(y + 6)}` } },
      path(`M${px(x)},${px(y - 3)}V${px(y + 1.5)}M${px(x)},${px(y + 3)}V${px(y + 4.5)}`, 'iv-warning-bang'),
    ],
  }),
  /** A worker takes an event: a play triangle. */
  play: (x: number, y: number, className: string): Shape => ({
    tag: 'polygon',
    attrs: { points: `${px(x - 4)},${px(y - 6)} ${px(x + 6)},${px(y)} ${px(x - 4)},${px(y + 6)}`, className },
  }),
  /** A worker is done: a tick in a circle. */
  done: (x: number, y: number, className: string): Shape => ({
    tag: 'g',
    attrs: { className },
    children: [
      { tag: 'circle', attrs: { cx: px(x), cy: px(y), r: 6.5 } },
      path(`M${px(x - 3)},${px(y)}L${px(x - 0.5)},${px(y + 2.5)}L${px(x + 3.5)},${px(y - 2.5)}`, 'iv-done-tick'),
    ],
  }),
  /** Waits forever: a circle with a bar through it. */
  never: (x: number, y: number, className: string): Shape => ({
    tag: 'g',
    attrs: { className },
    children: [
      { tag: 'circle', attrs: { cx: px(x), cy: px(y), r: 8 } },
      path(`M${px(x - 5.6)},${px(y + 5.6)}L${px(x + 5.6)},${px(y - 5.6)}`, ''),
    ],
  }),
};

/** A message's path: from its sending row to where it was taken off its link (or the diagram's end). */
function trajectory(layout: SequenceLayout, g: SeqGeometry, m: SeqMessage) {
  const x1 = columnX(g, m.from);
  const y1 = rowY(g, m.sent);
  const x2 = columnX(g, m.to);
  const across = m.endKind === 'deliver' ? 1 : m.endKind === null ? 0.5 : LOST_AT;
  const xe = x1 + (x2 - x1) * across;
  const ye = m.end === null ? layout.rows.length * g.rowHeight : rowY(g, m.end);
  /** The point where the message is when the world is at `row`. */
  const at = (row: number, min = 0) => {
    const t = ye === y1 ? 1 : Math.min(1, Math.max(min, (rowY(g, row) - y1) / (ye - y1)));
    return { x: x1 + (xe - x1) * t, y: rowY(g, row) };
  };
  return { x1, y1, xe, ye, dir: x2 >= x1 ? 1 : -1, at };
}

function drawMessage(layout: SequenceLayout, g: SeqGeometry, m: SeqMessage, cursor: number): Shape {
  const { x1, y1, xe, ye, dir, at } = trajectory(layout, g, m);
  const kind = m.endKind ?? 'pending';
  const flying = m.sent <= cursor && (m.end === null || m.end > cursor);
  const out: Shape[] = [{ tag: 'title', attrs: {}, text: m.title }];
  const ending = (className: string): Shape[] => {
    if (m.endKind === 'deliver') return [glyphs.arrowhead(x1, y1, xe, ye, className)];
    if (m.endKind === 'drop') return [glyphs.cross(xe, ye, `${className} iv-glyph-drop`)];
    if (m.endKind === 'fail') return [glyphs.cut(xe, ye, `${className} iv-glyph-fail`)];
    return [];
  };
  if (flying) {
    const p = at(cursor, 0.15);
    out.push(path(`M${px(x1)},${px(y1)}L${px(p.x)},${px(p.y)}`, 'iv-msg-line iv-msg-flying'));
    if (m.end !== null) out.push(path(`M${px(p.x)},${px(p.y)}L${px(xe)},${px(ye)}`, 'iv-msg-line iv-msg-rest'), ...ending('iv-msg-head iv-msg-rest'));
    out.push({ tag: 'circle', attrs: { cx: px(p.x), cy: px(p.y), r: 4.5, className: 'iv-flight-marker' } });
    // Named at the marker too when the arrow's own label is rows away.
    const labelY = m.end === null ? y1 : (y1 + ye) / 2;
    if (Math.abs(labelY - p.y) > 1.5 * g.rowHeight) out.push(text(p.x + 6 * dir, p.y + 13, m.label, 'iv-msg-label iv-flight-label', dir > 0 ? 'start' : 'end'));
  } else {
    out.push(path(`M${px(x1)},${px(y1)}L${px(xe)},${px(ye)}`, m.end === null ? 'iv-msg-line iv-msg-flying' : 'iv-msg-line'));
    out.push(...ending('iv-msg-head'));
  }
  for (const row of m.delays) {
    const p = at(row);
    out.push(glyphs.hourglass(p.x, p.y, 'iv-glyph-delay'));
  }
  if (m.end !== null) {
    // On the arrow, halfway: arrows that start or end together part before their middles.
    out.push(text((x1 + xe) / 2, (y1 + ye) / 2 + 3.5, m.label, 'iv-msg-label', 'middle'));
  } else out.push(text(x1 + 7 * dir, y1 - 5 - m.slot * LABEL_STEP, m.label, 'iv-msg-label', dir > 0 ? 'start' : 'end'));
  const future = m.sent > cursor ? ' iv-future' : '';
  return { tag: 'g', attrs: { className: `iv-msg iv-msg-${kind}${future}`, 'data-message': m.id }, children: out };
}

const REFUSED: Record<string, string> = { blocked: 'link full, sender blocked', 'dropped-full': 'link full, dropped', 'failed-full': 'link full, send failed' };

function drawStub(g: SeqGeometry, s: SeqStub, row: number, cursor: number): Shape {
  const y = rowY(g, row);
  const from = columnX(g, s.from);
  const to = columnX(g, s.to);
  const dir = to >= from ? 1 : -1;
  const out: Shape[] = [];
  if (s.kind === 'stimulus') {
    out.push(line(from, y, to, y, 'iv-msg-line'), glyphs.arrowhead(from, y, to, y, 'iv-msg-head'));
    out.push(text(from + 7 * dir, y - 5, s.label, 'iv-msg-label', dir > 0 ? 'start' : 'end'));
  } else if (s.kind === 'fail-reply') {
    // From where the failed call was cut back to its caller.
    const start = to + (from - to) * LOST_AT;
    out.push(line(start, y, to, y, 'iv-msg-line'), glyphs.arrowhead(start, y, to, y, 'iv-msg-head'));
    out.push(text(start - 6 * dir, y + 11, s.label, 'iv-msg-label', dir > 0 ? 'start' : 'end'));
  } else {
    const end = from + (to - from) * REFUSED_AT;
    const glyph = s.kind === 'blocked' ? glyphs.bar : s.kind === 'dropped-full' ? glyphs.cross : glyphs.cut;
    out.push(line(from, y, end, y, 'iv-msg-line'), glyph(end, y, 'iv-msg-head'));
    out.push(text(from + 7 * dir, y - 5 - s.slot * LABEL_STEP, `${s.label}: ${REFUSED[s.kind]}`, 'iv-msg-label', dir > 0 ? 'start' : 'end'));
  }
  const future = row > cursor ? ' iv-future' : '';
  return { tag: 'g', attrs: { className: `iv-stub iv-stub-${s.kind}${future}` }, children: out };
}

export interface DrawRange {
  first: number;
  last: number;
  /** Messages in flight at this row are drawn dashed up to it; later rows are dimmed. */
  cursor: number;
}

export function drawSequence(layout: SequenceLayout, g: SeqGeometry, { first, last, cursor }: DrawRange): Shape[] {
  const out: Shape[] = [];
  const top = first * g.rowHeight;
  const bottom = (last + 1) * g.rowHeight;
  layout.columns.forEach((name, c) => {
    const x = columnX(g, c);
    const className = c < layout.firstActor ? 'iv-lifeline iv-lifeline-env' : 'iv-lifeline';
    out.push({ tag: 'line', attrs: { x1: px(x), y1: top, x2: px(x), y2: bottom, className, 'data-lifeline': name } });
  });
  for (const m of messagesInRows(layout, first, last)) out.push(drawMessage(layout, g, m, cursor));
  for (let row = first; row <= last; row++) {
    const { stubs, marks } = layout.rows[row];
    for (const s of stubs) out.push(drawStub(g, s, row, cursor));
    const y = rowY(g, row);
    const future = row > cursor ? ' iv-future' : '';
    for (const [col, group] of marksByColumn(marks)) {
      const x = columnX(g, col);
      // Labels go right of the lifeline, or left of the last one so they stay out of the step text.
      const leftward = col === layout.columns.length - 1;
      const dir = leftward ? -1 : 1;
      group.forEach((mark, i) => {
        const glyph = markGlyph(mark.kind, x + dir * i * MARK_GAP, y);
        const children: Shape[] = mark.title ? [{ tag: 'title', attrs: {}, text: mark.title }, glyph] : [glyph];
        if (i === group.length - 1) {
          const labelX = x + dir * (11 + i * MARK_GAP);
          children.push(text(labelX, y + 4, group.map((m) => m.label).join('; '), 'iv-mark-label', leftward ? 'end' : 'start'));
        }
        out.push({ tag: 'g', attrs: { className: `iv-mark iv-mark-${mark.kind}${future}` }, children });
      });
    }
  }
  return out;
}

/** Room between two marks on one lifeline in one row. */
const MARK_GAP = 16;

/** A row's marks by lifeline, in the order they happened. */
function marksByColumn(marks: readonly SeqMark[]): Map<number, SeqMark[]> {
  const out = new Map<number, SeqMark[]>();
  for (const m of marks) out.set(m.col, [...(out.get(m.col) ?? []), m]);
  return out;
}

/** The glyph of a mark on a lifeline. */
export function markGlyph(kind: SeqMark['kind'], x: number, y: number): Shape {
  switch (kind) {
    case 'crash':
      return glyphs.burst(x, y, 'iv-glyph-crash');
    case 'overlap':
      return glyphs.layers(x, y, 'iv-glyph-overlap');
    case 'exit':
      return glyphs.stop(x, y, 'iv-glyph-exit');
    case 'stale-write':
      return glyphs.warning(x, y, 'iv-glyph-stale');
    case 'timer':
    case 'expire':
      return glyphs.clock(x, y, kind === 'expire' ? 'iv-glyph-expire' : 'iv-glyph-timer');
    case 'job-start':
      return glyphs.play(x, y, 'iv-glyph-job');
    case 'finish':
      return glyphs.done(x, y, 'iv-glyph-done');
  }
}

type WaitingList = ReadonlyArray<{ actor: string; waitsFor: string[] }>;

/** Events listed under a "waits forever" mark, one a line, at most this many. */
const WAIT_LINES = 5;

/** The height `drawWaitsForever` needs. */
export function waitsForeverHeight(waiting: WaitingList): number {
  const lines = Math.max(0, ...waiting.map((w) => Math.min(w.waitsFor.length, WAIT_LINES)));
  return 60 + lines * 13;
}

/** Below the last row: each waiting actor's lifeline ends in a "waits forever" mark listing what it waits for. */
export function drawWaitsForever(layout: SequenceLayout, g: SeqGeometry, waiting: WaitingList, y: number): Shape[] {
  const out: Shape[] = [];
  const chars = Math.floor(g.columnWidth / 6.2);
  for (const w of waiting) {
    const c = layout.columns.indexOf(w.actor, layout.firstActor);
    if (c < 0) continue;
    const x = columnX(g, c);
    const shown = w.waitsFor.length > WAIT_LINES ? [...w.waitsFor.slice(0, WAIT_LINES - 1), `+${w.waitsFor.length - WAIT_LINES + 1} more`] : w.waitsFor;
    const lines = shown.map((e) => (e.length > chars ? `${e.slice(0, chars - 1)}…` : e));
    out.push({
      tag: 'g',
      attrs: { className: 'iv-waits', 'data-waiting': w.actor },
      children: [
        line(x, y, x, y + 14, 'iv-waits-line'),
        glyphs.never(x, y + 24, 'iv-glyph-never'),
        text(x, y + 46, 'waits forever for', 'iv-waits-title', 'middle'),
        ...lines.map((l, i) => text(x, y + 60 + i * 13, l, 'iv-waits-events', 'middle')),
      ],
    });
  }
  return out;
}
