/**
 * A model's variant compiled for the scheduler: actors, links and events numbered, every actor
 * snapshot interned, and each actor's local step (snapshot × event → snapshot + effects) computed
 * once with XState's pure `transition()` and cached. Almost every edge of the global state graph
 * repeats a local step, so the cache is what makes exploration fast.
 */
import type { AnyMachineSnapshot, AnyStateMachine, EventObject } from 'xstate';
import { Interner } from './canonical.ts';
import { ModelError } from './errors.ts';
import type {
  ActorSpec,
  LinkSpec,
  MetricPropertySpec,
  MetricSpec,
  Model,
  ModelSystem,
  PropertySpec,
  SchedulingPolicy,
  SimulationSpec,
  StimulusSpec,
  WhenFull,
} from './model.ts';
import { PureStepper } from './pure-step.ts';
import { isRestart, isSendEnvelope } from './send.ts';
import { settleProbe } from './settle-probe.ts';

export interface CompiledLink {
  index: number;
  name: string;
  from: number;
  to: number;
  ordered: boolean;
  capacity: number;
  maxLatency: number;
  whenFull: WhenFull;
  fullReply: number;
  writes: boolean;
  faults: ReadonlySet<'drop' | 'delay' | 'fail'>;
}

/** A message kind: who sends what to whom, and what the sender gets if the call fails. */
export interface MessageInfo {
  from: number;
  to: number;
  link: number;
  event: number;
  failReply: number;
}

export type Effect =
  | { kind: 'send'; msg: number }
  | { kind: 'restart'; actor: number }
  | { kind: 'schedule'; timer: number; event: number; delay: number }
  | { kind: 'cancel'; timer: number };

export interface LocalStep {
  snap: number;
  effects: readonly Effect[];
}

export interface CompiledStimulus {
  name: string;
  to: number;
  event: number;
  times: number;
  description: string;
  window: readonly [number, number] | null;
}

export interface CompiledPool {
  name: string;
  workers: number;
  policy: SchedulingPolicy;
}

/** An event waiting for or held by a worker; `timer` is the timer it came from, or -1. */
export interface WorkItem {
  actor: number;
  event: number;
  timer: number;
}

const NONE = -1;

/** The effects of the many local steps that have none: one shared list. */
const NO_EFFECTS: readonly Effect[] = Object.freeze([]);

/**
 * Something a runtime created, as another runtime of the same model variant can create it again:
 * a local step it computed (followed by what that step interned), or what it interned: a snapshot,
 * event or timer id by key, a message or work item by its parts. Replaying a runtime's creations in
 * order on a runtime that started equal gives every one of them the same id (see `replay`).
 */
export type Creation =
  | { kind: 'step'; actor: number; snap: number; event: number }
  | { kind: 'snap'; role: number; key: string }
  | { kind: 'event'; key: string }
  | { kind: 'timer'; key: string }
  | { kind: 'message'; from: number; to: number; event: number; failReply: number }
  | { kind: 'work'; actor: number; event: number; timer: number };

/** How many ids each table has handed out: per role its snapshots, then events, timers, messages, work items. */
export interface Sizes {
  snaps: number[];
  events: number;
  timers: number;
  messages: number;
  works: number;
}

export class Runtime {
  readonly actorNames: string[];
  readonly links: CompiledLink[];
  readonly stimuli: CompiledStimulus[];
  readonly properties: PropertySpec[];
  readonly pools: CompiledPool[];
  /** Per actor slot: the pool its events wait for, or -1. */
  readonly poolOf: number[];
  readonly metrics: MetricSpec[];
  readonly metricProperties: MetricPropertySpec[];
  readonly simulation: SimulationSpec | null;
  readonly works = new Interner<WorkItem>();
  readonly events = new Interner<EventObject>();
  readonly messages = new Interner<MessageInfo>();
  readonly timerNames = new Interner<string>();
  /**
   * Actor slots: the declared actors first, then one `<name>~old` slot per restartable actor for its
   * superseded instance. `roleOf` maps a slot to the declared actor whose machine it runs.
   */
  readonly roleOf: number[];
  /** Per declared actor: the slot of its superseded instance, or -1 when it is not restartable. */
  readonly ghostOf: number[];
  /** Per actor: may it crash, and which of its timer ids are deadlines that may expire early. */
  readonly crashable: boolean[];
  readonly deadlines: Array<ReadonlySet<number>>;
  /** Per actor: the initial snapshot id and the effects of entering it. */
  readonly initial: LocalStep[];

