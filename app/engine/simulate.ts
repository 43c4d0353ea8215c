/**
 * Simulation: many seeded random runs of one variant, each to a virtual-time horizon, with every
 * metric recorded and every property checked along the way. Run i uses seed `seed + i`, so the
 * worst run is one number away from being replayed and stepped (`--seed S --runs 1`).
 */
import { applyStep, initialWorld, type Happening } from './apply.ts';
import { encodeWorld } from './codec.ts';
import { checkMetricProperty, Recorder, summarize, type MetricVerdict, type Series, type Summary } from './metrics.ts';
import { FAULT_KINDS, type FaultKind, type InvariantSpec } from './model.ts';
import { mulberry32 } from './random.ts';
import type { Runtime } from './runtime.ts';
import { StateStore } from './state-store.ts';
import { enabledSteps, isFault, stepToJson, type Step, type StepJson, type StepPolicy } from './steps.ts';
import { View } from './view.ts';
import { nextTimeEvent, type World } from './world.ts';

export interface SimulateOptions {
  runs?: number;
  seed?: number;
  /** Virtual ms per run; default the model's `simulation.horizon`. */
  horizon?: number;
  maxSteps?: number;
  faultRate?: number;
  maxFaults?: number;
  faults?: FaultKind[];
  /** Called after each run. */
  onRun?: (done: number, run: RunResult) => void;
  /** Polled between runs: true stops with the runs done so far. */
  isCancelled?: () => boolean;
  clock?: () => number;
}

export interface RunResult {
  seed: number;
  steps: number;
  /** Virtual time the run reached. */
  end: number;
  stopped: 'horizon' | 'quiescent' | 'maxSteps';
  /** Properties that failed in this run: invariants (first violation) and metric properties. */
  failures: Array<{ property: string; message: string; step?: number }>;
  /** Every metric property's verdict in this run. */
  verdicts: MetricVerdict[];
  /** Each metric's largest sample in this run (NaN when it has none). */
  peaks: Record<string, number>;
}

export interface MetricReport extends Summary {
  metric: string;
  unit: string;
  scale: number;
  /** The seed of the run with the largest sample. */
  worstSeed: number | null;
}

export interface PropertyReport {
  property: string;
  kind: 'invariant' | 'bound' | 'settles';
  description: string;
  /** Runs in which it failed, and the first such run's seed and message. */
  failedRuns: number;
  undecidedRuns: number;
  firstFailure: { seed: number; message: string } | null;
  /** `settles`: mean peak/mean of each cycle index over the runs that had it. */
  cycles?: number[];
}

export interface SimulationResult {
  model: string;
  variant: string;
  runs: number;
  seed: number;
  horizon: number;
  steps: number;
  ms: number;
  stepsPerSecond: number;
  runsPerSecond: number;
  /** Runs whose step limit cut them before the horizon. */
  cutRuns: number;
  cancelled: boolean;
  metrics: MetricReport[];
  properties: PropertyReport[];
  coverage: { distinctStates: number; stateNodes: { reached: number; total: number }; unreached: string[] };
  /** The run with the most failed properties, then the largest sample of the first metric. */
  worst: { seed: number; why: string } | null;
}

const DEFAULT_RUNS = 100;
const DEFAULT_MAX_STEPS = 1_000_000;

/** What a seeded run needs beyond the runtime: its horizon, step limit and fault policy. */
interface RunSettings {
  horizon: number;
  maxSteps: number;
  faultRate: number;
  policy: StepPolicy;
}

function settings(rt: Runtime, o: SimulateOptions): RunSettings {
  const sim = rt.simulation;
  const horizon = o.horizon ?? sim?.horizon ?? Infinity;
  const maxSteps = o.maxSteps ?? sim?.maxSteps ?? (Number.isFinite(horizon) ? DEFAULT_MAX_STEPS : 10_000);
  const faults = new Set(o.faults ?? sim?.faults ?? FAULT_KINDS);
  return { horizon, maxSteps, faultRate: o.faultRate ?? sim?.faultRate ?? 0, policy: { maxFaults: o.maxFaults ?? sim?.maxFaults ?? 0, faults } };
}

/** Steps a run takes, with the worlds it passes through reported to `visit`. */
export interface RunTrace {
  steps: StepJson[];
  series: Series[];
  result: RunResult;
}

/**
 * One seeded run. Windowed stimuli come at times drawn from their windows; every other choice is
 * uniform among the enabled steps, a fault with probability `faultRate` while the budget lasts.
 */
