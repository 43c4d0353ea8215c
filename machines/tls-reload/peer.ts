/**
 * The peer router at the other end of an inter-router link: the timed operation. Each heartbeat
 * restarts its deadline; if PEER_TIMEOUT passes without one, it declares the link lost, the
 * "timeout errors" of skupper-router #1551.
 */
import { setup } from 'xstate';
import { PEER_TIMEOUT } from './timing.ts';

export const peer = setup({
  types: { events: {} as { type: 'Heartbeat' } },
  delays: { peerTimeout: PEER_TIMEOUT },
}).createMachine({
  id: 'peer',
  initial: 'linkUp',
  states: {
    linkUp: {
      after: { peerTimeout: 'linkLost' },
      on: { Heartbeat: { target: 'linkUp', reenter: true } },
    },
    linkLost: {},
  },
});