  private readonly steppers: PureStepper[];
  private readonly inputs: unknown[];
  private readonly durations: Array<ActorSpec['duration']>;
  private readonly machines: AnyStateMachine[];
  private readonly snaps: Array<Interner<AnyMachineSnapshot>>;
  private readonly linkByPair: Int32Array;
  /**
   * Per role, per snapshot: its local steps by event id (sparse arrays: a snapshot meets a few of
   * the model's events, and an array is both smaller and quicker to read than a Map).
   */
  private readonly cache: Array<Array<Array<LocalStep | undefined>>>;
  /** Per role, per snapshot: the one step, shared by every event it ignores, that leaves it as it is. */
  private readonly unchanged: Array<Array<LocalStep>>;
  /** Per actor and snapshot: the event types some active state handles (null: any, by wildcard). */
  private readonly handled: Array<Array<Set<string> | null>>;
  /** Per actor: those sets by the active state nodes (snapshots in the same states share one). */
  private readonly handledIn: Array<Map<string, Set<string> | null>>;
  /** Per actor: the answers of `matches` by state value (see memoizeMatches). */
  private readonly matchesIn: Array<Map<string, Map<string, boolean>>>;
  private readonly actorIndex = new Map<string, number>();
  /**
   * With `{ journal: true }`: everything created since construction, in order (a parallel search
   * replays it on its workers' runtimes); otherwise null.
   */
  readonly creations: Creation[] | null;
  /** The sizes at `mark()`, and the local steps cached since, which `rollback()` forgets. */
  private marked: (Sizes & { creations: number }) | null = null;
  private stepsSinceMark: number[] = [];

  constructor(
    readonly model: Model,
    readonly variant: string,
    options: { journal?: boolean } = {},
  ) {
    if (!(variant in model.variants)) {
      throw new ModelError(
        `model "${model.id}" has no variant "${variant}" (it has: ${Object.keys(model.variants).join(', ')})`,
      );
    }
    let system: ModelSystem;
    try {
      system = model.build(variant);
    } catch (e) {
      throw new ModelError(`model "${model.id}" failed to build variant "${variant}": ${(e as Error).message}`);
    }
    const roles = Object.keys(system.actors);
    const specs = roles.map((n) => system.actors[n]);
    const restartable = roles.flatMap((_, r) => (specs[r].restartable ? [r] : []));
    this.actorNames = [...roles, ...restartable.map((r) => `${roles[r]}~old`)];
    this.actorNames.forEach((name, i) => this.actorIndex.set(name, i));
    this.roleOf = [...roles.map((_, r) => r), ...restartable];
    this.ghostOf = roles.map((_, r) => (restartable.includes(r) ? roles.length + restartable.indexOf(r) : NONE));
    this.steppers = specs.map((s) => new PureStepper(s.machine));
    this.inputs = specs.map((s) => s.input);
    this.crashable = this.roleOf.map((r, a) => a === r && specs[r].crash === true);
    this.snaps = roles.map(() => new Interner<AnyMachineSnapshot>());
    this.cache = roles.map(() => []);
    this.unchanged = roles.map(() => []);
    this.handled = roles.map(() => []);
    this.handledIn = roles.map(() => new Map());
    this.matchesIn = roles.map(() => new Map());

    const n = roles.length;
    this.linkByPair = new Int32Array(n * n).fill(NONE);
    this.links = system.links.map((spec, index) => this.compileLink(spec, index));
    this.deadlines = this.roleOf.map((r) => new Set((specs[r].deadlines ?? []).map((id) => this.timerNames.id(id, id))));
    this.stimuli = system.stimuli.map((s) => this.compileStimulus(s));
    this.properties = system.properties;
    const pools = Object.entries(system.pools ?? {});
    this.pools = pools.map(([name, p]) => {
      if (!(Number.isInteger(p.workers) && p.workers > 0)) throw new ModelError(`pool "${name}" needs a whole number of workers above 0`);
      return { name, workers: p.workers, policy: p.policy ?? 'fifo' };
    });
    this.poolOf = this.roleOf.map((r) => {
      const name = specs[r].pool;
      if (name === undefined) return NONE;
      const p = pools.findIndex(([n]) => n === name);
      if (p < 0) throw new ModelError(`actor ${roles[r]} waits for pool "${name}", which the model does not declare`);
      if (specs[r].restartable) throw new ModelError(`actor ${roles[r]} is restartable and pooled; Interleave supports one or the other`);
      return p;
    });
    this.durations = specs.map((s) => s.duration);
    this.machines = specs.map((s) => s.machine);
    this.metrics = system.metrics ?? [];
    this.metricProperties = system.metricProperties ?? [];
    this.simulation = system.simulation ?? null;
    this.checkMetrics();
    this.initial = roles.map((_, a) => this.initialStep(a));
    const journal: Creation[] | null = (this.creations = options.journal ? [] : null);
    if (journal) {
      this.snaps.forEach((interner, role) => (interner.onCreate = (_, key) => journal.push({ kind: 'snap', role, key })));
      this.events.onCreate = (_, key) => journal.push({ kind: 'event', key });
      this.timerNames.onCreate = (_, key) => journal.push({ kind: 'timer', key });
      this.messages.onCreate = (m) => journal.push({ kind: 'message', from: m.from, to: m.to, event: m.event, failReply: m.failReply });
      this.works.onCreate = (w) => journal.push({ kind: 'work', actor: w.actor, event: w.event, timer: w.timer });
    }
  }

