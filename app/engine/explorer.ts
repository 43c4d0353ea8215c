/**
 * The explorer: a breadth-first search over every interleaving within bounds. Breadth-first makes
 * each reported trace a shortest one; worlds are deduplicated by fingerprint. After the search,
 * progress properties are decided on the stored graph: a state is stuck when no fault-free path
 * from it reaches the property's goal, and inconclusive when such a path might exist beyond a cut.
 */
import { applyStep, initialWorld } from './apply.ts';
import type { Bounds, InvariantSpec, PossibleSpec, ProgressSpec } from './model.ts';
import type { Runtime } from './runtime.ts';
import { enabledSteps, eventLabel, isFault, stepToJson, type Step, type StepJson, type StepPolicy } from './steps.ts';
import { View, viewOf } from './view.ts';
import { decodeWorld, encodeWorld } from './codec.ts';
import { StateStore } from './state-store.ts';
import type { World } from './world.ts';

export interface Finding {
  /** `stale-write`: a superseded instance's write to shared state landed (see ActorSpec.restartable). */
  kind: 'stuck' | 'invariant' | 'stale-write';
  property: string;
  message: string;
  /** How many distinct states show this problem. */
  states: number;
  /** Faults injected along the trace. */
  faults: number;
  trace: StepJson[];
}

export interface Witness {
  property: string;
  question: string;
  /** `reachable` with a shortest trace, `unreachable` (proven within bounds), or `not-found` (search was cut). */
  answer: 'reachable' | 'unreachable' | 'not-found';
  trace?: StepJson[];
}

export type CutReason = 'maxStates' | 'maxDepth' | 'maxSeconds' | 'cancelled';

export interface Progress {
  states: number;
  transitions: number;
  frontier: number;
  depth: number;
  ms: number;
}

export interface ExploreOptions {
  bounds: Bounds;
  /** Explore from this world instead of the initial one; `prefix` is the trace that led there. */
  start?: World;
  prefix?: Array<{ json: StepJson }>;
  maxSeconds?: number;
  onProgress?: (p: Progress) => void;
  /** Polled during the search; returning true stops it with a partial result. */
  isCancelled?: () => boolean;
  /** Called once for each distinct state as it is discovered. */
  onState?: (world: World) => void;
  /** Injectable clock, so tests and workers can control time. */
  clock?: () => number;
}

export interface ExploreResult {
  model: string;
  variant: string;
  bounds: Bounds;
  states: number;
  transitions: number;
  /** False when any bound cut the search; `cuts` says which and how often. */
  complete: boolean;
  cuts: Partial<Record<CutReason, number>>;
  depth: number;
  ms: number;
  statesPerSecond: number;
  findings: Finding[];
  /** Stuck verdicts that depend on states the search did not expand. */
  inconclusive: Finding[];
  witnesses: Witness[];
}

const CHECK_EVERY = 512;

