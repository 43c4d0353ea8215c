/**
 * The explorer's visited set and the vectors it stores. The fingerprint table holds every distinct
 * vector once, found again by content whatever its hash shares with others, growing without a limit
 * at the 16.7M entries a JavaScript Map can hold; the codec turns worlds into those vectors.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../app/engine/index.ts';
import { decodeWorld, encodeWorld, renumberIds } from '../../app/engine/codec.ts';
import { hash, pack, packedHash, StateStore, Unpacker } from '../../app/engine/state-store.ts';
import type { World } from '../../app/engine/world.ts';

const SEED = 20261123;

describe('the fingerprint table', () => {
  it(`keeps vectors whose full 32-bit hashes collide apart (seed ${SEED})`, () => {
    const random = mulberry32(SEED);
    const store = new StateStore();
    const byHash = new Map<number, string>();
    const ids = new Map<string, number>();
    let collisions = 0;
    let wrong = 0;
    const v = new Int32Array(3);
    // About 300k random vectors: by the birthday bound, a dozen pairs share a whole 32-bit hash.
    for (let i = 0; i < 300_000; i++) {
      v[0] = (random() * 2 ** 31) | 0;
      v[1] = (random() * 2 ** 31) | 0;
      v[2] = i % 7;
      const key = v.join(',');
      const h = hash(v, 3);
      const other = byHash.get(h);
      if (other !== undefined && other !== key) collisions++;
      byHash.set(h, key);
      const id = store.intern(v, 3);
      if (!ids.has(key)) ids.set(key, id);
      if (id !== ids.get(key)) wrong++;
    }
    expect(collisions).toBeGreaterThan(0);
    expect(wrong).toBe(0);
    expect(store.count).toBe(ids.size);
    let lost = 0;
    for (const [key, id] of ids) {
      const w = Int32Array.from(key.split(',').map(Number));
      if (store.find(w, 3) !== id || store.vector(id).join(',') !== key) lost++;
    }
    expect(lost).toBe(0);
  });

  it('tells apart vectors that are prefixes of one another, and the empty vector', () => {
    const store = new StateStore();
    const a = store.intern(Int32Array.of(1, 2, 3), 3);
    const b = store.intern(Int32Array.of(1, 2, 3, 0), 4);
    const c = store.intern(Int32Array.of(1, 2), 2);
    const e = store.intern(new Int32Array(4), 0);
    expect(new Set([a, b, c, e]).size).toBe(4);
    expect(store.find(Int32Array.of(1, 2, 3, 9), 3)).toBe(a);
    expect(store.find(Int32Array.of(7), 1)).toBe(-1);
  });

  it('stores any 32-bit entry exactly, around every boundary of the packed form, and runs of zeros of any length', () => {
    const store = new StateStore();
    // One byte holds -56..56; -57 and 57 are the first of the longer form; then the varint's own boundaries and the extremes.
    const values = [0, 1, -1, 55, 56, -56, -57, 57, 63, 64, -64, -65, 8191, 8256, -8257, 2 ** 20, 2 ** 27, -(2 ** 27), 2 ** 31 - 1, -(2 ** 31)];
    const vectors: number[][] = [];
    for (const x of values) for (const zeros of [0, 1, 15, 16, 17, 33]) {
      vectors.push([x, ...new Array<number>(zeros).fill(0)], [...new Array<number>(zeros).fill(0), x, 0]);
    }
    const ids = new Map<string, number>();
    for (const v of vectors) {
      const key = v.join(',');
      const id = store.intern(Int32Array.from(v), v.length);
      if (!ids.has(key)) ids.set(key, id);
      expect(id).toBe(ids.get(key));
    }
    expect(store.count).toBe(ids.size);
    for (const [key, id] of ids) expect(store.vector(id).join(',')).toBe(key);
  });

  it('packs a world that is mostly empty lists in a few bytes: ten thousand of an id and thirty zeros take under 20 bytes each, table included', () => {
    const store = new StateStore();
    const v = new Int32Array(31);
    for (let i = 0; i < 10_000; i++) {
      v[0] = i;
      store.intern(v, v.length);
    }
    expect(store.count).toBe(10_000);
    expect(store.bytes / 10_000).toBeLessThan(20);
    expect([...store.vector(9_999)]).toEqual([9_999, ...new Array<number>(30).fill(0)]);
  });

  it(`keeps vectors whole across its 1 MiB chunks: long and empty ones at the seams, every one found again (seed ${SEED})`, () => {
    const random = mulberry32(SEED + 2);
    const store = new StateStore();
    const kept: number[][] = [];
    // About 5 MB of vectors from empty to 3,000 entries (up to some 9 KB packed): several chunks, a
    // vector that does not fit a chunk's rest opens the next one.
    for (let i = 0; kept.length < 1_500; i++) {
      const len = i % 5 === 0 ? 0 : Math.floor(random() * 3_000);
      const v = Int32Array.from({ length: len }, (_, k) => (k === 0 ? i : Math.floor(random() * 2 ** 20) - 2 ** 19));
      const before = store.count;
      const id = store.intern(v, len);
      if (store.count > before) kept[id] = [...v];
    }
    expect(store.bytes).toBeGreaterThan(4 * 2 ** 20);
    kept.forEach((v, id) => {
      expect([...store.vector(id)]).toEqual(v);
      expect(store.find(Int32Array.from(v), v.length)).toBe(id);
    });
  });

  it(`takes vectors packed elsewhere (as a search worker packs them), by their bytes and hash, as the same states (seed ${SEED})`, () => {
    const random = mulberry32(SEED);
    const here = new StateStore();
    const there = new StateStore();
    const unpacker = new Unpacker();
    for (let i = 0; i < 5_000; i++) {
      const v = Int32Array.from({ length: 1 + Math.floor(random() * 40) }, () => (random() < 0.5 ? 0 : Math.floor((random() - 0.5) * 2 ** (1 + random() * 31))));
      // Packed at an offset into a buffer of other vectors, as a worker's reply holds them.
      const bytes = new Uint8Array(7 + 5 * v.length);
      const end = pack(v, v.length, bytes, 7);
      const h = packedHash();
      expect(h).toBe(hash(v, v.length));
      expect([...unpacker.unpack(bytes, 7, end)]).toEqual([...v]);
      // Given the same vectors in the same order, the two stores number them alike.
      const id = there.intern(v, v.length);
      expect(here.internPacked(bytes, 7, end, h)).toBe(id);
      expect(here.find(v, v.length)).toBe(id);
    }
    expect(here.count).toBe(there.count);
    expect(here.findPacked(Uint8Array.of(0x7f, 0x7f), 0, 2, hash(Int32Array.of(56, 56), 2))).toBe(-1);
  });

  it('refuses a vector too long for a chunk, by name, and stays usable', () => {
    const store = new StateStore();
    const huge = new Int32Array(300_000).fill(2 ** 30);
    expect(() => store.intern(huge, huge.length)).toThrow(/state vector of \d+ packed bytes does not fit/);
    expect(store.intern(Int32Array.of(1, 2), 2)).toBe(0);
    expect([...store.vector(0)]).toEqual([1, 2]);
  });

  it(`grows its chunks and table as it fills, every vector intact (seed ${SEED})`, () => {
    const random = mulberry32(SEED + 1);
    const store = new StateStore();
    const bytes0 = store.bytes;
    const vectors: Int32Array[] = [];
    for (let i = 0; i < 200_000; i++) {
      const len = 1 + Math.floor(random() * 40);
      const v = Int32Array.from({ length: len }, (_, k) => (k === 0 ? i : (random() * 1000) | 0));
      vectors.push(v);
      if (store.intern(v, len) !== i) throw new Error(`vector ${i} was given another id`);
    }
    expect(store.bytes).toBeGreaterThan(bytes0 * 20);
    for (let i = 0; i < vectors.length; i += 997) expect([...store.vector(i)]).toEqual([...vectors[i]]);
  });

  it('holds more than the 16,777,216 entries a JavaScript Map can (17 million one-word states)', () => {
    const store = new StateStore();
    const v = new Int32Array(1);
    const n = 17_000_000;
    for (let i = 0; i < n; i++) {
      v[0] = i;
      store.intern(v, 1);
    }
    expect(store.count).toBe(n);
    for (const i of [0, 16_777_215, 16_777_216, n - 1]) {
      v[0] = i;
      expect(store.find(v, 1)).toBe(i);
    }
    v[0] = n;
    expect(store.find(v, 1)).toBe(-1);
  }, 60_000);
});

describe('the world codec', () => {
  const shape = { stimuli: 3, actors: 2, links: 2, pools: 1 };
  const world = (now: number): World => ({
    snaps: [4, -1],
    queues: [[7, 8], [9]],
    // A message with no latency bound and one due now; one late by 1 ms (its -1 is not Infinity's).
    dues: [[Infinity, now], [now - 1]],
    timers: [{ actor: 0, id: 1, event: 2, due: now + 300 }],
    outbox: [[], [5]],
    stimuli: [Infinity, 0, 3],
    faults: 1,
    armed: 2,
    stale: 0,
    ready: [[11]],
    readySince: [[now - 40]],
    jobs: [{ work: 12, end: now + 950 }],
    now,
  });

  it('round-trips a world, Infinity and past times included, relative to now', () => {
    const out = new Int32Array(64);
    const len = encodeWorld(world(5_000), out);
    expect(decodeWorld(out.subarray(0, len), shape)).toEqual(world(0));
    // Decoded with its clock where it was (a worker's successor handed to the coordinator), it is the world itself.
    expect(decodeWorld(out.subarray(0, len), shape, 5_000)).toEqual(world(5_000));
    const again = new Int32Array(64);
    expect([...again.subarray(0, encodeWorld(world(123), again))]).toEqual([...out.subarray(0, len)]);
  });

  it('renumbers every interned id a vector holds, and nothing else (a worker\'s ids, in the coordinator\'s numbering)', () => {
    const out = new Int32Array(64);
    const len = encodeWorld(world(0), out);
    const v = out.slice(0, len);
    // Snapshots per role (actor 1 runs role 0's machine here), messages, timers, events and work items, each moved apart.
    renumberIds(v, shape, [0, 0], {
      snap: (role, id) => 100 + role * 10 + id,
      message: (id) => 200 + id,
      timer: (id) => 300 + id,
      event: (id) => 400 + id,
      work: (id) => 500 + id,
    });
    const w = decodeWorld(v, shape);
    const expected = world(0);
    expect(w).toEqual({
      ...expected,
      snaps: [104, -1],
      queues: [[207, 208], [209]],
      timers: [{ ...expected.timers[0], id: 301, event: 402 }],
      outbox: [[], [205]],
      ready: [[511]],
      jobs: [{ ...expected.jobs[0], work: 512 }],
    });
  });

  /** A world with a backlog: runs of equal entries in a queue, an outbox and a pool's ready list between unequal ones, and two equal jobs. */
  const backlog = (now: number): World => ({
    ...world(now),
    queues: [[7, 7, 7, 7, 8, 7, 7], [9]],
    dues: [[Infinity, Infinity, Infinity, Infinity, Infinity, now, now], [now - 1]],
    outbox: [[5, 5, 5], [5, 6, 6]],
    ready: [[11, 11, 11, 11, 12, 11]],
    readySince: [[now - 40, now - 40, now - 40, now - 30, now - 30, now - 30]],
    jobs: [
      { work: 12, end: now + 950 },
      { work: 12, end: now + 950 },
      { work: 13, end: now + 950 },
    ],
  });

  it('writes a run of equal entries once, with its length: a backlog round-trips and takes a few numbers', () => {
    const out = new Int32Array(128);
    const len = encodeWorld(backlog(2_000), out);
    expect(decodeWorld(out.subarray(0, len), shape, 2_000)).toEqual(backlog(2_000));
    const plain = encodeWorld(world(0), new Int32Array(128));
    // Written one by one, the extra entries would take 29 more numbers than `world`; with runs they take 19.
    expect(len - plain).toBeLessThan(20);
    // The same backlog at another time is the same vector.
    const later = new Int32Array(128);
    expect([...later.subarray(0, encodeWorld(backlog(9_000), later))]).toEqual([...out.subarray(0, len)]);
  });

  it('tells a run from entries that differ only in time', () => {
    const runs = new Int32Array(128);
    const n = encodeWorld(backlog(0), runs);
    const b = backlog(0);
    // The second 7 is due at 3, not never: the run is broken.
    const spread = { ...b, dues: [b.dues[0].map((d, k) => (k === 1 ? 3 : d)), b.dues[1]] };
    const out = new Int32Array(128);
    const m = encodeWorld(spread, out);
    expect([...out.subarray(0, m)]).not.toEqual([...runs.subarray(0, n)]);
    expect(decodeWorld(out.subarray(0, m), shape)).toEqual(spread);
  });

  it('renumbers the entries of runs, and leaves the run lengths alone', () => {
    const out = new Int32Array(128);
    const v = out.slice(0, encodeWorld(backlog(0), out));
    renumberIds(v, shape, [0, 0], {
      snap: (_, id) => id,
      message: (id) => 200 + id,
      timer: (id) => id,
      event: (id) => id,
      work: (id) => 500 + id,
    });
    const w = decodeWorld(v, shape);
    const expected = backlog(0);
    expect(w.queues).toEqual(expected.queues.map((q) => q.map((m) => 200 + m)));
    expect(w.outbox).toEqual(expected.outbox.map((o) => o.map((m) => 200 + m)));
    expect(w.ready).toEqual(expected.ready.map((r) => r.map((x) => 500 + x)));
    expect(w.jobs.map((j) => j.work)).toEqual([512, 512, 513]);
    expect(w.dues).toEqual(expected.dues);
  });

  it('keeps the common values small: an unbounded stimulus or due is one packed byte, not five', () => {
    const out = new Int32Array(64);
    const len = encodeWorld(world(0), out);
    expect(Math.max(...out.subarray(0, len).map(Math.abs))).toBeLessThan(1000);
  });
});
