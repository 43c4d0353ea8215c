/**
 * The explorer's visited set: every distinct world's vector, exactly (no lossy fingerprints), in
 * chunks of memory, found again through an open-addressing hash table. No per-state objects, no string
 * keys, and no limit at the 16.7M entries a JavaScript Map can hold.
 *
 * Vectors are mostly zeros (empty queues, outboxes, pools) and small numbers (state ids, counts), so
 * each is stored packed (see `pack`): a byte for most entries instead of four, one for a run of up to
 * 16 zeros. It is hashed and compared in that packed form, so a lookup or a rehash never unpacks a
 * stored vector.
 */
import { nextCapacity } from './search-tables.ts';

/*
 * A table entry holds the state's id + 1 in its low 27 bits and the top 5 bits of the state's hash in
 * the rest: while the table has at most 2^27 slots (about 100M states), a probe that meets another
 * state rejects it without reading its vector 31 times in 32.
 */
const ID_BITS = 27;
const ID_MASK = (1 << ID_BITS) - 1;
/** The most states a store holds: 134,217,726 (at ~60 bytes each, some 8 GB of tables). */
export const MAX_STATES = ID_MASK - 1;

/*
 * Packed vectors live in chunks of up to 1 MiB, so the store never copies gigabytes to grow, and
 * holds at most one chunk's slack. A vector never straddles two chunks; its place is a 32-bit
 * offset, its chunk's index × 1 MiB + where it starts in the chunk (4,096 chunks: 4 GiB).
 */
const CHUNK_BITS = 20;
const CHUNK_SPAN = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SPAN - 1;
const MAX_CHUNKS = 2 ** (32 - CHUNK_BITS);

export class StateStore {
  // Small to start (most searches of a model are thousands of states); the open chunk and starts
  // grow as they fill (see nextCapacity), the table doubles.
  private readonly chunks: Uint8Array[] = [new Uint8Array(1 << 12)];
  /** Bytes used in the open (last) chunk, and held by all chunks (a search reads it every few hundred states). */
  private fill = 0;
  private chunkBytes = 1 << 12;
  /** Per chunk before the open one: the offset its last vector ends at. */
  private readonly closedAt: number[] = [];
  /**
   * starts[id] is the offset vector id begins at; starts[id + 1] is where it ends, unless vector
   * id + 1 opened the next chunk (then `closedAt` says). starts[count] is the end of the last one.
   */
  private starts = new Uint32Array(1 << 8);
  /** Per slot: state id + 1 in the low bits, the top bits of its hash above them; 0 is empty. */
  private table = new Int32Array(1 << 8);
  private mask = (1 << 8) - 1;
  /** The vector being looked up, packed as it would be stored: hashed and compared as bytes. */
  private packed = new Uint8Array(320);
  private readonly unpacker = new Unpacker();
  count = 0;

  /** The id of the vector `v[0..len)`, adding it if new (then `count` grows by one). */
  intern(v: Int32Array, len: number): number {
    const n = this.pack(v, len);
    return this.lookup(this.packed, 0, n, lastHash, true);
  }

  /** The id of a stored vector, or -1. */
  find(v: Int32Array, len: number): number {
    const n = this.pack(v, len);
    return this.lookup(this.packed, 0, n, lastHash, false);
  }

  /**
   * `intern` for a vector packed already (by another thread's store, say): `bytes[start..end)`,
   * whose hash is `hash` (`packedHash()` after `pack` wrote it).
   */
  internPacked(bytes: Uint8Array, start: number, end: number, hash: number): number {
    return this.lookup(bytes, start, end - start, hash, true);
  }

  /** `find` for a vector packed already. */
  findPacked(bytes: Uint8Array, start: number, end: number, hash: number): number {
    return this.lookup(bytes, start, end - start, hash, false);
  }

  /** The packed size of stored vector `id`, in bytes. */
  packedLength(id: number): number {
    const start = this.starts[id];
    return this.end(id, start) - start;
  }

  /** Copies stored vector `id`, packed, into `out` at `at`; returns where it ends there. */
  copyPacked(id: number, out: Uint8Array, at: number): number {
    const start = this.starts[id];
    const chunk = this.chunks[start >>> CHUNK_BITS];
    const end = (start & CHUNK_MASK) + this.end(id, start) - start;
    for (let p = start & CHUNK_MASK; p < end; p++) out[at++] = chunk[p];
    return at;
  }

