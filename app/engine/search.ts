/**
 * One breadth-first search: its tables (visited set, parents, levels, fault-free edges), the visit
 * of each state found, and the analysis at the end that turns the stored graph into findings. A
 * driver feeds it: `explore` expands every state here, `exploreParallel` has workers compute the
 * successors and hands them in, in the same order, so both give the same result.
 */
import { applyStep, initialWorld, stateLabel } from './apply.ts';
import { Checks, GOAL, WAITING } from './checks.ts';
import { decodeWorld, Encoder, shapeOf, type Shape } from './codec.ts';
import { actorsRead, explainAt } from './explain.ts';
import type { CutReason, ExploreOptions, ExploreResult, Finding, Witness } from './explorer.ts';
import type { Runtime } from './runtime.ts';
import { backwardReach, EdgeRows, Growing, Levels } from './search-tables.ts';
import { MAX_STATES, StateStore } from './state-store.ts';
import { describeStep, enabledSteps, eventLabel, isFault, stepActor, stepToJson, type Step, type StepJson, type StepPolicy } from './steps.ts';
import { viewOf } from './view.ts';
import type { World } from './world.ts';

/** Ways listed per finding; the rest are counted. */
const MAX_WAYS = 10;

/** How often (in states expanded) the search checks its bounds and cancellation, and reports progress. */
const CHECK_EVERY = 512;

export class Search {
  private readonly policy: StepPolicy;
  readonly shape: Shape;
  readonly store = new StateStore();
  private transitions = 0;
  private readonly t0: number;
  private readonly clock: () => number;
  private readonly maxStates: number;
  /** The properties, and how a state's are asked. */
  readonly checks: Checks;
  /** The answers of the state being visited, when the search asks them itself. */
  private readonly answers: Uint8Array;
  private readonly start: World;
  private readonly encoder = new Encoder();
  private readonly parent = new Growing(Int32Array);
  private readonly levels = new Levels();
  // Among the shortest paths to a state, the one with the fewest switches between actors, and the
  // actor of its last step. A state's entry is final before it is expanded (breadth-first).
  // Switches saturate at 65,535; the last actor is stored plus one (0: none, the initial world).
  private readonly switches = new Growing(Uint16Array);
  private readonly lastActor: Growing<Uint8Array | Uint16Array>;
  private readonly edges = new EdgeRows(); // fault-free edges
  private rowTargets: Int32Array = new Int32Array(64); // the fault-free edges out of the state being expanded
  private row = 0;
  private readonly unexpanded: number[] = [];
  private readonly cuts: Partial<Record<CutReason, number>> = {};
  private readonly violationWays: Ways[];
  private readonly when: number[][];
  private readonly goalList: number[][];
  private readonly witness: number[];
  private firstStale = -1;
  private staleStates = 0;
  private readonly steps: Step[] = [];
  // The state being expanded: read once per state, not once per successor.
  private from = -1;
  private fromDepth = -1;
  private fromSwitches = 0;
  private fromLast = -1;

  constructor(
    readonly rt: Runtime,
    private readonly options: ExploreOptions,
  ) {
    this.clock = options.clock ?? (() => performance.now());
    this.t0 = this.clock();
    const { bounds } = options;
    this.policy = { maxFaults: bounds.maxFaults, faults: new Set(bounds.faults) };
    this.shape = shapeOf(rt);
    // A bound past what the store can hold cuts there, reported as the states bound.
    this.maxStates = Math.min(bounds.maxStates, MAX_STATES);
    this.checks = new Checks(rt);
    const { invariants, progress, possible } = this.checks;
    this.answers = new Uint8Array(this.checks.width);
    this.lastActor = new Growing<Uint8Array | Uint16Array>(rt.actorNames.length < 0xff ? Uint8Array : Uint16Array);
    this.violationWays = invariants.map(() => new Ways());
    this.when = progress.map(() => []);
    this.goalList = progress.map(() => []);
    this.witness = possible.map(() => -1);
    this.start = options.start ?? initialWorld(rt);
    // The first state, unless a bound of no states leaves even it out.
    const len = this.encoder.encode(this.start);
    if (this.maxStates > 0) this.settle(this.store.intern(this.encoder.buffer, len), 0, -1, this.start, this.start.now, null, 0);
  }

  /** States found so far. */
  get count(): number {
    return this.store.count;
  }

