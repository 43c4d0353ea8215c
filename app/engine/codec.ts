/**
 * A world as a flat vector of integers, the form the explorer stores and compares. Time enters only
 * relative to now (a timer's or a message's distance from the present), so worlds that differ only
 * in absolute time are one state; a decoded world starts its clock at 0.
 *
 * Layout: faults, armed, stale, stimuli[], snaps[], per link: count, (msg, due)[], timer count, (actor, id, event,
 * due)[], per actor: outbox count, msg[], per pool: ready count, (work, since)[], job count, (work, end)[].
 * `due`, `since` and `end` are relative to now; dues and since go through `finite` (stimuli and dues may
 * be Infinity).
 *
 * Queues, outboxes and ready lists are run-length encoded (jobs, at most a pool's workers, are not):
 * an entry equal to the one before is not written again; a negative number -r after an entry stands
 * for r more copies of it (an entry starts with an id, never negative). A list's count is its length,
 * copies included. Runs are always collapsed, so equal worlds still have equal vectors. A blocked
 * consumer's backlog (ninety equal messages behind a stalled I/O thread) takes a few numbers instead
 * of two per message.
 */
import type { Job, Timer, World } from './world.ts';

/**
 * Infinity is -1 and a negative number one lower: a one-to-one map that keeps the common values (a
 * stimulus that never runs out, a message with no latency bound) one byte in the packed store.
 */
const finite = (x: number) => (x === Infinity ? -1 : x >= 0 ? x : x - 1);
const infinite = (v: number) => (v === -1 ? Infinity : v >= 0 ? v : v + 1);

const rel = (t: number, now: number) => finite(t - now);

/**
 * Writes the world's vector into `out` and returns its length. When the length exceeds `out`, the
 * writes past its end are lost (typed arrays ignore them): grow `out` and encode again.
 */
export function encodeWorld(w: World, out: Int32Array): number {
  let i = 0;
  out[i++] = w.faults;
  out[i++] = w.armed;
  out[i++] = w.stale;
  for (const s of w.stimuli) out[i++] = finite(s);
  for (const s of w.snaps) out[i++] = s;
  for (let l = 0; l < w.queues.length; l++) i = writeList(out, i, w.queues[l], w.dues[l], w.now);
  out[i++] = w.timers.length;
  for (const t of w.timers) {
    out[i++] = t.actor;
    out[i++] = t.id;
    out[i++] = t.event;
    out[i++] = t.due - w.now;
  }
  for (const o of w.outbox) i = writeList(out, i, o, null, w.now);
  for (let p = 0; p < w.ready.length; p++) i = writeList(out, i, w.ready[p], w.readySince[p], w.now);
  out[i++] = w.jobs.length;
  for (const j of w.jobs) {
    out[i++] = j.work;
    out[i++] = j.end - w.now;
  }
  return i;
}

/**
 * Writes a list of ids at `out[i]`, each followed by its time relative to now when there are `times`,
 * run-length encoded (see the layout above); returns where the list ends.
 */
function writeList(out: Int32Array, i: number, ids: readonly number[], times: readonly number[] | null, now: number): number {
  out[i++] = ids.length;
  let run = 0;
  for (let k = 0; k < ids.length; k++) {
    if (k > 0 && ids[k] === ids[k - 1] && (times === null || times[k] === times[k - 1])) {
      run++;
      continue;
    }
    if (run > 0) out[i++] = -run;
    run = 0;
    out[i++] = ids[k];
    if (times !== null) out[i++] = rel(times[k], now);
  }
  if (run > 0) out[i++] = -run;
  return i;
}

/** Reads a list `writeList` wrote at `v[i]` into `ids` and `times` (null: it has none); returns where it ends. */
function readList(v: Int32Array, i: number, ids: number[], times: number[] | null, now: number): number {
  const n = v[i++];
  while (ids.length < n) {
    const x = v[i++];
    if (x >= 0) {
      ids.push(x);
      if (times !== null) times.push(infinite(v[i++]) + now);
      continue;
    }
    // -r: r more copies of the entry before.
    const id = ids[ids.length - 1];
    const t = times === null ? 0 : times[times.length - 1];
    for (let r = -x; r > 0; r--) {
      ids.push(id);
      if (times !== null) times.push(t);
    }
  }
  return i;
}

