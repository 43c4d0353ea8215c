/**
 * The RA's FinalizeOrder handler, with the request context it was called with. It marks the order
 * processing, has the CA issue the certificate and stores it; on any failure it calls failOrder.
 * How failOrder runs is what the variants disagree about:
 * - `request-context`: synchronously, with the request's own context. Once the deadline has passed,
 *   SA.SetOrderError fails at once with "context deadline exceeded" and the order stays processing.
 * - `fresh-context`: synchronously, with a new one-second context. The order becomes invalid, but
 *   the API call waits for it past its deadline.
 * - `async`: a goroutine started for the request watches for a problem or the deadline and fails
 *   the order with a fresh context, while the handler answers at once.
 */
import { assign, cancel, raise, setup } from 'xstate';
import { send } from '../../app/engine/index.ts';
import { FAIL_ORDER_DEADLINE, REQUEST_DEADLINE } from './timing.ts';

export type FailOrderDesign = 'request-context' | 'fresh-context' | 'async';

type RaEvent =
  | { type: 'FinalizeOrder' }
  | { type: 'SetOrderProcessing.ok' | 'SetOrderProcessing.failed' }
  | { type: 'IssueCertificate.ok' | 'IssueCertificate.failed' }
  | { type: 'FinalizeOrder.ok' | 'FinalizeOrder.failed' }
  | { type: 'SetOrderError.ok' | 'SetOrderError.failed' }
  | { type: 'ctx.deadline' | 'failOrder.deadline' };

const call = (to: 'sa' | 'ca', type: string) =>
  send(to, { type, replyTo: 'ra' }, { failReply: { type: `${type}.failed` } });
const answer = (type: 'FinalizeOrder.ok' | 'FinalizeOrder.error', reason?: string) =>
  send('wfe', reason ? { type, reason } : { type });

export function raMachine(design: FailOrderDesign) {
  // Where a failure goes: straight to failOrder, or (async) to the watching goroutine.
  const onFailure = design === 'async' ? 'reportProblem' : 'failOrder';

  return setup({
    types: { context: {} as { ctxExpired: boolean }, events: {} as RaEvent },
    guards: { ctxExpired: ({ context }) => context.ctxExpired },
    actions: { expire: assign({ ctxExpired: true }) },
  }).createMachine({
    id: 'ra',
    context: { ctxExpired: false },
    initial: 'idle',
    states: {
      idle: {
        on: {
          FinalizeOrder: {
            target: 'settingProcessing',
            actions: raise({ type: 'ctx.deadline' }, { delay: REQUEST_DEADLINE, id: 'ctx' }),
          },
        },
      },
      settingProcessing: {
        tags: ['awaitingRpc'],
        entry: call('sa', 'SetOrderProcessing'),
        on: {
          'SetOrderProcessing.ok': 'issuing',
          // The order never became processing as far as the RA knows: it returns the error.
          'SetOrderProcessing.failed': design === 'async' ? 'reportProblem' : 'answerError',
          'ctx.deadline': { target: design === 'async' ? 'reportProblem' : 'answerError', actions: 'expire' },
        },
      },
      issuing: {
        tags: ['awaitingRpc'],
        entry: call('ca', 'IssueCertificate'),
        on: {
          'IssueCertificate.ok': 'storingCertificate',
          'IssueCertificate.failed': onFailure,
          'ctx.deadline': { target: onFailure, actions: 'expire' },
        },
      },
      storingCertificate: {
        tags: ['awaitingRpc'],
        entry: call('sa', 'FinalizeOrder'),
        on: {
          'FinalizeOrder.ok': 'answerValid',
          'FinalizeOrder.failed': onFailure,
          'ctx.deadline': { target: onFailure, actions: 'expire' },
        },
      },
      failOrder:
        design === 'fresh-context'
          ? {
              // failOrder with a new one-second context, still inside the request.
              tags: ['awaitingRpc'],
              entry: [
                call('sa', 'SetOrderError'),
                raise({ type: 'failOrder.deadline' }, { delay: FAIL_ORDER_DEADLINE, id: 'failOrderCtx' }),
              ],
              exit: cancel('failOrderCtx'),
              on: {
                'SetOrderError.ok': 'answerError',
                'SetOrderError.failed': 'answerError',
                'failOrder.deadline': 'answerError',
                // The request's own deadline passes while the handler still waits.
                'ctx.deadline': { actions: 'expire' },
              },
            }
          : {
              // failOrder(ctx) with the request's context: dead on arrival once the deadline has passed.
              initial: 'checkingContext',
              states: {
                checkingContext: {
                  always: [
                    // SA.SetOrderError(ctx) returns "context deadline exceeded" without reaching the SA.
                    { guard: 'ctxExpired', target: '#ra.answerError' },
                    { target: 'settingError' },
                  ],
                },
                settingError: {
                  tags: ['awaitingRpc'],
                  entry: call('sa', 'SetOrderError'),
                  on: {
                    'SetOrderError.ok': '#ra.answerError',
                    'SetOrderError.failed': '#ra.answerError',
                    'ctx.deadline': { target: '#ra.answerError', actions: 'expire' },
                  },
                },
              },
            },
      reportProblem: {
        entry: send('failOrder', { type: 'Problem' }),
        always: 'answerError',
      },
      answerValid: {
        entry: [
          ...(design === 'async' ? [send('failOrder', { type: 'Completed' })] : []),
          cancel('ctx'),
          answer('FinalizeOrder.ok'),
        ],
        type: 'final',
      },
      answerError: {
        entry: [cancel('ctx'), answer('FinalizeOrder.error', 'order could not be finalized')],
        type: 'final',
      },
    },
  });
}