  sizes(): Sizes {
    return {
      snaps: this.snaps.map((s) => s.size),
      events: this.events.size,
      timers: this.timerNames.size,
      messages: this.messages.size,
      works: this.works.size,
    };
  }

  /** Remembers the tables as they are, for `rollback()`. */
  mark(): void {
    this.marked = { ...this.sizes(), creations: this.creations?.length ?? 0 };
    this.stepsSinceMark = [];
  }

  /** Forgets everything created since `mark()`: ids, snapshots and the local steps cached meanwhile. */
  rollback(): void {
    const m = this.marked;
    if (!m) return;
    const steps = this.stepsSinceMark;
    for (let i = 0; i < steps.length; i += 3) {
      const byEvent = this.cache[steps[i]][steps[i + 1]];
      if (byEvent) byEvent[steps[i + 2]] = undefined;
    }
    this.snaps.forEach((s, role) => {
      s.truncate(m.snaps[role]);
      this.cache[role].length = Math.min(this.cache[role].length, m.snaps[role]);
      this.unchanged[role].length = Math.min(this.unchanged[role].length, m.snaps[role]);
      this.handled[role].length = Math.min(this.handled[role].length, m.snaps[role]);
    });
    this.events.truncate(m.events);
    this.timerNames.truncate(m.timers);
    this.messages.truncate(m.messages);
    this.works.truncate(m.works);
    if (this.creations) this.creations.length = m.creations;
    this.stepsSinceMark = [];
  }

  /** Creates what another runtime created (`creations`, in its ids), on a runtime that was equal to it before. */
  replay(creations: readonly Creation[]): void {
    for (const c of creations) {
      if (c.kind === 'step') this.localStep(c.actor, c.snap, c.event);
      else if (c.kind === 'message') this.messageId(c.from, c.to, c.event, c.failReply);
      else if (c.kind === 'work') this.workId(c.actor, c.event, c.timer);
      // Snapshots, events and timer ids come from the steps.
    }
  }

  /** The id of a role's snapshot by its key, if interned. */
  snapId(role: number, key: string): number | undefined {
    return this.snaps[role].lookup(key);
  }

  /** The id of a message, if interned. */
  findMessage(from: number, to: number, event: number, failReply: number): number | undefined {
    return this.messages.lookup(messageKey(from, to, event, failReply));
  }

  /** The id of a work item, if interned. */
  findWork(actor: number, event: number, timer: number): number | undefined {
    return this.works.lookup(workKey(actor, event, timer));
  }

  /** Is this slot the superseded instance of a restartable actor? */
  isGhost(actor: number): boolean {
    return this.roleOf[actor] !== actor;
  }

  /** The same message, as sent by another slot of its sender's role (the superseded instance). */
  sentBy(msg: number, from: number): number {
    const m = this.messages.values[msg];
    return m.from === from ? msg : this.messageId(from, m.to, m.event, m.failReply);
  }