export function simulateRun(rt: Runtime, seed: number, options: SimulateOptions = {}, visit?: (w: World) => void): RunTrace {
  const s = settings(rt, options);
  const random = mulberry32(seed);
  const timed = drawStimulusTimes(rt, random);
  const happenings: Happening[] = [];
  let world = initialWorld(rt, happenings);
  const recorder = new Recorder(rt, world, happenings);
  const view = new View(rt, world);
  const invariants = rt.properties.filter((p): p is InvariantSpec => p.kind === 'invariant');
  const failures: RunResult['failures'] = [];
  const broken = new Set<string>();
  const checkInvariants = (w: World, step: number) => {
    view.at(w);
    for (const p of invariants) {
      if (broken.has(p.name) || p.holds(view)) continue;
      broken.add(p.name);
      failures.push({ property: p.name, message: p.message?.(view) ?? p.description, step });
    }
  };
  visit?.(world);
  checkInvariants(world, 0);
  const steps: StepJson[] = [];
  let stopped: RunResult['stopped'] = 'quiescent';
  const enabled: Step[] = [];
  for (;;) {
    if (steps.length >= s.maxSteps) {
      stopped = 'maxSteps';
      break;
    }
    const step = chooseStep(rt, world, s, timed, random, enabled);
    if (step === null) break;
    if (stepTime(world, step) > s.horizon) {
      stopped = 'horizon';
      break;
    }
    if (step.kind === 'stimulus' && rt.stimuli[step.index].window) timed.shift();
    steps.push(stepToJson(rt, world, step));
    happenings.length = 0;
    world = applyStep(rt, world, step, happenings);
    recorder.step(world, happenings, step);
    visit?.(world);
    checkInvariants(world, steps.length);
  }
  const series = recorder.finish();
  const end = stopped === 'horizon' ? s.horizon : world.now;
  const verdicts = rt.metricProperties.map((p) => checkMetricProperty(p, series, recorder.stimuli, end));
  for (const v of verdicts) if (!v.holds) failures.push({ property: v.property, message: v.message });
  const peaks: Record<string, number> = {};
  for (const x of series) peaks[x.metric] = x.points.reduce((m, [, v]) => Math.max(m, v), x.points.length ? -Infinity : NaN);
  return { steps, series, result: { seed, steps: steps.length, end, stopped, failures, verdicts, peaks } };
}

/** Each occurrence of each windowed stimulus, at a time drawn uniformly from its window, earliest first. */
function drawStimulusTimes(rt: Runtime, random: () => number): Array<{ index: number; at: number }> {
  const out: Array<{ index: number; at: number }> = [];
  rt.stimuli.forEach((st, index) => {
    if (!st.window) return;
    const [from, to] = st.window;
    for (let k = 0; k < st.times && Number.isFinite(st.times); k++) out.push({ index, at: Math.floor(from + random() * (to - from + 1)) });
  });
  return out.sort((a, b) => a.at - b.at || a.index - b.index);
}

function chooseStep(
  rt: Runtime,
  world: World,
  s: RunSettings,
  timed: Array<{ index: number; at: number }>,
  random: () => number,
  enabled: Step[],
): Step | null {
  enabledSteps(rt, world, s.policy, enabled);
  const pending = timed[0];
  const next = nextTimeEvent(world, (l) => rt.links[l].to);
  const pendingEnabled = pending !== undefined && enabled.some((e) => e.kind === 'stimulus' && e.index === pending.index);
  // A windowed stimulus whose time has come goes first.
  if (pendingEnabled && pending.at <= world.now) return { kind: 'stimulus', index: pending.index };
  const stimulusFirst = pendingEnabled && !(next <= pending.at);
  const usual: Step[] = [];
  const faults: Step[] = [];
  for (const e of enabled) {
    if (e.kind === 'stimulus' && rt.stimuli[e.index].window) continue;
    // The clock may move to the pending stimulus before any timer or job.
    if (stimulusFirst && (e.kind === 'timer' || e.kind === 'finish')) continue;
    (isFault(e) ? faults : usual).push(e);
  }
  const mustDeliver = world.dues.some((d) => d.some((by) => by < (pending?.at ?? 0)));
  if (stimulusFirst && !mustDeliver) usual.push({ kind: 'stimulus', index: pending.index, at: pending.at });
  if (faults.length > 0 && random() < s.faultRate) return faults[Math.floor(random() * faults.length)];
  if (usual.length === 0) return null;
  return usual[Math.floor(random() * usual.length)];
}

/** The virtual time a step happens at. */
function stepTime(world: World, step: Step): number {
  if (step.kind === 'stimulus') return step.at ?? world.now;
  if (step.kind === 'timer') return world.timers.find((t) => t.actor === step.actor && t.id === step.timer)!.due;
  if (step.kind === 'finish') return world.jobs[0].end;
  return world.now;
}

