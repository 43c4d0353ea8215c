/**
 * The agent and its HTTP API. At start-up it restores the alias check from disk and starts its
 * goroutine (the seed's action A). Then the application's "bring-your-own-service-registration"
 * re-registers the same services and checks (action B), which removes and re-adds the alias check.
 * rboyer's lifecycle, in order:
 *
 *   1. trigger old alias check to stop          Stop (close(stopCh))
 *   2. remove old alias check from notification map   RemoveCheck
 *   3. create new alias check and install in notification map   AddCheck
 *   4. start new alias check                    restart('watcher') + Start
 *   5. new alias check does initialization and waits for notifications   (the new watcher)
 *
 * Before the fix, `Stop()` closes stopCh and returns at once: the old goroutine notices at its next
 * select, after the update it is in. If it has not returned by step 4, the new goroutine starts
 * beside it: that is the engine's `overlap` fault, not a sequence written here. With the fix of
 * part (3) (`waitGroup`), `Stop()` blocks on stopWg.Wait() until the old goroutine has returned,
 * so step 4 finds nothing running and an overlap changes nothing.
 */
import { assign, setup } from 'xstate';
import { restart, send } from '../../app/engine/index.ts';
import type { Epoch } from './status.ts';

type ApiEvent = { type: 'Reregister' | 'Stopped' | 'RemoveCheck.ok' | 'AddCheck.ok' };

export function httpApi(design: { waitGroup: boolean }) {
  return setup({
    types: { context: {} as { epoch: Epoch }, events: {} as ApiEvent },
    actions: {
      stopOld: send('watcher', { type: 'Stop' }),
      removeCheck: send('local', { type: 'RemoveCheck' }),
      addCheck: send('local', { type: 'AddCheck' }),
      nextEpoch: assign({ epoch: ({ context }) => context.epoch + 1 }),
      startNew: send('watcher', ({ context }) => ({ type: 'Start', epoch: context.epoch })),
      supersede: restart('watcher'),
    },
  }).createMachine({
    id: 'api',
    context: { epoch: 1 },
    // Agent start-up: the alias check restored from disk gets its goroutine.
    entry: 'startNew',
    initial: 'idle',
    states: {
      idle: {
        on: {
          Reregister: design.waitGroup
            ? { target: 'stoppingOld', actions: 'stopOld' }
            : { target: 'removing', actions: ['stopOld', 'removeCheck'] },
        },
      },
      // Stop() waits on stopWg until the old goroutine has returned.
      stoppingOld: {
        tags: ['busy'],
        on: { Stopped: { target: 'removing', actions: 'removeCheck' } },
      },
      removing: {
        tags: ['busy'],
        on: { 'RemoveCheck.ok': { target: 'adding', actions: 'addCheck' } },
      },
      adding: {
        tags: ['busy'],
        // The new CheckAlias supersedes the old one and its goroutine starts.
        on: { 'AddCheck.ok': { target: 'done', actions: ['nextEpoch', 'supersede', 'startNew'] } },
      },
      done: {},
    },
  });
}
