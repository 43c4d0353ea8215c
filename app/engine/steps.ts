/**
 * Steps: the choices the scheduler has in a world. Internally a step names links, messages and
 * timers by number; in a trace it names them by actor, event and timer id, so a trace reads as a
 * story and survives a change of interning order.
 */
import type { AnyEventObject, EventObject } from 'xstate';
import { canonicalJson } from './canonical.ts';
import type { FaultKind } from './model.ts';
import type { Runtime } from './runtime.ts';
import { isBlocked, nextTimeEvent, type World } from './world.ts';

export type Step =
  /** `at`: a simulated run's stimulus comes at that virtual time (the clock moves to it first). */
  | { kind: 'stimulus'; index: number; at?: number }
  /** A worker finishes the pooled event `work` (the next job to end). */
  | { kind: 'finish'; work: number }
  /** `pos` is the message's place in its link's queue. */
  | { kind: 'deliver' | 'drop' | 'delay' | 'fail'; link: number; pos: number }
  | { kind: 'timer' | 'expire'; actor: number; timer: number }
  | { kind: 'crash' | 'overlap' | 'exit'; actor: number };

export type StepJson =
  | { do: 'stimulus'; name: string; at?: number }
  | { do: 'finish'; actor: string; event: AnyEventObject }
  /** `nth` (from 0) tells apart equal messages in flight with different deliver-by times; absent for the first. */
  | { do: 'deliver' | 'drop' | 'delay' | 'fail'; from: string; to: string; event: AnyEventObject; nth?: number }
  | { do: 'timer' | 'expire'; actor: string; timer: string }
  | { do: 'crash' | 'overlap' | 'exit'; actor: string };

export function isFault(step: Step | StepJson): boolean {
  const kind = 'kind' in step ? step.kind : step.do;
  return kind !== 'stimulus' && kind !== 'deliver' && kind !== 'timer' && kind !== 'exit' && kind !== 'finish';
}

export interface StepPolicy {
  maxFaults: number;
  faults: ReadonlySet<FaultKind>;
}

/** Every enabled step, in a fixed order: stimuli, deliveries, due timers, ending jobs, then faults. */
export function enabledSteps(rt: Runtime, world: World, policy: StepPolicy, out: Step[] = []): Step[] {
  out.length = 0;
  rt.stimuli.forEach((s, index) => {
    if (world.stimuli[index] > 0 && !isBlocked(world, s.to)) out.push({ kind: 'stimulus', index });
  });
  for (const link of rt.links) {
    if (isBlocked(world, link.to)) continue;
    const q = world.queues[link.index];
    if (q.length === 0) continue;
    if (link.ordered) out.push({ kind: 'deliver', link: link.index, pos: 0 });
    else eachDistinct(world, link.index, (pos) => out.push({ kind: 'deliver', link: link.index, pos }));
  }
  const due = nextTimeEvent(world, (l) => rt.links[l].to);
  for (const t of world.timers) {
    if (t.due === due && !isBlocked(world, t.actor)) out.push({ kind: 'timer', actor: t.actor, timer: t.id });
  }
  // Jobs are sorted by (end, work): equal jobs ending together are offered once.
  world.jobs.forEach((j, i) => {
    if (j.end === due && (i === 0 || world.jobs[i - 1].work !== j.work)) out.push({ kind: 'finish', work: j.work });
  });
  // A superseded instance still running may notice it was told to stop, at any time.
  rt.ghostOf.forEach((ghost) => {
    if (ghost >= 0 && world.snaps[ghost] >= 0) out.push({ kind: 'exit', actor: ghost });
  });
  if (world.faults >= policy.maxFaults) return out;
  const allow = policy.faults;
  for (const link of rt.links) {
    const q = world.queues[link.index];
    if (q.length === 0) continue;
    if (allow.has('drop') && link.faults.has('drop')) {
      eachDistinct(world, link.index, (pos) => out.push({ kind: 'drop', link: link.index, pos }));
    }
    if (allow.has('delay') && link.faults.has('delay') && link.ordered && q.length > 1) {
      out.push({ kind: 'delay', link: link.index, pos: 0 });
    }
    if (allow.has('fail') && link.faults.has('fail') && !isBlocked(world, link.from)) {
      eachDistinct(world, link.index, (pos) => {
        if (rt.messages.values[q[pos]].failReply >= 0) out.push({ kind: 'fail', link: link.index, pos });
      });
    }
  }
  if (allow.has('expire')) {
    for (const t of world.timers) {
      if (t.due !== due && rt.deadlines[t.actor].has(t.id) && !isBlocked(world, t.actor)) {
        out.push({ kind: 'expire', actor: t.actor, timer: t.id });
      }
    }
  }
  if (allow.has('crash')) {
    rt.crashable.forEach((yes, actor) => {
      if (yes) out.push({ kind: 'crash', actor });
    });
  }
  if (allow.has('overlap')) {
    rt.ghostOf.forEach((ghost, actor) => {
      if (ghost >= 0 && !(world.armed & (1 << actor)) && world.snaps[ghost] < 0) out.push({ kind: 'overlap', actor });
    });
  }
  return out;
}

