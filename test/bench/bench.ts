/**
 * `npm run bench`: explorer throughput and memory, one JSON line per case. Each case is searched for
 * 600 ms to warm up, then timed over at least 600 ms of searches, each with a fresh runtime (`runs`;
 * `ms` is their mean), and last searched once more for its memory (see measure.ts); the large scale
 * case is searched once. `first-search` is the cold figure: one search in a fresh process. Memory per
 * state, three ways: tableBytesPerState is the search's own tables (visited set, parents, edges);
 * bytesPerState adds what the runtime keeps after a full garbage collection (its interned XState
 * snapshots and cached steps): the memory a search really needs; peakHeapBytesPerState is the heap's
 * peak growth during the search, garbage included (run with --expose-gc for stable figures).
 */
import { getAdjacencyMap } from 'xstate/graph';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { applyStep, enabledSteps, explore, isFault, Runtime, simulate, variantBounds, type Bounds, type Model, type World } from '../../app/engine/index.ts';
import { Checks } from '../../app/engine/checks.ts';
import { Encoder } from '../../app/engine/codec.ts';
import { PureStepper } from '../../app/engine/pure-step.ts';
import { Search } from '../../app/engine/search.ts';
import { StateStore } from '../../app/engine/state-store.ts';
import { stepActor } from '../../app/engine/steps.ts';
import { loadModels } from '../../app/cli/models.ts';
import { COUNTER_EVENTS, counterMachine, counterSystem } from '../fixtures/single-machine.ts';
import { heap, measure, used } from './measure.ts';
import { dialsSystem } from '../fixtures/dials.ts';
import { testModel } from '../unit/helpers.ts';

const line = (o: object) => console.log(JSON.stringify(o));

