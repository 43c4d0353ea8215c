/**
 * Charts draw on a canvas, which cannot read CSS custom properties: the colours are read from the
 * theme's properties (theme.css) and read again whenever <html data-theme> changes.
 */
import { useEffect, useState } from 'react';

export interface ChartPalette {
  /** One colour per overlaid series: this variant (or the trace), then the compared variant. */
  series: [string, string];
  text: string;
  grid: string;
  axis: string;
  cursor: string;
  bound: string;
  cycle: string;
  background: string;
  font: string;
}

function read(): ChartPalette {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string) => style.getPropertyValue(`--vscode-${name}`).trim();
  return {
    series: [v('charts-blue'), v('charts-orange')],
    text: v('descriptionForeground'),
    grid: `${v('charts-lines').slice(0, 7)}33`,
    axis: v('charts-lines'),
    cursor: v('debugIcon-breakpointCurrentStackframeForeground'),
    bound: v('charts-red'),
    cycle: v('charts-purple'),
    background: v('editor-background'),
    font: v('font-family'),
  };
}

/** The chart colours of the current theme. */
export function useChartPalette(): ChartPalette {
  const [palette, setPalette] = useState(read);
  useEffect(() => {
    const observer = new MutationObserver(() => setPalette(read()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return palette;
}
