/**
 * The test's clients (test_80_balancing): on `Storm` they open CONNECTIONS short-lived TLS
 * connections at once. Each is one new-connection event for the proactor.
 */
import { enqueueActions, setup } from 'xstate';
import { send } from '../../app/engine/index.ts';
import { CONNECTIONS } from './timing.ts';

export const clients = setup({ types: { events: {} as { type: 'Storm' } } }).createMachine({
  id: 'clients',
  initial: 'idle',
  states: {
    idle: {
      on: {
        Storm: {
          target: 'connected',
          actions: enqueueActions(({ enqueue }) => {
            for (let i = 0; i < CONNECTIONS; i++) enqueue(send('router', { type: 'NewConnection' }));
          }),
        },
      },
    },
    connected: {},
  },
});
