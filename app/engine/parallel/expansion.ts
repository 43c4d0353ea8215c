/**
 * A worker's side of a parallel search. It holds its own runtime of the model variant and, per
 * request, expands the states it is sent: their successors come back as vectors, in the order the
 * explorer would visit them, with what its runtime created along the way (the coordinator maps
 * those ids to its own; see IdMap). Between depths it is synced: it forgets what it created and
 * replays what the coordinator created, so every runtime numbers everything alike.
 */
import { applyStep } from '../apply.ts';
import { Checks } from '../checks.ts';
import { decodeWorld, Encoder, renumberIds, shapeOf, type IdRenumbering, type Shape } from '../codec.ts';
import type { FaultKind } from '../model.ts';
import type { Creation, Runtime, Sizes } from '../runtime.ts';
import { Growing } from '../search-tables.ts';
import { StateStore, Unpacker } from '../state-store.ts';
import { enabledSteps, isFault, stepActor, type Step, type StepPolicy } from '../steps.ts';

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
  private fresh: FreshIds;
  private readonly checks: Checks;

  /** `rt` must be fresh from `new Runtime(model, variant, { journal: true })`. */
  constructor(private readonly rt: Runtime) {
    if (!rt.creations) throw new Error('an expansion server needs a runtime that journals what it creates');
    this.shape = shapeOf(rt);
    rt.mark();
    this.fresh = new FreshIds(rt, this.shape);
    this.checks = new Checks(rt);
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
    this.fresh = new FreshIds(rt, this.shape);
    this.policy = { maxFaults: request.maxFaults, faults: new Set(request.faults) };
    return { type: 'synced' };
  }

  private expand(bytes: Uint8Array, ends: Int32Array): ExpansionReply {
    const { rt, shape, steps } = this;
    const journal = rt.creations!;
    const counts = new Int32Array(ends.length).fill(-1);
    const out = new Growing(Uint8Array);
    const outEnds = new Growing(Int32Array);
    const hashes = new Growing(Uint32Array);
    const fresh = new Growing(Uint8Array);
    const answers = new Growing(Uint8Array);
    const { width } = this.checks;
    const asked = new Uint8Array(width);
    const repeats = new Growing(Int32Array);
    const actors = new Growing(Int32Array);
    // The batch's successors so far, to send each world once: many states of a depth share successors.
    const sent = new StateStore();
    const firstOf = new Growing(Int32Array);
    const nows: number[] = [];
    const creations: Array<[number, Creation[]]> = [];
    let start = 0;
    for (let i = 0; i < ends.length; i++) {
      const before = journal.length;
      const marks = [out.length, outEnds.length];
      try {
        const world = decodeWorld(this.unpacker.unpack(bytes, start, ends[i]), shape);
        enabledSteps(rt, world, this.policy, steps);
        for (const step of steps) {
          const next = applyStep(rt, world, step);
          const len = this.encoder.encode(next);
          const known = sent.count;
          const first = sent.intern(this.encoder.buffer, len);
          if (first < known) {
            repeats.push(firstOf.get(first));
            asked.fill(0);
          } else {
            const packed = sent.packedVector(first);
            out.append(packed, packed.length);
            firstOf.push(outEnds.length);
            repeats.push(-1);
            this.checks.answer(next, asked, 0);
          }
          answers.append(asked, width);
          outEnds.push(out.length);
          hashes.push(sent.lastHash);
          fresh.push(first < known ? 0 : this.fresh.in(this.encoder.buffer.subarray(0, len)) ? 1 : 0);
          actors.push(stepActor(rt, world, step) * 2 + (isFault(step) ? 1 : 0));
          nows.push(next.now);
        }
      } catch {
        // The model threw: the coordinator expands this state and the rest itself, and reports the
        // error as a search on one thread would. (The batch's table of worlds sent is not used again.)
        out.length = marks[0];
        outEnds.length = marks[1];
        hashes.length = marks[1];
        fresh.length = marks[1];
        answers.length = marks[1] * width;
        repeats.length = marks[1];
        actors.length = marks[1];
        nows.length = marks[1];
        break;
      }
      counts[i] = steps.length;
      if (journal.length > before) creations.push([i, journal.slice(before)]);
      start = ends[i];
    }
    return {
      type: 'expanded',
      counts,
      bytes: out.copy(),
      ends: outEnds.copy(),
      hashes: hashes.copy(),
      fresh: fresh.copy(),
      answers: answers.copy(),
      repeats: repeats.copy(),
      actors: actors.copy(),
      nows: Float64Array.from(nows),
      creations,
    };
  }
}

/** Tells whether a vector holds an id its runtime created since the last sync (those the coordinator numbers otherwise). */
class FreshIds implements IdRenumbering {
  private readonly sizes: Sizes;
  private found = false;

  constructor(
    private readonly rt: Runtime,
    private readonly shape: Shape,
  ) {
    this.sizes = rt.sizes();
  }

  in(v: Int32Array): boolean {
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
