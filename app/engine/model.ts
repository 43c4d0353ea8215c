/**
 * How a model is declared. A model lives in one folder under `machines/` and default-exports the
 * result of `defineModel`. Its actors are real XState v5 machines; everything between them
 * (links, timers, faults) belongs to the engine, which owns every interleaving.
 */
import type { AnyEventObject, AnyMachineSnapshot, AnyStateMachine, EventObject } from 'xstate';

/** Faults the scheduler can inject, each one step that spends one unit of the fault budget. */
export type FaultKind = 'drop' | 'delay' | 'fail' | 'expire' | 'crash' | 'overlap';
export const FAULT_KINDS: readonly FaultKind[] = ['drop', 'delay', 'fail', 'expire', 'crash', 'overlap'];

/** What a send does when the link already holds `capacity` messages. */
export type WhenFull = 'block' | 'drop' | 'fail';

export interface LinkSpec {
  from: string;
  to: string;
  /** FIFO delivery (a stream or a channel); otherwise any message in flight may arrive next. */
  ordered?: boolean;
  /** Messages the link can hold; unbounded when absent. */
  capacity?: number;
  /** Block the sender (default), drop the message silently, or fail the send back to the sender. */
  whenFull?: WhenFull;
  /** With `whenFull: 'fail'`: the event the sender receives instead of the send succeeding. */
  fullReply?: EventObject;
  /**
   * The longest a message may stay in flight (virtual ms). Time cannot pass a message's deliver-by
   * moment until it is delivered or lost, which keeps periodic timers from piling up old messages.
   * Unbounded when absent: any timer may fire while the message is in flight.
   */
  maxLatency?: number;
  /**
   * Messages on this link write shared state. One sent by a superseded instance of its sender (see
   * ActorSpec.restartable) that is delivered anyway is a stale write, reported as a finding.
   */
  writes?: boolean;
  /** Message faults this link admits. A `fail` needs messages sent with a `failReply`. */
  faults?: Array<'drop' | 'delay' | 'fail'>;
}

export interface ActorSpec {
  machine: AnyStateMachine;
  input?: unknown;
  /** May the scheduler crash this actor (it restarts from its initial state, timers lost)? */
  crash?: boolean;
  /** Ids of this actor's delayed events that model deadlines and may expire early (a fault). */
  deadlines?: string[];
  /**
   * Other actors may restart it with `restart(name)`: a new instance starts from the initial state
   * and the old one is superseded. Its messages still in flight come from the old instance (the
   * actor `<name>~old`). The `overlap` fault makes the next restart leave the old instance running
   * beside the new one until it exits.
   */
  restartable?: boolean;
  /**
   * The pool of workers (threads) this actor's events wait for: an event that reaches it queues until
   * a worker is free, and holds that worker for its `duration`. Without a pool an event is handled at once.
   */
  pool?: string;
  /**
   * Virtual ms a worker is busy handling the event, read from the snapshot when the handling starts
   * (a blocking certificate reload: 1,000). The transition lands when the worker is done. Default 0.
   */
  duration?(event: AnyEventObject, snapshot: AnyMachineSnapshot): number;
}

/**
 * Who gets a thread next. `fifo`: events in the order they became ready, timers with no priority
 * (the proactor the skupper seed describes); `timers-first`: a due timer goes before any I/O event.
 */
export type SchedulingPolicy = 'fifo' | 'timers-first';

export interface PoolSpec {
  workers: number;
  policy?: SchedulingPolicy;
}

/** An external event the environment may deliver (a user submits a request). */
export interface StimulusSpec {
  name: string;
  to: string;
  event: AnyEventObject;
  /** How many times it may happen in one run (default 1). */
  times?: number;
  description?: string;
  /**
   * In simulation, the virtual time window [from, to] (ms) in which each occurrence happens, drawn
   * at random per run (an outage "at any time in the first cycle"). Without it a simulated run takes
   * the stimulus like any other enabled step. The explorer ignores it: a stimulus may come at any step.
   */
  window?: [from: number, to: number];
}

/** A read-only view of a world, handed to properties. */
export interface WorldView {
  /** The actor's snapshot. A superseded instance (`<name>~old`) that is not running has none. */
  actor(name: string): AnyMachineSnapshot;
  /** Messages in flight, optionally only those between two actors. */
  inFlight(from?: string, to?: string): ReadonlyArray<{ from: string; to: string; event: EventObject }>;
  /** A worker pool: workers busy and events waiting for one. */
  pool(name: string): { busy: number; waiting: number };
  readonly now: number;
  readonly faultsSpent: number;
}

interface PropertyBase {
  name: string;
  description: string;
}
/** Must hold in every reachable state. */
export interface InvariantSpec extends PropertyBase {
  kind: 'invariant';
  holds(view: WorldView): boolean;
  /** A sentence for a violation; defaults to the description. */
  message?(view: WorldView): string;
}
/** Whenever `when` holds, some fault-free continuation must reach `goal`; otherwise the state is stuck. */
export interface ProgressSpec extends PropertyBase {
  kind: 'progress';
  when(view: WorldView): boolean;
  goal(view: WorldView): boolean;
  message?(view: WorldView): string;
}
/** A question the explorer answers with a witness: can a state where `goal` holds be reached? */
export interface PossibleSpec extends PropertyBase {
  kind: 'possible';
  goal(view: WorldView): boolean;
}
export type PropertySpec = InvariantSpec | ProgressSpec | PossibleSpec;

