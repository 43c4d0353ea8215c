/**
 * Why a finding holds, in words a reviewer can check against the trace: which actors the property
 * reads, what each of them is waiting for, and the step after which the wait became endless (the
 * first point from which no continuation without faults reaches the goal).
 */
import { describeStep } from './steps.ts';
import type { WorldView } from './model.ts';
import type { Runtime } from './runtime.ts';
import type { Replay } from './trace.ts';
import { canReach, type StateFinding } from './verdict.ts';
import { viewOf } from './view.ts';
import { isRunning, type World } from './world.ts';

export interface Waiting {
  actor: string;
  state: string;
  /** Event types the actor's current state would act on (timers shown as "timer"). */
  waitsFor: string[];
}

export interface Explanation {
  property: string;
  kind: 'stuck' | 'invariant' | 'stale-write';
  /** The actors the property reads, in model order: where a view should draw its mark. */
  actors: string[];
  waiting: Waiting[];
  /** The step (index into the trace) that made it so, with its one-line description. */
  cause?: { step: number; text: string };
  sentence: string;
}

/** The actors a property looks at: it is evaluated once more on a view that records what it asks for. */
export function actorsRead(rt: Runtime, world: World, property: string): string[] {
  const view = viewOf(rt, world);
  const read = new Set<string>();
  const recording: WorldView = {
    actor: (name) => {
      read.add(name);
      return view.actor(name);
    },
    inFlight: (from, to) => {
      for (const name of [from, to]) if (name !== undefined) read.add(name);
      return view.inFlight(from, to);
    },
    pool: (name) => view.pool(name),
    now: view.now,
    faultsSpent: view.faultsSpent,
  };
  const p = rt.properties.find((q) => q.name === property);
  if (p?.kind === 'invariant') p.holds(recording);
  if (p?.kind === 'progress') {
    p.when(recording);
    p.goal(recording);
  }
  if (p && p.kind !== 'possible') p.message?.(recording);
  const actors = rt.actorNames.filter((name) => read.has(name));
  return actors.length > 0 ? actors : [...rt.actorNames];
}

/** Event types an actor's active states handle: what it is waiting for. */
export function waitsFor(rt: Runtime, world: World, actor: string): string[] {
  const a = rt.actor(actor);
  if (!isRunning(world, a)) return [];
  const snapshot = rt.snapshot(a, world.snaps[a]);
  if (snapshot.status !== 'active') return [];
  const types = new Set<string>();
  for (const node of (snapshot as unknown as { _nodes: Array<{ transitions: Map<string, unknown> }> })._nodes) {
    for (const key of node.transitions.keys()) types.add(key.startsWith('xstate.after.') ? 'timer' : key);
  }
  return [...types].sort();
}

/** Why a finding holds at the end of a replayed trace; the cause is found by replaying the worlds. */
export function explainFinding(rt: Runtime, replay: Replay, finding: Pick<StateFinding, 'kind' | 'property'>): Explanation {
  const property = rt.properties.find((p) => p.name === finding.property);
  const worlds = [replay.initial, ...replay.steps.map((s) => s.world)];
  let k = -1;
  if (property?.kind === 'progress' && finding.kind === 'stuck') {
    // The first world from which the goal is out of reach; the step into it is the cause.
    const goal = (w: World) => property.goal(viewOf(rt, w));
    k = worlds.findIndex((w) => canReach(rt, w, goal, 50_000) === 'no');
  } else if (property?.kind === 'invariant') {
    k = worlds.findIndex((w) => !property.holds(viewOf(rt, w)));
  } else if (finding.kind === 'stale-write') {
    k = worlds.findIndex((w) => w.stale === 1);
  }
  const cause = k > 0 ? { step: k - 1, text: describeStep(replay.steps[k - 1].json) } : undefined;
  return explainAt(rt, replay.final, finding, cause);
}

/** Why a finding holds in `final`, given the step that made it so (when known). */
export function explainAt(
  rt: Runtime,
  final: World,
  finding: Pick<StateFinding, 'kind' | 'property'>,
  cause: Explanation['cause'],
): Explanation {
  const property = rt.properties.find((p) => p.name === finding.property);
  const actors = actorsRead(rt, final, finding.property);
  const waiting = actors
    .filter((actor) => isRunning(final, rt.actor(actor))) // a superseded instance that exited waits for nothing
    .map((actor) => ({ actor, state: stateOf(rt, final, actor), waitsFor: waitsFor(rt, final, actor) }))
    .filter((w) => w.waitsFor.length > 0);
  return { property: finding.property, kind: finding.kind, actors, waiting, cause, sentence: sentence(finding, waiting, cause, property?.description) };
}

function stateOf(rt: Runtime, world: World, actor: string): string {
  const a = rt.actor(actor);
  return JSON.stringify(rt.snapshot(a, world.snaps[a]).value).replace(/"/g, '');
}

function sentence(
  finding: Pick<StateFinding, 'kind' | 'property'>,
  waiting: Waiting[],
  cause: Explanation['cause'],
  description = finding.property,
): string {
  const after = cause ? ` after step ${cause.step + 1} (${cause.text})` : '';
  if (finding.kind === 'invariant') return `${finding.property} broke${after}: ${description}`;
  if (finding.kind === 'stale-write') return `A superseded instance wrote to shared state${after}: its write overrides what the newer instance set.`;
  const who = waiting.map((w) => `${w.actor} waits in ${w.state} for ${w.waitsFor.join(' or ')}`).join('; ');
  return `${who || 'Nothing that could help is pending'}; none of it can arrive any more${after}, so "${description}" will never hold.`;
}
