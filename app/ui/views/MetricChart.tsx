/**
 * One metric over virtual time, drawn by uPlot (loaded with this module, in its own chunk, on first
 * use). A gauge is a stepped line (a value holds until the next sample), a lateness metric points
 * (one per serviced timer). On top: the timeline cursor's time, a bound's limit, a `settles`
 * property's cycles. Dragging zooms every chart of the view at once, a double click zooms out, and a
 * click moves the timeline cursor to that time.
 */
import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatTime } from '../../engine/index.ts';
import { useChartPalette, type ChartPalette } from './chart-theme.ts';
import { formatValue } from './metric-format.ts';
import { alignSeries, holdToEnd, TIME_INCREMENTS, valueRange } from './metric-series.ts';
import { useElementWidth } from './use-element-width.ts';

export interface ChartLine {
  label: string;
  /** (virtual ms, raw value) */
  points: ReadonlyArray<readonly [number, number]>;
}

export interface MetricChartProps {
  name: string;
  kind: 'gauge' | 'lateness';
  unit: string;
  scale: number;
  /** One per run shown: the trace, or two variants' simulated runs. */
  lines: ChartLine[];
  /** Virtual time the longest run reaches: the x axis ends there. */
  end: number;
  /** A bound's limit, raw. */
  bound: number | null;
  /** A `settles` property's cycles: where the first starts and how long each is. */
  cycles: { start: number; length: number } | null;
  cursorTime: number;
  onPickTime(t: number): void;
}

const HEIGHT = 170;
/** Charts of one view zoom together and show the hovered time together. */
const SYNC_KEY = 'iv-metrics';
/** A click that moved further than this (CSS px) was a drag to zoom. */
const CLICK_SLOP = 3;

export default function MetricChart(props: MetricChartProps) {
  const { name, kind, unit, scale, lines, end, bound, cycles, cursorTime, onPickTime } = props;
  const palette = useChartPalette();
  const hostRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(hostRef, 0);
  const widthRef = useRef(width);
  widthRef.current = width;
  const ready = width > 0;
  const plotRef = useRef<uPlot | null>(null);
  // Read by the draw hook and the click handler, so neither change rebuilds the chart.
  const live = useRef({ cursorTime, onPickTime });
  live.current = { cursorTime, onPickTime };

  const data = useMemo(() => {
    const shown = lines.map((l) => (kind === 'gauge' ? holdToEnd(l.points, end) : l.points));
    // Rows with no value at 0 and at the end make the x axis span the whole run.
    const [x, ...ys] = alignSeries([...shown, [[0, NaN], [end, NaN]]], scale);
    return [x, ...ys.slice(0, -1)] as uPlot.AlignedData;
  }, [lines, kind, end, scale]);

  // Built once the host has a width; a new width is applied below without a rebuild.
  useEffect(() => {
    const host = hostRef.current;
    if (!host || !ready) return;
    const opts = chartOptions({ kind, unit, scale, lines, bound, cycles, palette, width: widthRef.current }, live);
    const plot = new uPlot(opts, data, host);
    plotRef.current = plot;
    let downX = NaN;
    const down = (e: MouseEvent) => (downX = e.clientX);
    const click = (e: MouseEvent) => {
      const left = plot.cursor.left;
      if (Math.abs(e.clientX - downX) > CLICK_SLOP || left === undefined || left < 0) return;
      live.current.onPickTime(plot.posToVal(left, 'x'));
    };
    plot.over.addEventListener('mousedown', down);
    plot.over.addEventListener('click', click);
    return () => {
      plot.destroy();
      plotRef.current = null;
    };
  }, [data, kind, unit, scale, lines, bound, cycles, palette, ready]);

  useEffect(() => {
    if (width > 0) plotRef.current?.setSize({ width, height: HEIGHT });
  }, [width]);

  useEffect(() => {
    plotRef.current?.redraw(false);
  }, [cursorTime]);

  return <div ref={hostRef} className="iv-metric-chart" role="img" aria-label={`${name} over virtual time`} data-testid="metric-chart" data-cursor-time={cursorTime} />;
}

interface Setup {
  kind: MetricChartProps['kind'];
  unit: string;
  scale: number;
  lines: ChartLine[];
  bound: number | null;
  cycles: MetricChartProps['cycles'];
  palette: ChartPalette;
  width: number;
}

