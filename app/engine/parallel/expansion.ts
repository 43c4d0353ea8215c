/**
 * A worker's side of a parallel search. It holds its own runtime of the model variant and, per
 * request, expands the states it is sent: their successors come back in the order the explorer
 * would visit them, packed and hashed as the visited set keeps them, each with its properties'
 * answers (see Checks), with what its runtime created along the way (the coordinator maps those
 * ids to its own and renumbers the successors flagged as holding one; see IdMap). Between depths
 * it is synced: it forgets what it created and replays what the coordinator created, so every
 * runtime numbers everything alike.
 */
import { applyStep } from '../apply.ts';
import { Checks } from '../checks.ts';
import { decodeWorld, Encoder, renumberIds, shapeOf, type IdRenumbering, type Shape } from '../codec.ts';
import type { FaultKind } from '../model.ts';
import type { Creation, Runtime, Sizes } from '../runtime.ts';
import { Growing } from '../search-tables.ts';
import { pack, packedHash, Unpacker } from '../state-store.ts';
import { enabledSteps, isFault, stepActor, type Step, type StepPolicy } from '../steps.ts';
import type { World } from '../world.ts';

export type ExpansionRequest =
  /** The coordinator's creations since the last sync (from its construction, the first time), and the sizes they lead to. */
  | { type: 'sync'; maxFaults: number; faults: FaultKind[]; creations: Creation[]; sizes: Sizes }
  /** States to expand, packed as the visited set keeps them: state i is `bytes[ends[i-1]..ends[i])`. */
  | { type: 'expand'; bytes: Uint8Array; ends: Int32Array };

export type ExpansionReply =
  | { type: 'synced' }
  | {
      type: 'expanded';
      /** Per state: how many successors, or -1 from the first state the model failed on (the coordinator redoes those). */
      counts: Int32Array;
      /**
       * Successor j, packed as the visited set keeps it, is `bytes[ends[j-1]..ends[j])` and hashes to
       * `hashes[j]` (the coordinator neither packs nor hashes it again); or, when `repeats[j]` is not -1,
       * it is the same world as successor `repeats[j]` of this batch (not sent again). `actors[j]` is
       * its step's actor times two, plus one for a fault.
       */
      bytes: Uint8Array;
      ends: Int32Array;
      hashes: Uint32Array;
      /** 1 where the successor holds an id the worker created this depth (the coordinator renumbers it). */
      fresh: Uint8Array;
      /** Successor j's properties' answers (see Checks) at `answers[j × width..]`; zeros for a repeat. */
      answers: Uint8Array;
      repeats: Int32Array;
      actors: Int32Array;
      /** Each successor's clock (virtual ms since the state it came from). */
      nows: Float64Array;
      /** What the runtime created while expanding state i, for the states where it created anything. */
      creations: Array<[number, Creation[]]>;
    }
  | { type: 'failed'; message: string };

/** Something that answers expansion requests, in the order they were made: a thread, or this thread (tests). */
export interface ExpansionWorker {
  request(message: ExpansionRequest, transfer: ArrayBuffer[]): Promise<ExpansionReply>;
}

export class ExpansionServer {
  private readonly shape: Shape;
  private policy: StepPolicy = { maxFaults: 0, faults: new Set() };
  private readonly steps: Step[] = [];
  private readonly encoder = new Encoder();
  private readonly unpacker = new Unpacker();
  private readonly fresh: FreshIds;
  private readonly out: Successors;

  /** `rt` must be fresh from `new Runtime(model, variant, { journal: true })`. */
  constructor(private readonly rt: Runtime) {
    if (!rt.creations) throw new Error('an expansion server needs a runtime that journals what it creates');
    this.shape = shapeOf(rt);
    rt.mark();
    this.fresh = new FreshIds(rt, this.shape);
    this.out = new Successors(new Checks(rt), this.fresh);
  }

  handle(request: ExpansionRequest): ExpansionReply {
    try {
      if (request.type === 'sync') return this.sync(request);
      return this.expand(request.bytes, request.ends);
    } catch (e) {
      return { type: 'failed', message: (e as Error).message };
    }
  }

  /** The transferable buffers of a reply, so a thread hands them over instead of copying. */
  static transfer(reply: ExpansionReply): ArrayBuffer[] {
    if (reply.type !== 'expanded') return [];
    return [reply.counts, reply.bytes, reply.ends, reply.hashes, reply.fresh, reply.answers, reply.repeats, reply.actors, reply.nows].map((a) => a.buffer as ArrayBuffer);
  }

