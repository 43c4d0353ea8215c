/**
 * SVG drawing as data: the sequence diagram is drawn once into shapes, which React renders on
 * screen and `toMarkup` serialises for the exported SVG, so both show exactly the same picture.
 * Attribute names are React's (className, strokeDasharray, textAnchor).
 */
export interface Shape {
  tag: 'g' | 'line' | 'path' | 'polygon' | 'circle' | 'rect' | 'text' | 'title';
  attrs: Record<string, string | number>;
  text?: string;
  children?: Shape[];
}

/** Coordinates rounded to a tenth of a pixel: smaller markup, and the same output on every machine. */
export const px = (n: number): number => Math.round(n * 10) / 10;

/** The `points` of a triangular arrowhead whose tip is at (x, y), pointing away from (fromX, fromY). */
export function arrowheadPoints(fromX: number, fromY: number, x: number, y: number, length = 8, halfWidth = 3.5): string {
  const len = Math.hypot(x - fromX, y - fromY) || 1;
  const [dx, dy] = [(x - fromX) / len, (y - fromY) / len];
  const [bx, by] = [x - dx * length, y - dy * length];
  return [
    [x, y],
    [bx - dy * halfWidth, by + dx * halfWidth],
    [bx + dy * halfWidth, by - dx * halfWidth],
  ]
    .map(([a, b]) => `${px(a)},${px(b)}`)
    .join(' ');
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
export const escapeXml = (s: string): string => s.replace(/[&<>"]/g, (c) => escapes[c]);

const attrName = (name: string): string =>
  name === 'className' ? 'class' : name === 'viewBox' ? name : name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function toMarkup(shapes: readonly Shape[]): string {
  return shapes
    .map((s) => {
      const attrs = Object.entries(s.attrs)
        .map(([k, v]) => ` ${attrName(k)}="${escapeXml(String(v))}"`)
        .join('');
      const inner = (s.text !== undefined ? escapeXml(s.text) : '') + (s.children ? toMarkup(s.children) : '');
      return inner ? `<${s.tag}${attrs}>${inner}</${s.tag}>` : `<${s.tag}${attrs}/>`;
    })
    .join('');
}
