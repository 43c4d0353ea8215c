/**
 * The router's proactor: every event (a new TLS connection, a certificate notice, its own periodic
 * timer) runs on one of the few I/O threads, and holds that thread for as long as its handler
 * takes. The seed's flaw: "simply reloading the cert files unconditionally every time a new TLS
 * connection is established", a blocking call of nearly a second on the I/O thread.
 */
import { assign, setup, type AnyEventObject, type AnyMachineSnapshot } from 'xstate';
import { send } from '../../app/engine/index.ts';
import { CERT_RELOAD, HANDSHAKE, HEARTBEAT_PERIOD, TIMER_WORK } from './timing.ts';

/**
 * When the certificate files are read: on every new connection (the bug), on the next new
 * connection after the files changed, or never on an I/O thread (a loader thread does it).
 */
export type Reload = 'every-connection' | 'when-changed' | 'off-io-threads';

/** No counters: the explorer would tell apart worlds that differ only in how many connections were served. */
interface RouterContext {
  /** The files changed since the certificates in use were loaded (when-changed only). */
  filesChanged: boolean;
}

type RouterEvent = { type: 'NewConnection' } | { type: 'CertFilesChanged' } | { type: 'CertsLoaded' };

/** Does handling this new connection read the certificate files first? */
function reloadsOnConnect(reload: Reload, context: RouterContext): boolean {
  return reload === 'every-connection' || (reload === 'when-changed' && context.filesChanged);
}

export function router(reload: Reload) {
  return setup({
    types: { context: {} as RouterContext, events: {} as RouterEvent },
    delays: { heartbeat: HEARTBEAT_PERIOD },
    actions: {
      heartbeat: send('peer', { type: 'Heartbeat' }),
      // The handshake is done and, if the files were read, the certificates in use are current.
      setUpConnection: assign({ filesChanged: false }),
      noteFilesChanged: assign({ filesChanged: true }),
    },
  }).createMachine({
    id: 'router',
    context: { filesChanged: false },
    initial: 'running',
    states: {
      running: {
        // The proactor timer: PN_PROACTOR_TIMEOUT, re-armed each time it is serviced.
        after: { heartbeat: { target: 'running', reenter: true, actions: 'heartbeat' } },
        on: {
          NewConnection: { actions: 'setUpConnection' },
          CertFilesChanged: reload === 'when-changed' ? { actions: 'noteFilesChanged' } : {},
          // The loader thread swaps in certificates it already read: no file I/O here.
          CertsLoaded: {},
        },
      },
    },
  });
}

/**
 * How long each event holds an I/O thread, read as its handler starts. A connection that reloads
 * blocks its thread for the whole reload; concurrent connections that start before the first reload
 * lands all see the files as changed and all reload.
 */
export function ioThreadTime(reload: Reload) {
  return (event: AnyEventObject, snapshot: AnyMachineSnapshot): number => {
    if (event.type === 'NewConnection') return HANDSHAKE + (reloadsOnConnect(reload, snapshot.context as RouterContext) ? CERT_RELOAD : 0);
    if (event.type.startsWith('xstate.after.')) return TIMER_WORK;
    return 0;
  };
}
