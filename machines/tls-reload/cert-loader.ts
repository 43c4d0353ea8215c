/**
 * The fix that moves the reload off the I/O threads: a loader on a thread of its own reads the
 * certificate files when told they changed and hands the router the loaded certificates.
 */
import { setup } from 'xstate';
import { send } from '../../app/engine/index.ts';

export const certLoader = setup({ types: { events: {} as { type: 'CertFilesChanged' } } }).createMachine({
  id: 'certLoader',
  on: { CertFilesChanged: { actions: send('router', { type: 'CertsLoaded' }) } },
});