  /** The same message, addressed to another slot of its receiver's role. */
  sentTo(msg: number, to: number): number {
    const m = this.messages.values[msg];
    return m.to === to ? msg : this.messageId(m.from, to, m.event, m.failReply);
  }

  workId(actor: number, event: number, timer: number): number {
    return this.works.id({ actor, event, timer }, workKey(actor, event, timer));
  }

  /** Virtual ms a worker spends on the event, read from the actor's snapshot as it starts. */
  duration(actor: number, snap: number, event: number): number {
    const f = this.durations[this.roleOf[actor]];
    if (f === undefined) return 0;
    const e = this.events.values[event];
    const ms = this.guard(actor, `the duration of ${e.type}`, () => f(e, this.snapshot(actor, snap)));
    if (!(Number.isFinite(ms) && ms >= 0)) {
      throw new ModelError(`actor ${this.actorNames[actor]}: duration of ${e.type} is ${String(ms)}; it must be a finite number of ms, 0 or more`);
    }
    return ms;
  }

  /** Every state node id of the actor's machine, the root included. */
  stateNodeIds(actor: number): string[] {
    const ids: string[] = [];
    const walk = (node: { id: string; states: Record<string, unknown> }) => {
      ids.push(node.id);
      for (const child of Object.values(node.states)) walk(child as typeof node);
    };
    walk(this.machines[this.roleOf[actor]].root as unknown as { id: string; states: Record<string, unknown> });
    return ids;
  }

  private checkMetrics(): void {
    const names = new Set<string>();
    for (const m of this.metrics) {
      if (names.has(m.name)) throw new ModelError(`metric "${m.name}" is declared twice`);
      names.add(m.name);
      if (m.kind === 'lateness') this.actor(m.actor);
    }
    for (const p of this.metricProperties) {
      if (!names.has(p.metric)) throw new ModelError(`property "${p.name}" reads metric "${p.metric}", which the model does not declare`);
      if (p.kind === 'settles' && !this.stimuli.some((s) => s.name === p.after)) {
        throw new ModelError(`property "${p.name}" starts after stimulus "${p.after}", which the model does not declare`);
      }
    }
  }

  actor(name: string): number {
    const i = this.actorIndex.get(name);
    if (i === undefined) throw new ModelError(`model "${this.model.id}" has no actor "${name}"`);
    return i;
  }

  hasActor(name: string): boolean {
    return this.actorIndex.has(name);
  }

  /** The link from one actor to another (either instance of each), or -1. */
  linkBetween(from: number, to: number): number {
    return this.linkByPair[this.roleOf[from] * this.snaps.length + this.roleOf[to]];
  }

  snapshot(actor: number, snap: number): AnyMachineSnapshot {
    return this.snaps[this.roleOf[actor]].values[snap];
  }

  /** How many distinct local states each actor has shown so far. */
  localStateCount(): number {
    return this.snaps.reduce((sum, s) => sum + s.size, 0);
  }

  /** The actor's step on an event: cached after the first time (per role: both instances share it). */
  localStep(actor: number, snap: number, event: number): LocalStep {
    actor = this.roleOf[actor];
    const bySnap = this.cache[actor];
    let byEvent = bySnap[snap];
    if (byEvent === undefined) bySnap[snap] = byEvent = [];
    let step = byEvent[event];
    if (step === undefined) {
      this.creations?.push({ kind: 'step', actor, snap, event });
      step = this.computeStep(actor, snap, event);
      byEvent[event] = step;
      if (this.marked) this.stepsSinceMark.push(actor, snap, event);
    }
    return step;
  }

  eventId(event: EventObject): number {
    return this.events.id(event);
  }

  messageId(from: number, to: number, event: number, failReply: number): number {
    const link = this.linkBetween(from, to);
    if (link === NONE) {
      const e = this.events.values[event];
      throw new ModelError(
        `${this.actorNames[from]} sends ${e.type} to ${this.actorNames[to]}, but the model declares no link ${this.actorNames[from]}->${this.actorNames[to]}`,
      );
    }
    return this.messages.id({ from, to, link, event, failReply }, messageKey(from, to, event, failReply));
  }

