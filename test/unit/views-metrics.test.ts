/**
 * The Metrics view's pure parts: a trace's series (the engine's Recorder over the session's replay),
 * the step at a clicked time, series on one axis, display values; pools as the State and Sequence
 * views show them; and the workbench's stepping of a replayed simulated run (its timed stimuli are
 * offered, so F10 follows the run).
 */
import { assign, setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { canonicalJson, replaySteps, Runtime, simulateRun, type Series } from '../../app/engine/index.ts';
import { newSession } from '../../app/ui/session/session.ts';
import { deriveWorkbench, highlightedStep } from '../../app/ui/state/workbench.ts';
import { displayValue, formatValue } from '../../app/ui/views/metric-format.ts';
import {
  alignSeries,
  cursorAtTime,
  cursorTimes,
  cycleStart,
  holdToEnd,
  propertiesOf,
  sampleAt,
  TIME_INCREMENTS,
  traceMetrics,
  valueRange,
} from '../../app/ui/views/metric-series.ts';
import { layoutSequence } from '../../app/ui/views/sequence-layout.ts';
import { diffWorlds, worldFacts } from '../../app/ui/views/state-diff.ts';
import tlsReload from '../../machines/tls-reload/index.ts';
import { testModel } from './helpers.ts';

/** One worker; a job holds it 100 ms; a 50 ms tick is a timer that must wait for it. */
const ticker = setup({}).createMachine({
  context: { jobs: 0 },
  initial: 'idle',
  states: {
    idle: {
      on: { job: { actions: assign({ jobs: ({ context }) => context.jobs + 1 }) } },
      after: { 50: { target: 'idle', reenter: true } },
    },
  },
});

const pooled = testModel({
  actors: { ticker: { machine: ticker, pool: 'cpu', duration: (e) => (e.type === 'job' ? 100 : 0) } },
  pools: { cpu: { workers: 1 } },
  links: [],
  stimuli: [{ name: 'job', to: 'ticker', event: { type: 'job' }, times: 2 }],
  properties: [],
  metrics: [
    { kind: 'lateness', name: 'tick lateness', description: 'how late the tick gets the worker', unit: 'ms', actor: 'ticker' },
    { kind: 'gauge', name: 'jobs done', description: 'jobs finished', unit: 'jobs', read: (w) => w.actor('ticker').context.jobs },
  ],
  metricProperties: [{ kind: 'bound', name: 'tick-on-time', description: 'the tick is at most 100 ms late', metric: 'tick lateness', max: 100 }],
});

const TICK = 'xstate.after.50.(machine).idle';
const rt = new Runtime(pooled, 'main');
// Two jobs at t=0: the second waits for the first; the tick due at 50 waits for both.
const replay = replaySteps(rt, [
  { do: 'stimulus', name: 'job' },
  { do: 'stimulus', name: 'job' },
  { do: 'timer', actor: 'ticker', timer: TICK },
  { do: 'finish', actor: 'ticker', event: { type: 'job' } },
  { do: 'finish', actor: 'ticker', event: { type: 'job' } },
]);
const worldAt = (k: number) => (k === 0 ? replay.initial : replay.steps[k - 1].world);

describe('a trace’s metrics', () => {
  it('records each metric along the replay and judges its properties', () => {
    const m = traceMetrics(rt, replay);
    const [lateness, jobs] = m.series;
    expect(lateness.points).toEqual([[200, 150]]);
    expect(jobs.points).toEqual([[0, 0], [50, 0], [100, 1], [200, 2]]);
    expect(m.end).toBe(200);
    expect(m.stimuli).toEqual({ job: [0, 0] });
    expect(m.verdicts).toEqual([{ property: 'tick-on-time', holds: false, message: 'tick lateness reached 150 ms at t=200ms (limit 100 ms)' }]);
    expect(traceMetrics(rt, replay)).toBe(m);
    expect(propertiesOf(rt, 'tick lateness').map((p) => [p.spec.name, p.index])).toEqual([['tick-on-time', 0]]);
    expect(propertiesOf(rt, 'jobs done')).toEqual([]);
  });

  it('moves the cursor to the last step at or before a clicked time', () => {
    const times = cursorTimes(replay);
    expect(times).toEqual([0, 0, 0, 50, 100, 200]);
    expect(cursorAtTime(times, -5)).toBe(0);
    expect(cursorAtTime(times, 0)).toBe(2);
    expect(cursorAtTime(times, 49.9)).toBe(2);
    expect(cursorAtTime(times, 100)).toBe(4);
    expect(cursorAtTime(times, 150)).toBe(4);
    expect(cursorAtTime(times, 1e9)).toBe(5);
    expect(cursorAtTime([], 10)).toBe(0);
  });

  it('gives the same series as the simulated run it replays', () => {
    const tls = new Runtime(tlsReload, 'reload-every-connection');
    const run = simulateRun(tls, 7);
    const m = traceMetrics(tls, replaySteps(tls, run.steps));
    const plain = (s: Series[]) => JSON.parse(JSON.stringify(s));
    expect(plain(m.series)).toEqual(plain(run.series));
    expect(m.verdicts.map((v) => v.holds)).toEqual(run.result.verdicts.map((v) => v.holds));
  });
});

describe('pools', () => {
  it('lists each pool’s busy workers and its ready queue, and what a step changed in them', () => {
    const facts = worldFacts(rt, worldAt(3));
    expect(facts.pools).toHaveLength(1);
    const [cpu] = facts.pools;
    expect([cpu.name, cpu.workers, cpu.policy]).toEqual(['cpu', 1, 'fifo']);
    expect(cpu.busy.map((j) => [j.actor, j.event, j.timer, j.until])).toEqual([['ticker', 'job', null, 100]]);
    expect(cpu.ready.map((r) => [r.event, r.timer, r.since])).toEqual([
      ['job', null, 0],
      [TICK, TICK, 50],
    ]);
    const d = diffWorlds(worldFacts(rt, worldAt(3)), worldFacts(rt, worldAt(4)));
    expect(d.removed.jobs.map((j) => j.until)).toEqual([100]);
    expect(d.added.jobs.map((j) => j.until)).toEqual([200]);
    expect(d.removed.ready.map((r) => r.since)).toEqual([0]);
    expect(d.added.ready).toEqual([]);
    expect(worldFacts(rt, worldAt(5)).pools[0]).toMatchObject({ busy: [], ready: [] });
  });

  it('marks in the sequence diagram where a worker takes an event, after how long, and where it is done', () => {
    const rows = layoutSequence(rt, replay).rows;
    const marks = (k: number) => rows[k].marks.map((m) => [m.kind, m.label, m.title]);
    expect(marks(1)).toEqual([['job-start', 'job', 'a cpu worker takes job; busy until t=100 ms']]);
    expect(marks(2)).toEqual([]);
    expect(marks(4)).toEqual([
      ['finish', 'done', 'job done at t=100 ms: its transition lands, the worker is free'],
      ['job-start', 'job, waited 100 ms', 'a cpu worker takes job (it waited 100 ms for one); busy until t=200 ms'],
    ]);
    expect(marks(5)).toEqual([
      ['finish', 'done', 'job done at t=200 ms: its transition lands, the worker is free'],
      ['job-start', 'timer after 50 ms, waited 150 ms', 'a cpu worker takes timer after 50 ms (it waited 150 ms for one); busy until t=200 ms'],
    ]);
    expect(rows[5].text).toBe('ticker finishes job');
  });
});

describe('charting', () => {
  it('puts several series on one time axis, a row per point, scaled', () => {
    const a = [[0, 10], [5, 20], [5, 30]] as const;
    const b = [[2, 1000]] as const;
    expect(alignSeries([a, b], 10)).toEqual([
      [0, 2, 5, 5],
      [1, null, 2, 3],
      [null, 100, null, null],
    ]);
    expect(alignSeries([], 1)).toEqual([[]]);
  });

  it('holds a gauge to the end of the run and reads the sample at a time', () => {
    expect(holdToEnd([[0, 1], [10, 2]], 30)).toEqual([[0, 1], [10, 2], [30, 2]]);
    expect(holdToEnd([[0, 1], [30, 2]], 30)).toEqual([[0, 1], [30, 2]]);
    expect(holdToEnd([], 30)).toEqual([]);
    const points = [[0, 1], [10, 2], [10, 3], [20, 4]] as const;
    expect(sampleAt(points, -1)).toBeNull();
    expect(sampleAt(points, 0)).toEqual([0, 1]);
    expect(sampleAt(points, 15)).toEqual([10, 3]);
    expect(sampleAt(points, 99)).toEqual([20, 4]);
  });

  it('shows values briefly in their unit, and ranges the y axis to include a bound', () => {
    expect(formatValue(598)).toBe('598');
    expect(formatValue(23871.25)).toBe('23,871.3');
    expect(formatValue(12.3456)).toBe('12.35');
    expect(formatValue(0.026244)).toBe('0.0262');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(NaN)).toBe('—');
    expect(displayValue(7_200_000, 3_600_000, 'h')).toBe('2 h');
    expect(displayValue(NaN, 1, 'ms')).toBe('—');
    expect(valueRange(0, 100, null)).toEqual([0, 108]);
    expect(valueRange(0, 10, 500)).toEqual([0, 540]);
    expect(valueRange(-5, 5, null)).toEqual([-5, 5.8]);
    expect(valueRange(Infinity, -Infinity, null)).toEqual([0, 1]);
    expect([...TIME_INCREMENTS].sort((x, y) => x - y)).toEqual(TIME_INCREMENTS);
  });

  it('starts a settles property’s cycles after its stimulus and settling time', () => {
    const spec = { kind: 'settles', name: 's', description: '', metric: 'm', after: 'outage', settle: 7, cycle: 100, ratio: 1.5, within: 2 } as const;
    expect(cycleStart(spec, { outage: [40, 90] })).toBe(47);
    expect(cycleStart(spec, {})).toBeNull();
    expect(cycleStart(spec, null)).toBeNull();
    expect(cycleStart({ kind: 'bound', name: 'b', description: '', metric: 'm', max: 1 }, { outage: [1] })).toBeNull();
  });
});

describe('stepping a replayed simulated run', () => {
  it('offers the run’s next timed stimulus, so F10 follows the run instead of forking', () => {
    const rt = new Runtime(tlsReload, 'reload-every-connection');
    const { steps } = simulateRun(rt, 3);
    const k = steps.findIndex((s) => s.do === 'stimulus' && s.at !== undefined && s.at > 0);
    expect(k).toBeGreaterThanOrEqual(0);
    const wb = deriveWorkbench({ ...newSession('tls-reload', 'reload-every-connection', steps), cursor: k });
    expect(wb.enabled[0].key).toBe(canonicalJson(steps[k]));
    expect(wb.enabled[0].label).toMatch(/^stimulus \S+ at /);
    expect(highlightedStep(wb, null)?.key).toBe(canonicalJson(steps[k]));
  });
});
