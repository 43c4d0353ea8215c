/**
 * The WFE: the ACME API frontend. A client finalizes an order; the WFE calls RA.FinalizeOrder
 * with the request context and answers the client with whatever comes back first: the RA's answer
 * or the context's deadline.
 */
import { raise, setup } from 'xstate';
import { send } from '../../app/engine/index.ts';
import { REQUEST_DEADLINE } from './timing.ts';

export const wfe = setup({
  types: {
    events: {} as
      | { type: 'Finalize' }
      | { type: 'FinalizeOrder.ok' }
      | { type: 'FinalizeOrder.error'; reason: string }
      | { type: 'FinalizeOrder.failed' }
      | { type: 'deadline' },
  },
}).createMachine({
  id: 'wfe',
  initial: 'idle',
  states: {
    idle: {
      on: {
        Finalize: {
          target: 'waiting',
          actions: [
            send('ra', { type: 'FinalizeOrder' }, { failReply: { type: 'FinalizeOrder.failed' } }),
            raise({ type: 'deadline' }, { delay: REQUEST_DEADLINE, id: 'deadline' }),
          ],
        },
      },
    },
    waiting: {
      on: {
        'FinalizeOrder.ok': 'answered.valid',
        'FinalizeOrder.error': 'answered.error',
        'FinalizeOrder.failed': 'answered.error',
        deadline: 'answered.timeout',
      },
    },
    answered: {
      initial: 'valid',
      states: { valid: {}, error: {}, timeout: {} },
    },
  },
});
