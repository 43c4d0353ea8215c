/**
 * The SA: the storage authority that keeps the order. Its status is derived the way boulder
 * derives it: an order with an error is invalid, whatever else is set; one with a certificate is
 * valid; one that began processing is processing. Every call is answered to its caller.
 */
import { assign, setup } from 'xstate';
import { send } from '../../app/engine/index.ts';

type Call = { replyTo: string };
type SaEvent =
  | ({ type: 'SetOrderProcessing' } & Call)
  | ({ type: 'SetOrderError' } & Call)
  | ({ type: 'FinalizeOrder' } & Call)
  | ({ type: 'FailStaleOrders' } & Call);

const reply = (outcome: 'ok' | 'failed') =>
  send(
    ({ event }) => event.replyTo,
    ({ event }) => ({ type: `${event.type}.${outcome}` }),
  );

export const sa = setup({
  types: { context: {} as { staleMarked: boolean }, events: {} as SaEvent },
}).createMachine({
  id: 'sa',
  context: { staleMarked: false },
  initial: 'ready',
  // Outside `processing` a sweep finds nothing to do.
  on: { FailStaleOrders: { actions: reply('ok') } },
  states: {
    ready: {
      on: {
        SetOrderProcessing: { target: 'processing', actions: reply('ok') },
        SetOrderError: { target: 'invalid', actions: reply('ok') },
        FinalizeOrder: { actions: reply('failed') },
      },
    },
    processing: {
      on: {
        // "UPDATE orders SET beganProcessing = true WHERE ... AND beganProcessing = false" matches no row.
        SetOrderProcessing: { actions: reply('failed') },
        SetOrderError: { target: 'invalid', actions: reply('ok') },
        FinalizeOrder: { target: 'valid', actions: reply('ok') },
        // The cleanup daemon fails an order it finds processing on two sweeps in a row.
        FailStaleOrders: [
          { guard: ({ context }) => context.staleMarked, target: 'invalid', actions: reply('ok') },
          { actions: [assign({ staleMarked: true }), reply('ok')] },
        ],
      },
    },
    valid: {
      on: {
        SetOrderProcessing: { actions: reply('failed') },
        SetOrderError: { actions: reply('failed') },
        FinalizeOrder: { actions: reply('failed') },
      },
    },
    invalid: {
      on: {
        // beganProcessing is set, but the stored error still makes the order invalid.
        SetOrderProcessing: { actions: reply('ok') },
        SetOrderError: { actions: reply('ok') },
        FinalizeOrder: { actions: reply('failed') },
      },
    },
  },
});
