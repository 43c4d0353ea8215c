/**
 * The global state: every actor's snapshot (by interned id), the messages in flight on each link,
 * the pending timers on the virtual clock, the sends of actors blocked on a full link, what is
 * left of each stimulus, and the faults spent. Worlds are never mutated once built.
 */
import type { Runtime } from './runtime.ts';

export interface Timer {
  actor: number;
  /** Interned timer id (XState's delayed-event id). */
  id: number;
  event: number;
  /** Absolute virtual time (ms) at which it is due. */
  due: number;
}

/** An event a worker is handling: done at `end`, when the actor's transition lands. */
export interface Job {
  /** Interned work item (actor, event, the timer it came from). */
  work: number;
  end: number;
}

export interface World {
  /** Per actor slot: its snapshot id; -1 for a superseded instance that is not running. */
  readonly snaps: readonly number[];
  /** Per link: message ids in flight. Ordered links keep FIFO order; unordered ones sort by (id, due). */
  readonly queues: ReadonlyArray<readonly number[]>;
  /** Per link, beside `queues`: each message's deliver-by time (Infinity on links without a latency bound). */
  readonly dues: ReadonlyArray<readonly number[]>;
  /** Sorted by due time, then actor, then id. */
  readonly timers: readonly Timer[];
  /** Per actor: sends waiting for room on a full blocking link (the actor is blocked meanwhile). */
  readonly outbox: ReadonlyArray<readonly number[]>;
  /** Per stimulus: how many more times it may happen. */
  readonly stimuli: readonly number[];
  readonly faults: number;
  /** Bit per actor: an `overlap` fault armed for its next restart. */
  readonly armed: number;
  /** 1 once a superseded instance's write has landed (sticky, so the finding keeps its state). */
  readonly stale: number;
  /** Per pool: work items waiting for a worker, in the order they became ready, and when each did. */
  readonly ready: ReadonlyArray<readonly number[]>;
  readonly readySince: ReadonlyArray<readonly number[]>;
  /** Work items being handled, sorted by end time, then work id. */
  readonly jobs: readonly Job[];
  readonly now: number;
}

export function compareJobs(a: Job, b: Job): number {
  return a.end - b.end || a.work - b.work;
}

export function compareTimers(a: Timer, b: Timer): number {
  return a.due - b.due || a.actor - b.actor || a.id - b.id;
}

/** False for the slot of a superseded instance that is not running (it has no snapshot). */
export function isRunning(world: World, actor: number): boolean {
  return world.snaps[actor] >= 0;
}

export function isBlocked(world: World, actor: number): boolean {
  return world.outbox[actor].length > 0;
}

/**
 * When the clock moves next: the earlier of the next timer that may fire and the next job to end, or
 * NaN. Timers of blocked actors wait, and time may not pass the deliver-by moment of a message that
 * can still be delivered.
 */
export function nextTimeEvent(world: World, receiverOf: (link: number) => number): number {
  let due = NaN;
  for (const t of world.timers) {
    if (!isBlocked(world, t.actor)) {
      due = t.due;
      break;
    }
  }
  if (world.jobs.length > 0 && !(world.jobs[0].end >= due)) due = world.jobs[0].end;
  if (Number.isNaN(due)) return due;
  for (let l = 0; l < world.dues.length; l++) {
    if (isBlocked(world, receiverOf(l))) continue;
    for (const by of world.dues[l]) if (by < due) return NaN;
  }
  return due;
}

/**
 * A canonical key of the world. Time enters only as each timer's distance from now, so worlds that
 * differ only in absolute time (a periodic task on its next lap) are one state.
 */
export function fingerprint(world: World): string {
  let key = world.snaps.join(',');
  key += '|';
  world.queues.forEach((q, l) => {
    const due = world.dues[l];
    for (let i = 0; i < q.length; i++) key += due[i] === Infinity ? `${q[i]}.` : `${q[i]}@${due[i] - world.now}.`;
    key += '/';
  });
  key += '|';
  for (const t of world.timers) key += `${t.actor}.${t.id}.${t.event}.${t.due - world.now},`;
  key += '|';
  for (const o of world.outbox) key += `${o.join('.')}/`;
  key += `|${world.stimuli.join(',')}|${world.faults}|${world.armed}|${world.stale}|`;
  world.ready.forEach((r, p) => {
    for (let i = 0; i < r.length; i++) key += `${r[i]}@${world.readySince[p][i] - world.now}.`;
    key += '/';
  });
  for (const j of world.jobs) key += `${j.work}@${j.end - world.now},`;
  return key;
}

export function emptyWorld(rt: Runtime): World {
  return {
    snaps: rt.roleOf.map((r, a) => (a === r ? rt.initial[a].snap : -1)),
    queues: rt.links.map(() => []),
    dues: rt.links.map(() => []),
    timers: [],
    outbox: rt.actorNames.map(() => []),
    stimuli: rt.stimuli.map((s) => s.times),
    faults: 0,
    armed: 0,
    stale: 0,
    ready: rt.pools.map(() => []),
    readySince: rt.pools.map(() => []),
    jobs: [],
    now: 0,
  };
}