export function explore(rt: Runtime, options: ExploreOptions): ExploreResult {
  const clock = options.clock ?? (() => performance.now());
  const t0 = clock();
  const { bounds } = options;
  const policy: StepPolicy = { maxFaults: bounds.maxFaults, faults: new Set(bounds.faults) };
  const invariants = rt.properties.filter((p): p is InvariantSpec => p.kind === 'invariant');
  const progress = rt.properties.filter((p): p is ProgressSpec => p.kind === 'progress');
  const possible = rt.properties.filter((p): p is PossibleSpec => p.kind === 'possible');
  const shape = { stimuli: rt.stimuli.length, actors: rt.actorNames.length, links: rt.links.length, pools: rt.pools.length };

  const store = new StateStore();
  let buffer = new Int32Array(256);
  const parent = new GrowingInts();
  const depth = new GrowingInts();
  const edges = new GrowingInts(); // fault-free edges as (from, to) pairs
  let transitions = 0;
  const unexpanded: number[] = [];
  const cuts: Partial<Record<CutReason, number>> = {};
  const cut = (r: CutReason) => (cuts[r] = (cuts[r] ?? 0) + 1);

  const firstViolation = invariants.map(() => -1);
  const violations = invariants.map(() => 0);
  const when = progress.map(() => [] as number[]);
  const goalList = progress.map(() => [] as number[]);
  const witness = possible.map(() => -1);
  let firstStale = -1;
  let staleStates = 0;

  /** Finds or adds a world; a new one has its properties checked. Returns its id, or -1 if the store is full. */
  const reusedView = new View(rt, initialWorld(rt));
  const visit = (w: World, from: number): number => {
    let len = encodeWorld(w, buffer);
    if (len > buffer.length) {
      // Writes past the end were dropped; the length is still right.
      buffer = new Int32Array(len * 2);
      len = encodeWorld(w, buffer);
    }
    const before = store.count;
    if (before >= bounds.maxStates) {
      const known = store.find(buffer, len);
      if (known < 0) return -1;
      return known;
    }
    const id = store.intern(buffer, len);
    if (store.count === before) return id;
    parent.push(from);
    depth.push(from < 0 ? 0 : depth.get(from) + 1);
    if (w.stale) {
      staleStates++;
      if (firstStale < 0) firstStale = id;
    }
    const view = reusedView.at(w);
    for (let i = 0; i < invariants.length; i++) {
      if (!invariants[i].holds(view)) {
        violations[i]++;
        if (firstViolation[i] < 0) firstViolation[i] = id;
      }
    }
    for (let i = 0; i < progress.length; i++) {
      if (progress[i].goal(view)) goalList[i].push(id);
      else if (progress[i].when(view)) when[i].push(id);
    }
    for (let i = 0; i < possible.length; i++) {
      if (witness[i] < 0 && possible[i].goal(view)) witness[i] = id;
    }
    options.onState?.(w);
    return id;
  };

  const start = options.start ?? initialWorld(rt);
  visit(start, -1);

  const steps: Step[] = [];
  let head = 0;
  let stopped: CutReason | undefined;
  for (; head < store.count; head++) {
    if (head % CHECK_EVERY === 0 && head > 0) {
      if (options.isCancelled?.()) stopped = 'cancelled';
      else if (options.maxSeconds !== undefined && clock() - t0 > options.maxSeconds * 1000) stopped = 'maxSeconds';
      options.onProgress?.({ states: store.count, transitions, frontier: store.count - head, depth: depth.get(head), ms: clock() - t0 });
      if (stopped) break;
    }
    if (depth.get(head) >= bounds.maxDepth) {
      unexpanded.push(head);
      cut('maxDepth');
      continue;
    }
    const world = decodeWorld(store.vector(head), shape);
    enabledSteps(rt, world, policy, steps);
    for (const step of steps) {
      const to = visit(applyStep(rt, world, step), head);
      if (to < 0) {
        // The state is new but the store is full: this one is only partly expanded.
        if (unexpanded[unexpanded.length - 1] !== head) unexpanded.push(head);
        cut('maxStates');
        continue;
      }
      transitions++;
      if (!isFault(step)) edges.push(head, to);
    }
  }
  if (stopped) {
    cut(stopped);
    for (let i = head; i < store.count; i++) unexpanded.push(i);
  }

  const n = store.count;
  const prefix = options.prefix ?? [];
  /**
   * The shortest trace to a state, as JSON steps, and the world it ends in. Only parents are
   * stored, so each step is found again: the enabled step whose result is the next state.
   */
  const pathTo = (id: number): { trace: StepJson[]; world: World; faults: number } => {
    const ids: number[] = [];
    for (let s = id; s >= 0; s = parent.get(s)) ids.push(s);
    ids.reverse();
    const trace = prefix.map((s) => s.json);
    let world = start;
    for (let k = 1; k < ids.length; k++) {
      const target = store.vector(ids[k]);
      const step = enabledSteps(rt, world, policy).find((st) => {
        const len = encodeWorld(applyStep(rt, world, st), buffer);
        return len === target.length && target.every((x, i) => buffer[i] === x);
      })!;
      trace.push(stepToJson(rt, world, step));
      world = applyStep(rt, world, step);
    }
    return { trace, world, faults: trace.filter(isFault).length };
  };

  const findings: Finding[] = [];
  const inconclusive: Finding[] = [];
  invariants.forEach((p, i) => {
    const id = firstViolation[i];
    if (id < 0) return;
    const { trace, world, faults } = pathTo(id);
    const message = p.message ? p.message(viewOf(rt, world)) : p.description;
    findings.push({ kind: 'invariant', property: p.name, message, states: violations[i], faults, trace });
  });

  if (firstStale >= 0) {
    const { trace, faults } = pathTo(firstStale);
    findings.push({ kind: 'stale-write', property: STALE_WRITES, message: staleMessage(trace[trace.length - 1]), states: staleStates, faults, trace });
  }

  if (progress.length > 0) {
    const reverse = reverseGraph(n, edges);
    const reachesCut = backwardReach(n, reverse, unexpanded);
    progress.forEach((p, i) => {
      const reachesGoal = backwardReach(n, reverse, goalList[i]);
      let stuck = -1;
      let stuckCount = 0;
      let open = -1;
      let openCount = 0;
      for (const id of when[i]) {
        if (reachesGoal[id]) continue;
        if (reachesCut[id]) {
          openCount++;
          if (open < 0) open = id;
        } else {
          stuckCount++;
          if (stuck < 0) stuck = id;
        }
      }
      const report = (id: number, count: number, into: Finding[], prefixText: string) => {
        const { trace, world, faults } = pathTo(id);
        const detail = p.message ? p.message(viewOf(rt, world)) : p.description;
        into.push({ kind: 'stuck', property: p.name, message: prefixText + detail, states: count, faults, trace });
      };
      if (stuck >= 0) report(stuck, stuckCount, findings, '');
      if (open >= 0) report(open, openCount, inconclusive, 'Inconclusive (the search was cut before deciding): ');
    });
  }

  const complete = Object.keys(cuts).length === 0;
  const witnesses: Witness[] = possible.map((p, i) => {
    const id = witness[i];
    if (id >= 0) return { property: p.name, question: p.description, answer: 'reachable', trace: pathTo(id).trace };
    return { property: p.name, question: p.description, answer: complete ? 'unreachable' : 'not-found' };
  });

  const ms = clock() - t0;
  return {
    model: rt.model.id,
    variant: rt.variant,
    bounds,
    states: n,
    transitions,
    complete,
    cuts,
    depth: n > 0 ? depth.get(n - 1) : 0,
    ms: Math.round(ms),
    statesPerSecond: ms > 0 ? Math.round((n / ms) * 1000) : n,
    findings,
    inconclusive,
    witnesses,
  };
}