  private sync(request: Extract<ExpansionRequest, { type: 'sync' }>): ExpansionReply {
    const { rt } = this;
    rt.rollback();
    rt.replay(request.creations);
    const mine = JSON.stringify(rt.sizes());
    if (mine !== JSON.stringify(request.sizes)) {
      throw new Error(`internal: a worker's runtime does not match the coordinator's after a sync (${mine} vs ${JSON.stringify(request.sizes)})`);
    }
    rt.mark();
    this.fresh.reset();
    this.policy = { maxFaults: request.maxFaults, faults: new Set(request.faults) };
    return { type: 'synced' };
  }

  private expand(bytes: Uint8Array, ends: Int32Array): ExpansionReply {
    const { rt, shape, steps, out } = this;
    const journal = rt.creations!;
    const counts = new Int32Array(ends.length).fill(-1);
    const creations: Array<[number, Creation[]]> = [];
    out.clear();
    let start = 0;
    for (let i = 0; i < ends.length; i++) {
      const before = journal.length;
      const mark = out.count;
      try {
        const world = decodeWorld(this.unpacker.unpack(bytes, start, ends[i]), shape);
        enabledSteps(rt, world, this.policy, steps);
        for (const step of steps) {
          const next = applyStep(rt, world, step);
          const len = this.encoder.encode(next);
          out.add(this.encoder.buffer, len, next, stepActor(rt, world, step) * 2 + (isFault(step) ? 1 : 0));
        }
      } catch {
        // The model threw: the coordinator expands this state and the rest itself, and reports the
        // error as a search on one thread would.
        out.truncate(mark);
        break;
      }
      counts[i] = steps.length;
      if (journal.length > before) creations.push([i, journal.slice(before)]);
      start = ends[i];
    }
    return { type: 'expanded', counts, creations, ...out.copies() };
  }
}

/**
 * A batch's successors as a worker sends them, in tables kept from batch to batch (so they grow only
 * in the first ones). Each world goes once per batch, packed as the visited set keeps it; a repeat
 * names its first copy, found through a hash table of the batch's distinct worlds.
 */
class Successors {
  private readonly bytes = new Growing(Uint8Array);
  private readonly ends = new Growing(Int32Array);
  private readonly hashes = new Growing(Uint32Array);
  private readonly fresh = new Growing(Uint8Array);
  private readonly answers = new Growing(Uint8Array);
  private readonly repeats = new Growing(Int32Array);
  private readonly actors = new Growing(Int32Array);
  private readonly nows: number[] = [];
  /** Open addressing over the batch's distinct worlds: per slot, the successor first sent as it, plus one (0: empty). */
  private table = new Int32Array(1 << 10);
  private distinct = 0;

  constructor(
    private readonly checks: Checks,
    private readonly freshIds: FreshIds,
  ) {}

  get count(): number {
    return this.ends.length;
  }

  clear(): void {
    this.truncate(0);
    this.table.fill(0);
    this.distinct = 0;
  }

  /** The successor `world`, whose vector is `v[0..len)`, by a step on `actor` (times two, plus one for a fault). */
  add(v: Int32Array, len: number, world: World, actor: number): void {
    const j = this.count;
    const start = this.bytes.length;
    // Packed in place, at the end of the bytes sent; taken back if the world was sent already.
    const bytes = this.bytes.extend(5 * len);
    const end = pack(v, len, bytes, start);
    const h = packedHash();
    this.hashes.push(h);
    const first = this.find(bytes, start, end, h, j);
    const { width } = this.checks;
    const answers = this.answers.extend(width);
    if (first >= 0) {
      this.bytes.length = start;
      this.repeats.push(first);
      this.fresh.push(0);
      for (let k = j * width; k < (j + 1) * width; k++) answers[k] = 0;
    } else {
      this.bytes.length = end;
      this.repeats.push(-1);
      this.fresh.push(this.freshIds.in(v) ? 1 : 0);
      this.checks.answer(world, answers, j * width);
    }
    this.ends.push(this.bytes.length);
    this.actors.push(actor);
    this.nows.push(world.now);
  }

