/**
 * The alias check's goroutine (CheckAlias.runLocal in agent/checks/alias.go), one instance per
 * CheckAlias value:
 *
 *   notifyCh := make(chan struct{}, 1)
 *   c.Notify.AddAliasCheck(c.CheckID, c.ServiceID, notifyCh)
 *   updateStatus()                          // Checks(), processChecks(), UpdateCheck()
 *   for { select { case <-refreshTimer:      // the reconcile timer of part (2) only
 *                  case <-notifyCh: updateStatus()
 *                  case <-stopCh: return } }
 *
 * `updateStatus` is synchronous calls into the local state: `Checks()`, the read of the aliased
 * check's `Status` in `processChecks` (a call of its own only while Clone is shallow, see
 * local-state.ts), and `UpdateCheck` of the alias. Between what it read and the write, the goroutine
 * may be descheduled for as long as the others run (`applying`, ended by the zero-delay timer
 * `scheduled`): the seed's old goroutine "finally gets around to applying that critical update".
 * A notification that arrives while an update is under way waits in the channel's one buffer slot
 * (`again`) and runs one more update afterwards.
 *
 * `Stop` is `close(stopCh)`: the goroutine returns at its next select, after the update it is in.
 * (Go picks at random when a notification is buffered too; the model picks stopCh.) With the
 * WaitGroup of part (3) it then tells Stop(), which was waiting on stopWg, that it has returned.
 *
 * The actor is restartable: the API's re-registration supersedes it. With the `overlap` fault the
 * superseded instance (`watcher~old`) keeps running beside the new one; the engine's `exit` step is
 * that goroutine returning. The engine delivers to a superseded instance only what was already on
 * its way to it, so it finishes an update whose answers are in flight and can start nothing new:
 * the return of a call it makes afterwards goes to the current instance, which drops it (`epoch`).
 */
import { assign, raise, setup } from 'xstate';
import { send } from '../../app/engine/index.ts';
import type { Epoch, Status } from './status.ts';
import { RECONCILE_INTERVAL } from './timing.ts';

export interface WatcherDesign {
  deepClone: boolean;
  reconcileTimer: boolean;
  waitGroup: boolean;
}

export interface WatcherContext {
  /** Which CheckAlias this goroutine runs; 0 until the API starts it. */
  epoch: Epoch;
  /** A notification sits in the channel's buffer. */
  again: boolean;
  /** stopCh was closed while an update was under way. */
  stopping: boolean;
  /** Under the shallow Clone: the status the local state held when `Checks()` returned. */
  asOf: Status | null;
  /** The status this update writes to the alias check. */
  acted: Status | null;
}

type WatcherEvent =
  | { type: 'Start'; epoch: Epoch }
  | { type: 'Stop' | 'Scheduled' }
  | { type: 'Notify' | 'UpdateCheck.ok'; epoch: Epoch }
  | { type: 'Checks.result' | 'Status'; epoch: Epoch; status: Status }
  | { type: 'CheckRefs'; epoch: Epoch; asOf: Status };

export function aliasWatcher(design: WatcherDesign) {
  // The goroutine returns; with the WaitGroup, Stop() in the API learns that it has.
  const stopped = design.waitGroup
    ? { target: '#watcher.stopped', actions: send('api', { type: 'Stopped' }) }
    : { target: '#watcher.stopped' };
  return setup({
    types: { context: {} as WatcherContext, events: {} as WatcherEvent },
    guards: {
      // A notification on this goroutine's own channel, or the return of a call it made.
      mine: ({ context, event }) => 'epoch' in event && event.epoch === context.epoch,
      mineAndStopping: ({ context, event }) => 'epoch' in event && event.epoch === context.epoch && context.stopping,
      mineAndAgain: ({ context, event }) => 'epoch' in event && event.epoch === context.epoch && context.again,
    },
    actions: {
      checks: send('local', ({ context }) => ({ type: 'Checks', epoch: context.epoch })),
      readStatus: send('local', ({ context }) => ({ type: 'ReadStatus', epoch: context.epoch })),
      updateCheck: send('local', ({ context }) => ({ type: 'UpdateCheck', check: 'alias', status: context.acted, epoch: context.epoch })),
      settle: assign({ again: false, asOf: null, acted: null }),
    },
  }).createMachine({
    id: 'watcher',
    context: { epoch: 0, again: false, stopping: false, asOf: null, acted: null },
    initial: 'created',
    states: {
      // The CheckAlias exists; its goroutine has not been started.
      created: {
        on: {
          Start: {
            target: 'busy',
            actions: [
              assign({ epoch: ({ event }) => event.epoch }),
              send('local', ({ event }) => ({ type: 'AddAliasCheck', epoch: event.epoch })),
            ],
          },
          Stop: stopped,
        },
      },
      waiting: {
        on: {
          Notify: { guard: 'mine', target: 'busy' },
          Stop: stopped,
        },
        // time.After(maxDurationBetweenUpdates), extended after every update.
        ...(design.reconcileTimer ? { after: { [RECONCILE_INTERVAL]: 'busy' } } : {}),
      },
      // updateStatus()
      busy: {
        tags: ['busy'],
        on: {
          Notify: { guard: 'mine', actions: assign({ again: true }) },
          Stop: { actions: assign({ stopping: true }) },
        },
        initial: 'checks',
        states: {
          checks: {
            entry: 'checks',
            on: design.deepClone
              ? { 'Checks.result': { guard: 'mine', target: 'applying', actions: assign({ acted: ({ event }) => event.status }) } }
              : { CheckRefs: { guard: 'mine', target: 'reading', actions: assign({ asOf: ({ event }) => event.asOf }) } },
          },
          // processChecks reads chk.Status through the pointer it shares with the local state.
          reading: {
            entry: 'readStatus',
            on: { Status: { guard: 'mine', target: 'applying', actions: assign({ acted: ({ event }) => event.status }) } },
          },
          // The goroutine holds what it read until the scheduler runs it again ("finally gets around
          // to applying that update"): a zero-delay timer, so the other goroutine's steps, the
          // local state's and the API's may all come first, while virtual time stands still.
          applying: {
            entry: raise({ type: 'Scheduled' }, { delay: 0, id: 'scheduled' }),
            on: { Scheduled: 'updating' },
          },
          updating: {
            entry: 'updateCheck',
            on: {
              'UpdateCheck.ok': [
                { guard: 'mineAndStopping', ...stopped },
                { guard: 'mineAndAgain', target: 'checks', actions: 'settle' },
                { guard: 'mine', target: '#watcher.waiting', actions: 'settle' },
              ],
            },
          },
        },
      },
      stopped: { type: 'final' },
    },
  });
}
