/**
 * The whole sequence diagram as one standalone SVG document (for "export SVG" and PNG): the same
 * shapes as the on-screen view, every row, with its colours in an embedded style sheet instead of
 * the theme's CSS variables. The output depends only on the replay and the explanation.
 */
import { drawSequence, drawWaitsForever, rowY, waitsForeverHeight, type SeqGeometry } from './sequence-draw.ts';
import { layoutSequence } from './sequence-layout.ts';
import { escapeXml, px, toMarkup, type Shape } from './shapes.ts';
import type { ViewProps } from './types.ts';

export type SvgTheme = 'light' | 'dark';

const PALETTES: Record<SvgTheme, Record<string, string>> = {
  light: {
    bg: '#ffffff', fg: '#1f1f1f', muted: '#6e6e6e', line: '#c8c8c8', head: '#f3f3f3', message: '#005fb8', stimulus: '#388a34',
    red: '#c72e2e', orange: '#b35c00', yellow: '#8f6b00', purple: '#7a3fb5', band: '#fbe9e9', label: '#1f1f1f',
  },
  dark: {
    bg: '#1e1e1e', fg: '#d4d4d4', muted: '#9d9d9d', line: '#4a4a4a', head: '#252526', message: '#4fa3ff', stimulus: '#89d185',
    red: '#f14c4c', orange: '#e8a25c', yellow: '#cca700', purple: '#b180d7', band: '#4b1818', label: '#e0e0e0',
  },
};

function styleSheet(p: Record<string, string>): string {
  return [
    `text{font-family:system-ui,-apple-system,'Segoe UI',Ubuntu,sans-serif;font-size:11px;fill:${p.fg}}`,
    `.iv-lifeline{stroke:${p.line};stroke-width:1.5;stroke-dasharray:4 3}`,
    `.iv-lifeline-env{stroke-dasharray:1 3}`,
    `.iv-msg-line{stroke:${p.message};stroke-width:1.5;fill:none}`,
    `.iv-msg-head{fill:${p.message};stroke:${p.message};stroke-width:1.5}`,
    `.iv-msg-flying{stroke-dasharray:5 3}`,
    `.iv-msg-drop .iv-msg-line,.iv-stub-dropped-full .iv-msg-line{stroke:${p.red}}`,
    `.iv-glyph-drop,.iv-stub-dropped-full .iv-msg-head{stroke:${p.red};stroke-width:2;fill:none}`,
    `.iv-msg-fail .iv-msg-line,.iv-stub-fail-reply .iv-msg-line,.iv-stub-failed-full .iv-msg-line{stroke:${p.orange}}`,
    `.iv-glyph-fail,.iv-stub-failed-full .iv-msg-head{stroke:${p.orange};stroke-width:2;fill:none}`,
    `.iv-stub-fail-reply .iv-msg-line{stroke-dasharray:3 2}.iv-stub-fail-reply .iv-msg-head{fill:${p.orange};stroke:${p.orange}}`,
    `.iv-stub-blocked .iv-msg-line,.iv-stub-blocked .iv-msg-head{stroke:${p.yellow};stroke-width:2}`,
    `.iv-stub-stimulus .iv-msg-line{stroke:${p.stimulus}}.iv-stub-stimulus .iv-msg-head{fill:${p.stimulus};stroke:${p.stimulus}}`,
    `.iv-msg-rest{opacity:.35}.iv-future{opacity:.4}`,
    `.iv-flight-marker{fill:${p.bg};stroke:${p.message};stroke-width:2}`,
    `.iv-msg-label{font-size:10.5px;fill:${p.label};paint-order:stroke;stroke:${p.bg};stroke-width:3px;stroke-linejoin:round}`,
    `.iv-glyph-delay{fill:${p.yellow};stroke:${p.yellow}}`,
    `.iv-glyph-timer circle{fill:${p.bg};stroke:${p.purple};stroke-width:1.5}.iv-glyph-timer .iv-clock-hands{stroke:${p.purple};fill:none}`,
    `.iv-glyph-expire circle{fill:${p.orange};stroke:${p.orange}}.iv-glyph-expire .iv-clock-hands{stroke:${p.bg};fill:none;stroke-width:1.5}`,
    `.iv-glyph-crash{fill:${p.red}}`,
    `.iv-glyph-overlap rect{fill:${p.bg};stroke:${p.orange};stroke-width:1.5}.iv-glyph-exit{fill:${p.muted}}`,
    `.iv-glyph-stale polygon{fill:${p.yellow};stroke:${p.yellow};stroke-linejoin:round}.iv-glyph-stale .iv-warning-bang{stroke:${p.bg};stroke-width:1.5;fill:none}`,
    `.iv-glyph-job{fill:${p.message}}.iv-glyph-done circle{fill:${p.bg};stroke:${p.stimulus};stroke-width:1.5}.iv-glyph-done .iv-done-tick{stroke:${p.stimulus};stroke-width:1.75;fill:none}`,
    `.iv-mark-label{font-size:10.5px;fill:${p.muted};paint-order:stroke;stroke:${p.bg};stroke-width:3px}`,
    `.iv-waits-line{stroke:${p.red};stroke-dasharray:2 2}.iv-glyph-never circle,.iv-glyph-never path{fill:none;stroke:${p.red};stroke-width:2}`,
    `.iv-waits-title{fill:${p.red};font-weight:600}.iv-waits-events{fill:${p.fg}}`,
    `.iv-head rect{fill:${p.head};stroke:${p.line}}.iv-head text{font-weight:600;font-size:12px}`,
    `.iv-num{fill:${p.muted};font-family:ui-monospace,Menlo,Consolas,monospace;font-size:10.5px}`,
    `.iv-desc{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:10.5px}.iv-fault{fill:${p.orange}}`,
    `.iv-cause-band{fill:${p.band}}.iv-sentence{fill:${p.red}}`,
  ].join('');
}

