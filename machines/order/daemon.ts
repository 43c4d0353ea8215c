/**
 * The first proposal: a periodic task that fails orders left processing too long. Each sweep is a
 * call to the SA; the daemon sleeps again once it is answered, or after a timeout.
 */
import { setup } from 'xstate';
import { send } from '../../app/engine/index.ts';
import { CLEANUP_PERIOD, SWEEP_TIMEOUT } from './timing.ts';

export const cleanupDaemon = setup({
  types: { events: {} as { type: 'FailStaleOrders.ok' | 'FailStaleOrders.failed' } },
}).createMachine({
  id: 'daemon',
  initial: 'sleeping',
  states: {
    sleeping: {
      after: { [CLEANUP_PERIOD]: 'sweeping' },
    },
    sweeping: {
      entry: send('sa', { type: 'FailStaleOrders', replyTo: 'daemon' }, { failReply: { type: 'FailStaleOrders.failed' } }),
      on: {
        'FailStaleOrders.ok': 'sleeping',
        'FailStaleOrders.failed': 'sleeping',
      },
      after: { [SWEEP_TIMEOUT]: 'sleeping' },
    },
  },
});
