/**
 * One search spread over several workers, with the same result as `explore` on one thread: the
 * same states in the same order, the same findings and traces, byte for byte.
 *
 * The search goes depth by depth. Before each depth the workers are synced with the coordinator's
 * runtime; the depth's states are cut into batches, each batch goes to a worker, and the
 * coordinator takes the replies in batch order, so it visits successors in the order one thread
 * would. It keeps the only visited set, files the properties' answers of new states (the workers
 * ask them) and decides the findings.
 * A small depth is expanded here (messages would cost more than they save), as is any state a worker
 * could not expand faithfully (see IdMap).
 */
import type { CutReason, ExploreOptions, ExploreResult } from '../explorer.ts';
import type { Runtime } from '../runtime.ts';
import { Search } from '../search.ts';
import { Unpacker } from '../state-store.ts';
import { type ExpansionReply, type ExpansionWorker } from './expansion.ts';
import { IdMap } from './id-map.ts';

/** How the work is cut: tests make both small so every depth is spread, in many batches. */
export interface Split {
  /** Depths with fewer states than this are expanded on the coordinator. */
  minStates: number;
  /** The most states a batch holds (and at least a sixteenth of it). */
  maxBatch: number;
}

/*
 * A depth is spread from 4,096 states. Narrower ones cost more spread than here: each worker starts
 * cold (its JIT, and its runtime computing again the local steps this one has cached), and the
 * coordinator still visits every successor. Spread from 1,024 states, the bundled models' 15–45k
 * state searches ran at 0.4–0.8× one thread; none of their depths at their stated bounds reaches 4,096.
 */
const DEFAULT_SPLIT: Split = { minStates: 4096, maxBatch: 4096 };

/** How wide a depth must be for a search to spread it over workers (by default). */
export const SPREAD_FROM = DEFAULT_SPLIT.minStates;

/**
 * The same workers, watched: `used()` says how many were sent states to expand. A search whose depths
 * all stay narrower than SPREAD_FROM uses none, and a report says so rather than count them.
 */
export function watchedWorkers(workers: readonly ExpansionWorker[]): { workers: ExpansionWorker[]; used: () => number } {
  const used = new Set<number>();
  return {
    workers: workers.map((w, i) => ({
      request: (message, transfer) => {
        if (message.type === 'expand') used.add(i);
        return w.request(message, transfer);
      },
    })),
    used: () => used.size,
  };
}

/** `rt` must journal its creations from construction: `new Runtime(model, variant, { journal: true })`. */
export async function exploreParallel(
  rt: Runtime,
  options: ExploreOptions,
  workers: readonly ExpansionWorker[],
  split: Split = DEFAULT_SPLIT,
): Promise<ExploreResult> {
  if (!rt.creations) throw new Error('a parallel search needs a runtime that journals what it creates: new Runtime(model, variant, { journal: true })');
  const search = new Search(rt, options);
  let synced = 0; // creations the workers have replayed
  let head = 0;
  let stopped: CutReason | undefined;
  while (head < search.count && !stopped) {
    // The states of one depth: every one of them is known before the first is expanded.
    const end = search.count;
    if (workers.length === 0 || end - head < split.minStates || search.depthOf(head) >= options.bounds.maxDepth) {
      for (; head < end; head++) {
        if ((stopped = search.check(head))) break;
        search.expandHere(head);
      }
      continue;
    }
    // What a worker replays: the steps (which intern snapshots, events and timers) and the messages
    // and work items made outside them.
    const creations = rt.creations.slice(synced).filter((c) => c.kind === 'step' || c.kind === 'message' || c.kind === 'work');
    synced = rt.creations.length;
    const sync = { type: 'sync', maxFaults: options.bounds.maxFaults, faults: options.bounds.faults, creations, sizes: rt.sizes() } as const;
    const syncs = workers.map((w) => settled(w.request(sync, [])));
    ({ head, stopped } = await new Depth(search, rt, workers, head, end, split.maxBatch).run(syncs));
  }
  return search.finish(head, stopped);
}

/** One depth's states, [from, end), expanded in batches by the workers in turn. */
class Depth {
  /** Batch b holds the states [starts[b], starts[b + 1]). */
  private readonly starts: number[];
  private readonly replies: Array<Promise<ExpansionReply>> = [];
  private readonly maps: IdMap[];
  /** Per worker: it failed a state or broke the order; its states of this depth are expanded here. */
  private readonly tainted: boolean[];
  private readonly unpacker = new Unpacker();

  constructor(
    private readonly search: Search,
    rt: Runtime,
    private readonly workers: readonly ExpansionWorker[],
    from: number,
    private readonly end: number,
    maxBatch: number,
  ) {
    // A few batches per worker balance the load; the bounds keep messages worth their cost and small.
    const least = Math.ceil(maxBatch / 16);
    const batch = Math.min(maxBatch, Math.max(least, Math.ceil((end - from) / (workers.length * 4))));
    this.starts = batchStarts(from, end, batch, least);
    const sizes = rt.sizes();
    this.maps = workers.map(() => new IdMap(rt, search.shape, sizes));
    this.tainted = workers.map(() => false);
  }