/** Words wrapped into lines of at most `width` characters. */
function wrap(s: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of s.split(/\s+/)) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}

const HEAD = 44;
/** Width of one character of the step descriptions (10.5px monospace). */
const DESC_CHAR = 6.4;

export function sequenceSvg(props: ViewProps, theme: SvgTheme = 'light'): string {
  const { rt, replay, explanation } = props;
  const layout = layoutSequence(rt, replay);
  const g: SeqGeometry = { rowHeight: 28, columnWidth: 150, left: 48 };
  const rows = layout.rows.length;
  const last = rows - 1;
  const descX = g.left + layout.columns.length * g.columnWidth + 12;
  const width = descX + Math.max(320, Math.ceil(Math.max(...layout.rows.map((r) => r.text.length)) * DESC_CHAR) + 16);
  const sentence = explanation ? wrap(explanation.sentence, Math.floor((width - 32) / 6.2)) : [];
  const waits = explanation ? waitsForeverHeight(explanation.waiting) : 0;
  const footer = explanation ? waits + 16 + sentence.length * 15 : 16;
  const height = HEAD + rows * g.rowHeight + footer;

  const body: Shape[] = [];
  const cause = explanation?.cause ? explanation.cause.step + 1 : -1;
  if (cause >= 0) body.push({ tag: 'rect', attrs: { x: 0, y: cause * g.rowHeight, width, height: g.rowHeight, className: 'iv-cause-band' } });
  layout.rows.forEach((row, r) => {
    const y = rowY(g, r) + 4;
    body.push({ tag: 'text', attrs: { x: g.left - 10, y: px(y), className: 'iv-num', textAnchor: 'end' }, text: String(r) });
    body.push({ tag: 'text', attrs: { x: descX, y: px(y), className: row.fault ? 'iv-desc iv-fault' : 'iv-desc' }, text: row.text });
  });
  body.push(...drawSequence(layout, g, { first: 0, last, cursor: last }));
  if (explanation) {
    const y = rows * g.rowHeight;
    body.push(...drawWaitsForever(layout, g, explanation.waiting, y));
    sentence.forEach((s, i) => body.push({ tag: 'text', attrs: { x: 16, y: y + waits + 16 + i * 15, className: 'iv-sentence' }, text: s }));
  }

  const head = layout.columns.map((name, c): Shape => {
    const x = g.left + c * g.columnWidth;
    return {
      tag: 'g',
      attrs: { className: 'iv-head' },
      children: [
        { tag: 'rect', attrs: { x: x + 8, y: 8, width: g.columnWidth - 16, height: 26, rx: 4 } },
        { tag: 'text', attrs: { x: px(x + g.columnWidth / 2), y: 25, textAnchor: 'middle' }, text: name },
      ],
    };
  });

  const title = `${rt.model.id} / ${rt.variant}: ${replay.steps.length} steps`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${px(width)}" height="${px(height)}" viewBox="0 0 ${px(width)} ${px(height)}">` +
    `<title>${escapeXml(title)}</title><style>${styleSheet(PALETTES[theme])}</style>` +
    `<rect width="100%" height="100%" fill="${PALETTES[theme].bg}"/>` +
    toMarkup(head) +
    `<g transform="translate(0,${HEAD})">${toMarkup(body)}</g></svg>`
  );
}