  /** Finds the packed vector `src[start..start + n)` by its hash `h`; adds it if `add` and it is new. */
  private lookup(src: Uint8Array, start: number, n: number, h: number, add: boolean): number {
    const tag = h >>> ID_BITS;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.table[slot];
      if (entry === 0) {
        if (!add) return -1;
        if (this.count === MAX_STATES) throw new RangeError(`the state store is full: ${MAX_STATES} states`);
        const id = this.add(src, start, n);
        this.table[slot] = (tag << ID_BITS) | (id + 1);
        // Up to three quarters full: the tags keep the longer probes of linear probing cheap.
        if (this.count * 4 > this.mask * 3) this.grow();
        return id;
      }
      const id = (entry & ID_MASK) - 1;
      if (entry >>> ID_BITS === tag && this.holds(id, src, start, n)) return id;
    }
  }

  /** A stored vector, unpacked into a buffer the store reuses: valid until the next call to any method. */
  vector(id: number): Int32Array {
    const start = this.starts[id];
    const from = start & CHUNK_MASK;
    return this.unpacker.unpack(this.chunks[start >>> CHUNK_BITS], from, from + this.end(id, start) - start);
  }

  /** Bytes held by the store's arrays. */
  get bytes(): number {
    return this.chunkBytes + this.starts.byteLength + this.table.byteLength + this.unpacker.bytes + this.packed.byteLength;
  }

  /** Packs `v[0..len)` into `packed`; returns the byte count (the bytes' hash is then `lastHash`). */
  private pack(v: Int32Array, len: number): number {
    // At most five bytes per entry.
    if (5 * len > this.packed.length) this.packed = new Uint8Array(10 * len);
    return pack(v, len, this.packed, 0);
  }

  /** Stores the packed vector `src[start..start + n)` and returns its id. */
  private add(src: Uint8Array, start: number, n: number): number {
    let open = this.chunks.length - 1;
    if (this.fill + n >= CHUNK_SPAN) {
      if (n >= CHUNK_SPAN) throw new RangeError(`a state vector of ${n} packed bytes does not fit the store's 1 MiB chunks`);
      if (open + 1 === MAX_CHUNKS) throw new RangeError('the state store is full: 4 GiB of packed state vectors');
      this.closedAt.push(open * CHUNK_SPAN + this.fill);
      // A quarter of a chunk to start: a search just past a chunk does not hold a whole empty one.
      this.chunks.push(new Uint8Array(CHUNK_SPAN / 4));
      this.chunkBytes += CHUNK_SPAN / 4;
      this.fill = 0;
      open++;
    }
    let chunk = this.chunks[open];
    if (this.fill + n > chunk.length) {
      const bigger = new Uint8Array(Math.min(CHUNK_SPAN, nextCapacity(chunk.length, this.fill + n)));
      bigger.set(chunk.subarray(0, this.fill));
      this.chunkBytes += bigger.length - chunk.length;
      this.chunks[open] = chunk = bigger;
    }
    chunk.set(src.subarray(start, start + n), this.fill);
    const id = this.count++;
    if (id + 1 >= this.starts.length) this.starts = grown(this.starts, nextCapacity(this.starts.length, id + 2));
    const at = open * CHUNK_SPAN + this.fill;
    this.starts[id] = at;
    this.starts[id + 1] = at + n;
    this.fill += n;
    return id;
  }

  /** Where vector `id`, which starts at `start`, ends. */
  private end(id: number, start: number): number {
    const next = this.starts[id + 1];
    return next >>> CHUNK_BITS === start >>> CHUNK_BITS ? next : this.closedAt[start >>> CHUNK_BITS];
  }

  /** Whether stored vector `id` is the packed one `src[start..start + n)`. */
  private holds(id: number, src: Uint8Array, start: number, n: number): boolean {
    const at = this.starts[id];
    if (this.end(id, at) - at !== n) return false;
    const a = this.chunks[at >>> CHUNK_BITS];
    for (let i = start, p = at & CHUNK_MASK; i < start + n; i++, p++) if (a[p] !== src[i]) return false;
    return true;
  }

  /**
   * Doubles the table. Vectors are rehashed in id order, which reads the chunks front to back
   * instead of jumping about them slot by slot: most of a rehash's time was waiting on memory.
   */
  private grow(): void {
    const size = this.table.length * 2;
    const table = new Int32Array(size);
    const mask = size - 1;
    const { chunks, starts } = this;
    for (let id = 0; id < this.count; id++) {
      const start = starts[id];
      const from = start & CHUNK_MASK;
      const h = hashBytes(chunks[start >>> CHUNK_BITS], from, from + this.end(id, start) - start);
      let to = h & mask;
      while (table[to] !== 0) to = (to + 1) & mask;
      table[to] = ((h >>> ID_BITS) << ID_BITS) | (id + 1);
    }
    this.table = table;
    this.mask = mask;
  }
}

