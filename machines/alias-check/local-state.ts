/**
 * The agent's local state (agent/local/state.go): the checks of record and, per watched check,
 * one notification channel (`checkAliases`). Every method takes the state's lock, so each event
 * here is one atomic step.
 *
 * - `UpdateCheck` from the aliased check: "Do nothing if update is idempotent"; otherwise, "if this
 *   is a check for an aliased service, then notify the waiters" with a non-blocking send on the
 *   registered channel, and write the status. The pre-fix code notifies before it writes, but
 *   under the same lock: nobody who takes the lock can see the gap, so the trigger is, to every
 *   reader, strictly after the update (banks' assumption holds here).
 * - `UpdateCheck` from a watcher: the alias check's status. A check that was removed ignores it
 *   ("if c == nil || c.Deleted { return }").
 * - `AddAliasCheck`: the watcher registers its channel; there is one per watched check, so a
 *   later registration replaces an earlier one.
 * - `Checks`: part (1) of the seed. `CheckStates()` hands out shallow `Clone()`s whose `Check`
 *   pointer is the state's own `*HealthCheck`, so the watcher's copy and the local state's check
 *   share the `Status`, and `processChecks` reads it later, outside the lock. In an interleaving
 *   that is a read that is not a snapshot: the call under the lock returns references only
 *   (`CheckRefs`), and the status the watcher acts on is read at a later moment of its own
 *   (`ReadStatus`), after any number of in-place `UpdateCheck` writes. (What else a Go data race
 *   allows, a read with no happens-before edge, is not an interleaving and is not modelled.)
 *   With the fix, Clone copies the Check and updates copy on write, so `Checks` returns the
 *   status as it was under the lock: a snapshot. `asOf` in `CheckRefs` is for the property
 *   `status-moved-under-reader` only; the watcher never acts on it.
 * - `RemoveCheck` / `AddCheck` from the HTTP API: re-registration removes the alias check, and with
 *   it "remove old alias check from notification map", then re-adds it. A check added without a
 *   status starts critical.
 */
import { assign, setup } from 'xstate';
import { send } from '../../app/engine/index.ts';
import type { Epoch, Status } from './status.ts';

export interface LocalContext {
  /** The aliased check's status of record. */
  aliased: Status;
  /** The alias check's status; null while it is removed. */
  alias: Status | null;
  /** The epoch of the watcher whose channel is registered for the alias check; 0 for none. */
  channel: Epoch;
}

type LocalEvent =
  | { type: 'UpdateCheck'; check: 'aliased'; status: Status }
  | { type: 'UpdateCheck'; check: 'alias'; status: Status; epoch: Epoch }
  | { type: 'AddAliasCheck' | 'Checks' | 'ReadStatus'; epoch: Epoch }
  | { type: 'RemoveCheck' | 'AddCheck' };

export function localState(design: { deepClone: boolean }) {
  return setup({
    types: { context: {} as LocalContext, events: {} as LocalEvent },
    guards: {
      aliasedChanges: ({ context, event }) =>
        event.type === 'UpdateCheck' && event.check === 'aliased' && event.status !== context.aliased,
      aliasedChangesWatched: ({ context, event }) =>
        event.type === 'UpdateCheck' && event.check === 'aliased' && event.status !== context.aliased && context.channel > 0,
      fromWatcher: ({ event }) => event.type === 'UpdateCheck' && event.check === 'alias',
    },
  }).createMachine({
    id: 'local',
    context: { aliased: 'passing', alias: 'critical', channel: 0 },
    initial: 'serving',
    states: { serving: {} },
    on: {
      UpdateCheck: [
        {
          // Notify the waiters (a non-blocking send on the one registered channel), then write.
          guard: 'aliasedChangesWatched',
          actions: [
            send('watcher', ({ context }) => ({ type: 'Notify', epoch: context.channel })),
            assign({ aliased: ({ event }) => event.status }),
          ],
        },
        // No channel registered: the write happens and the notification goes nowhere.
        { guard: 'aliasedChanges', actions: assign({ aliased: ({ event }) => event.status }) },
        {
          guard: 'fromWatcher',
          actions: [
            assign({ alias: ({ context, event }) => (context.alias === null ? null : event.status) }),
            send('watcher', ({ event }) => ({ type: 'UpdateCheck.ok', epoch: (event as { epoch: Epoch }).epoch })),
          ],
        },
      ],
      AddAliasCheck: { actions: assign({ channel: ({ event }) => event.epoch }) },
      Checks: {
        actions: send('watcher', ({ context, event }) =>
          design.deepClone
            ? { type: 'Checks.result', epoch: event.epoch, status: context.aliased }
            : { type: 'CheckRefs', epoch: event.epoch, asOf: context.aliased },
        ),
      },
      ReadStatus: { actions: send('watcher', ({ context, event }) => ({ type: 'Status', epoch: event.epoch, status: context.aliased })) },
      RemoveCheck: { actions: [assign({ alias: null, channel: 0 }), send('api', { type: 'RemoveCheck.ok' })] },
      AddCheck: { actions: [assign({ alias: 'critical' }), send('api', { type: 'AddCheck.ok' })] },
    },
  });
}