  /** Expands the depth; `syncs` are the workers' answers to the sync that precedes it (each answers in order). */
  async run(syncs: Array<Promise<ExpansionReply>>): Promise<{ head: number; stopped?: CutReason }> {
    const batches = this.starts.length - 1;
    // Two batches in flight per worker: it works on one while the coordinator takes the other.
    for (let b = 0; b < Math.min(batches, 2 * this.workers.length); b++) this.send(b);
    for (const reply of syncs) expectReply(await reply, 'synced');
    for (let b = 0; b < batches; b++) {
      const reply = expectReply(await this.replies[b], 'expanded');
      if (b + 2 * this.workers.length < batches) this.send(b + 2 * this.workers.length);
      const stop = this.take(b, reply);
      if (stop) return stop;
    }
    return { head: this.end };
  }

  private send(b: number): void {
    const first = this.starts[b];
    const last = this.starts[b + 1];
    const { store } = this.search;
    // The states go as the store keeps them, packed: a third of their size unpacked, and not unpacked here.
    const ends = new Int32Array(last - first);
    let at = 0;
    for (let id = first; id < last; id++) ends[id - first] = at += store.packedLength(id);
    const bytes = new Uint8Array(at);
    for (let id = first, to = 0; id < last; id++) to = store.copyPacked(id, bytes, to);
    this.replies[b] = settled(this.workers[b % this.workers.length].request({ type: 'expand', bytes, ends }, [bytes.buffer, ends.buffer]));
  }

  /** Visits a batch's successors in order; returns where and why a bound stopped the search, if one did. */
  private take(b: number, reply: Extract<ExpansionReply, { type: 'expanded' }>): { head: number; stopped: CutReason } | undefined {
    const { search } = this;
    const w = b % this.workers.length;
    const map = this.maps[w];
    const first = this.starts[b];
    let created = 0;
    let j = 0;
    // Per successor: the state it is (or -1), so a repeat is not looked up again.
    const ids = new Int32Array(reply.repeats.length);
    const { width } = search.checks;
    if (reply.answers.length !== reply.repeats.length * width) {
      throw new Error(`internal: a worker answered ${reply.answers.length} bytes of properties for ${reply.repeats.length} successors of ${width} each`);
    }
    for (let i = 0; i < reply.counts.length; i++) {
      const id = first + i;
      const stopped = search.check(id);
      if (stopped) return { head: id, stopped };
      const n = reply.counts[i];
      const creations = created < reply.creations.length && reply.creations[created][0] === i ? reply.creations[created++][1] : null;
      if (n < 0 || this.tainted[w] || (creations !== null && !map.admits(creations))) {
        this.tainted[w] = true;
        search.expandHere(id);
        j += Math.max(n, 0);
        continue;
      }
      if (creations !== null) map.apply(creations);
      if (!search.begin(id)) throw new Error('internal: a depth past the bound went to the workers');
      for (const stop = j + n; j < stop; j++) {
        const actor = reply.actors[j] >> 1;
        const fault = (reply.actors[j] & 1) === 1;
        // A repeat's first copy came earlier in this batch, from a state taken here too (a worker
        // once tainted stays so for the depth).
        const repeat = reply.repeats[j];
        if (repeat >= 0) {
          ids[j] = search.again(ids[repeat], actor, fault);
          continue;
        }
        const start = j === 0 ? 0 : reply.ends[j - 1];
        if (reply.fresh[j] === 0) {
          ids[j] = search.successorPacked(reply.bytes, start, reply.ends[j], reply.hashes[j], actor, fault, reply.nows[j], reply.answers, j * width);
          continue;
        }
        // The vector holds ids the worker created this depth: renumbered, it is packed again.
        const v = this.unpacker.unpack(reply.bytes, start, reply.ends[j]);
        map.renumber(v);
        ids[j] = search.successor(v, v.length, actor, fault, null, reply.nows[j], reply.answers, j * width);
      }
      search.end();
    }
    return undefined;
  }
}

/**
 * Where the batches of the states [from, end) start (and, last, `end`): up to `batch` states each,
 * but the first and the last ones ramp from `least` up and down to it, doubling. The coordinator waits
 * for the depth's first batch before it has anything to take, and the workers wait while it takes
 * the last: small batches there keep both waits short (cut evenly, the waits at every depth's two
 * ends added up to a third of a search's time on one worker).
 */
export function batchStarts(from: number, end: number, batch: number, least: number): number[] {
  const head = [from];
  const tail = [end];
  let lo = from;
  let hi = end;
  for (let size = Math.min(least, batch); size < batch && hi - lo > 4 * size; size *= 2) {
    head.push((lo += size));
    tail.push((hi -= size));
  }
  // Between the ramps, even batches of at most `batch` states.
  const n = Math.ceil((hi - lo) / batch);
  for (let k = 1; k < n; k++) head.push(lo + Math.round((k * (hi - lo)) / n));
  return [...head, ...tail.reverse()];
}

/**
 * The same promise, marked as handled: a search that stops early (a bound, a cancel, a model error)
 * leaves replies nobody awaits, and a worker closed then rejects them.
 */
function settled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

function expectReply<T extends ExpansionReply['type']>(reply: ExpansionReply, type: T): Extract<ExpansionReply, { type: T }> {
  if (reply.type === 'failed') throw new Error(`a search worker failed: ${reply.message}`);
  if (reply.type !== type) throw new Error(`internal: a search worker answered ${reply.type}, not ${type}`);
  return reply as Extract<ExpansionReply, { type: T }>;
}
