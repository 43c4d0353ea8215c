/**
 * The explorer: a breadth-first search over every interleaving within bounds. Breadth-first makes
 * each reported trace a shortest one; worlds are deduplicated by fingerprint. After the search,
 * progress properties are decided on the stored graph: a state is stuck when no fault-free path
 * from it reaches the property's goal, and inconclusive when such a path might exist beyond a cut.
 */
import { applyStep, initialWorld } from './apply.ts';
import type { Bounds, InvariantSpec, PossibleSpec, ProgressSpec } from './model.ts';
import type { Runtime } from './runtime.ts';
import { enabledSteps, isFault, stepToJson, type Step, type StepJson, type StepPolicy } from './steps.ts';
import { viewOf } from './view.ts';
import { fingerprint, type World } from './world.ts';

export interface Finding {
  kind: 'stuck' | 'invariant';
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
  /** Called once for each distinct state, with its fingerprint, as it is discovered. */
  onState?: (key: string, world: World) => void;
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

  const index = new Map<string, number>();
  const worlds: Array<World | undefined> = [];
  const parent: number[] = [];
  const via: Array<Step | undefined> = [];
  const depth: number[] = [];
  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  let transitions = 0;
  const unexpanded: number[] = [];
  const cuts: Partial<Record<CutReason, number>> = {};
  const cut = (r: CutReason) => (cuts[r] = (cuts[r] ?? 0) + 1);

  const firstViolation = invariants.map(() => -1);
  const violations = invariants.map(() => 0);
  const when = progress.map(() => [] as number[]);
  
  const goalList = progress.map(() => [] as number[]);
  const witness = possible.map(() => -1);

  const discover = (w: World, from: number, step: Step | undefined): number => {
    const id = worlds.length;
    worlds.push(w);
    parent.push(from);
    via.push(step);
    depth.push(from < 0 ? 0 : depth[from] + 1);
    const view = viewOf(rt, w);
    invariants.forEach((p, i) => {
      if (!p.holds(view)) {
        violations[i]++;
        if (firstViolation[i] < 0) firstViolation[i] = id;
      }
    });
    progress.forEach((p, i) => {
      if (p.goal(view)) goalList[i].push(id);
      else if (p.when(view)) when[i].push(id);
    });
    possible.forEach((p, i) => {
      if (witness[i] < 0 && p.goal(view)) witness[i] = id;
    });
    return id;
  };

  const start = options.start ?? initialWorld(rt);
  const startKey = fingerprint(start);
  index.set(startKey, discover(start, -1, undefined));
  options.onState?.(startKey, start);

  const steps: Step[] = [];
  let head = 0;
  let stopped: CutReason | undefined;
  for (; head < worlds.length; head++) {
    if (head % CHECK_EVERY === 0 && head > 0) {
      if (options.isCancelled?.()) stopped = 'cancelled';
      else if (options.maxSeconds !== undefined && clock() - t0 > options.maxSeconds * 1000) stopped = 'maxSeconds';
      options.onProgress?.({ states: worlds.length, transitions, frontier: worlds.length - head, depth: depth[head], ms: clock() - t0 });
      if (stopped) break;
    }
    const world = worlds[head]!;
    if (depth[head] >= bounds.maxDepth) {
      unexpanded.push(head);
      cut('maxDepth');
      worlds[head] = undefined;
      continue;
    }
    enabledSteps(rt, world, policy, steps);
    for (const step of steps) {
      const next = applyStep(rt, world, step);
      const key = fingerprint(next);
      let to = index.get(key);
      if (to === undefined) {
        if (worlds.length >= bounds.maxStates) {
          // The state exists but will not be stored: this one is only partly expanded.
          if (unexpanded[unexpanded.length - 1] !== head) unexpanded.push(head);
          cut('maxStates');
          continue;
        }
        to = discover(next, head, step);
        index.set(key, to);
        options.onState?.(key, next);
      }
      transitions++;
      if (!isFault(step)) {
        edgeFrom.push(head);
        edgeTo.push(to);
      }
    }
    worlds[head] = undefined;
  }
  if (stopped) {
    cut(stopped);
    for (let i = head; i < worlds.length; i++) unexpanded.push(i);
  }

  const n = worlds.length;
  const prefix = options.prefix ?? [];
  /** The shortest trace to a state, as JSON steps, and the world it ends in. */
  const pathTo = (id: number): { trace: StepJson[]; world: World; faults: number } => {
    const steps: Step[] = [];
    for (let s = id; parent[s] >= 0; s = parent[s]) steps.push(via[s]!);
    steps.reverse();
    const trace = prefix.map((s) => s.json);
    let world = start;
    for (const step of steps) {
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

  if (progress.length > 0) {
    const reverse = reverseGraph(n, edgeFrom, edgeTo);
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
    depth: n > 0 ? depth[n - 1] : 0,
    ms: Math.round(ms),
    statesPerSecond: ms > 0 ? Math.round((n / ms) * 1000) : n,
    findings,
    inconclusive,
    witnesses,
  };
}

interface Csr {
  offsets: Int32Array;
  targets: Int32Array;
}

/** Predecessor lists (compressed rows) of the fault-free edges. */
function reverseGraph(n: number, from: number[], to: number[]): Csr {
  const offsets = new Int32Array(n + 1);
  for (const t of to) offsets[t + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(to.length);
  for (let e = 0; e < to.length; e++) targets[fill[to[e]]++] = from[e];
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