  depthOf(id: number): number {
    return this.levels.of(id);
  }

  /**
   * Called before state `head` is expanded: every CHECK_EVERY states, reports progress and says which
   * bound, if any, stops the search here.
   */
  check(head: number): CutReason | undefined {
    return head % CHECK_EVERY === 0 && head > 0 ? this.checkpoint(head) : undefined;
  }

  private checkpoint(head: number): CutReason | undefined {
    const { options } = this;
    const ms = this.clock() - this.t0;
    const bytes = this.tableBytes();
    let stop: CutReason | undefined;
    if (options.isCancelled?.()) stop = 'cancelled';
    else if (options.maxSeconds !== undefined && ms > options.maxSeconds * 1000) stop = 'maxSeconds';
    else if (options.maxBytes !== undefined && bytes > options.maxBytes) stop = 'maxMemory';
    options.onProgress?.({ states: this.count, transitions: this.transitions, frontier: this.count - head, depth: this.depthOf(head), ms, bytes });
    return stop;
  }

  /**
   * Starts expanding state `id`: false when the depth bound leaves it unexpanded. Its successors
   * follow through `successor`, then `end`.
   */
  begin(id: number): boolean {
    this.from = id;
    this.fromDepth = this.levels.of(id);
    this.fromSwitches = this.switches.get(id);
    this.fromLast = this.lastActor.get(id) - 1;
    this.row = 0;
    if (this.fromDepth >= this.options.bounds.maxDepth) {
      this.unexpanded.push(id);
      this.cut('maxDepth');
      return false;
    }
    return true;
  }

  /**
   * A successor of the state begun: its vector `v[0..len)`, the actor its step acts on, and whether
   * the step is a fault. `answers[at..]` are its properties' answers when a worker asked them (see
   * Checks); otherwise they are asked here of `world`, the successor itself when at hand, or else
   * decoded from the store with its clock at `now` if it is new.
   */
  successor(v: Int32Array, len: number, actor: number, fault: boolean, world: World | null, now: number, answers: Uint8Array | null = null, at = 0): number {
    const { store } = this;
    const before = store.count;
    if (before >= this.maxStates) return this.reached(store.find(v, len), fault);
    return this.reached(this.settle(store.intern(v, len), before, actor, world, now, answers, at), fault);
  }

  /** `successor` for a vector a worker packed already: `bytes[start..end)`, filed under `hash`. */
  successorPacked(bytes: Uint8Array, start: number, end: number, hash: number, actor: number, fault: boolean, now: number, answers: Uint8Array, at: number): number {
    const { store } = this;
    const before = store.count;
    if (before >= this.maxStates) return this.reached(store.findPacked(bytes, start, end, hash), fault);
    return this.reached(this.settle(store.internPacked(bytes, start, end, hash), before, actor, null, now, answers, at), fault);
  }

  /**
   * A successor that is the world an earlier `successor` or `successorPacked` call of this depth
   * returned `id` for (-1: it was not stored): the same as handing its vector again, without looking it up.
   */
  again(id: number, actor: number, fault: boolean): number {
    if (id >= 0 && this.store.count < this.maxStates) this.foundAgain(id, actor);
    return this.reached(id, fault);
  }

  /** Records the edge to a successor; returns its id, or -1 if the store is full and it is new. */
  private reached(to: number, fault: boolean): number {
    if (to < 0) {
      // The state is new but the store is full: this one is only partly expanded.
      if (this.unexpanded[this.unexpanded.length - 1] !== this.from) this.unexpanded.push(this.from);
      this.cut('maxStates');
      return to;
    }
    this.transitions++;
    if (!fault) {
      if (this.row === this.rowTargets.length) this.rowTargets = grownRow(this.rowTargets);
      this.rowTargets[this.row++] = to;
    }
    return to;
  }

  end(): void {
    this.edges.write(this.from, this.rowTargets, this.row);
  }

  /** Expands state `id` with this search's own runtime. */
  expandHere(id: number): void {
    if (!this.begin(id)) return;
    const { rt } = this;
    const world = decodeWorld(this.store.vector(id), this.shape);
    enabledSteps(rt, world, this.policy, this.steps);
    for (const step of this.steps) {
      const next = applyStep(rt, world, step);
      const len = this.encoder.encode(next);
      this.successor(this.encoder.buffer, len, stepActor(rt, world, step), isFault(step), next, next.now);
    }
    this.end();
  }

