/**
 * The ocsp-updater model against its seed (boulder's ocsp-updater work-smoothing design): under the
 * current behaviour an outage's backlog is re-signed at the limit and comes due again together,
 * cycle after cycle; each proposed design's peak-to-mean signing rate per cycle after the outage is
 * checked with fixed seeds. Expected figures are derived from the model's parameters.
 */
import { describe, expect, it } from 'vitest';
import {
  explore,
  measureReplay,
  peakToMeanCycles,
  replaySteps,
  Runtime,
  simulate,
  simulateRun,
  variantBounds,
  type RunTrace,
  type SimulationResult,
  type StepJson,
} from '../../app/engine/index.ts';
import ocsp from '../../machines/ocsp-updater/index.ts';
import {
  CYCLE_HOURS,
  HOUR,
  MEAN_RATE,
  OUTAGE_HOURS,
  POPULATION,
  RATE_LIMIT,
  SETTLED_RATIO,
  SETTLED_WITHIN,
} from '../../machines/ocsp-updater/params.ts';
import type { UpdaterContext } from '../../machines/ocsp-updater/policies.ts';
import { oldest, updateBucket } from '../../machines/ocsp-updater/population.ts';

const SEED = 20261123;
const VARIANTS = Object.keys(ocsp.variants);
const CYCLE = CYCLE_HOURS * HOUR;

/** The outage's backlog drains at the limit minus what keeps coming due: 2,400 / 200 = 12 hours. */
const BURST_HOURS = (OUTAGE_HOURS * MEAN_RATE) / (RATE_LIMIT - MEAN_RATE);

/** Solution 1 is as even as its hash: the fullest update bucket over the mean bucket. */
const bucketSizes = new Array<number>(CYCLE_HOURS).fill(0);
for (let serial = 1; serial <= POPULATION; serial++) bucketSizes[updateBucket(serial)]++;
const FULLEST_BUCKET = Math.max(...bucketSizes);
const HASH_RATIO = FULLEST_BUCKET / MEAN_RATE;

const simulations = new Map<string, SimulationResult>();
/** The variant's simulation with its own defaults (100 runs) from SEED, computed once. */
function simulated(variant: string): SimulationResult {
  let r = simulations.get(variant);
  if (r === undefined) simulations.set(variant, (r = simulate(new Runtime(ocsp, variant), { seed: SEED })));
  return r;
}

function smoothing(r: SimulationResult) {
  return r.properties.find((p) => p.property === 'signing-smooths')!;
}

/** One run's hourly signatures in each full cycle after the updater is back. */
function hourlyCycles(run: RunTrace): number[][] {
  const outage = run.steps.find((s) => s.do === 'stimulus');
  if (outage?.do !== 'stimulus' || outage.at === undefined) throw new Error('the run has no outage');
  const points = run.series.find((s) => s.metric === 'signatures per hour')!.points;
  const cycles: number[][] = [];
  for (let from = outage.at + OUTAGE_HOURS * HOUR; from + CYCLE <= run.result.end; from += CYCLE) {
    cycles.push(points.filter(([t]) => t >= from && t < from + CYCLE).map(([, v]) => v));
  }
  return cycles;
}

const count = (xs: number[], f: (x: number) => boolean) => xs.filter(f).length;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('ocsp-updater: the current behaviour', () => {
  it(`the burst comes due again together every cycle: peak/mean stays limit/mean = 3 (seed ${SEED})`, () => {
    const r = simulated('current');
    const p = smoothing(r);
    expect(p.failedRuns).toBe(r.runs);
    expect(p.cycles!.length).toBe(6);
    for (const ratio of p.cycles!) expect(ratio).toBeCloseTo(RATE_LIMIT / MEAN_RATE, 3);
  });

  it(`each cycle after the outage: ${BURST_HOURS} hours at the limit, the outage's ${OUTAGE_HOURS} hours empty (seed ${SEED})`, () => {
    const run = simulateRun(new Runtime(ocsp, 'current'), SEED);
    const cycles = hourlyCycles(run);
    expect(cycles.length).toBeGreaterThanOrEqual(6);
    for (const hours of cycles) {
      expect(hours.length).toBe(CYCLE_HOURS);
      expect(count(hours, (v) => v === RATE_LIMIT)).toBe(BURST_HOURS);
      expect(count(hours, (v) => v === 0)).toBe(OUTAGE_HOURS);
      // Every certificate is signed once per cycle, however bunched.
      expect(mean(hours)).toBe(MEAN_RATE);
    }
  });
});

