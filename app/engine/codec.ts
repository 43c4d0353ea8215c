/**
 * A world as a flat vector of integers, the form the explorer stores and compares. Time enters only
 * relative to now (a timer's or a message's distance from the present), so worlds that differ only
 * in absolute time are one state; a decoded world starts its clock at 0.
 *
 * Layout: faults, armed, stale, stimuli[], snaps[], per link: count, (msg, due)[], timer count, (actor, id, event,
 * due)[], per actor: outbox count, msg[], per pool: ready count, (work, since)[], job count, (work, end)[].
 * `due`, `since` and `end` are relative; stimuli and dues may be Infinity (see `finite`).
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
  for (let l = 0; l < w.queues.length; l++) {
    const q = w.queues[l];
    const dues = w.dues[l];
    out[i++] = q.length;
    for (let k = 0; k < q.length; k++) {
      out[i++] = q[k];
      out[i++] = rel(dues[k], w.now);
    }
  }
  out[i++] = w.timers.length;
  for (const t of w.timers) {
    out[i++] = t.actor;
    out[i++] = t.id;
    out[i++] = t.event;
    out[i++] = t.due - w.now;
  }
  for (const o of w.outbox) {
    out[i++] = o.length;
    for (const m of o) out[i++] = m;
  }
  for (let p = 0; p < w.ready.length; p++) {
    const r = w.ready[p];
    out[i++] = r.length;
    for (let k = 0; k < r.length; k++) {
      out[i++] = r[k];
      out[i++] = w.readySince[p][k] - w.now;
    }
  }
  out[i++] = w.jobs.length;
  for (const j of w.jobs) {
    out[i++] = j.work;
    out[i++] = j.end - w.now;
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
    const n = v[i++];
    const q: number[] = [];
    const d: number[] = [];
    for (let k = 0; k < n; k++) {
      q.push(v[i++]);
      d.push(infinite(v[i++]) + now);
    }
    queues.push(q);
    dues.push(d);
  }
  const timers: Timer[] = [];
  for (let n = v[i++]; n > 0; n--) timers.push({ actor: v[i++], id: v[i++], event: v[i++], due: v[i++] + now });
  const outbox: number[][] = [];
  for (let k = 0; k < shape.actors; k++) {
    const o: number[] = [];
    for (let n = v[i++]; n > 0; n--) o.push(v[i++]);
    outbox.push(o);
  }
  const ready: number[][] = [];
  const readySince: number[][] = [];
  for (let p = 0; p < shape.pools; p++) {
    const r: number[] = [];
    const since: number[] = [];
    for (let n = v[i++]; n > 0; n--) {
      r.push(v[i++]);
      since.push(v[i++] + now);
    }
    ready.push(r);
    readySince.push(since);
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
  for (let l = 0; l < shape.links; l++) {
    for (let n = v[i++]; n > 0; n--, i += 2) v[i] = to.message(v[i]);
  }
  for (let n = v[i++]; n > 0; n--, i += 4) {
    v[i + 1] = to.timer(v[i + 1]);
    v[i + 2] = to.event(v[i + 2]);
  }
  for (let a = 0; a < shape.actors; a++) {
    for (let n = v[i++]; n > 0; n--, i++) v[i] = to.message(v[i]);
  }
  for (let p = 0; p < shape.pools; p++) {
    for (let n = v[i++]; n > 0; n--, i += 2) v[i] = to.work(v[i]);
  }
  for (let n = v[i++]; n > 0; n--, i += 2) v[i] = to.work(v[i]);
}