/**
 * A quantity measured over virtual time.
 * - `gauge`: read from the world; sampled once at every virtual moment a run passes through, or at
 *   each multiple of `every`.
 * - `lateness`: how long after its due time each timer of `actor` (optionally only `timer`) was
 *   picked up by a worker, measured by the scheduler each time one is serviced.
 */
export type MetricSpec = {
  name: string;
  description: string;
  /** For axes and reports: "ms", "signatures/h", "connections". */
  unit: string;
  /** Divide raw values by this for display (3_600_000 to show hours); default 1. */
  scale?: number;
} & (
  /** `every`: sample at each multiple of this many virtual ms instead (an hourly rate, sampled hourly). */
  | { kind: 'gauge'; read(view: WorldView): number; every?: number }
  | { kind: 'lateness'; actor: string; timer?: string }
);

/** The metric never exceeds `max` in a run ("the heartbeat timer is never serviced more than 500 ms late"). */
export interface BoundSpec extends PropertyBase {
  kind: 'bound';
  metric: string;
  max: number;
}

/**
 * After the stimulus `after` happens and `settle` more ms have passed, the run is cut into cycles of
 * `cycle` ms; in each full cycle the metric's peak is compared with a mean: the cycle's own, or
 * `mean` when given (a steady rate, so that doing extra work cannot pass for smoothing). It holds
 * when from cycle `within` (1-based) on, every full cycle's peak/mean is at most `ratio`. A run in
 * which `after` never happens holds vacuously.
 */
export interface SettlesSpec extends PropertyBase {
  kind: 'settles';
  metric: string;
  after: string;
  settle?: number;
  cycle: number;
  ratio: number;
  within: number;
  /** The mean to compare peaks with, in the values the metric records; default: each cycle's mean. */
  mean?: number;
}

/** Properties over metrics: checked along runs (simulate, replay), not state by state by the explorer. */
export type MetricPropertySpec = BoundSpec | SettlesSpec;

/** How `simulate` drives this model when the command line does not say otherwise. */
export interface SimulationSpec {
  /** Virtual ms each run covers. */
  horizon: number;
  /** Runs per simulation (default 100). */
  runs?: number;
  /** Chance that a step of a run is a fault, while the fault budget lasts (default 0). */
  faultRate?: number;
  /** Fault budget per run (default 0) and the kinds drawn from (default: every kind the model admits). */
  maxFaults?: number;
  faults?: FaultKind[];
  /** Steps one run may take before it is cut (default 1,000,000). */
  maxSteps?: number;
}

export interface Bounds {
  /** Fault budget per run. */
  maxFaults: number;
  /** Longest trace explored, in steps. */
  maxDepth: number;
  /** Distinct states stored before the search stops. */
  maxStates: number;
  /** Fault kinds the explorer may inject (default: every kind the model admits). */
  faults: FaultKind[];
}
export const DEFAULT_BOUNDS: Bounds = {
  maxFaults: 2,
  maxDepth: 200,
  maxStates: 2_000_000,
  faults: [...FAULT_KINDS],
};

export interface VariantSpec {
  /** One line: what this design does differently. */
  description: string;
  /** The bounds this variant is checked within (merged over the defaults). */
  bounds?: Partial<Bounds>;
}

/** The actors, links, stimuli and properties of one variant. */
export interface ModelSystem {
  actors: Record<string, ActorSpec>;
  links: LinkSpec[];
  stimuli: StimulusSpec[];
  properties: PropertySpec[];
  /** Named pools of workers that pooled actors' events wait for. */
  pools?: Record<string, PoolSpec>;
  metrics?: MetricSpec[];
  metricProperties?: MetricPropertySpec[];
  simulation?: SimulationSpec;
}

export interface ModelSpec<V extends string = string> {
  id: string;
  title: string;
  /** File name under shared/seeds that the model comes from. */
  seed: string;
  /** One line for listings. */
  summary: string;
  variants: Record<V, VariantSpec>;
  build(variant: V): ModelSystem;
}

export type Model = ModelSpec<string>;

export function defineModel<V extends string>(spec: ModelSpec<V>): Model {
  if (!/^[a-z][a-z0-9-]*$/.test(spec.id)) throw new Error(`model id "${spec.id}" must be lower-case kebab-case`);
  if (Object.keys(spec.variants).length === 0) throw new Error(`model "${spec.id}" declares no variants`);
  return spec as unknown as Model;
}

export function variantBounds(model: Model, variant: string, overrides: Partial<Bounds> = {}): Bounds {
  const stated = model.variants[variant]?.bounds ?? {};
  return { ...DEFAULT_BOUNDS, ...stated, ...dropUndefined(overrides) };
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