export interface Shape {
  stimuli: number;
  actors: number;
  links: number;
  pools: number;
}

/** The shape of a runtime's worlds. */
export function shapeOf(rt: { stimuli: unknown[]; actorNames: unknown[]; links: unknown[]; pools: unknown[] }): Shape {
  return { stimuli: rt.stimuli.length, actors: rt.actorNames.length, links: rt.links.length, pools: rt.pools.length };
}

/** Encodes worlds into a buffer it grows as needed: `encode` returns the length, the vector is `buffer[0..length)`. */
export class Encoder {
  buffer = new Int32Array(256);

  encode(w: World): number {
    const len = encodeWorld(w, this.buffer);
    if (len <= this.buffer.length) return len;
    // Writes past the end were dropped: encode again into room enough.
    this.buffer = new Int32Array(len * 2);
    return encodeWorld(w, this.buffer);
  }
}

/** The world a vector stands for, its clock at `now` (relative times are added to it). */
export function decodeWorld(v: Int32Array, shape: Shape, now = 0): World {
  let i = 0;
  const faults = v[i++];
  const armed = v[i++];
  const stale = v[i++];
  const stimuli: number[] = [];
  for (let k = 0; k < shape.stimuli; k++) stimuli.push(infinite(v[i++]));
  const snaps: number[] = [];
  for (let k = 0; k < shape.actors; k++) snaps.push(v[i++]);
  const queues: number[][] = [];
  const dues: number[][] = [];
  for (let l = 0; l < shape.links; l++) {
    queues.push([]);
    dues.push([]);
    i = readList(v, i, queues[l], dues[l], now);
  }
  const timers: Timer[] = [];
  for (let n = v[i++]; n > 0; n--) timers.push({ actor: v[i++], id: v[i++], event: v[i++], due: v[i++] + now });
  const outbox: number[][] = [];
  for (let a = 0; a < shape.actors; a++) {
    outbox.push([]);
    i = readList(v, i, outbox[a], null, now);
  }
  const ready: number[][] = [];
  const readySince: number[][] = [];
  for (let p = 0; p < shape.pools; p++) {
    ready.push([]);
    readySince.push([]);
    i = readList(v, i, ready[p], readySince[p], now);
  }
  const jobs: Job[] = [];
  for (let n = v[i++]; n > 0; n--) jobs.push({ work: v[i++], end: v[i++] + now });
  return { snaps, queues, dues, timers, outbox, stimuli, faults, armed, stale, ready, readySince, jobs, now };
}

/** Renumbers, in place, the interned ids a vector holds (snapshots per role, messages, timers, events, work items). */
export interface IdRenumbering {
  snap(role: number, id: number): number;
  message(id: number): number;
  timer(id: number): number;
  event(id: number): number;
  work(id: number): number;
}

export function renumberIds(v: Int32Array, shape: Shape, roleOf: readonly number[], to: IdRenumbering): void {
  let i = 3 + shape.stimuli;
  for (let a = 0; a < shape.actors; a++, i++) if (v[i] >= 0) v[i] = to.snap(roleOf[a], v[i]);
  for (let l = 0; l < shape.links; l++) i = renumberList(v, i, 2, (id) => to.message(id));
  for (let n = v[i++]; n > 0; n--, i += 4) {
    v[i + 1] = to.timer(v[i + 1]);
    v[i + 2] = to.event(v[i + 2]);
  }
  for (let a = 0; a < shape.actors; a++) i = renumberList(v, i, 1, (id) => to.message(id));
  for (let p = 0; p < shape.pools; p++) i = renumberList(v, i, 2, (id) => to.work(id));
  for (let n = v[i++]; n > 0; n--, i += 2) v[i] = to.work(v[i]);
}

/** Renumbers the ids of a run-length encoded list at `v[i]` whose entries are `width` long; returns where the list ends. */
function renumberList(v: Int32Array, i: number, width: number, id: (id: number) => number): number {
  for (let n = v[i++]; n > 0; ) {
    if (v[i] < 0) {
      n += v[i++]; // -r: r more copies of the entry before
    } else {
      v[i] = id(v[i]);
      i += width;
      n--;
    }
  }
  return i;
}
