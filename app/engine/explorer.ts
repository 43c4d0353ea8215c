/**
 * The explorer: a breadth-first search over every interleaving within bounds. Breadth-first makes
 * each reported trace a shortest one; worlds are deduplicated by fingerprint. After the search,
 * progress properties are decided on the stored graph: a state is stuck when no fault-free path
 * from it reaches the property's goal, and inconclusive when such a path might exist beyond a cut.
 */
import type { Bounds } from './model.ts';
import type { Runtime } from './runtime.ts';
import { Search } from './search.ts';
import type { StepJson } from './steps.ts';
import type { World } from './world.ts';

export { STALE_WRITES } from './search.ts';

export interface Finding {
  /** `stale-write`: a superseded instance's write to shared state landed (see ActorSpec.restartable). */
  kind: 'stuck' | 'invariant' | 'stale-write';
  property: string;
  message: string;
  /** How many distinct states show this problem. */
  states: number;
  /** Faults injected along the trace. */
  faults: number;
  /** Times the trace passes from one actor's step to another's. */
  switches: number;
  /**
   * Shortest in steps; among the shortest, fewest faults, then fewest switches between actors.
   */
  trace: StepJson[];
  /** What the actors the property reads wait for, and the step after which the wait was endless. */
  why: string;
  /**
   * The ways this property fails: worlds grouped by the states of the actors it reads, each with a
   * count and its own best trace (the first is this finding's). At most MAX_WAYS are listed.
   */
  ways: Way[];
  /** Ways beyond those listed. */
  moreWays: number;
}

export interface Way {
  /** "sa: processing, ra: idle". */
  way: string;
  states: number;
  trace: StepJson[];
}

export interface Witness {
  property: string;
  question: string;
  /** `reachable` with a shortest trace, `unreachable` (proven within bounds), or `not-found` (search was cut). */
  answer: 'reachable' | 'unreachable' | 'not-found';
  trace?: StepJson[];
}

export type CutReason = 'maxStates' | 'maxDepth' | 'maxSeconds' | 'maxMemory' | 'cancelled';

export interface Progress {
  states: number;
  transitions: number;
  frontier: number;
  depth: number;
  ms: number;
  /** Bytes the search's tables hold so far (what maxBytes bounds). */
  bytes: number;
}

export interface ExploreOptions {
  bounds: Bounds;
  /** Explore from this world instead of the initial one; `prefix` is the trace that led there. */
  start?: World;
  prefix?: Array<{ json: StepJson }>;
  maxSeconds?: number;
  /** Stop when the search's own tables (visited set, parents, edges) pass this many bytes. */
  maxBytes?: number;
  onProgress?: (p: Progress) => void;
  /** Called once for each distinct state as it is discovered. */
  onState?: (world: World) => void;
  /** Polled during the search; returning true stops it with a partial result. */
  isCancelled?: () => boolean;
  /** Injectable clock, so tests and workers can control time. */
  clock?: () => number;
}

export interface ExploreResult {
  model: string;
  variant: string;
  bounds: Bounds;
  states: number;
  transitions: number;
  /** Bytes held by the search's tables at the end (visited set, parents, depths, edges). */
  bytes: number;
  /** States found but not expanded (a cut left them for later). */
  unexpanded: number;
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

/** Explores on this thread, with this runtime. */
export function explore(rt: Runtime, options: ExploreOptions): ExploreResult {
  const search = new Search(rt, options);
  let head = 0;
  let stopped: CutReason | undefined;
  for (; head < search.count; head++) {
    if ((stopped = search.check(head))) break;
    search.expandHere(head);
  }
  return search.finish(head, stopped);
}
