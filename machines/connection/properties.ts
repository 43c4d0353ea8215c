/**
 * What the review argues about, as properties. The two hangs are progress properties; the
 * interleavings the engineers argued can or cannot happen are `possible` questions.
 */
import type { PropertySpec, WorldView } from '../../app/engine/index.ts';
import { FIRST_TASK, type Req } from './design.ts';
import type { MainContext } from './main-task.ts';

const main = (w: WorldView) => w.actor('main').context as MainContext;
const connTask = (w: WorldView) => (w.actor('conn').context as { task: number }).task;
const waiting = (w: WorldView) => w.actor('caller').hasTag('waiting');

/** Is anything about this request still on its way (to the task, the peer, or back)? Answers to the caller do not count. */
const somewhere = (w: WorldView, req: Req) => w.inFlight().some((m) => m.to !== 'caller' && reqOf(m.event) === req);
const reqOf = (e: { type: string }) => (e as { req?: Req }).req;

/** The peer closing the socket, or a task's end, on its way: something will still fail tracked requests. */
const endComing = (w: WorldView) =>
  w.inFlight().some((m) => m.event.type === 'Eof' || m.event.type === 'Disconnected' || m.event.type === 'TaskExited');

/** A message that tells the main task the first connection's task has ended. */
const endOf = (task: number) => (e: { type: string; task?: number }) =>
  (e.type === 'Disconnected' || e.type === 'TaskExited') && e.task === task;

export const proxyCallReturns: PropertySpec = {
  kind: 'progress',
  name: 'proxy-call-returns',
  description: 'A proxied call eventually returns: the answer, or a Disconnected or Busy error.',
  when: waiting,
  goal: (w) => !waiting(w),
  message: (w) =>
    `The caller is waiting on ${callsWaiting(w).join(' and ')} and no continuation without further faults answers every ` +
    'call: one waits forever, as the proxy call has no timeout.',
};

export const trackerDrains: PropertySpec = {
  kind: 'progress',
  name: 'tracker-drains',
  description: 'Every request in the proxy tracker is eventually answered or failed and removed.',
  when: (w) => main(w).tracker.length > 0,
  goal: (w) => main(w).tracker.length === 0,
  message: (w) =>
    `The proxy tracker holds ${main(w).tracker.join(' and ')} and no continuation without further faults empties it: ` +
    'a tracker entry is leaked.',
};

export const nodeAgreesWithManager: PropertySpec = {
  kind: 'invariant',
  name: 'node-agrees-with-manager',
  description: 'While the connection manager holds an established connection to the peer, the Node counts the peer as connected.',
  holds: (w) => main(w).established === null || main(w).nodeSeesPeer,
  message: (w) =>
    `The connection manager holds task ${main(w).established} for the peer, but the Node acted on a disconnect and counts ` +
    'the peer as gone: a stale disconnect "could cause problems for the protocol".',
};

export const trackedButLost: PropertySpec = {
  kind: 'possible',
  name: 'tracked-but-lost',
  description:
    "The reviewer's question: can a request be tracked as Connected while it is nowhere (not in the channel, not on the " +
    'socket, not answered), the connection task runs on, and no disconnect is on its way to fail it?',
  goal: (w) =>
    w.actor('conn').matches('established') &&
    // An empty channel also means the main task is not blocked on it holding the request.
    w.inFlight('main', 'conn').length === 0 &&
    !endComing(w) &&
    main(w).tracker.some((req) => !somewhere(w, req)),
};

export const sentIntoDeadChannel: PropertySpec = {
  kind: 'possible',
  name: 'sent-into-dead-channel',
  description:
    'The time-of-check/time-of-use window: can a request be sent and tracked while the handle is still in the map but the ' +
    'connection task is already gone?',
  goal: (w) =>
    !w.actor('conn').matches('established') &&
    main(w).established === connTask(w) &&
    w.inFlight('main', 'conn').some((m) => m.event.type === 'Request' && main(w).tracker.includes(reqOf(m.event)!)),
};

export const deadTaskInMap: PropertySpec = {
  kind: 'possible',
  name: 'dead-task-in-map',
  description: 'After a panic of the connection task, can its handle stay in the map with nothing on its way to remove it?',
  goal: (w) => w.actor('conn').matches('panicked') && main(w).established === connTask(w) && w.inFlight('conn', 'main').length === 0,
};

export const oldEndAfterNewConnection: PropertySpec = {
  kind: 'possible',
  name: 'old-end-after-new-connection',
  description:
    "The author's race: can the old connection's end still be on its way to the main task after a new connection for the " +
    'same peer is established?',
  goal: (w) => {
    const established = main(w).established;
    if (established === null || established === FIRST_TASK) return false;
    return (
      w.inFlight('conn~old', 'main').some((m) => endOf(FIRST_TASK)(m.event)) ||
      w.inFlight('main', 'main').some((m) => endOf(FIRST_TASK)(m.event))
    );
  },
};

function callsWaiting(w: WorldView): string[] {
  const caller = w.actor('caller');
  return (['commit', 'status'] as const).filter((req) => caller.matches({ [req]: 'waiting' }));
}
