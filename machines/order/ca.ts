/** The CA: signs the certificate. Slowness is modelled by the scheduler, failure by a `fail` fault. */
import { setup } from 'xstate';
import { send } from '../../app/engine/index.ts';

export const ca = setup({
  types: { events: {} as { type: 'IssueCertificate' } },
}).createMachine({
  id: 'ca',
  initial: 'serving',
  states: {
    serving: {
      on: { IssueCertificate: { actions: send('ra', { type: 'IssueCertificate.ok' }) } },
    },
  },
});