/** Runs a bench script in a process of its own (node flags first, then the script's arguments) and returns what it printed. */
function inOwnProcess(flags: string[], script: string, ...args: string[]): string {
  const run = spawnSync(process.execPath, [...flags, '--import', 'tsx', `test/bench/${script}`, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`${script} ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

/** Runs `run` and says how much of its time went into XState's transition(), and over how many calls. */
function timeInXState(run: () => void): { total: number; inside: number; calls: number } {
  const step = PureStepper.prototype.step;
  let inside = 0;
  let calls = 0;
  PureStepper.prototype.step = function (this: PureStepper, ...args) {
    const t0 = performance.now();
    try {
      return step.apply(this, args);
    } finally {
      inside += performance.now() - t0;
      calls++;
    }
  };
  const t0 = performance.now();
  try {
    run();
  } finally {
    PureStepper.prototype.step = step;
  }
  return { total: performance.now() - t0, inside, calls };
}

/**
 * Every successor a search of `bounds` looks up, in the order it does (each state's, in the order
 * of its enabled steps, states in the order they were found), with what `Search` is handed for it
 * when a worker expanded the state: its vector (views of one array, read front to back as a search
 * reads fresh vectors), its actor, whether its step is a fault, and its properties' answers.
 */
function successorsOf(rt: Runtime, bounds: Bounds) {
  const worlds: World[] = [];
  explore(rt, { bounds, onState: (w) => worlds.push(w) });
  const policy = { maxFaults: bounds.maxFaults, faults: new Set(bounds.faults) };
  const encoder = new Encoder();
  const checks = new Checks(rt);
  const asked = new Uint8Array(checks.width);
  const values: number[] = [];
  const answers: number[] = [];
  const made = worlds.map((w) =>
    enabledSteps(rt, w, policy).map((step) => {
      const next = applyStep(rt, w, step);
      const len = encoder.encode(next);
      const start = values.length;
      for (let i = 0; i < len; i++) values.push(encoder.buffer[i]);
      checks.answer(next, asked, 0);
      answers.push(...asked);
      return { start, end: values.length, actor: stepActor(rt, w, step), fault: isFault(step) };
    }),
  );
  const flat = Int32Array.from(values);
  return {
    answers: Uint8Array.from(answers),
    width: checks.width,
    states: made.map((list) => list.map((s) => ({ vector: flat.subarray(s.start, s.end), actor: s.actor, fault: s.fault }))),
  };
}

for (const model of await loadModels()) {
  for (const variant of Object.keys(model.variants)) {
    line({ case: 'stated-bounds', ...(await measure(model, variant, {})) });
    line({ case: 'all-faults-2', ...(await measure(model, variant, { maxFaults: 2, faults: ['drop', 'delay', 'fail', 'expire', 'crash'] })) });
  }
}

// The first search in a fresh process (first-search.ts), as `interleave explore` runs one: each model's
// first variant at its stated bounds.
for (const model of await loadModels()) {
  const variant = Object.keys(model.variants)[0];
  line({ case: 'first-search', ...JSON.parse(inOwnProcess([], 'first-search.ts', model.id, variant)) });
}

/** Simulation throughput: the model's default runs (after one warm-up run), simulated steps and runs per second. */
async function measureSimulation(model: Model, variant: string) {
  simulate(new Runtime(model, variant), { runs: 1, seed: 1 }); // warm-up
  const before = await heap();
  const r = simulate(new Runtime(model, variant), { seed: 1 });
  return {
    model: model.id,
    variant,
    runs: r.runs,
    horizonMs: r.horizon,
    steps: r.steps,
    ms: r.ms,
    stepsPerSecond: r.stepsPerSecond,
    runsPerSecond: r.runsPerSecond,
    heapGrowthBytes: used() - before,
    failedProperties: r.properties.filter((p) => p.failedRuns > 0).map((p) => p.property),
  };
}

for (const model of await loadModels()) {
  if (!new Runtime(model, Object.keys(model.variants)[0]).simulation) continue; // models in time only
  for (const variant of Object.keys(model.variants)) line({ case: 'simulate', ...(await measureSimulation(model, variant)) });
}

// The biggest bundled space: every fault, four at a time.
const order = (await loadModels()).find((m) => m.id === 'order');
if (order) line({ case: 'all-faults-4', ...(await measure(order, 'cleanup-daemon', { maxFaults: 4, faults: ['drop', 'delay', 'fail', 'expire', 'crash'] })) });

// One machine: our explorer against xstate/graph's getAdjacencyMap on the same state space. Both
// pay XState's transition() per (state, event). `xstateShare` is the part of our search spent in
// it, so `speedupCeiling` is the speed-up we would reach with no cost of our own.
for (const limit of [200, 2000]) {
  const counter = testModel(counterSystem(limit), `counter-${limit}`);
  const ours = await measure(counter, 'main', { maxFaults: 0, maxDepth: 1e9 });
  const xstate = timeInXState(() => explore(new Runtime(counter, 'main'), { bounds: variantBounds(counter, 'main', { maxFaults: 0, maxDepth: 1e9 }) }));
  getAdjacencyMap(counterMachine(limit), { events: COUNTER_EVENTS }); // warm-up
  const t0 = performance.now();
  const adjacency = getAdjacencyMap(counterMachine(limit), { events: COUNTER_EVENTS });
  const graphMs = performance.now() - t0;
  const graphStates = Object.keys(adjacency).length;
  line({
    case: 'vs-xstate-graph',
    ...ours,
    graphStates,
    graphMs: Math.round(graphMs),
    graphStatesPerSecond: Math.round((graphStates / graphMs) * 1000),
    speedup: Number((graphMs / Math.max(ours.ms, 1)).toFixed(2)),
    xstateCalls: xstate.calls,
    xstateShare: Number((xstate.inside / xstate.total).toFixed(2)),
    speedupCeiling: Number((graphMs / Math.max((ours.ms * xstate.inside) / xstate.total, 1)).toFixed(2)),
  });
}

// What bounds one core however fast the steps. The successors a search found are handed again, in
// its order, to a fresh Search (visited set, parents, depths, edges, the final analysis) as a
// worker would hand them, with their properties answered: no state is decoded, no step taken, no
// vector encoded and no property asked. `ceilingStatesPerSecond` is the most a search of that
// space could do with free steps and properties (compare the stated-bounds or scale line of the
// same space); `storeLookupsPerSecond` is the visited set alone, the same vectors looked up in a
// fresh store.
for (const [model, variant, overrides] of [
  [testModel(dialsSystem(4, 18), 'dials-4x18'), 'main', { maxFaults: 0, maxDepth: 1e9, maxStates: 1e8 }],
  [(await loadModels()).find((m) => m.id === 'alias-check')!, 'original', {}],
] as const) {
  const bounds = variantBounds(model, variant, overrides);
  const rt = new Runtime(model, variant);
  const { states, answers, width } = successorsOf(rt, bounds);
  const lookups = states.reduce((n, list) => n + list.length, 0);
  const best = (run: () => void) => {
    let ms = Infinity;
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      run();
      ms = Math.min(ms, performance.now() - t0);
    }
    return ms;
  };
  const searchMs = best(() => {
    const search = new Search(rt, { bounds });
    let at = 0;
    states.forEach((list, id) => {
      search.begin(id);
      for (const s of list) {
        search.successor(s.vector, s.vector.length, s.actor, s.fault, null, 0, answers, at);
        at += width;
      }
      search.end();
    });
    const r = search.finish(states.length, undefined);
    if (r.states !== states.length) throw new Error(`the replayed search found ${r.states} states, not ${states.length}`);
  });
  const storeMs = best(() => {
    const store = new StateStore();
    for (const list of states) for (const s of list) store.intern(s.vector, s.vector.length);
  });
  line({
    case: 'free-steps-ceiling',
    model: model.id,
    variant,
    states: states.length,
    lookups,
    ceilingStatesPerSecond: Math.round((states.length / searchMs) * 1000),
    storeLookupsPerSecond: Math.round((lookups / storeMs) * 1000),
  });
}

// One search spread over worker threads, in a process of its own (parallel.ts): one JSON line per
// thread count.
process.stdout.write(inOwnProcess([], 'parallel.ts'));

// Throughput as the store fills: 4 dials of 18 positions (105k states) and of 56 (9.8M states).
// `BENCH_SCALE=0` skips the large one (it needs about a GB and a minute); `BENCH_SCALE=50M` adds
// 4 dials of 85 (52.2M states: about 3 GB and four or five minutes). Each size is measured in a
// process of its own (scale.ts), so that the heap the cases above leave behind weighs on none; a
// larger size's `ratioToSmallest` is against the 4x18 rate timed in its process just before it.
const SCALES: Record<string, Array<[number, number]>> = { '0': [[4, 18]], '50M': [[4, 18], [4, 56], [4, 85]] };
for (const [dials, positions] of SCALES[process.env.BENCH_SCALE ?? ''] ?? [[4, 18], [4, 56]]) {
  line({ case: 'scale', ...JSON.parse(inOwnProcess(['--expose-gc', '--max-old-space-size=4096'], 'scale.ts', String(dials), String(positions))) });
}

// The workbench in Chromium (test/bench/ui-bench.ts), when a build of it is there to serve.
if ((await import('node:fs')).existsSync('dist/index.html')) await (await import('./ui-bench.ts')).runUiBench(line); else line({ case: 'ui', skipped: 'run vite build first' });
