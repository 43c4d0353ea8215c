/**
 * The explorer's per-state tables beside the visited set: typed arrays that grow as they fill,
 * the depths of a breadth-first search kept as level boundaries, and the fault-free edges as rows.
 * They are what a state costs besides its vector, so each is as narrow as its values allow.
 */

type IntArray = Int32Array | Uint32Array | Uint16Array | Uint8Array;

/**
 * The next capacity of a table that is full: a quarter more, so a table holds at most a fifth of
 * slack, and its copies add up to at most four times its final size (a few KB for most searches).
 */
export function nextCapacity(length: number, needed: number): number {
  return Math.max(needed, length + (length >> 2));
}

/** A list of integers in a typed array of the given kind that grows as it fills (setting `length` lower drops the tail). */
export class Growing<T extends IntArray> {
  private data: T;
  length = 0;

  constructor(private readonly make: new (n: number) => T) {
    this.data = new make(256);
  }

  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = v;
  }

  /**
   * Lengthens the list by `n` entries, to be written in place: returns the array that holds them, at
   * [length - n, length). It is valid until the list grows again.
   */
  extend(n: number): T {
    if (this.length + n > this.data.length) this.grow(this.length + n);
    this.length += n;
    return this.data;
  }

  /** A copy of the list that owns its buffer (to transfer to another thread). */
  copy(): T {
    return this.data.slice(0, this.length) as T;
  }

  get(i: number): number {
    return this.data[i];
  }

  set(i: number, v: number): void {
    this.data[i] = v;
  }

  get bytes(): number {
    return this.data.byteLength;
  }

  private grow(min: number): void {
    const bigger = new this.make(nextCapacity(this.data.length, min));
    bigger.set(this.data.subarray(0, this.length));
    this.data = bigger;
  }
}

/**
 * Depths of a breadth-first search: ids are handed out level by level, so a state's depth is the
 * level whose first id is the last one not above it. A few numbers instead of one per state.
 */
export class Levels {
  private readonly firsts: number[] = [];

  /** Records that state `id`, the newest, is at `depth` (never less than the previous one's). */
  add(id: number, depth: number): void {
    while (this.firsts.length <= depth) this.firsts.push(id);
  }

  /** The first id at `depth`; Infinity when no state is that deep yet. */
  first(depth: number): number {
    return depth < this.firsts.length ? this.firsts[depth] : Infinity;
  }

  of(id: number): number {
    const f = this.firsts;
    let lo = 0;
    let hi = f.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (f[mid] <= id) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** Compressed rows: the ids reached from each state, in one list with a start per state. */
export interface Rows {
  offsets: Int32Array;
  targets: Int32Array;
}

/** Edge rows are kept in chunks of 1 MiB: the rows grow without copying what they hold. */
const EDGE_CHUNK = 1 << 20;

/**
 * The fault-free edges, one row per state in the order states are expanded: the row's length, then
 * each target as a zigzag varint of its distance from the source (mostly a byte or two, not four).
 * Rows are only ever read back in order, to build the predecessor rows.
 */
export class EdgeRows {
  /** Full chunks, then the open one, which grows (see nextCapacity) until it is a chunk long. */
  private readonly chunks: Uint8Array[] = [new Uint8Array(256)];
  private fill = 0;
  private held = 256;
  private rows = 0;
  private count = 0;

  /** Writes the row of state `from` (empty rows for any state skipped before it). */
  write(from: number, targets: Int32Array, n: number): void {
    for (; this.rows < from; this.rows++) this.put(0);
    this.put(n);
    for (let k = 0; k < n; k++) {
      const d = targets[k] - from;
      this.put(((d << 1) ^ (d >> 31)) >>> 0);
    }
    this.rows++;
    this.count += n;
  }

  get bytes(): number {
    return this.held;
  }

  /** Predecessor rows of the first `n` states: who reaches each state in one fault-free step. */
  reverse(n: number): Rows {
    const offsets = new Int32Array(n + 1);
    this.each(n, (_, to) => offsets[to + 1]++);
    for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
    const fill = offsets.slice(0, n);
    const targets = new Int32Array(this.count);
    this.each(n, (from, to) => (targets[fill[to]++] = from));
    return { offsets, targets };
  }

  private each(n: number, edge: (from: number, to: number) => void): void {
    const { chunks } = this;
    let c = 0;
    let p = 0;
    const next = () => {
      let z = 0;
      let shift = 0;
      let b: number;
      do {
        if (p === EDGE_CHUNK) {
          c++;
          p = 0;
        }
        b = chunks[c][p++];
        z |= (b & 0x7f) << shift;
        shift += 7;
      } while (b & 0x80);
      return z >>> 0;
    };
    for (let from = 0; from < Math.min(n, this.rows); from++) {
      for (let k = next(); k > 0; k--) {
        const z = next();
        edge(from, from + ((z >>> 1) ^ -(z & 1)));
      }
    }
  }

  private put(z: number): void {
    while (z >= 0x80) {
      this.byte((z & 0x7f) | 0x80);
      z >>>= 7;
    }
    this.byte(z);
  }

  private byte(b: number): void {
    let chunk = this.chunks[this.chunks.length - 1];
    if (this.fill === chunk.length) chunk = this.room();
    chunk[this.fill++] = b;
  }

  /** Room for more bytes: the open chunk grows, or, a chunk long already, stays full and a new one opens. */
  private room(): Uint8Array {
    const last = this.chunks.length - 1;
    const open = this.chunks[last];
    if (open.length === EDGE_CHUNK) {
      // A quarter of a chunk to start: rows just past a chunk do not hold a whole empty one.
      const chunk = new Uint8Array(EDGE_CHUNK / 4);
      this.chunks.push(chunk);
      this.held += chunk.length;
      this.fill = 0;
      return chunk;
    }
    const chunk = new Uint8Array(Math.min(EDGE_CHUNK, nextCapacity(open.length, open.length + 1)));
    chunk.set(open);
    this.chunks[last] = chunk;
    this.held += chunk.length - open.length;
    return chunk;
  }
}

/** Marks every state with a path into `seeds` along the given predecessor rows. */
export function backwardReach(n: number, g: Rows, seeds: readonly number[]): Uint8Array {
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (const s of seeds) {
    if (!seen[s]) {
      seen[s] = 1;
      queue[tail++] = s;
    }
  }
  for (let h = 0; h < tail; h++) {
    const s = queue[h];
    for (let e = g.offsets[s]; e < g.offsets[s + 1]; e++) {
      const p = g.targets[e];
      if (!seen[p]) {
        seen[p] = 1;
        queue[tail++] = p;
      }
    }
  }
  return seen;
}