describe('ocsp-updater: the proposed designs', () => {
  it(`hash-buckets (Solution 1): settles in one cycle, to the hash's own unevenness (seed ${SEED})`, () => {
    const r = simulated('hash-buckets');
    const p = smoothing(r);
    expect(p.failedRuns).toBe(0);
    expect(p.undecidedRuns).toBe(0);
    // The first cycle still holds the burst; from the second on, only the fullest bucket stands out.
    expect(p.cycles![0]).toBeGreaterThan(SETTLED_RATIO);
    for (const ratio of p.cycles!.slice(SETTLED_WITHIN - 1)) expect(ratio).toBeCloseTo(HASH_RATIO, 3);
    expect(HASH_RATIO).toBeLessThan(SETTLED_RATIO);
  });

  it(`hash-buckets: the burst is signed once, then each hour signs its own bucket (seed ${SEED})`, () => {
    const run = simulateRun(new Runtime(ocsp, 'hash-buckets'), SEED);
    const [first, ...rest] = hourlyCycles(run);
    expect(Math.max(...first)).toBe(RATE_LIMIT);
    for (const hours of rest) {
      expect(Math.max(...hours)).toBe(FULLEST_BUCKET);
      expect(mean(hours)).toBe(MEAN_RATE);
      expect([...hours].sort((a, b) => a - b)).toEqual([...bucketSizes].sort((a, b) => a - b));
    }
  });

  it(`eager-signing (Solution 2): smooths slowly, for at most 15% extra work; not settled six cycles after the outage (seed ${SEED})`, () => {
    const r = simulated('eager-signing');
    const p = smoothing(r);
    expect(p.failedRuns).toBe(r.runs);
    const cycles = p.cycles!;
    expect(cycles.length).toBe(6);
    for (const ratio of cycles) expect(ratio).toBeGreaterThan(SETTLED_RATIO);
    // It does smooth: the backlog first signs at the limit, and the last cycle's peak is well below it.
    expect(cycles[0]).toBe(RATE_LIMIT / MEAN_RATE);
    expect(cycles[5]).toBeLessThan(0.75 * cycles[0]);
    // Signing early costs little extra work.
    const run = simulateRun(new Runtime(ocsp, 'eager-signing'), SEED);
    for (const hours of hourlyCycles(run)) expect(mean(hours)).toBeLessThan(1.15 * MEAN_RATE);
  });

  it(`histogram-smoothing (Solution 3) as written: never settles, and signs nearly twice the work (seed ${SEED})`, () => {
    const r = simulated('histogram-smoothing');
    const p = smoothing(r);
    expect(p.failedRuns).toBe(r.runs);
    // The work-ahead lands in the current hour, which becomes the next peak: every hour with due
    // responses signs at the limit, and the outage's hours, with nothing due, stay empty. Over its
    // own cycle's mean that peak would look almost smooth (70/46 = 1.52); over the steady rate it is 3.
    const busy = CYCLE_HOURS - OUTAGE_HOURS;
    for (const ratio of p.cycles!) expect(ratio).toBe(RATE_LIMIT / MEAN_RATE);
    const run = simulateRun(new Runtime(ocsp, 'histogram-smoothing'), SEED);
    for (const hours of hourlyCycles(run)) {
      expect(count(hours, (v) => v === RATE_LIMIT)).toBe(busy);
      expect(count(hours, (v) => v === 0)).toBe(OUTAGE_HOURS);
      expect(mean(hours)).toBeGreaterThan(1.9 * MEAN_RATE);
    }
  });
});

