/**
 * Boulder's ocsp-updater work smoothing (the design doc before #5544): after an outage the updater
 * re-signs the whole backlog at its signing limit, and those responses all come due again together
 * one cycle later, cycle after cycle. The model is one updater over a population of certificates,
 * an outage that may come at any time in the first cycle, and the peak-to-mean signing rate of each
 * cycle after it, for the current behaviour and the three designs the doc proposes.
 */
import { defineModel, type ModelSystem, type WorldView } from '../../app/engine/index.ts';
import {
  CYCLE_HOURS,
  HOUR,
  MEAN_RATE,
  OUTAGE_HOURS,
  OUTAGE_WINDOW,
  RUN_HOURS,
  SETTLED_RATIO,
  SETTLED_WITHIN,
} from './params.ts';
import { eagerSigning, hashBuckets, histogramSmoothing, resignStale, type UpdaterContext } from './policies.ts';
import { oldest, olderThan } from './population.ts';
import { updaterMachine, type UpdaterDesign } from './updater.ts';

type Variant = 'current' | 'hash-buckets' | 'eager-signing' | 'histogram-smoothing';

const designs: Record<Variant, UpdaterDesign> = {
  current: { policy: resignStale, buckets: false },
  'hash-buckets': { policy: hashBuckets, buckets: true },
  'eager-signing': { policy: eagerSigning, buckets: false },
  'histogram-smoothing': { policy: histogramSmoothing, buckets: false },
};

const updater = (w: WorldView) => w.actor('updater').context as UpdaterContext;

/** Once back, the updater signs the oldest first: no response is older than Y plus the outage. */
const MAX_AGE_HOURS = CYCLE_HOURS + OUTAGE_HOURS;

function build(variant: Variant): ModelSystem {
  return {
    actors: { updater: { machine: updaterMachine(designs[variant]) } },
    links: [],
    stimuli: [
      {
        name: 'outage',
        to: 'updater',
        event: { type: 'Outage' },
        times: 1,
        window: OUTAGE_WINDOW,
        description: `ocsp-updater stops for ${OUTAGE_HOURS} h, at any time in the first cycle`,
      },
    ],
    properties: [
      {
        kind: 'invariant',
        name: 'due-responses-first',
        description: `No response is ever more than ${MAX_AGE_HOURS} h old (Y plus the outage): smoothing never holds back a response that is due.`,
        holds: (w) => oldest(updater(w).cohorts) <= MAX_AGE_HOURS,
        message: (w) => `A response is ${oldest(updater(w).cohorts)} h old, more than Y + the outage (${MAX_AGE_HOURS} h).`,
      },
    ],
    metrics: [
      {
        kind: 'gauge',
        name: 'signatures per hour',
        description: 'OCSP responses the last hourly run signed.',
        unit: 'signatures/h',
        every: HOUR,
        read: (w) => updater(w).signedLastHour,
      },
      {
        kind: 'gauge',
        name: 'stale responses',
        description: `Responses at least Y = ${CYCLE_HOURS} h old that the last hourly run left unsigned.`,
        unit: 'responses',
        every: HOUR,
        read: (w) => olderThan(updater(w).cohorts, CYCLE_HOURS),
      },
    ],
    metricProperties: [
      {
        kind: 'settles',
        name: 'signing-smooths',
        description:
          `After the outage, from the ${ordinal(SETTLED_WITHIN)} full ${CYCLE_HOURS} h cycle on, ` +
          `no hour signs more than ${SETTLED_RATIO} × the ${MEAN_RATE}/h the population needs ` +
          `(the steady rate, not the cycle's own mean: signing everything twice is not smoothing).`,
        metric: 'signatures per hour',
        after: 'outage',
        settle: OUTAGE_HOURS * HOUR,
        cycle: CYCLE_HOURS * HOUR,
        ratio: SETTLED_RATIO,
        within: SETTLED_WITHIN,
        mean: MEAN_RATE,
      },
    ],
    simulation: { horizon: RUN_HOURS * HOUR, runs: 100 },
  };
}

/**
 * The model admits no fault: the outage is its one stimulus. The explorer follows the updater hour by
 * hour after an outage at any hour until its state repeats. Eager signing takes longest: its
 * controller is still adjusting 9,600 hours after the outage (16,611 states, about a second).
 */
const bounds = { maxFaults: 0, faults: [], maxDepth: 20_000 };

function ordinal(n: number): string {
  return n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}

export default defineModel<Variant>({
  id: 'ocsp-updater',
  title: 'ocsp-updater work smoothing after an outage',
  seed: 'boulder-ocsp-updater-work-smoothing.txt',
  summary: 'After an outage the backlog is re-signed at the limit and comes due again together, cycle after cycle.',
  variants: {
    current: {
      description: 'Re-sign whatever is more than Y = 70 h old, oldest first: the post-outage burst comes due together every cycle.',
      bounds,
    },
    'hash-buckets': {
      description: 'Solution 1: a task re-signs the hour\'s update bucket (hash(serial) % 70) when the rate is below X, beside the staleness task.',
      bounds,
    },
    'eager-signing': {
      description: 'Solution 2: below a signing rate X, lower Y gradually to sign early; above it, raise Y back.',
      bounds,
    },
    'histogram-smoothing': {
      description: 'Solution 3: each run also signs ahead the excess of the fullest histogram bucket, while due responses remain.',
      bounds,
    },
  },
  build,
});
