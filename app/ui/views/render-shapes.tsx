/** Shapes (see shapes.ts) as React SVG elements. */
import { createElement, type ReactNode } from 'react';
import type { Shape } from './shapes.ts';

export function renderShapes(shapes: readonly Shape[]): ReactNode[] {
  return shapes.map((s, i) => createElement(s.tag, { key: i, ...s.attrs }, s.text, s.children ? renderShapes(s.children) : undefined));
}