describe('ocsp-updater: every design', () => {
  const tick: StepJson = { do: 'timer', actor: 'updater', timer: 'tick' };

  it.each(VARIANTS)('%s: without an outage the steady state holds, peak/mean 1 (hash-buckets: its fullest bucket)', (variant) => {
    const rt = new Runtime(ocsp, variant);
    const replay = replaySteps(rt, new Array<StepJson>(2 * CYCLE_HOURS + 1).fill(tick));
    const { series } = measureReplay(rt, replay);
    const rate = series.find((s) => s.metric === 'signatures per hour')!;
    const stale = series.find((s) => s.metric === 'stale responses')!;
    const expected = variant === 'hash-buckets' ? HASH_RATIO : 1;
    const cycles = peakToMeanCycles(rate, 0, CYCLE, replay.final.now);
    expect(cycles.length).toBe(2);
    for (const ratio of cycles) expect(ratio).toBeCloseTo(expected, 6);
    expect(stale.points.every(([, v]) => v === 0)).toBe(true);
  });

  it('the outage in steps: no signing for a day, then the backlog at the limit (replayed trace)', () => {
    const rt = new Runtime(ocsp, 'current');
    const replay = replaySteps(rt, [
      tick,
      { do: 'stimulus', name: 'outage' },
      // A day of hourly runs that sign nothing; the last is due together with the end of the outage.
      ...new Array<StepJson>(OUTAGE_HOURS).fill(tick),
      { do: 'timer', actor: 'updater', timer: 'xstate.after.outage.updater.down' },
      ...new Array<StepJson>(BURST_HOURS + 1).fill(tick),
    ]);
    const snapshot = (i: number) => rt.snapshot(rt.actor('updater'), replay.steps[i].world.snaps[rt.actor('updater')]);
    const signed = (i: number) => (snapshot(i).context as UpdaterContext).signedLastHour;
    expect(signed(0)).toBe(MEAN_RATE);
    expect(snapshot(1).value).toBe('down');
    expect(signed(OUTAGE_HOURS + 1)).toBe(0);
    expect(snapshot(OUTAGE_HOURS + 2).value).toBe('running');
    const back = OUTAGE_HOURS + 3;
    const after = replay.steps.slice(back).map((_, i) => signed(back + i));
    expect(after).toEqual([...new Array<number>(BURST_HOURS).fill(RATE_LIMIT), MEAN_RATE]);
  });

  it.each(VARIANTS)(
    '%s holds back no due response: explored completely, the oldest is Y + outage - 1 hours old',
    (variant) => {
      const rt = new Runtime(ocsp, variant);
      const updater = rt.actor('updater');
      let worst = 0;
      const r = explore(rt, {
        bounds: variantBounds(ocsp, variant),
        onState: (w) => {
          worst = Math.max(worst, oldest((rt.snapshot(updater, w.snaps[updater]).context as UpdaterContext).cohorts));
        },
      });
      expect(r.complete).toBe(true);
      expect(r.findings).toEqual([]);
      // The response that came due as the outage began waits it out, and is signed first.
      expect(worst).toBe(CYCLE_HOURS + OUTAGE_HOURS - 1);
      expect(simulated(variant).properties.find((p) => p.property === 'due-responses-first')!.failedRuns).toBe(0);
    },
  );

  it(`simulation is deterministic: the same seed gives the same result (seed ${SEED})`, () => {
    const strip = (r: SimulationResult) => JSON.stringify({ ...r, ms: 0, stepsPerSecond: 0, runsPerSecond: 0 });
    const once = simulate(new Runtime(ocsp, 'hash-buckets'), { seed: SEED, runs: 10 });
    const again = simulate(new Runtime(ocsp, 'hash-buckets'), { seed: SEED, runs: 10 });
    expect(strip(again)).toBe(strip(once));
  });
});