  private cut(r: CutReason): void {
    this.cuts[r] = (this.cuts[r] ?? 0) + 1;
  }

  private tableBytes(): number {
    return this.store.bytes + this.parent.bytes + this.switches.bytes + this.lastActor.bytes + this.edges.bytes;
  }

  /**
   * Records the state `id` the store returned when it held `before` states: a state found again may
   * take a better path; a new one gets its tables' entries and its properties' answers are filed.
   * `world` is the state, or null to decode it, if needed, from the store with its clock at `now`;
   * `answers[at..]` are its answers if a worker asked them (null: they are asked here).
   */
  private settle(id: number, before: number, actor: number, world: World | null, now: number, answers: Uint8Array | null, at: number): number {
    if (this.store.count === before) {
      this.foundAgain(id, actor);
      return id;
    }
    const from = this.from;
    this.parent.push(from);
    this.levels.add(id, from < 0 ? 0 : this.fromDepth + 1);
    this.switches.push(this.switchesTo(actor));
    this.lastActor.push(from < 0 ? 0 : actor + 1);
    // The state as a world is needed only to ask its properties here, to word a violation, or for onState.
    let w = world;
    let a = answers;
    let k = at;
    if (a === null) {
      w ??= this.decode(id, now);
      a = this.answers;
      k = 0;
      this.checks.answer(w, a, k);
    }
    const { checks } = this;
    const { invariants, progress, possible } = checks;
    const stale = a[k + checks.stale];
    for (let i = 0; i < invariants.length; i++, k++) {
      if (a[k]) this.violationWays[i].add(this.wayOf(invariants[i].name, (w ??= this.decode(id, now))), id, this.levels.of(id));
    }
    for (let i = 0; i < progress.length; i++, k++) {
      if (a[k] === GOAL) this.goalList[i].push(id);
      else if (a[k] === WAITING) this.when[i].push(id);
    }
    for (let i = 0; i < possible.length; i++, k++) {
      if (a[k] && this.witness[i] < 0) {
        this.witness[i] = id;
        checks.witnessed[i] = true;
      }
    }
    if (stale) {
      this.staleStates++;
      if (this.firstStale < 0) this.firstStale = id;
    }
    if (this.options.onState) this.options.onState((w ??= this.decode(id, now)));
    return id;
  }

  /** Stored state `id` as a world, its clock at `now`. */
  private decode(id: number, now: number): World {
    return decodeWorld(this.store.vector(id), this.shape, now);
  }

  /** Switches between actors on the path through the state being expanded to its successor by `actor`'s step. */
  private switchesTo(actor: number): number {
    return this.from < 0 ? 0 : Math.min(0xffff, this.fromSwitches + (this.fromLast >= 0 && this.fromLast !== actor ? 1 : 0));
  }

  /** A state found again: one level down (ids of a level are contiguous) by a path with fewer switches, it takes that path. */
  private foundAgain(id: number, actor: number): void {
    const from = this.from;
    if (from < 0 || id < this.levels.first(this.fromDepth + 1)) return;
    const sw = this.switchesTo(actor);
    if (sw >= this.switches.get(id)) return;
    this.parent.set(id, from);
    this.switches.set(id, sw);
    this.lastActor.set(id, actor + 1);
  }

  /** The states of the actors a property reads (those it read in its first failing world). */
  private readonly readBy = new Map<string, number[]>();
  private wayOf(property: string, w: World): string {
    const { rt } = this;
    let actors = this.readBy.get(property);
    if (!actors) this.readBy.set(property, (actors = actorsRead(rt, w, property).map((a) => rt.actor(a))));
    return actors.map((a) => `${rt.actorNames[a]}: ${w.snaps[a] < 0 ? 'not running' : stateLabel(rt, a, w.snaps[a])}`).join(', ');
  }

