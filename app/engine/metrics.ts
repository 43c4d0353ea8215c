/**
 * Metrics over virtual time: recording a run's series, summarising samples, and checking the
 * properties declared over metrics (a bound, a peak-to-mean that settles). Everything here reads a
 * run after the fact, so the same run always gives the same series and verdicts.
 */
import type { Happening } from './apply.ts';
import type { MetricPropertySpec, MetricSpec, SettlesSpec } from './model.ts';
import type { Runtime } from './runtime.ts';
import type { Step } from './steps.ts';
import type { Replay } from './trace.ts';
import { View } from './view.ts';
import type { World } from './world.ts';

export interface Series {
  metric: string;
  unit: string;
  /** Divide values by this to show them in `unit`. */
  scale: number;
  /** (virtual ms, raw value), in time order. */
  points: Array<[t: number, v: number]>;
}

/** When each stimulus happened in a run, by name. */
export type StimulusTimes = Record<string, number[]>;

/**
 * Follows one run step by step. A gauge gets one sample per virtual moment the run passes through
 * (its value once everything at that moment has happened), or with `every` one at each multiple of
 * it; a lateness metric one sample per timer the scheduler services.
 */
export class Recorder {
  readonly stimuli: StimulusTimes = {};
  private readonly series: Series[];
  private readonly view: View;
  private readonly last: number[];
  private at: number;

  constructor(
    private readonly rt: Runtime,
    first: World,
    happenings: readonly Happening[] = [],
  ) {
    this.series = rt.metrics.map((m) => ({ metric: m.name, unit: m.unit, scale: m.scale ?? 1, points: [] }));
    this.view = new View(rt, first);
    this.at = first.now;
    this.last = rt.metrics.map(() => NaN);
    this.observe(first, happenings);
  }

  /** Records the world after a step and what happened in it. */
  step(world: World, happenings: readonly Happening[], step?: Step): void {
    if (world.now > this.at) this.flush(world.now);
    this.at = world.now;
    if (step?.kind === 'stimulus') (this.stimuli[this.rt.stimuli[step.index].name] ??= []).push(world.now);
    this.observe(world, happenings);
  }

  /** The series so far, the last moment's gauge values included. */
  finish(): Series[] {
    this.flush(this.at + 1);
    return this.series;
  }

  private observe(world: World, happenings: readonly Happening[]): void {
    this.view.at(world);
    this.rt.metrics.forEach((m, i) => {
      if (m.kind === 'gauge') this.last[i] = m.read(this.view);
      else for (const h of happenings) if (isServiceOf(m, h)) this.series[i].points.push([world.now, h.late]);
    });
  }

  /** The clock moves from `this.at` to `next`: gauges sample the value the moment ended with. */
  private flush(next: number): void {
    this.rt.metrics.forEach((m, i) => {
      if (m.kind !== 'gauge' || Number.isNaN(this.last[i])) return;
      const points = this.series[i].points;
      if (m.every === undefined) {
        if (points.length === 0 || points[points.length - 1][0] !== this.at) points.push([this.at, this.last[i]]);
        return;
      }
      // A periodic gauge samples at each multiple of `every` in [at, next).
      for (let t = Math.ceil(this.at / m.every) * m.every; t < next; t += m.every) {
        if (points.length === 0 || points[points.length - 1][0] < t) points.push([t, this.last[i]]);
      }
    });
  }
}

function isServiceOf(m: MetricSpec & { kind: 'lateness' }, h: Happening): h is Happening & { kind: 'serviced' } {
  return h.kind === 'serviced' && h.actor === m.actor && (m.timer === undefined || h.timer === m.timer);
}

export interface Summary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  max: number;
}

