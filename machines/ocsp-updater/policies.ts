/**
 * What the updater signs in one hourly run, per design: pure functions of its context, each applied
 * once the hour has passed (every response an hour older). All signing shares the signer's limit,
 * and work that keeps responses fresh always goes first.
 */
import {
  BUCKET_TASK_BELOW,
  CYCLE_HOURS,
  EAGER_BELOW,
  EAGER_FLOOR_HOURS,
  EAGER_GAIN_MINUTES,
  MEAN_RATE,
  PEAK_MARGIN_HOURS,
  RATE_LIMIT,
} from './params.ts';
import { olderThan, sign, type Cohort } from './population.ts';

export interface UpdaterContext {
  /** The certificates, as cohorts [bucket, age in hours, count], oldest first. */
  cohorts: Cohort[];
  /** Signatures in the last hourly run: what the metric reads, and Solution 2's signing rate. */
  signedLastHour: number;
  /** Solution 1: the hour of the cycle, which names the current update bucket (0 in other designs). */
  hour: number;
  /** Solution 2: Y', the age in minutes at which a response is re-signed (Y in other designs). */
  staleAfterMinutes: number;
}

export type Policy = (c: UpdaterContext) => UpdaterContext;

/** Every certificate of a cohort whose responses are at least `hours` old. */
const staleAt = (hours: number) => (c: Cohort) => (c[1] >= hours ? c[2] : 0);

/**
 * The current behaviour: "signs an OCSP response for every certificate where the last update is > Y
 * hours ago", oldest first, as many as the limit allows. What an outage delays is signed together
 * when it ends, and comes due together again Y hours later.
 */
export const resignStale: Policy = (c) => {
  const { cohorts, signed } = sign(c.cohorts, staleAt(CYCLE_HOURS), RATE_LIMIT);
  return { ...c, cohorts, signedLastHour: signed };
};

/**
 * Solution 1: "one task ... signs an OCSP response for every certificate in the current update bucket,
 * if the signing rate is otherwise < X. We would also keep the current task ... This task would not be
 * conditioned on signing rate." The staleness task goes first; the bucket task re-signs the current
 * bucket's certificates not already signed this hour, within what the limit leaves.
 */
export const hashBuckets: Policy = (c) => {
  const stale = sign(c.cohorts, staleAt(CYCLE_HOURS), RATE_LIMIT);
  if (stale.signed >= BUCKET_TASK_BELOW) return { ...c, cohorts: stale.cohorts, signedLastHour: stale.signed };
  const inBucket = (k: Cohort) => (k[0] === c.hour && k[1] > 0 ? k[2] : 0);
  const bucket = sign(stale.cohorts, inBucket, RATE_LIMIT - stale.signed);
  return { ...c, cohorts: bucket.cohorts, signedLastHour: stale.signed + bucket.signed };
};

/**
 * Solution 2: "If the signing rate is < X, gradually decrease Y ..., proportional to how far below X
 * the signing rate is. ... As signing rate increases toward X, gradually increase Y back to its
 * configured value." Each hour Y' moves by the gain times (last hour's rate - X) / X, between the
 * floor and Y; then every response at least Y' old is signed. A cohort's responses are spread over
 * its hour, so a Y' inside that hour finds the matching fraction of it due.
 */
export const eagerSigning: Policy = (c) => {
  const step = Math.round((EAGER_GAIN_MINUTES * (c.signedLastHour - EAGER_BELOW)) / EAGER_BELOW);
  const threshold = Math.min(CYCLE_HOURS * 60, Math.max(EAGER_FLOOR_HOURS * 60, c.staleAfterMinutes + step));
  const due = ([, age, count]: Cohort) => {
    const from = age * 60;
    if (from >= threshold) return count;
    if (from + 60 <= threshold) return 0;
    return Math.round((count * (from + 60 - threshold)) / 60);
  };
  const { cohorts, signed } = sign(c.cohorts, due, RATE_LIMIT);
  return { ...c, cohorts, signedLastHour: signed, staleAfterMinutes: threshold };
};

/** Responses per whole hour since their last update: the histogram Solution 3 keeps anyway. */
export function histogram(cohorts: readonly Cohort[]): Map<number, number> {
  const h = new Map<number, number>();
  for (const [, age, count] of cohorts) h.set(age, (h.get(age) ?? 0) + count);
  return h;
}

/**
 * BucketPeak: the histogram bucket with the most responses, excepting those close to BucketGoal
 * (the oldest on a tie), and PeakIntendedWorkaheadCount: how far it stands above the mean bucket of
 * the Y-hour histogram. Null when no bucket stands above the mean.
 */
export function bucketPeak(cohorts: readonly Cohort[]): { age: number; workahead: number } | null {
  let age = -1;
  let most = 0;
  for (const [a, n] of histogram(cohorts)) {
    if (a >= CYCLE_HOURS - PEAK_MARGIN_HOURS) continue;
    if (n > most || (n === most && a > age)) [age, most] = [a, n];
  }
  const workahead = Math.floor(most - MEAN_RATE);
  return workahead > 0 ? { age, workahead } : null;
}

/**
 * Solution 3, as written: at the start of each iteration, BucketGoal (responses that must be signed
 * now: at least Y old) goes to QueueGoal and up to PeakIntendedWorkaheadCount responses of BucketPeak
 * to QueuePeak. "While there are still responses in QueueGoal to work on", the next response comes
 * from QueueGoal if one is ready, otherwise from either queue: QueuePeak fills the capacity QueueGoal
 * leaves, and an iteration with an empty QueueGoal signs nothing.
 */
export const histogramSmoothing: Policy = (c) => {
  if (olderThan(c.cohorts, CYCLE_HOURS) === 0) return { ...c, signedLastHour: 0 };
  const peak = bucketPeak(c.cohorts);
  const goal = sign(c.cohorts, staleAt(CYCLE_HOURS), RATE_LIMIT);
  if (peak === null) return { ...c, cohorts: goal.cohorts, signedLastHour: goal.signed };
  const inPeak = (k: Cohort) => (k[1] === peak.age ? k[2] : 0);
  const ahead = sign(goal.cohorts, inPeak, Math.min(peak.workahead, RATE_LIMIT - goal.signed));
  return { ...c, cohorts: ahead.cohorts, signedLastHour: goal.signed + ahead.signed };
};