  private compileLink(spec: LinkSpec, index: number): CompiledLink {
    const from = this.actor(spec.from);
    const to = this.actor(spec.to);
    if (this.isGhost(from) || this.isGhost(to)) throw new ModelError(`link ${spec.from}->${spec.to}: links join declared actors`);
    const slot = from * this.snaps.length + to;
    if (this.linkByPair[slot] !== NONE) throw new ModelError(`link ${spec.from}->${spec.to} is declared twice`);
    this.linkByPair[slot] = index;
    const whenFull = spec.whenFull ?? 'block';
    if (whenFull === 'fail' && !spec.fullReply) {
      throw new ModelError(`link ${spec.from}->${spec.to} fails sends when full but names no fullReply event`);
    }
    return {
      index,
      name: `${spec.from}->${spec.to}`,
      from,
      to,
      ordered: spec.ordered === true,
      capacity: spec.capacity ?? Infinity,
      maxLatency: spec.maxLatency ?? Infinity,
      whenFull,
      fullReply: spec.fullReply ? this.events.id(spec.fullReply) : NONE,
      writes: spec.writes === true,
      faults: new Set(spec.faults ?? []),
    };
  }

  private compileStimulus(s: StimulusSpec): CompiledStimulus {
    return {
      name: s.name,
      to: this.actor(s.to),
      event: this.events.id(s.event),
      times: s.times ?? 1,
      description: s.description ?? `${s.event.type} to ${s.to}`,
      window: s.window ? [s.window[0], s.window[1]] : null,
    };
  }

  private initialStep(actor: number): LocalStep {
    const [snapshot, actions] = this.guard(actor, 'start', () => this.steppers[actor].initial(this.inputs[actor]));
    return { snap: this.intern(actor, snapshot), effects: this.effectsOf(actor, actions, 'its start') };
  }

  private computeStep(actor: number, snap: number, event: number): LocalStep {
    const before = this.snaps[actor].values[snap];
    const e = this.events.values[event];
    if (!this.mayHandle(actor, snap, e.type)) return this.unchangedStep(actor, snap);
    const [after, actions] = this.guard(actor, e.type, () => this.steppers[actor].step(before, e));
    if (after === before && actions.length === 0) return this.unchangedStep(actor, snap);
    return { snap: this.intern(actor, after), effects: this.effectsOf(actor, actions, e.type) };
  }

  private unchangedStep(role: number, snap: number): LocalStep {
    return (this.unchanged[role][snap] ??= { snap, effects: NO_EFFECTS });
  }

  /**
   * False when no active state node has a transition for the event type, so XState would return the
   * snapshot unchanged: most events an actor receives in most states are of that kind.
   */
  private mayHandle(actor: number, snap: number, type: string): boolean {
    let handled: Set<string> | null | undefined = this.handled[actor][snap];
    if (handled === undefined) {
      const nodes = (this.snaps[actor].values[snap] as unknown as { _nodes: Array<{ id: string; transitions: Map<string, unknown> }> })._nodes;
      const configuration = nodes.map((n) => n.id).join('\n');
      handled = this.handledIn[actor].get(configuration);
      if (handled === undefined) {
        const types = new Set<string>();
        for (const node of nodes) for (const key of node.transitions.keys()) types.add(key);
        const wildcard = [...types].some((t) => t === '*' || t.endsWith('.*'));
        handled = wildcard ? null : types;
        this.handledIn[actor].set(configuration, handled);
      }
      this.handled[actor][snap] = handled;
    }
    return handled === null || handled.has(type);
  }

  private restartTarget(actor: number, name: string): number {
    const target = this.actorIndex.get(name);
    if (target === undefined || this.ghostOf[target] === undefined || this.ghostOf[target] === NONE) {
      throw new ModelError(`${this.actorNames[actor]} restarts "${name}", which is not an actor declared restartable`);
    }
    return target;
  }

  private guard<T>(actor: number, what: string, run: () => T): T {
    const probe = settleProbe();
    probe?.begin(this.actorNames[actor], what);
    try {
      return run();
    } catch (e) {
      if (e instanceof ModelError) throw e;
      throw new ModelError(`actor ${this.actorNames[actor]} threw on ${what}: ${(e as Error).message}`);
    } finally {
      probe?.end();
    }
  }

