/**
 * The numbers of the ocsp-updater model, in one place. Virtual time is in milliseconds; the updater
 * works in whole hours, so most numbers here are hours or certificates per hour.
 */

/** One hour of virtual time. The updater's tick, and the metric's sampling period. */
export const HOUR = 3_600_000;

/**
 * Y: a response is re-signed once it is this many hours old ("the last update is > Y hours ago").
 * It is also the seed's target cycle ("re-sign all OCSP responses every 70 hours") and the number of
 * update buckets of Solution 1 (hash(serial) % 70).
 */
export const CYCLE_HOURS = 70;

/** Certificates with an OCSP response to keep fresh. 7,000 over a 70-hour cycle: 100 due per hour. */
export const POPULATION = 7_000;

/** The mean signing rate the population needs: POPULATION / CYCLE_HOURS = 100 signatures per hour. */
export const MEAN_RATE = POPULATION / CYCLE_HOURS;

/** The signer's limit: at most this many signatures per hour (3 × the mean, so a burst shows). */
export const RATE_LIMIT = 300;

/** How long the injected outage lasts: no signing at all for a day. */
export const OUTAGE_HOURS = 24;

/**
 * Solution 1's X: the bucket task runs in an hour only if the staleness task signed fewer than this.
 * Half the rate limit: it stands aside while a post-outage backlog drains at the limit.
 */
export const BUCKET_TASK_BELOW = 150;

/**
 * Solution 2's X: below this signing rate the updater grows eager (lowers Y'), above it it backs off
 * (raises Y' towards Y). Set at the mean, so in the steady state it neither leans forward nor back.
 */
export const EAGER_BELOW = MEAN_RATE;

/**
 * Solution 2's gain, in minutes: in an hour with no signing at all Y' drops by this much; with the
 * rate at the limit it rises by (RATE_LIMIT - X) / X times this. "If we're too conservative in the
 * rate of change, we won't see much smoothing. If we're too aggressive, we'll see additional load
 * spikes": 12 minutes per hour is on the conservative side. (With 60, the burst is back at the
 * limit from the third cycle on; with 6, peak/mean is still 1.7 six cycles after the outage.)
 */
export const EAGER_GAIN_MINUTES = 12;

/** Solution 2 never signs more than half a cycle early: Y' stays at or above 35 hours. */
export const EAGER_FLOOR_HOURS = CYCLE_HOURS / 2;

/**
 * Solution 3: histogram buckets this close to BucketGoal (ages Y - 2 h and older) are never
 * BucketPeak ("excepting buckets 'close to' ... BucketGoal").
 */
export const PEAK_MARGIN_HOURS = 2;

/**
 * The settles property: from the SETTLED_WITHIN-th full cycle after the updater is back, each cycle's
 * peak signing rate is at most SETTLED_RATIO times its mean. 1.4 leaves room for the unevenness of
 * Solution 1's hash (its largest of 70 buckets holds 123 of the 7,000 certificates, 1.23 × the mean).
 */
export const SETTLED_RATIO = 1.4;
export const SETTLED_WITHIN = 2;

/** The outage happens at a time drawn from the first cycle. */
export const OUTAGE_WINDOW: [number, number] = [0, CYCLE_HOURS * HOUR - 1];

/** A simulated run: the outage window, the outage, then six full cycles after it, however late it came. */
export const RUN_HOURS = CYCLE_HOURS + OUTAGE_HOURS + 6 * CYCLE_HOURS;
