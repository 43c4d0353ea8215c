/**
 * The management plane has just written new TLS certificate files as the run starts, so the first
 * connections after it must pick them up. The seed: "there is no mechanism to alert the router that
 * the cert files have been updated"; the fixed designs add one, told to `notify`.
 */
import { setup } from 'xstate';
import { send } from '../../app/engine/index.ts';

export function management(notify: 'router' | 'certLoader' | null) {
  return setup({}).createMachine({
    id: 'management',
    entry: notify === null ? [] : [send(notify, { type: 'CertFilesChanged' })],
  });
}
