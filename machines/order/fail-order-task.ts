/**
 * The accepted fix's goroutine, started for each FinalizeOrder. It waits for a problem (an error or
 * the request's deadline) or for the order to complete, and on a problem calls SA.SetOrderError with
 * a fresh one-second context, without holding up the API's answer.
 */
import { cancel, raise, setup } from 'xstate';
import { send } from '../../app/engine/index.ts';
import { FAIL_ORDER_DEADLINE } from './timing.ts';

export const failOrderTask = setup({
  types: {
    events: {} as
      | { type: 'Problem' | 'Completed' }
      | { type: 'SetOrderError.ok' | 'SetOrderError.failed' }
      | { type: 'freshCtx.deadline' },
  },
}).createMachine({
  id: 'failOrder',
  initial: 'watching',
  states: {
    watching: {
      on: {
        Problem: 'settingError',
        Completed: 'done',
      },
    },
    settingError: {
      entry: [
        send('sa', { type: 'SetOrderError', replyTo: 'failOrder' }, { failReply: { type: 'SetOrderError.failed' } }),
        raise({ type: 'freshCtx.deadline' }, { delay: FAIL_ORDER_DEADLINE, id: 'freshCtx' }),
      ],
      exit: cancel('freshCtx'),
      on: {
        'SetOrderError.ok': 'done',
        // Only a metric is left to record the failure.
        'SetOrderError.failed': 'gaveUp',
        'freshCtx.deadline': 'gaveUp',
      },
    },
    done: { type: 'final' },
    gaveUp: { type: 'final' },
  },
});