function chartOptions(s: Setup, live: { current: { cursorTime: number } }): uPlot.Options {
  const { palette } = s;
  const font = `11px ${palette.font}`;
  const axis: uPlot.Axis = {
    stroke: palette.text,
    font,
    labelFont: font,
    grid: { stroke: palette.grid, width: 1 },
    ticks: { stroke: palette.axis, width: 1, size: 4 },
  };
  return {
    width: s.width,
    height: HEIGHT,
    pxAlign: 1,
    cursor: {
      sync: { key: SYNC_KEY, setSeries: false },
      drag: { x: true, y: false, setScale: true },
      points: { size: 6 },
    },
    legend: { show: true, live: true },
    scales: {
      x: { time: false },
      y: { range: (_u, min, max) => valueRange(min, max, s.bound === null ? null : s.bound / s.scale) },
    },
    axes: [
      // Virtual time: the tick values say so ("15 s"), no axis label needed.
      { ...axis, size: 28, space: 70, incrs: [...TIME_INCREMENTS], values: (_u, splits) => splits.map((t) => formatTime(t)) },
      {
        ...axis,
        label: s.unit,
        labelSize: 14,
        labelGap: 2,
        values: (_u, splits) => splits.map(formatValue),
        size: (_u, values) => (values ? Math.max(...values.map((v) => v.length)) * 7 + 14 : 40),
      },
    ],
    series: [
      { label: 'time', value: (_u, v) => (v === null ? '—' : formatTime(v)) },
      ...s.lines.map((l, i): uPlot.Series => ({
        label: l.label,
        stroke: palette.series[i % palette.series.length],
        width: 1.5,
        // The second run is dashed, so where the two coincide both still show.
        dash: i === 0 ? undefined : [6, 4],
        spanGaps: true,
        value: (_u, v) => (v === null ? '—' : `${formatValue(v)} ${s.unit}`),
        ...(s.kind === 'gauge'
          ? { paths: uPlot.paths.stepped!({ align: 1 }), points: { show: false } }
          : { paths: () => null, points: { show: true, size: 5, width: 1, fill: palette.series[i % palette.series.length] } }),
      })),
    ],
    hooks: {
      draw: [(u) => drawOverlays(u, s, live.current.cursorTime)],
      setScale: [(u, key) => key === 'x' && syncZoom(u)],
    },
  };
}

/** Zooming one chart zooms the others of the view to the same time range. */
function syncZoom(u: uPlot): void {
  const { min, max } = u.scales.x;
  if (min === undefined || max === undefined) return;
  for (const other of uPlot.sync(SYNC_KEY).plots) {
    if (other === u || (other.scales.x.min === min && other.scales.x.max === max)) continue;
    other.setScale('x', { min, max });
  }
}

/** The cursor's time, a bound's limit and a settles property's cycle boundaries, over the series. */
function drawOverlays(u: uPlot, s: Setup, cursorTime: number): void {
  const { ctx, bbox } = u;
  const ratio = uPlot.pxRatio;
  const { palette } = s;
  const [x0, x1] = [bbox.left, bbox.left + bbox.width];
  ctx.save();
  ctx.beginPath();
  ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
  ctx.clip();
  ctx.font = `${10 * ratio}px ${palette.font}`;
  if (s.cycles) {
    ctx.strokeStyle = palette.cycle;
    ctx.fillStyle = palette.cycle;
    ctx.lineWidth = ratio;
    ctx.setLineDash([2 * ratio, 3 * ratio]);
    const { min = 0, max = 0 } = u.scales.x;
    const first = Math.max(0, Math.ceil((min - s.cycles.start) / s.cycles.length));
    for (let k = first, t = s.cycles.start + k * s.cycles.length; t <= max && k < first + 200; k++, t += s.cycles.length) {
      const x = Math.round(u.valToPos(t, 'x', true));
      ctx.beginPath();
      ctx.moveTo(x, bbox.top);
      ctx.lineTo(x, bbox.top + bbox.height);
      ctx.stroke();
      ctx.fillText(k === 0 ? 'cycle 1' : `${k + 1}`, x + 3 * ratio, bbox.top + 10 * ratio);
    }
  }
  if (s.bound !== null) {
    const y = Math.round(u.valToPos(s.bound / s.scale, 'y', true));
    ctx.strokeStyle = palette.bound;
    ctx.fillStyle = palette.bound;
    ctx.lineWidth = ratio;
    ctx.setLineDash([6 * ratio, 4 * ratio]);
    ctx.beginPath();
    ctx.moveTo(x0, y);
    ctx.lineTo(x1, y);
    ctx.stroke();
    ctx.textAlign = 'right';
    // Above the line, or below it when the line runs along the top.
    const labelY = y - 14 * ratio < bbox.top ? y + 12 * ratio : y - 4 * ratio;
    ctx.fillText(`limit ${formatValue(s.bound / s.scale)} ${s.unit}`, x1 - 4 * ratio, labelY);
    ctx.textAlign = 'left';
  }
  const x = Math.round(u.valToPos(cursorTime, 'x', true));
  if (x >= x0 && x <= x1) {
    ctx.strokeStyle = palette.cursor;
    ctx.fillStyle = palette.cursor;
    ctx.lineWidth = 1.5 * ratio;
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    // A small flag on top, as the Timeline's current-step arrow.
    ctx.beginPath();
    ctx.moveTo(x - 4 * ratio, bbox.top);
    ctx.lineTo(x + 4 * ratio, bbox.top);
    ctx.lineTo(x, bbox.top + 6 * ratio);
    ctx.fill();
  }
  ctx.restore();
}
