/** Durations from the seed, in virtual milliseconds. */

/** The API request's deadline ("our configured timeout (say, 200ms)"). */
export const REQUEST_DEADLINE = 200;
/** failOrder's fresh context: "a new context with a fixed duration (1 sec)". */
export const FAIL_ORDER_DEADLINE = 1_000;
/** The cleanup daemon's sweep period ("five minutes or an hour"). */
export const CLEANUP_PERIOD = 300_000;
/** How long the daemon waits for one sweep before it gives up on it until the next period. */
export const SWEEP_TIMEOUT = 10_000;
/**
 * The longest any call or answer stays in flight. Far longer than the request deadline (so issuance
 * can outlast it, as in the seed), far shorter than the cleanup period.
 */
export const MAX_LATENCY = 60_000;
