/**
 * The certificates whose OCSP responses the updater keeps fresh, kept small: the engine interns every
 * distinct snapshot of the updater, and a run visits hundreds of hours. Certificates that share an
 * update bucket and an age are one cohort `[bucket, age, count]`; the list is sorted oldest first
 * (then by bucket) with equal keys merged, so one population has one representation.
 *
 * An age is whole hours since the response was last signed. The certificates of one cohort were
 * signed over the course of one hour, so a cohort of age a holds responses between a and a + 1 hours
 * old, spread evenly (Solution 2's eager threshold reads a fraction of a cohort).
 */
import { CYCLE_HOURS, POPULATION } from './params.ts';

/** Bucket, age in hours, certificates. */
export type Cohort = readonly [bucket: number, age: number, count: number];

/** The bucket of a design that does not look at buckets: its certificates merge by age alone. */
export const NO_BUCKET = -1;

/** A deterministic 32-bit integer hash (MurmurHash3's finaliser), standing in for hash(serial). */
export function hashSerial(serial: number): number {
  let h = serial >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Solution 1: "hash(serial) % 70 ... the certificate is assigned to hour 0, hour 1, and so on". */
export function updateBucket(serial: number): number {
  return hashSerial(serial) % CYCLE_HOURS;
}

/** Sorts oldest first (then by bucket), merges equal keys and drops empty cohorts. */
export function normalize(cohorts: readonly Cohort[]): Cohort[] {
  const sorted = cohorts.filter((c) => c[2] > 0).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const out: Array<[number, number, number]> = [];
  for (const [bucket, age, count] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && last[0] === bucket && last[1] === age) last[2] += count;
    else out.push([bucket, age, count]);
  }
  return out;
}

/**
 * The steady state before any outage, for serials 1..POPULATION: every hour the same number of
 * responses comes due. With `buckets`, each certificate was last signed in its own update bucket's
 * hour (Solution 1's steady state at hour 0: bucket b is b hours from due); otherwise certificate s
 * was signed s mod 70 hours ago and buckets play no part.
 */
export function steadyPopulation(buckets: boolean): Cohort[] {
  const cohorts: Cohort[] = [];
  for (let serial = 1; serial <= POPULATION; serial++) {
    if (buckets) {
      const b = updateBucket(serial);
      cohorts.push([b, (CYCLE_HOURS - b) % CYCLE_HOURS, 1]);
    } else {
      cohorts.push([NO_BUCKET, serial % CYCLE_HOURS, 1]);
    }
  }
  return normalize(cohorts);
}

/** An hour passes: every response is an hour older. */
export function aged(cohorts: readonly Cohort[]): Cohort[] {
  return cohorts.map(([bucket, age, count]) => [bucket, age + 1, count] as const);
}

/** How many responses are at least `hours` old. */
export function olderThan(cohorts: readonly Cohort[], hours: number): number {
  let n = 0;
  for (const [, age, count] of cohorts) if (age >= hours) n += count;
  return n;
}

/** The oldest response's age in hours (0 for no certificates). */
export function oldest(cohorts: readonly Cohort[]): number {
  return cohorts.length === 0 ? 0 : cohorts[0][1];
}

/**
 * Signs, oldest first, what `wanted` asks of each cohort (a number of its certificates), until
 * `budget` signatures are spent. Signed responses are age 0 in their own bucket.
 */
export function sign(
  cohorts: readonly Cohort[],
  wanted: (c: Cohort) => number,
  budget: number,
): { cohorts: Cohort[]; signed: number } {
  const out: Cohort[] = [];
  let signed = 0;
  for (const c of cohorts) {
    const n = Math.min(Math.max(0, budget - signed), wanted(c), c[2]);
    if (n > 0) {
      out.push([c[0], 0, n], [c[0], c[1], c[2] - n]);
      signed += n;
    } else {
      out.push(c);
    }
  }
  return { cohorts: signed > 0 ? normalize(out) : out, signed };
}
