/**
 * The aliased check: the health check of the service the alias mirrors, run by a goroutine of its
 * own that reports each result to the local state with `UpdateCheck`. In the seed it is
 * "independently being restarted and reinitialized": it "start[s] up in critical", and "the nearly
 * immediate update of that check to passing" follows when its first evaluation runs. The
 * evaluation is a message the check's goroutine sends itself, so it happens at any later moment
 * but always happens. The service restarts once (a stimulus); after that nothing flaps the
 * check again, so no further notification will ever come.
 */
import { setup } from 'xstate';
import { send } from '../../app/engine/index.ts';

const report = (status: 'passing' | 'critical') => send('local', { type: 'UpdateCheck', check: 'aliased', status });

export const aliasedCheck = setup({
  types: { events: {} as { type: 'ServiceRestarts' | 'FirstEvaluation' } },
}).createMachine({
  id: 'aliased',
  initial: 'passing',
  states: {
    passing: {
      on: {
        ServiceRestarts: { target: 'critical', actions: [report('critical'), send('aliased', { type: 'FirstEvaluation' })] },
      },
    },
    critical: {
      on: { FirstEvaluation: { target: 'passing', actions: report('passing') } },
    },
  },
});
