/**
 * The explorer's visited set: every distinct world's vector in one growing arena of int32s, found
 * again through an open-addressing hash table. No per-state objects, no string keys, and no limit
 * at the 16.7M entries a JavaScript Map can hold.
 */
export class StateStore {
  private arena = new Int32Array(1 << 16);
  private used = 0;
  private starts = new Float64Array(1 << 12);
  private lengths = new Int32Array(1 << 12);
  private table = new Int32Array(1 << 12); // state id + 1; 0 is empty
  private mask = (1 << 12) - 1;
  count = 0;

  /** The id of the vector `v[0..len)`, adding it if new (then `count` grows by one). */
  intern(v: Int32Array, len: number): number {
    const h = hash(v, len);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.table[slot];
      if (entry === 0) {
        const id = this.add(v, len);
        this.table[slot] = id + 1;
        if (this.count * 2 > this.mask) this.grow();
        return id;
      }
      if (this.equals(entry - 1, v, len)) return entry - 1;
    }
  }

  /** The id of a stored vector, or -1. */
  find(v: Int32Array, len: number): number {
    for (let slot = hash(v, len) & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.table[slot];
      if (entry === 0) return -1;
      if (this.equals(entry - 1, v, len)) return entry - 1;
    }
  }

  /** A view of a stored vector (valid until the next add). */
  vector(id: number): Int32Array {
    const s = this.starts[id];
    return this.arena.subarray(s, s + this.lengths[id]);
  }

  /** Bytes held by the store's arrays. */
  get bytes(): number {
    return this.arena.byteLength + this.starts.byteLength + this.lengths.byteLength + this.table.byteLength;
  }

  private add(v: Int32Array, len: number): number {
    if (this.used + len > this.arena.length) {
      const bigger = new Int32Array(Math.max(this.arena.length * 2, this.used + len));
      bigger.set(this.arena.subarray(0, this.used));
      this.arena = bigger;
    }
    this.arena.set(v.subarray(0, len), this.used);
    const id = this.count++;
    if (id >= this.starts.length) {
      const starts = new Float64Array(this.starts.length * 2);
      starts.set(this.starts);
      this.starts = starts;
      const lengths = new Int32Array(this.lengths.length * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    this.starts[id] = this.used;
    this.lengths[id] = len;
    this.used += len;
    return id;
  }

  private equals(id: number, v: Int32Array, len: number): boolean {
    if (this.lengths[id] !== len) return false;
    const s = this.starts[id];
    const a = this.arena;
    for (let i = 0; i < len; i++) if (a[s + i] !== v[i]) return false;
    return true;
  }

  private grow(): void {
    const size = this.table.length * 2;
    const table = new Int32Array(size);
    const mask = size - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = hash(this.vector(id), this.lengths[id]) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = id + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}

/** FNV-1a over 32-bit words, with a final avalanche so low bits spread. Exported for the store's tests. */
export function hash(v: Int32Array, len: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < len; i++) h = Math.imul(h ^ v[i], 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
