/** Durations from the seed, in virtual milliseconds. */

/**
 * The fallback reconcile timer: "double check the alias check matches the aliased check every
 * minute (borrowing the duration from the non-local alias check logic body)".
 */
export const RECONCILE_INTERVAL = 60_000;

/**
 * The longest an in-process call, its return or a channel send stays in flight. Far shorter than
 * the reconcile interval, so the timer fires between calls, never while one hangs forever.
 */
export const CALL_LATENCY = 1_000;