  /**
   * The successor first sent as the packed world `bytes[start..end)`, or -1 after filing it as
   * successor `j` (whose hash `h` is filed already).
   */
  private find(bytes: Uint8Array, start: number, end: number, h: number, j: number): number {
    const { table } = this;
    const mask = table.length - 1;
    const n = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = table[slot];
      if (entry === 0) {
        table[slot] = j + 1;
        if (++this.distinct * 2 > table.length) this.growTable();
        return -1;
      }
      const k = entry - 1;
      if (this.hashes.get(k) !== h) continue;
      const at = k === 0 ? 0 : this.ends.get(k - 1);
      if (this.ends.get(k) - at === n && samePacked(bytes, at, start, n)) return k;
    }
  }

  private growTable(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (const entry of this.table) {
      if (entry === 0) continue;
      let slot = this.hashes.get(entry - 1) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = entry;
    }
    this.table = table;
  }

  /** Drops the successors from the `n`-th on. (Worlds sent stay in the batch's table: it is not used again in this batch.) */
  truncate(n: number): void {
    this.bytes.length = n === 0 ? 0 : this.ends.get(n - 1);
    for (const t of [this.ends, this.hashes, this.fresh, this.repeats, this.actors]) t.length = n;
    this.answers.length = n * this.checks.width;
    this.nows.length = n;
  }

  /** The batch's tables, copied to arrays of their own (to transfer). */
  copies() {
    return {
      bytes: this.bytes.copy(),
      ends: this.ends.copy(),
      hashes: this.hashes.copy(),
      fresh: this.fresh.copy(),
      answers: this.answers.copy(),
      repeats: this.repeats.copy(),
      actors: this.actors.copy(),
      nows: Float64Array.from(this.nows),
    };
  }
}

/** Whether the packed worlds at `bytes[a..a + n)` and `bytes[b..b + n)` are the same. */
function samePacked(bytes: Uint8Array, a: number, b: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (bytes[a + k] !== bytes[b + k]) return false;
  return true;
}

/** Tells whether a vector holds an id its runtime created since the last sync (those the coordinator numbers otherwise). */
class FreshIds implements IdRenumbering {
  private sizes: Sizes;
  /** The runtime's journal length at the sync: while it stays so, nothing is fresh. */
  private journaled: number;
  private found = false;

  constructor(
    private readonly rt: Runtime,
    private readonly shape: Shape,
  ) {
    this.sizes = rt.sizes();
    this.journaled = rt.creations!.length;
  }

  /** From now on, ids are fresh from the runtime's sizes now (after a sync). */
  reset(): void {
    this.sizes = this.rt.sizes();
    this.journaled = this.rt.creations!.length;
  }

  /** Whether the vector at the start of `v` holds a fresh id (it is read by its layout, not by `v`'s length). */
  in(v: Int32Array): boolean {
    if (this.rt.creations!.length === this.journaled) return false;
    this.found = false;
    // A renumbering that keeps every id and notes the new ones.
    renumberIds(v, this.shape, this.rt.roleOf, this);
    return this.found;
  }

  snap(role: number, id: number): number {
    return this.note(id >= this.sizes.snaps[role], id);
  }

  message(id: number): number {
    return this.note(id >= this.sizes.messages, id);
  }

  timer(id: number): number {
    return this.note(id >= this.sizes.timers, id);
  }

  event(id: number): number {
    return this.note(id >= this.sizes.events, id);
  }

  work(id: number): number {
    return this.note(id >= this.sizes.works, id);
  }

  private note(fresh: boolean, id: number): number {
    if (fresh) this.found = true;
    return id;
  }
}

/**
 * An ExpansionWorker over a channel that answers in order (a thread, a Web Worker): `post` sends a
 * request; the host hands each reply to `receive`, and to `fail` the error that broke the channel.
 */
export function inOrderChannel(post: (message: ExpansionRequest, transfer: ArrayBuffer[]) => void) {
  const waiting: Array<{ resolve: (reply: ExpansionReply) => void; reject: (error: Error) => void }> = [];
  // Once broken, a channel answers every request, then and later, with the error that broke it.
  let broken: Error | null = null;
  const worker: ExpansionWorker = {
    request: (message, transfer) =>
      new Promise((resolve, reject) => {
        if (broken) return reject(broken);
        waiting.push({ resolve, reject });
        post(message, transfer);
      }),
  };
  return {
    worker,
    receive: (reply: ExpansionReply) => waiting.shift()?.resolve(reply),
    fail: (error: Error) => {
      broken ??= error;
      waiting.splice(0).forEach((w) => w.reject(broken!));
    },
  };
}

/** A worker on this thread: the same protocol without a thread (the tests' workers). */
export function inThreadWorker(rt: Runtime): ExpansionWorker {
  const server = new ExpansionServer(rt);
  return { request: async (message) => server.handle(message) };
}