/** Unpacks packed vectors into a buffer it grows as needed. */
export class Unpacker {
  private buffer = new Int32Array(64);

  /** The vector packed in `a[from..to)`, in the unpacker's buffer: valid until its next call. */
  unpack(a: Uint8Array, from: number, to: number): Int32Array {
    let n = 0;
    for (let p = from; p < to; ) {
      if (n + ZERO_RUN > this.buffer.length) this.buffer = grown(this.buffer, this.buffer.length * 2);
      const out = this.buffer;
      const b = a[p++];
      if (b < ONE_BYTE) {
        for (let r = b + 1; r > 0; r--) out[n++] = 0;
        continue;
      }
      let z = b - ONE_BYTE + 1;
      if (b >= 0x80) {
        let rest = 0;
        let shift = 0;
        let c: number;
        do {
          c = a[p++];
          rest |= (c & 0x7f) << shift;
          shift += 7;
        } while (c & 0x80);
        z = (b & 0x7f) + rest * 128 + LARGE;
      }
      out[n++] = (z >>> 1) ^ -(z & 1);
    }
    return this.buffer.subarray(0, n);
  }

  get bytes(): number {
    return this.buffer.byteLength;
  }
}

function grown<T extends Int32Array | Uint32Array>(a: T, length: number): T {
  const bigger = new (a.constructor as new (n: number) => T)(length);
  bigger.set(a);
  return bigger;
}

const FNV_BASIS = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a over bytes, with a final avalanche so low bits spread. */
function hashBytes(a: Uint8Array, start: number, end: number): number {
  let h = FNV_BASIS;
  for (let i = start; i < end; i++) h = Math.imul(h ^ a[i], FNV_PRIME);
  return avalanche(h);
}

function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/*
 * The packed form, byte by byte, of entries zigzagged (0, -1, 1, -2, 2… as z = 0, 1, 2, 3, 4…):
 * - 0x00–0x0f: a run of 1 to 16 zeros;
 * - 0x10–0x7f: one entry with z from 1 to 112;
 * - 0x80–0xff: one entry with z from 113 up: z − 113 as a varint whose first byte always carries
 *   the continuation bit. The first byte tells the three apart, so the form decodes one way only.
 */
const ZERO_RUN = 16;
const ONE_BYTE = 0x10;
const LARGE = 0x80 - ONE_BYTE + 1;

/** The hash of the bytes `pack` wrote last: it hashes them as it writes them, a pass fewer over each vector looked up. */
let lastHash = 0;

/**
 * Writes `v[0..len)` into `out` at `at` in the packed form (`out` has room for five bytes each); returns
 * where it ends there. The store files the vector under `packedHash()`.
 */
export function pack(v: Int32Array, len: number, out: Uint8Array, at: number): number {
  let p = at;
  let h = FNV_BASIS;
  for (let i = 0; i < len; ) {
    let z = ((v[i] << 1) ^ (v[i] >> 31)) >>> 0;
    let b: number;
    if (z === 0) {
      let r = 1;
      while (r < ZERO_RUN && i + r < len && v[i + r] === 0) r++;
      i += r;
      out[p++] = b = r - 1;
      h = Math.imul(h ^ b, FNV_PRIME);
      continue;
    }
    i++;
    if (z < LARGE) {
      out[p++] = b = z - 1 + ONE_BYTE;
      h = Math.imul(h ^ b, FNV_PRIME);
      continue;
    }
    z -= LARGE;
    out[p++] = b = (z & 0x7f) | 0x80;
    h = Math.imul(h ^ b, FNV_PRIME);
    z >>>= 7;
    while (z >= 0x80) {
      out[p++] = b = (z & 0x7f) | 0x80;
      h = Math.imul(h ^ b, FNV_PRIME);
      z >>>= 7;
    }
    out[p++] = z;
    h = Math.imul(h ^ z, FNV_PRIME);
  }
  lastHash = avalanche(h);
  return p;
}

/** The hash of the vector `pack` packed last, the one the store files it under. */
export function packedHash(): number {
  return lastHash;
}

/** The hash the store files a vector under (that of its packed bytes). Exported for the store's tests. */
export function hash(v: Int32Array, len: number): number {
  pack(v, len, new Uint8Array(5 * len), 0);
  return lastHash;
}