/** The actor a step acts on: the receiver of a message or stimulus, the timer's owner, the actor a fault hits. */
export function stepActor(rt: Runtime, world: World, step: Step): number {
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

/** Unordered queues are sorted, so equal messages (same id and deliver-by) sit together: offer each once. */
function eachDistinct(world: World, link: number, f: (pos: number) => void): void {
  const q = world.queues[link];
  const dues = world.dues[link];
  for (let i = 0; i < q.length; i++) if (i === 0 || q[i] !== q[i - 1] || dues[i] !== dues[i - 1]) f(i);
}

export function stepToJson(rt: Runtime, world: World, step: Step): StepJson {
  switch (step.kind) {
    case 'stimulus':
      return step.at === undefined ? { do: 'stimulus', name: rt.stimuli[step.index].name } : { do: 'stimulus', name: rt.stimuli[step.index].name, at: step.at };
    case 'finish': {
      const w = rt.works.values[step.work];
      return { do: 'finish', actor: rt.actorNames[w.actor], event: rt.events.values[w.event] };
    }
    case 'deliver':
    case 'drop':
    case 'delay':
    case 'fail': {
      const q = world.queues[step.link];
      const msg = q[step.pos];
      const m = rt.messages.values[msg];
      const json: StepJson = { do: step.kind, from: rt.actorNames[m.from], to: rt.actorNames[m.to], event: rt.events.values[m.event] };
      const nth = q.slice(0, step.pos).filter((id) => id === msg).length;
      return nth > 0 ? { ...json, nth } : json;
    }
    case 'timer':
    case 'expire':
      return { do: step.kind, actor: rt.actorNames[step.actor], timer: rt.timerNames.values[step.timer] };
    case 'crash':
    case 'overlap':
    case 'exit':
      return { do: step.kind, actor: rt.actorNames[step.actor] };
  }
}

export function sameStep(a: Step, b: Step): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'stimulus':
      return a.index === (b as typeof a).index && a.at === (b as typeof a).at;
    case 'finish':
      return a.work === (b as typeof a).work;
    case 'crash':
    case 'overlap':
    case 'exit':
      return a.actor === (b as typeof a).actor;
    case 'timer':
    case 'expire':
      return a.actor === (b as typeof a).actor && a.timer === (b as typeof a).timer;
    default:
      return a.link === (b as typeof a).link && a.pos === (b as typeof a).pos;
  }
}

/** One line a person reads: "ra → sa: SetOrderError", "drop ra → ca: IssueCertificate". */
export function describeStep(step: StepJson): string {
  switch (step.do) {
    case 'stimulus':
      return step.at === undefined ? `stimulus ${step.name}` : `stimulus ${step.name} at ${formatTime(step.at)}`;
    case 'finish':
      return `${step.actor} finishes ${eventLabel(step.event)}`;
    case 'deliver':
      return `${step.from} → ${step.to}: ${eventLabel(step.event)}`;
    case 'drop':
    case 'delay':
    case 'fail':
      return `${step.do} ${step.from} → ${step.to}: ${eventLabel(step.event)}`;
    case 'timer':
      return `timer ${step.actor}.${step.timer}`;
    case 'expire':
      return `expire early ${step.actor}.${step.timer}`;
    case 'crash':
      return `crash ${step.actor}`;
    case 'overlap':
      return `overlap ${step.actor}: its next restart leaves the old instance running`;
    case 'exit':
      return `${step.actor} exits`;
  }
}

/** An event's type, plus its payload in canonical JSON when it has one. */
export function eventLabel(event: EventObject): string {
  const { type, ...rest } = event;
  return Object.keys(rest).length ? `${type} ${canonicalJson(rest)}` : type;
}

/** Virtual time for people: "850 ms", "12.5 s", "3 h 20 min". */
export function formatTime(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${+(ms / 1000).toFixed(3)} s`;
  if (ms < 3_600_000) return `${+(ms / 60_000).toFixed(2)} min`;
  const h = Math.floor(ms / 3_600_000);
  const min = Math.round((ms % 3_600_000) / 60_000);
  return min ? `${h} h ${min} min` : `${h} h`;
}