  /**
   * The result: states from `head` on were not expanded (`stopped` says why, when a bound or a
   * cancel ended the search early); properties are decided on the stored graph.
   */
  finish(head: number, stopped: CutReason | undefined): ExploreResult {
    const { rt, store, options, parent, switches } = this;
    if (stopped) {
      this.cut(stopped);
      for (let i = head; i < store.count; i++) this.unexpanded.push(i);
    }
    const n = store.count;
    const prefix = options.prefix ?? [];
    const depthOf = (id: number) => this.levels.of(id);
    const lastActorOf = (id: number) => this.lastActor.get(id) - 1;
    const { encoder } = this;

    /**
     * The shortest trace to a state, as JSON steps, and the world it ends in. Only parents are
     * stored, so each step is found again: the enabled step whose result is the next state.
     */
    const pathTo = (id: number): { trace: StepJson[]; world: World; faults: number; ids: number[] } => {
      const ids: number[] = [];
      for (let s = id; s >= 0; s = parent.get(s)) ids.push(s);
      ids.reverse();
      const trace = prefix.map((s) => s.json);
      let world = this.start;
      for (let k = 1; k < ids.length; k++) {
        const target = store.vector(ids[k]);
        const leads = enabledSteps(rt, world, this.policy).filter((st) => {
          const len = encoder.encode(applyStep(rt, world, st));
          return len === target.length && target.every((x, i) => encoder.buffer[i] === x);
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
    this.checks.invariants.forEach((p, i) => {
      if (this.violationWays[i].total === 0) return;
      const message = (w: World) => (p.message ? p.message(viewOf(rt, w)) : p.description);
      findings.push(finding('invariant', p.name, this.violationWays[i], message, lastStep));
    });

    if (this.firstStale >= 0) {
      const ways = new Ways();
      // Stale worlds stay stale: group them only by the write that made them so (the first one's).
      ways.add('a superseded instance wrote to shared state', this.firstStale, depthOf(this.firstStale));
      ways.total = this.staleStates;
      const cause = (ids: number[]) => ids.findIndex((id) => store.vector(id)[2] === 1);
      findings.push(finding('stale-write', STALE_WRITES, ways, () => '', cause));
      const f = findings[findings.length - 1];
      f.message = staleMessage(f.trace[f.trace.length - 1]);
    }

    if (this.checks.progress.length > 0) {
      const reverse = this.edges.reverse(n);
      const reachesCut = backwardReach(n, reverse, this.unexpanded);
      this.checks.progress.forEach((p, i) => {
        const reachesGoal = backwardReach(n, reverse, this.goalList[i]);
        const stuck = new Ways();
        const open = new Ways();
        for (const id of this.when[i]) {
          if (reachesGoal[id]) continue;
          (reachesCut[id] ? open : stuck).add(this.wayOf(p.name, decodeWorld(store.vector(id), this.shape)), id, depthOf(id));
        }
        const message = (prefixText: string) => (w: World) => prefixText + (p.message ? p.message(viewOf(rt, w)) : p.description);
        // The step of no return: into the first state on the path from which the goal is out of reach.
        const cause = (ids: number[]) => ids.findIndex((id) => !reachesGoal[id] && !reachesCut[id]);
        if (stuck.total > 0) findings.push(finding('stuck', p.name, stuck, message(''), cause));
        if (open.total > 0) inconclusive.push(finding('stuck', p.name, open, message('Inconclusive (the search was cut before deciding): '), () => -1));
      });
    }

    const complete = Object.keys(this.cuts).length === 0;
    const witnesses: Witness[] = this.checks.possible.map((p, i) => {
      const id = this.witness[i];
      if (id >= 0) return { property: p.name, question: p.description, answer: 'reachable', trace: pathTo(id).trace };
      return { property: p.name, question: p.description, answer: complete ? 'unreachable' : 'not-found' };
    });

    const ms = this.clock() - this.t0;
    return {
      model: rt.model.id,
      variant: rt.variant,
      bounds: options.bounds,
      states: n,
      transitions: this.transitions,
      bytes: this.tableBytes(),
      unexpanded: this.unexpanded.length,
      complete,
      cuts: this.cuts,
      depth: n > 0 ? depthOf(n - 1) : 0,
      ms: Math.round(ms),
      statesPerSecond: ms > 0 ? Math.round((n / ms) * 1000) : n,
      findings,
      inconclusive,
      witnesses,
    };
  }
}

/** The name stale-write findings go by: no property declares it, every model has it. */
export const STALE_WRITES = 'no-stale-writes';

/** The sentence for a stale write, from the delivery that made it. */
function staleMessage(step: StepJson | undefined): string {
  if (step?.do !== 'deliver') return 'A superseded instance wrote to shared state.';
  const role = step.from.replace(/~old$/, '');
  return `${step.from} wrote ${eventLabel(step.event)} to ${step.to} after a newer ${role} had started: a stale write.`;
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