/** Mean and nearest-rank percentiles; all NaN for no samples. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { count: 0, mean: NaN, p50: NaN, p95: NaN, max: NaN };
  const sorted = Float64Array.from(values).sort();
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  let sum = 0;
  for (const v of sorted) sum += v;
  return { count: sorted.length, mean: sum / sorted.length, p50: rank(0.5), p95: rank(0.95), max: sorted[sorted.length - 1] };
}

export interface MetricVerdict {
  property: string;
  holds: boolean;
  /** Too short a run to decide (a `settles` property with fewer full cycles than it needs). */
  undecided?: boolean;
  message: string;
  /** `settles`: peak/mean of each full cycle after the stimulus. */
  cycles?: number[];
}

/** Checks one metric property against a run's series. */
export function checkMetricProperty(p: MetricPropertySpec, series: readonly Series[], stimuli: StimulusTimes, end: number): MetricVerdict {
  const s = series.find((x) => x.metric === p.metric);
  if (!s) return { property: p.name, holds: false, message: `metric ${p.metric} was not recorded` };
  if (p.kind === 'bound') {
    let worst: [number, number] | null = null;
    for (const pt of s.points) if (worst === null || pt[1] > worst[1]) worst = pt;
    if (worst === null || worst[1] <= p.max) return { property: p.name, holds: true, message: `${p.metric} stayed within ${show(p.max, s)}` };
    return { property: p.name, holds: false, message: `${p.metric} reached ${show(worst[1], s)} at t=${worst[0]}ms (limit ${show(p.max, s)})` };
  }
  return checkSettles(p, s, stimuli, end);
}

function checkSettles(p: SettlesSpec, s: Series, stimuli: StimulusTimes, end: number): MetricVerdict {
  const t0 = stimuli[p.after]?.[0];
  if (t0 === undefined) return { property: p.name, holds: true, message: `${p.after} did not happen in this run` };
  const cycles = peakToMeanCycles(s, t0 + (p.settle ?? 0), p.cycle, end, p.mean);
  const list = cycles.map((r) => r.toFixed(2)).join(', ');
  const ratio = p.mean === undefined ? 'peak/mean' : `peak/${p.mean}`;
  if (cycles.length < p.within) {
    return { property: p.name, holds: true, undecided: true, cycles, message: `only ${cycles.length} full cycles after ${p.after}; ${p.within} are needed` };
  }
  const lastBad = cycles.findLastIndex((r) => r > p.ratio);
  if (lastBad + 1 < p.within) {
    return { property: p.name, holds: true, cycles, message: `${ratio} per cycle after ${p.after}: ${list} (≤ ${p.ratio} from cycle ${p.within})` };
  }
  return { property: p.name, holds: false, cycles, message: `${ratio} per cycle after ${p.after}: ${list}; cycle ${lastBad + 1} is above ${p.ratio}, the limit from cycle ${p.within}` };
}

/**
 * Peak over mean of the samples in each full cycle [start + k·cycle, start + (k+1)·cycle) before
 * `end`: over the cycle's own mean, or over `mean` when given.
 */
export function peakToMeanCycles(s: Series, start: number, cycle: number, end: number, mean?: number): number[] {
  const out: number[] = [];
  for (let from = start; from + cycle <= end; from += cycle) {
    let max = 0;
    let sum = 0;
    let n = 0;
    for (const [t, v] of s.points) {
      if (t < from || t >= from + cycle) continue;
      max = Math.max(max, v);
      sum += v;
      n++;
    }
    if (mean !== undefined) out.push(max / mean);
    else out.push(n === 0 || sum === 0 ? 1 : max / (sum / n));
  }
  return out;
}

function show(v: number, s: Series): string {
  return `${+(v / s.scale).toFixed(3)} ${s.unit}`;
}

/** A replayed trace's metric series, and every metric property's verdict on it. */
export function measureReplay(rt: Runtime, replay: Replay): { series: Series[]; verdicts: MetricVerdict[] } {
  const recorder = new Recorder(rt, replay.initial, replay.initialHappenings);
  for (const s of replay.steps) recorder.step(s.world, s.happenings, s.step);
  const series = recorder.finish();
  const verdicts = rt.metricProperties.map((p) => checkMetricProperty(p, series, recorder.stimuli, replay.final.now));
  return { series, verdicts };
}
