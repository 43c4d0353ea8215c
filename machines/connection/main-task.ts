/**
 * The node's main task (`NodeTask`). Three pieces of its state matter here:
 * - `established`: the connection manager's map entry for the peer, the id of the task that holds
 *   the established connection ("the EstablishedTaskHandle is still in the main map").
 * - `nodeSeesPeer`: whether the trust quorum `Node` counts the peer as connected (`on_connect`,
 *   `on_disconnect`), the protocol state a stale disconnect "could cause problems for".
 * - `tracker`: the `proxy_tracker`, requests handed to the connection task and not yet answered.
 *
 * A proxy request is refused with `Disconnected` when no handle is in the map. Otherwise it is sent
 * into the connection task's channel (`h.send(req).await`), `Connected` is returned, and the caller
 * "will add the request to the tracker". The task's end fails every tracked request for the peer.
 */
import { assign, enqueueActions, setup } from 'xstate';
import { restart, send } from '../../app/engine/index.ts';
import type { Design, Outcome, Req } from './design.ts';

export interface MainContext {
  established: number | null;
  nodeSeesPeer: boolean;
  tracker: Req[];
  /** The id of the last task spawned; the next one gets the following id. */
  lastTask: number;
}

export type MainEvent =
  | { type: 'Proxy'; req: Req }
  | { type: 'ChannelFull' }
  | { type: 'SendFailed'; req: Req }
  | { type: 'ProxyResponse'; req: Req; task: number }
  | { type: 'Disconnected' | 'TaskExited'; task: number }
  | { type: 'Connect' };

type Args = { context: MainContext; event: MainEvent };

const reply = (req: (a: Args) => Req, outcome: Outcome) =>
  send('caller', (a: Args) => ({ type: 'Reply', req: req(a), outcome }));
const eventReq = ({ event }: Args) => (event as { req: Req }).req;
const eventTask = ({ event }: Args) => (event as { task: number }).task;

export function mainTask(design: Design, initialTask: number) {
  return setup({
    types: { context: {} as MainContext, events: {} as MainEvent },
    guards: {
      noHandle: ({ context }) => context.established === null,
      tracked: (a: Args) => a.context.tracker.includes(eventReq(a)),
      /** A report about a task other than the one established now (or about any task when none is). */
      stale: (a: Args) => a.context.established !== eventTask(a),
    },
    actions: {
      untrack: assign({ tracker: (a: Args) => a.context.tracker.filter((r) => r !== eventReq(a)) }),
      /**
       * The task's end, as the code handles it: the connection manager drops its handle only if the
       * task ids match (the seed: "as is done for the connection manager on_disconnected callback"),
       * the Node forgets the peer, and the tracker fails every request to the peer
       * ("tx.send(Err(TrackerError::Disconnected))").
       */
      taskEnded: enqueueActions(({ context, event, enqueue }) => {
        for (const req of context.tracker) enqueue(send('caller', { type: 'Reply', req, outcome: 'disconnected' }));
        const task = (event as { task: number }).task;
        enqueue.assign({
          established: context.established === task ? null : context.established,
          nodeSeesPeer: false,
          tracker: [],
        });
      }),
      /**
       * The aborted task's exit, as the manager's join handles will report it: some time later, on a
       * link of the main task to itself. (A task that had already ended on its own and whose report
       * is still on its way gets reported twice here; the second report is as stale as the first.)
       */
      reportAbort: enqueueActions(({ context, enqueue }) => {
        if (context.established !== null) enqueue(send('main', { type: 'TaskExited', task: context.established }));
      }),
      /**
       * A new task for the peer's new connection: the manager spawns it, tells it its task id and
       * puts its handle in the map; the Node sees the peer connected.
       */
      spawn: enqueueActions(({ context, enqueue }) => {
        const task = context.lastTask + 1;
        enqueue(restart('conn'));
        enqueue(send('conn', { type: 'Spawned', task }));
        enqueue.assign({ established: task, lastTask: task, nodeSeesPeer: true });
      }),
    },
  }).createMachine({
    id: 'main',
    context: { established: initialTask, nodeSeesPeer: true, tracker: [], lastTask: initialTask },
    initial: 'running',
    states: {
      running: {
        on: {
          Proxy: [
            // "If there is no handle in the map then we return disconnected."
            { guard: 'noHandle', actions: reply(eventReq, 'disconnected') },
            // `h.send(req).await; ProxyConnState::Connected`, then `self.proxy_tracker.insert(req)`.
            // Blocking, dropping or failing on a full channel is the link's `whenFull`.
            {
              actions: [
                send('conn', (a: Args) => ({ type: 'Request', req: eventReq(a) })),
                assign({ tracker: (a: Args) => [...a.context.tracker, eventReq(a)] }),
              ],
            },
          ],
          ...(design.whenFull === 'busy'
            ? {
                // The send just made found the channel full: that request, the last one tracked,
                // is taken back and the caller told Busy.
                ChannelFull: {
                  actions: [
                    send('caller', ({ context }) => ({ type: 'Reply', req: context.tracker[context.tracker.length - 1], outcome: 'busy' })),
                    assign({ tracker: ({ context }) => context.tracker.slice(0, -1) }),
                  ],
                },
              }
            : {}),
          ...(design.closedChannel === 'disconnected'
            ? {
                // The send reported a closed channel: Disconnected instead of Connected, nothing tracked.
                SendFailed: { guard: 'tracked', actions: [reply(eventReq, 'disconnected'), 'untrack'] },
              }
            : {}),
          // The answer came back through the connection task.
          ProxyResponse: { guard: 'tracked', actions: [reply(eventReq, 'answered'), 'untrack'] },
          // The connection task's own Disconnected message, or the manager's report of its exit.
          [design.exitReport === 'task' ? 'Disconnected' : 'TaskExited']: design.gateStale
            ? [
                // "gate it ... by looking to see if the task_id matches the current established task ID"
                { guard: 'stale' },
                { actions: 'taskEnded' },
              ]
            : { actions: 'taskEnded' },
          ...(design.reconnect === 'replace'
            ? {
                // "If a new connection is accepted for the same peer it will trigger an abort of the
                // old connection." With the exit reported by the manager, the aborted task's exit is
                // reported too, later, through the manager's set of join handles (a note to itself).
                Connect: {
                  actions: [
                    ...(design.exitReport === 'manager' ? ['reportAbort' as const] : []),
                    'spawn',
                  ],
                },
              }
            : design.reconnect === 'reject'
              ? {
                  // "always reject a new accepted connection for the same peer if one is already established"
                  Connect: [
                    { guard: ({ context }) => context.established !== null, actions: send('peer', { type: 'Rejected' }) },
                    { actions: 'spawn' },
                  ],
                }
              : {}),
        },
      },
    },
  });
}
