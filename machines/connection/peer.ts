/**
 * The peer node that serves proxied requests: it answers each request that arrives on its current
 * socket. When it reconnects (it has given up on the old socket) it closes the old socket, so the
 * node's old task reads EOF, and dials again. Requests still arriving on the old socket are lost
 * with it. Rejected, it retries: "Eventually the old one will go away, and the remote peer will retry."
 */
import { assign, setup } from 'xstate';
import { send } from '../../app/engine/index.ts';
import type { Req } from './design.ts';

type PeerEvent = { type: 'Request'; req: Req; via: number } | { type: 'Reconnect' } | { type: 'Rejected' };

/**
 * Sockets are numbered like the node's tasks: the peer's first socket is served by task 1, the one it
 * dials on reconnecting by task 2, and each request carries the id of the task that wrote it.
 */
export function peer(initialSocket: number) {
  return setup({
    types: { context: {} as { socket: number }, events: {} as PeerEvent },
  }).createMachine({
    id: 'peer',
    context: { socket: initialSocket },
    on: {
      Request: {
        guard: ({ context, event }) => event.via === context.socket,
        actions: send('conn', ({ event }) => ({ type: 'Response', req: event.req })),
      },
      Reconnect: {
        actions: [assign({ socket: ({ context }) => context.socket + 1 }), send('conn', { type: 'Eof' }), send('main', { type: 'Connect' })],
      },
      Rejected: { actions: send('main', { type: 'Connect' }) },
    },
  });
}