/** Many seeded runs, summarised: metric statistics, property failures, coverage, the worst run. */
export function simulate(rt: Runtime, options: SimulateOptions = {}): SimulationResult {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const runs = options.runs ?? rt.simulation?.runs ?? DEFAULT_RUNS;
  const seed = options.seed ?? 1;
  const s = settings(rt, options);
  const samples = rt.metrics.map(() => [] as number[]);
  const worstSeed: Array<number | null> = rt.metrics.map(() => null);
  const worstPeak = rt.metrics.map(() => -Infinity);
  const store = new StateStore();
  let buffer = new Int32Array(256);
  const reached = rt.actorNames.map(() => new Set<number>());
  const visit = (w: World) => {
    let len = encodeWorld(w, buffer);
    if (len > buffer.length) {
      buffer = new Int32Array(len * 2);
      len = encodeWorld(w, buffer);
    }
    store.intern(buffer, len);
    w.snaps.forEach((snap, a) => snap >= 0 && reached[a].add(snap));
  };
  const results: RunResult[] = [];
  let steps = 0;
  let cancelled = false;
  for (let i = 0; i < runs; i++) {
    if (options.isCancelled?.()) {
      cancelled = true;
      break;
    }
    const run = simulateRun(rt, (seed + i) >>> 0, options, visit);
    steps += run.result.steps;
    results.push(run.result);
    run.series.forEach((x, m) => {
      for (const [, v] of x.points) samples[m].push(v);
      const peak = run.result.peaks[x.metric];
      if (peak > worstPeak[m]) {
        worstPeak[m] = peak;
        worstSeed[m] = run.result.seed;
      }
    });
    options.onRun?.(results.length, run.result);
  }
  const ms = clock() - started;
  const seconds = Math.max(ms, 1e-3) / 1000;
  return {
    model: rt.model.id,
    variant: rt.variant,
    runs: results.length,
    seed,
    horizon: s.horizon,
    steps,
    ms: Math.round(ms),
    stepsPerSecond: Math.round(steps / seconds),
    runsPerSecond: +(results.length / seconds).toFixed(2),
    cutRuns: results.filter((r) => r.stopped === 'maxSteps').length,
    cancelled,
    metrics: rt.metrics.map((m, i) => ({ metric: m.name, unit: m.unit, scale: m.scale ?? 1, ...summarize(samples[i]), worstSeed: worstSeed[i] })),
    properties: propertyReports(rt, results),
    coverage: coverage(rt, store.count, reached),
    worst: worstRun(rt, results),
  };
}

function propertyReports(rt: Runtime, results: RunResult[]): PropertyReport[] {
  const reports: PropertyReport[] = [];
  const failuresOf = (name: string) => results.flatMap((r) => r.failures.filter((f) => f.property === name).map((f) => ({ seed: r.seed, message: f.message })));
  for (const p of rt.properties) {
    if (p.kind !== 'invariant') continue;
    const fails = failuresOf(p.name);
    reports.push({ property: p.name, kind: 'invariant', description: p.description, failedRuns: fails.length, undecidedRuns: 0, firstFailure: fails[0] ?? null });
  }
  rt.metricProperties.forEach((p, i) => {
    const fails = failuresOf(p.name);
    const report: PropertyReport = {
      property: p.name,
      kind: p.kind,
      description: p.description,
      failedRuns: fails.length,
      undecidedRuns: results.filter((r) => r.verdicts[i].undecided).length,
      firstFailure: fails[0] ?? null,
    };
    if (p.kind === 'settles') report.cycles = meanCycles(results.map((r) => r.verdicts[i].cycles ?? []));
    reports.push(report);
  });
  return reports;
}

/** The mean of each cycle index over the runs that reached it. */
function meanCycles(perRun: number[][]): number[] {
  const out: number[] = [];
  for (let k = 0; ; k++) {
    const values = perRun.filter((c) => c.length > k).map((c) => c[k]);
    if (values.length === 0) return out;
    out.push(+(values.reduce((a, b) => a + b, 0) / values.length).toFixed(3));
  }
}

function worstRun(rt: Runtime, results: RunResult[]): SimulationResult['worst'] {
  if (results.length === 0) return null;
  const first = rt.metricProperties[0]?.metric ?? rt.metrics[0]?.name;
  const score = (r: RunResult) => [r.failures.length, first === undefined ? 0 : (r.peaks[first] ?? 0)] as const;
  let worst = results[0];
  for (const r of results) {
    const [f, p] = score(r);
    const [wf, wp] = score(worst);
    if (f > wf || (f === wf && p > wp)) worst = r;
  }
  const why = worst.failures.length > 0
    ? worst.failures.map((f) => `${f.property}: ${f.message}`).join('; ')
    : first === undefined
      ? 'no property failed in any run'
      : `no property failed; largest ${first} of all runs`;
  return { seed: worst.seed, why };
}

/** Distinct worlds seen, and the statechart state nodes each actor entered out of all it has. */
function coverage(rt: Runtime, distinctStates: number, reached: Array<Set<number>>): SimulationResult['coverage'] {
  let total = 0;
  let hit = 0;
  const unreached: string[] = [];
  rt.actorNames.forEach((name, a) => {
    if (rt.isGhost(a)) return;
    const seen = new Set<string>();
    for (const snap of reached[a]) for (const node of (rt.snapshot(a, snap) as unknown as { _nodes: Array<{ id: string }> })._nodes) seen.add(node.id);
    const all = rt.stateNodeIds(a);
    total += all.length;
    for (const id of all) {
      if (seen.has(id)) hit++;
      else unreached.push(`${name}: ${id.replace(/^[^.]*\./, '')}`);
    }
  });
  return { distinctStates, stateNodes: { reached: hit, total }, unreached };
}
