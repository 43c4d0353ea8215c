/**
 * The explorer's tables beside the visited set: depths kept as level boundaries, and the fault-free
 * edges kept as varint rows, checked against plain arrays on random searches; and their size in words.
 */
import { describe, expect, it } from 'vitest';
import { bytesText, mulberry32 } from '../../app/engine/index.ts';
import { backwardReach, EdgeRows, Levels, nextCapacity } from '../../app/engine/search-tables.ts';

const SEED = 20261123;

describe('breadth-first levels', () => {
  it(`give every state the depth it was added at (seed ${SEED})`, () => {
    const random = mulberry32(SEED);
    const levels = new Levels();
    const depths: number[] = [];
    let depth = 0;
    for (let id = 0; id < 50_000; id++) {
      // Sometimes a level is skipped entirely, as when a cut leaves a level with no new states.
      if (id > 0 && random() < 0.01) depth += random() < 0.2 ? 2 : 1;
      levels.add(id, depth);
      depths.push(depth);
    }
    const wrong = depths.filter((d, id) => levels.of(id) !== d).length;
    expect(wrong).toBe(0);
    expect(levels.of(depths.length - 1)).toBe(depth);
  });
});

describe('edge rows', () => {
  it(`give back every edge, forwards and backwards, far and near, with skipped states (seed ${SEED})`, () => {
    const random = mulberry32(SEED + 1);
    const n = 20_000;
    const rows = new EdgeRows();
    const edges: Array<[number, number]> = [];
    const row = new Int32Array(16);
    for (let from = 0; from < n; from++) {
      if (random() < 0.1) continue; // a state never expanded (a depth cut): its row stays empty
      const k = Math.floor(random() * 8);
      for (let j = 0; j < k; j++) {
        const to = random() < 0.5 ? Math.floor(random() * n) : Math.min(n - 1, from + Math.floor(random() * 40));
        row[j] = to;
        edges.push([from, to]);
      }
      rows.write(from, row, k);
    }
    const rev = rows.reverse(n);
    const expected = Array.from({ length: n }, () => [] as number[]);
    for (const [from, to] of edges) expected[to].push(from);
    for (let to = 0; to < n; to++) {
      const got = [...rev.targets.subarray(rev.offsets[to], rev.offsets[to + 1])].sort((a, b) => a - b);
      expect(got).toEqual(expected[to].sort((a, b) => a - b));
    }
    // Far less than (from, to) pairs of int32s: most distances fit in a byte or two.
    expect(rows.bytes).toBeLessThan(edges.length * 8 * 0.75);
  });

  it(`give back rows that span several of their 1 MiB chunks (seed ${SEED})`, () => {
    const random = mulberry32(SEED + 2);
    const n = 300_000;
    const rows = new EdgeRows();
    const row = new Int32Array(4);
    let sum = 0;
    for (let from = 0; from < n; from++) {
      // Far targets: three bytes each, some 3.6 MB of rows in all.
      for (let j = 0; j < 4; j++) row[j] = Math.floor(random() * n);
      rows.write(from, row, 4);
      for (let j = 0; j < 4; j++) sum += from * 7 + row[j];
    }
    expect(rows.bytes).toBeGreaterThan(3 * (1 << 20));
    const rev = rows.reverse(n);
    let got = 0;
    for (let to = 0; to < n; to++) for (let e = rev.offsets[to]; e < rev.offsets[to + 1]; e++) got += rev.targets[e] * 7 + to;
    expect(rev.targets.length).toBe(4 * n);
    expect(got).toBe(sum);
  });

  it('reach backwards from the seeds along the rows, and only there', () => {
    const rows = new EdgeRows();
    // 0 → 1 → 2, 3 → 2, 4 alone
    rows.write(0, Int32Array.of(1), 1);
    rows.write(1, Int32Array.of(2), 1);
    rows.write(3, Int32Array.of(2), 1);
    const seen = backwardReach(5, rows.reverse(5), [2]);
    expect([...seen]).toEqual([1, 1, 1, 1, 0]);
  });
});

describe('table growth', () => {
  it('adds a quarter, never less than needed', () => {
    expect(nextCapacity(1024, 1025)).toBe(1280);
    expect(nextCapacity(1 << 24, (1 << 24) + 1)).toBe((1 << 24) + (1 << 22));
    expect(nextCapacity(1024, 10_000)).toBe(10_000);
  });
});

describe('memory as people read it', () => {
  it('gives bytes, KB, MB and GB with three significant digits at most', () => {
    expect(bytesText(900)).toBe('900 bytes');
    expect(bytesText(1024)).toBe('1.00 KB');
    expect(bytesText(52_000)).toBe('50.8 KB');
    expect(bytesText(1.5 * 2 ** 20)).toBe('1.50 MB');
    expect(bytesText(2.43 * 2 ** 30)).toBe('2.43 GB');
    expect(bytesText(300 * 2 ** 20)).toBe('300 MB');
  });
});