/** The name stale-write findings go by: no property declares it, every model has it. */
export const STALE_WRITES = 'no-stale-writes';

/** The sentence for a stale write, from the delivery that made it. */
export function staleMessage(step: StepJson | undefined): string {
  if (step?.do !== 'deliver') return 'A superseded instance wrote to shared state.';
  const role = step.from.replace(/~old$/, '');
  return `${step.from} wrote ${eventLabel(step.event)} to ${step.to} after a newer ${role} had started: a stale write.`;
}

/** An append-only list of int32s in a typed array that doubles as it fills. */
class GrowingInts {
  private data = new Int32Array(1024);
  length = 0;

  push(...values: number[]): void {
    if (this.length + values.length > this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    for (const v of values) this.data[this.length++] = v;
  }

  get(i: number): number {
    return this.data[i];
  }
}

interface Csr {
  offsets: Int32Array;
  targets: Int32Array;
}

/** Predecessor lists (compressed rows) of the fault-free edges, stored as (from, to) pairs. */
function reverseGraph(n: number, edges: GrowingInts): Csr {
  const m = edges.length / 2;
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) offsets[edges.get(2 * e + 1) + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(m);
  for (let e = 0; e < m; e++) targets[fill[edges.get(2 * e + 1)]++] = edges.get(2 * e);
  return { offsets, targets };
}

/** Marks every state with a fault-free path into `seeds`. */
function backwardReach(n: number, g: Csr, seeds: readonly number[]): Uint8Array {
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (const s of seeds) {
    if (!seen[s]) {
      seen[s] = 1;
      queue[tail++] = s;
    }
  }
  for (let h = 0; h < tail; h++) {
    const s = queue[h];
    for (let e = g.offsets[s]; e < g.offsets[s + 1]; e++) {
      const p = g.targets[e];
      if (!seen[p]) {
        seen[p] = 1;
        queue[tail++] = p;
      }
    }
  }
  return seen;
}
