/**
 * ocsp-updater: once an hour it looks at every certificate's OCSP response and signs what its design
 * says, within the signer's limit. An outage stops it for a day; responses keep ageing meanwhile.
 *
 * The hour is one clock for both states: a delayed `Tick` (timer id `tick`) that every tick raises
 * again, so an outage neither loses an hour of ageing nor shifts the hourly runs. (An `after` on
 * `running` would be cancelled by the outage; one on `down` would race the outage timer.) The outage
 * ends with `down`'s own timer.
 */
import { assign, raise, setup } from 'xstate';
import { CYCLE_HOURS, HOUR, OUTAGE_HOURS, POPULATION } from './params.ts';
import type { Policy, UpdaterContext } from './policies.ts';
import { aged, olderThan, steadyPopulation } from './population.ts';

export interface UpdaterDesign {
  /** What one hourly run signs. */
  policy: Policy;
  /** Certificates carry Solution 1's update bucket, and the updater follows the hour of the cycle. */
  buckets: boolean;
}

/** The updater's first snapshot: the steady state, as the last hour left it. */
export function initialContext(design: UpdaterDesign): UpdaterContext {
  const cohorts = steadyPopulation(design.buckets);
  return {
    cohorts,
    // What the last hour signed: the responses now less than an hour old.
    signedLastHour: POPULATION - olderThan(cohorts, 1),
    hour: 0,
    staleAfterMinutes: CYCLE_HOURS * 60,
  };
}

export function updaterMachine(design: UpdaterDesign) {
  /** An hour passes: every response ages, and with buckets the next hour of the cycle begins. */
  const hourPassed = (c: UpdaterContext): UpdaterContext => ({
    ...c,
    cohorts: aged(c.cohorts),
    hour: design.buckets ? (c.hour + 1) % CYCLE_HOURS : c.hour,
  });
  return setup({
    types: { context: {} as UpdaterContext, events: {} as { type: 'Tick' } | { type: 'Outage' } },
    delays: { hour: HOUR, outage: OUTAGE_HOURS * HOUR },
    actions: {
      nextTick: raise({ type: 'Tick' }, { delay: 'hour', id: 'tick' }),
      signHour: assign(({ context }) => design.policy(hourPassed(context))),
      idleHour: assign(({ context }) => ({ ...hourPassed(context), signedLastHour: 0 })),
    },
  }).createMachine({
    id: 'updater',
    context: initialContext(design),
    entry: 'nextTick',
    initial: 'running',
    states: {
      running: {
        on: {
          Tick: { actions: ['signHour', 'nextTick'] },
          Outage: 'down',
        },
      },
      // No signing; the responses still age, and the updater is back after OUTAGE_HOURS.
      down: {
        on: { Tick: { actions: ['idleHour', 'nextTick'] } },
        after: { outage: 'running' },
      },
    },
  });
}