  private intern(actor: number, s: AnyMachineSnapshot): number {
    if (s.status === 'error') {
      throw new ModelError(`actor ${this.actorNames[actor]} entered an error state: ${String(s.error)}`);
    }
    if (Object.keys(s.children).length > 0) {
      throw new ModelError(`actor ${this.actorNames[actor]} spawns child actors; declare them as actors of the model instead`);
    }
    const history = Object.keys(s.historyValue);
    // JSON.stringify, not canonicalJson: a machine builds its context the same way on the same path,
    // and this runs for every new local state.
    const key = JSON.stringify([s.value, s.status, s.context, history.length ? historyKey(s) : 0]);
    const known = this.snaps[actor].lookup(key);
    if (known !== undefined) return known;
    const value = JSON.stringify(s.value);
    let answers = this.matchesIn[actor].get(value);
    if (!answers) this.matchesIn[actor].set(value, (answers = new Map()));
    return this.snaps[actor].id(memoizeMatches(s, answers), key);
  }

  /** Turns XState's action list into the effects the scheduler owns. */
  private effectsOf(actor: number, actions: ReadonlyArray<{ type: string; params?: unknown }>, cause: string): readonly Effect[] {
    const effects: Effect[] = [];
    for (const action of actions) {
      // The params of XState's built-in actions, as its pure transition() resolves them.
      const p = (action.params ?? {}) as { event?: EventObject; delay?: number; id?: string; sendId?: string };
      switch (action.type) {
        case 'xstate.emit': {
          const envelope = p.event;
          if (isRestart(envelope)) {
            effects.push({ kind: 'restart', actor: this.restartTarget(actor, envelope.actor) });
            break;
          }
          if (!isSendEnvelope(envelope)) break;
          const to = this.actorIndex.get(envelope.to);
          if (to === undefined || this.isGhost(to)) {
            throw new ModelError(`${this.actorNames[actor]} sends ${envelope.event.type} to unknown actor "${envelope.to}"`);
          }
          const failReply = envelope.failReply ? this.events.id(envelope.failReply) : NONE;
          effects.push({ kind: 'send', msg: this.messageId(actor, to, this.events.id(envelope.event), failReply) });
          break;
        }
        case 'xstate.raise':
          // An undelayed raise was already processed inside the macrostep.
          if (typeof p.delay === 'number' && p.event) {
            const id = String(p.id ?? p.event.type);
            effects.push({ kind: 'schedule', timer: this.timerNames.id(id, id), event: this.events.id(p.event), delay: p.delay });
          }
          break;
        case 'xstate.cancel': {
          const id = String(p.sendId);
          effects.push({ kind: 'cancel', timer: this.timerNames.id(id, id) });
          break;
        }
        case 'xstate.sendTo':
        case 'xstate.sendParent':
        case 'xstate.spawnChild':
          throw new ModelError(
            `${this.actorNames[actor]} uses ${action.type} on ${cause}; models send with Interleave's send() so the scheduler delivers`,
          );
        default:
          // Logs, custom no-op actions and emits to no one have no effect on the world.
          break;
      }
    }
    return effects.length === 0 ? NO_EFFECTS : effects;
  }
}

/**
 * Properties ask an interned snapshot `matches('processing')` for every state the explorer finds;
 * XState parses the state value each time. The answer depends on the state value alone, so it is
 * memoized in `memo`, shared by the snapshots with that value. (Snapshots XState derives from it get
 * XState's own `matches` back.)
 */
function memoizeMatches(s: AnyMachineSnapshot, memo: Map<string, boolean>): AnyMachineSnapshot {
  const original = s.matches;
  (s as { matches: AnyMachineSnapshot['matches'] }).matches = (value) => {
    if (typeof value !== 'string') return original.call(s, value);
    let answer = memo.get(value);
    if (answer === undefined) memo.set(value, (answer = original.call(s, value)));
    return answer;
  };
  return s;
}

const messageKey = (from: number, to: number, event: number, failReply: number) => `${from},${to},${event},${failReply}`;
const workKey = (actor: number, event: number, timer: number) => `${actor},${event},${timer}`;

function historyKey(s: AnyMachineSnapshot): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, nodes] of Object.entries(s.historyValue)) out[k] = (nodes as Array<{ id: string }>).map((n) => n.id);
  return out;
}
