/**
 * The explorer: a breadth-first search over every interleaving within bounds. Breadth-first makes
 * each reported trace a shortest one; worlds are deduplicated by fingerprint. After the search,
 * progress properties are decided on the stored graph: a state is stuck when no fault-free path
 * from it reaches the property's goal, and inconclusive when such a path might exist beyond a cut.
 */
import { applyStep, initialWorld, stateLabel } from './apply.ts';
import type { Bounds, InvariantSpec, PossibleSpec, ProgressSpec } from './model.ts';
import type { Runtime } from './runtime.ts';
import { describeStep, enabledSteps, eventLabel, isFault, stepToJson, type Step, type StepJson, type StepPolicy } from './steps.ts';
import { actorsRead, explainAt } from './explain.ts';
import { View, viewOf } from './view.ts';
import { decodeWorld, encodeWorld } from './codec.ts';
import { backwardReach, EdgeRows, Growing, Levels } from './search-tables.ts';
import { MAX_STATES, StateStore } from './state-store.ts';
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

/** Ways listed per finding; the rest are counted. */
export const MAX_WAYS = 10;

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
  // A bound past what the store can hold cuts there, reported as the states bound.
  const maxStates = Math.min(bounds.maxStates, MAX_STATES);
  let buffer = new Int32Array(256);
  const parent = new Growing(Int32Array);
  const levels = new Levels();
  const depthOf = (id: number) => levels.of(id);
  // Among the shortest paths to a state, the one with the fewest switches between actors, and the
  // actor of its last step. A state's entry is final before it is expanded (breadth-first).
  // Switches saturate at 65,535; the last actor is stored plus one (0: none, the initial world).
  const switches = new Growing(Uint16Array);
  const lastActor = new Growing<Uint8Array | Uint16Array>(rt.actorNames.length < 0xff ? Uint8Array : Uint16Array);
  const lastActorOf = (id: number) => lastActor.get(id) - 1;
  const edges = new EdgeRows(); // fault-free edges
  let rowTargets: Int32Array = new Int32Array(64); // the fault-free edges out of the state being expanded
  let transitions = 0;
  const unexpanded: number[] = [];
  const cuts: Partial<Record<CutReason, number>> = {};
  const cut = (r: CutReason) => (cuts[r] = (cuts[r] ?? 0) + 1);

  const violationWays = invariants.map(() => new Ways());
  const when = progress.map(() => [] as number[]);
  const goalList = progress.map(() => [] as number[]);
  const witness = possible.map(() => -1);
  let firstStale = -1;
  let staleStates = 0;

  const reusedView = new View(rt, initialWorld(rt));
  // The state being expanded (`from` below): read once per state, not once per successor.
  let fromDepth = -1;
  let fromSwitches = 0;
  let fromLast = -1;
  /** Finds or adds a world; a new one has its properties checked. Returns its id, or -1 if the store is full. */
  const visit = (w: World, from: number, actor: number): number => {
    let len = encodeWorld(w, buffer);
    if (len > buffer.length) {
      // Writes past the end were dropped; the length is still right.
      buffer = new Int32Array(len * 2);
      len = encodeWorld(w, buffer);
    }
    const before = store.count;
    if (before >= maxStates) {
      const known = store.find(buffer, len);
      if (known < 0) return -1;
      return known;
    }
    const id = store.intern(buffer, len);
    const sw = from < 0 ? 0 : Math.min(0xffff, fromSwitches + (fromLast >= 0 && fromLast !== actor ? 1 : 0));
    if (store.count === before) {
      // A state found again one level down (ids of a level are contiguous) by a path with fewer switches.
      if (from >= 0 && id >= levels.first(fromDepth + 1) && sw < switches.get(id)) {
        parent.set(id, from);
        switches.set(id, sw);
        lastActor.set(id, actor + 1);
      }
      return id;
    }
    parent.push(from);
    levels.add(id, from < 0 ? 0 : fromDepth + 1);
    switches.push(sw);
    lastActor.push(from < 0 ? 0 : actor + 1);
    if (w.stale) {
      staleStates++;
      if (firstStale < 0) firstStale = id;
    }
    const view = reusedView.at(w);
    for (let i = 0; i < invariants.length; i++) {
      if (!invariants[i].holds(view)) violationWays[i].add(wayOf(invariants[i].name, w), id, depthOf(id));
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

  /** The states of the actors a property reads (those it read in its first failing world). */
  const readBy = new Map<string, number[]>();
  const wayOf = (property: string, w: World): string => {
    let actors = readBy.get(property);
    if (!actors) readBy.set(property, (actors = actorsRead(rt, w, property).map((a) => rt.actor(a))));
    return actors.map((a) => `${rt.actorNames[a]}: ${w.snaps[a] < 0 ? 'not running' : stateLabel(rt, a, w.snaps[a])}`).join(', ');
  };

  const start = options.start ?? initialWorld(rt);
  visit(start, -1, -1);

  const tableBytes = () => store.bytes + parent.bytes + switches.bytes + lastActor.bytes + edges.bytes;
  const steps: Step[] = [];
  let head = 0;
  let stopped: CutReason | undefined;
  for (; head < store.count; head++) {
    if (head % CHECK_EVERY === 0 && head > 0) {
      if (options.isCancelled?.()) stopped = 'cancelled';
      else if (options.maxSeconds !== undefined && clock() - t0 > options.maxSeconds * 1000) stopped = 'maxSeconds';
      else if (options.maxBytes !== undefined && tableBytes() > options.maxBytes) stopped = 'maxMemory';
      options.onProgress?.({ states: store.count, transitions, frontier: store.count - head, depth: depthOf(head), ms: clock() - t0 });
      if (stopped) break;
    }
    fromDepth = depthOf(head);
    fromSwitches = switches.get(head);
    fromLast = lastActorOf(head);
    if (fromDepth >= bounds.maxDepth) {
      unexpanded.push(head);
      cut('maxDepth');
      continue;
    }
    const world = decodeWorld(store.vector(head), shape);
    enabledSteps(rt, world, policy, steps);
    let row = 0;
    for (const step of steps) {
      const to = visit(applyStep(rt, world, step), head, stepActor(rt, world, step));
      if (to < 0) {
        // The state is new but the store is full: this one is only partly expanded.
        if (unexpanded[unexpanded.length - 1] !== head) unexpanded.push(head);
        cut('maxStates');
        continue;
      }
      transitions++;
      if (!isFault(step)) {
        if (row === rowTargets.length) rowTargets = grownRow(rowTargets);
        rowTargets[row++] = to;
      }
    }
    edges.write(head, rowTargets, row);
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
  const pathTo = (id: number): { trace: StepJson[]; world: World; faults: number; ids: number[] } => {
    const ids: number[] = [];
    for (let s = id; s >= 0; s = parent.get(s)) ids.push(s);
    ids.reverse();
    const trace = prefix.map((s) => s.json);
    let world = start;
    for (let k = 1; k < ids.length; k++) {
      const target = store.vector(ids[k]);
      const leads = enabledSteps(rt, world, policy).filter((st) => {
        const len = encodeWorld(applyStep(rt, world, st), buffer);
        return len === target.length && target.every((x, i) => buffer[i] === x);
      });
      // Of the steps that lead there, the one by the actor the switch count was made with.
      const step = leads.find((st) => stepActor(rt, world, st) === lastActorOf(ids[k])) ?? leads[0];
      trace.push(stepToJson(rt, world, step));
      world = applyStep(rt, world, step);
    }
    return { trace, world, faults: trace.filter(isFault).length, ids };
  };

  /** The best of some states to report: fewest steps, then fewest faults, then fewest switches. */
  const rank = (id: number) => [depthOf(id), store.vector(id)[0], switches.get(id)] as const;
  const better = (a: number, b: number) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || a - b;
  };

  /**
   * A finding from its ways: each way's best state gets a trace; the best way's is the finding's.
   * `message` words the property at the end of a trace; `cause` finds the step of no return.
   */
  const finding = (
    kind: Finding['kind'],
    property: string,
    ways: Ways,
    message: (w: World) => string,
    cause: (ids: number[]) => number,
  ): Finding => {
    const groups = ways.best(better);
    const listed = groups.slice(0, MAX_WAYS).map((g) => ({ ...g, path: pathTo(g.id) }));
    const top = listed[0];
    const ci = cause(top.path.ids);
    const causeText = ci > 0 ? describeStep(top.path.trace[prefix.length + ci - 1]) : undefined;
    return {
      kind,
      property,
      message: message(top.path.world),
      states: ways.total,
      faults: top.path.faults,
      switches: switches.get(top.id),
      trace: top.path.trace,
      why: explainAt(rt, top.path.world, { kind, property }, ci > 0 ? { step: prefix.length + ci - 1, text: causeText! } : undefined).sentence,
      ways: listed.map((g) => ({ way: g.way, states: g.count, trace: g.path.trace })),
      moreWays: groups.length - listed.length,
    };
  };

  const findings: Finding[] = [];
  const inconclusive: Finding[] = [];
  const lastStep = (ids: number[]) => ids.length - 1;
  invariants.forEach((p, i) => {
    if (violationWays[i].total === 0) return;
    const message = (w: World) => (p.message ? p.message(viewOf(rt, w)) : p.description);
    findings.push(finding('invariant', p.name, violationWays[i], message, lastStep));
  });

  if (firstStale >= 0) {
    const ways = new Ways();
    // Stale worlds stay stale: group them only by the write that made them so (the first one's).
    ways.add('a superseded instance wrote to shared state', firstStale, depthOf(firstStale));
    ways.total = staleStates;
    const cause = (ids: number[]) => ids.findIndex((id) => store.vector(id)[2] === 1);
    findings.push(finding('stale-write', STALE_WRITES, ways, () => '', cause));
    const f = findings[findings.length - 1];
    f.message = staleMessage(f.trace[f.trace.length - 1]);
  }

  if (progress.length > 0) {
    const reverse = edges.reverse(n);
    const reachesCut = backwardReach(n, reverse, unexpanded);
    progress.forEach((p, i) => {
      const reachesGoal = backwardReach(n, reverse, goalList[i]);
      const stuck = new Ways();
      const open = new Ways();
      for (const id of when[i]) {
        if (reachesGoal[id]) continue;
        (reachesCut[id] ? open : stuck).add(wayOf(p.name, decodeWorld(store.vector(id), shape)), id, depthOf(id));
      }
      const message = (prefixText: string) => (w: World) => prefixText + (p.message ? p.message(viewOf(rt, w)) : p.description);
      // The step of no return: into the first state on the path from which the goal is out of reach.
      const cause = (ids: number[]) => ids.findIndex((id) => !reachesGoal[id] && !reachesCut[id]);
      if (stuck.total > 0) findings.push(finding('stuck', p.name, stuck, message(''), cause));
      if (open.total > 0) inconclusive.push(finding('stuck', p.name, open, message('Inconclusive (the search was cut before deciding): '), () => -1));
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
    bytes: tableBytes(),
    unexpanded: unexpanded.length,
    complete,
    cuts,
    depth: n > 0 ? depthOf(n - 1) : 0,
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

/** The actor a step acts on: the receiver of a message or stimulus, the timer's owner, the actor a fault hits. */
function stepActor(rt: Runtime, world: World, step: Step): number {
  switch (step.kind) {
    case 'stimulus':
      return rt.stimuli[step.index].to;
    case 'finish':
      return rt.works.values[step.work].actor;
    case 'deliver':
    case 'drop':
    case 'delay':
      return rt.messages.values[world.queues[step.link][step.pos]].to;
    case 'fail':
      return rt.messages.values[world.queues[step.link][step.pos]].from;
    default:
      return step.actor;
  }
}

/** States that fail one property, grouped by way; per way a count and the states at its least depth. */
class Ways {
  total = 0;
  private readonly groups = new Map<string, { count: number; depth: number; ids: number[] }>();

  add(way: string, id: number, depth: number): void {
    this.total++;
    const g = this.groups.get(way);
    if (!g) this.groups.set(way, { count: 1, depth, ids: [id] });
    else {
      g.count++;
      if (depth === g.depth) g.ids.push(id);
    }
  }

  /** Each way with its best state, best ways first. */
  best(better: (a: number, b: number) => number): Array<{ way: string; count: number; id: number }> {
    const out = [...this.groups].map(([way, g]) => ({ way, count: g.count, id: g.ids.reduce((a, b) => (better(a, b) <= 0 ? a : b)) }));
    return out.sort((a, b) => better(a.id, b.id));
  }
}

function grownRow(row: Int32Array): Int32Array {
  const bigger = new Int32Array(row.length * 2);
  bigger.set(row);
  return bigger;
}
