/**
 * What holds in one world: which invariants it breaks and whether it is stuck for each progress
 * property (a forward search over fault-free steps for the goal). Used by replay, the CLI and the UI
 * to say what is wrong at the end of a trace.
 */
import { applyStep } from './apply.ts';
import type { EventObject } from 'xstate';
import { valueLabel } from './apply.ts';
import { canonicalJson } from './canonical.ts';
import type { Runtime } from './runtime.ts';
import { enabledSteps, type Step } from './steps.ts';
import { viewOf } from './view.ts';
import { STALE_WRITES } from './explorer.ts';
import { fingerprint, isBlocked, isRunning, type World } from './world.ts';

export interface StateFinding {
  kind: 'stuck' | 'invariant' | 'stale-write';
  property: string;
  /** `proven`, or `inconclusive` when the search for a way out hit its bound. */
  verdict: 'proven' | 'inconclusive';
  message: string;
}

export interface ActorState {
  state: string;
  value: unknown;
  context: unknown;
  status: string;
  blocked: boolean;
}

export interface WorldReport {
  now: number;
  faults: number;
  actors: Record<string, ActorState>;
  inFlight: Array<{ from: string; to: string; event: EventObject }>;
  timers: Array<{ actor: string; timer: string; due: number }>;
}

const FAULT_FREE = { maxFaults: 0, faults: new Set<never>() };

export function describeWorld(rt: Runtime, world: World): WorldReport {
  const actors: Record<string, ActorState> = {};
  rt.actorNames.forEach((name, a) => {
    if (!isRunning(world, a)) return; // a superseded instance that has exited
    const s = rt.snapshot(a, world.snaps[a]);
    actors[name] = {
      state: valueLabel(s.value),
      value: s.value,
      context: JSON.parse(canonicalJson(s.context ?? null)),
      status: s.status,
      blocked: isBlocked(world, a),
    };
  });
  return {
    now: world.now,
    faults: world.faults,
    actors,
    inFlight: inFlightReport(rt, world),
    timers: world.timers.map((t) => ({ actor: rt.actorNames[t.actor], timer: rt.timerNames.values[t.id], due: t.due })),
  };
}

/**
 * Messages in flight, link by link. An unordered link keeps them sorted by interned id, which
 * depends on the order a runtime met them, so reports sort them by their content instead.
 */
function inFlightReport(rt: Runtime, world: World): WorldReport['inFlight'] {
  return rt.links.flatMap((link) => {
    const messages = world.queues[link.index].map((msg) => {
      const m = rt.messages.values[msg];
      return { from: rt.actorNames[m.from], to: rt.actorNames[m.to], event: rt.events.values[m.event] };
    });
    if (!link.ordered) messages.sort((a, b) => compareText(canonicalJson(a), canonicalJson(b)));
    return messages;
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Invariant violations and stuck progress properties in `world`. */
export function checkWorld(rt: Runtime, world: World, maxStates = 200_000): StateFinding[] {
  const view = viewOf(rt, world);
  const out: StateFinding[] = [];
  if (world.stale) {
    out.push({ kind: 'stale-write', property: STALE_WRITES, verdict: 'proven', message: 'A superseded instance wrote to shared state.' });
  }
  for (const p of rt.properties) {
    if (p.kind === 'invariant' && !p.holds(view)) {
      out.push({ kind: 'invariant', property: p.name, verdict: 'proven', message: p.message ? p.message(view) : p.description });
    }
    if (p.kind === 'progress' && !p.goal(view) && p.when(view)) {
      const reach = canReach(rt, world, (w) => p.goal(viewOf(rt, w)), maxStates);
      if (reach !== 'yes') {
        out.push({
          kind: 'stuck',
          property: p.name,
          verdict: reach === 'no' ? 'proven' : 'inconclusive',
          message: p.message ? p.message(view) : p.description,
        });
      }
    }
  }
  return out;
}

/** Can some fault-free continuation of `world` reach a world where `goal` holds? */
export function canReach(rt: Runtime, world: World, goal: (w: World) => boolean, maxStates: number): 'yes' | 'no' | 'unknown' {
  const seen = new Set<string>([fingerprint(world)]);
  const queue: World[] = [world];
  const steps: Step[] = [];
  for (let h = 0; h < queue.length; h++) {
    const w = queue[h];
    if (goal(w)) return 'yes';
    for (const step of enabledSteps(rt, w, FAULT_FREE, steps)) {
      const next = applyStep(rt, w, step);
      const key = fingerprint(next);
      if (seen.has(key)) continue;
      if (seen.size >= maxStates) return 'unknown';
      seen.add(key);
      queue.push(next);
    }
  }
  return 'no';
}
