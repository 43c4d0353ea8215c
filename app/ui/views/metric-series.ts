/**
 * The Metrics view's data, as plain values: each metric's series along the current trace (recorded
 * by the engine's Recorder, fed the replay the session already has), the verdict of each metric
 * property on it, and the pure parts of charting: several series on one time axis, the step at a
 * clicked time, tick increments in virtual time, the y range.
 */
import {
  checkMetricProperty,
  Recorder,
  type MetricPropertySpec,
  type MetricVerdict,
  type Replay,
  type Runtime,
  type Series,
} from '../../engine/index.ts';

/** One run's metrics: the trace's, or a simulated run's. */
export interface RunMetrics {
  series: Series[];
  /** One per metric property of the variant, in declaration order. */
  verdicts: MetricVerdict[];
  /** Virtual time the run reaches. */
  end: number;
  /** When each stimulus happened (trace only: a simulated run's are not sent back). */
  stimuli: Record<string, number[]> | null;
}

const traceMetricsOf = new WeakMap<Replay, RunMetrics>();

/** The metrics of a replayed trace, computed once per replay. */
export function traceMetrics(rt: Runtime, replay: Replay): RunMetrics {
  let m = traceMetricsOf.get(replay);
  if (!m) {
    const recorder = new Recorder(rt, replay.initial, replay.initialHappenings);
    for (const s of replay.steps) recorder.step(s.world, s.happenings, s.step);
    const series = recorder.finish();
    const end = replay.final.now;
    const verdicts = rt.metricProperties.map((p) => checkMetricProperty(p, series, recorder.stimuli, end));
    m = { series, verdicts, end, stimuli: recorder.stimuli };
    traceMetricsOf.set(replay, m);
  }
  return m;
}

/** Virtual time at each cursor position: 0 is the initial world, k the world after step k. */
export function cursorTimes(replay: Replay): number[] {
  return [replay.initial.now, ...replay.steps.map((s) => s.world.now)];
}

/** The last cursor whose world is at or before `t` (time never goes back along a trace); 0 before the start. */
export function cursorAtTime(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  if (hi < 0 || t < times[0]) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Several series on one x axis, as uPlot wants them: [x, y1, y2, …]. Every point keeps a row of its
 * own (a lateness metric may have two samples at one moment), with null in the other series' columns;
 * values are divided by `scale`.
 */
export function alignSeries(points: ReadonlyArray<ReadonlyArray<readonly [number, number]>>, scale: number): [number[], ...Array<Array<number | null>>] {
  const rows: Array<[t: number, series: number, v: number]> = [];
  points.forEach((ps, i) => {
    for (const [t, v] of ps) rows.push([t, i, v]);
  });
  // Stable: equal times keep series order, then time order within a series.
  rows.sort((a, b) => a[0] - b[0]);
  const x = rows.map((r) => r[0]);
  const ys = points.map((_, i) => rows.map((r) => (r[1] === i ? r[2] / scale : null)));
  return [x, ...ys];
}

/** Tick spacings that read well as virtual time, 1 ms to a week. */
export const TIME_INCREMENTS: readonly number[] = (() => {
  const s = 1000;
  const min = 60 * s;
  const h = 60 * min;
  return [
    1, 2, 5, 10, 20, 50, 100, 200, 250, 500,
    s, 2 * s, 5 * s, 10 * s, 15 * s, 30 * s,
    min, 2 * min, 5 * min, 10 * min, 15 * min, 30 * min,
    h, 2 * h, 3 * h, 6 * h, 12 * h, 24 * h, 48 * h, 168 * h,
  ];
})();

/** The y range: from 0 (or the lowest value below it) to a little above the highest value or the bound. */
export function valueRange(min: number, max: number, bound: number | null): [number, number] {
  const lo = Math.min(0, Number.isFinite(min) ? min : 0);
  const top = Math.max(Number.isFinite(max) ? max : 0, bound ?? -Infinity);
  if (!(top > lo)) return [lo, lo + 1];
  return [lo, top + (top - lo) * 0.08];
}

/** The metric properties declared over a metric, each with its index among the variant's metric properties. */
export function propertiesOf(rt: Runtime, metric: string): Array<{ spec: MetricPropertySpec; index: number }> {
  return rt.metricProperties.flatMap((spec, index) => (spec.metric === metric ? [{ spec, index }] : []));
}

/** Where the cycles of a `settles` property start in a run: the first `after` stimulus plus `settle`, or null. */
export function cycleStart(spec: MetricPropertySpec, stimuli: Record<string, number[]> | null): number | null {
  if (spec.kind !== 'settles' || !stimuli) return null;
  const t0 = stimuli[spec.after]?.[0];
  return t0 === undefined ? null : t0 + (spec.settle ?? 0);
}

/** A gauge holds its last value to the end of the run: the line is drawn on to `end`. */
export function holdToEnd(points: ReadonlyArray<readonly [number, number]>, end: number): ReadonlyArray<readonly [number, number]> {
  const last = points[points.length - 1];
  return last === undefined || last[0] >= end ? points : [...points, [end, last[1]]];
}

/** The last sample at or before `t`, or null when there is none yet. */
export function sampleAt(points: ReadonlyArray<readonly [number, number]>, t: number): readonly [number, number] | null {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid][0] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : points[lo - 1];
}
