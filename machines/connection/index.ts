/**
 * Proxied requests over a trust quorum connection task (omicron PR #9403, "TQ: Support proxying
 * Nexus-related API requests"). A caller proxies a commit or a status request through the node's
 * main task, which sends it into the bounded channel of the task holding the established connection
 * to the peer and tracks it until the answer or a Disconnected comes back. The review argues about
 * which interleavings can leave a request tracked and its caller waiting forever.
 */
import { defineModel, type LinkSpec, type ModelSystem, type PropertySpec } from '../../app/engine/index.ts';
import { caller } from './caller.ts';
import { CHANNEL_CAPACITY, FIRST_TASK, LINK_LATENCY, type Design } from './design.ts';
import { establishedConn } from './established-conn.ts';
import { mainTask } from './main-task.ts';
import { peer } from './peer.ts';
import {
  deadTaskInMap,
  nodeAgreesWithManager,
  oldEndAfterNewConnection,
  proxyCallReturns,
  sentIntoDeadChannel,
  trackedButLost,
  trackerDrains,
} from './properties.ts';

type Variant =
  | 'as-described'
  | 'drop-when-full'
  | 'busy-when-full'
  | 'task-panics'
  | 'disconnected-on-closed-channel'
  | 'exit-from-manager'
  | 'replace-connection'
  | 'exit-from-manager-reconnect'
  | 'ignore-stale-disconnect'
  | 'reject-second-connection';

/** The code as its author describes it. */
const AS_DESCRIBED: Design = {
  whenFull: 'block',
  closedChannel: 'ignored',
  exitReport: 'task',
  taskPanics: false,
  reconnect: 'none',
  gateStale: false,
  requests: ['commit', 'status'],
};

export const DESIGNS: Record<Variant, Design> = {
  'as-described': AS_DESCRIBED,
  'drop-when-full': { ...AS_DESCRIBED, whenFull: 'drop' },
  'busy-when-full': { ...AS_DESCRIBED, whenFull: 'busy' },
  'task-panics': { ...AS_DESCRIBED, taskPanics: true },
  'disconnected-on-closed-channel': { ...AS_DESCRIBED, taskPanics: true, closedChannel: 'disconnected' },
  'exit-from-manager': { ...AS_DESCRIBED, taskPanics: true, exitReport: 'manager' },
  'replace-connection': { ...AS_DESCRIBED, reconnect: 'replace' },
  'exit-from-manager-reconnect': { ...AS_DESCRIBED, exitReport: 'manager', reconnect: 'replace' },
  'ignore-stale-disconnect': { ...AS_DESCRIBED, reconnect: 'replace', gateStale: true },
  'reject-second-connection': { ...AS_DESCRIBED, reconnect: 'reject' },
};

function properties(design: Design): PropertySpec[] {
  return [
    proxyCallReturns,
    trackerDrains,
    nodeAgreesWithManager,
    trackedButLost,
    ...(design.reconnect === 'none' ? [sentIntoDeadChannel] : [oldEndAfterNewConnection]),
    ...(design.taskPanics ? [deadTaskInMap] : []),
  ];
}

function build(variant: Variant): ModelSystem {
  const design = DESIGNS[variant];
  const link = (from: string, to: string, rest: Partial<LinkSpec> = {}): LinkSpec => ({
    from,
    to,
    ordered: true,
    maxLatency: LINK_LATENCY,
    ...rest,
  });
  const links: LinkSpec[] = [
    // The main task's API channel, and the calls' oneshot answers. The two calls are independent, so
    // the order their answers arrive in changes nothing; keeping them in order keeps replays exact
    // (an unordered link lists its messages in the order a runtime first met them).
    link('caller', 'main'),
    link('main', 'caller'),
    // The connection task's bounded channel: what `send` does when it is full is the question.
    link('main', 'conn', {
      capacity: CHANNEL_CAPACITY,
      whenFull: design.whenFull === 'busy' ? 'fail' : design.whenFull,
      ...(design.whenFull === 'busy' ? { fullReply: { type: 'ChannelFull' } } : {}),
    }),
    // The socket to the peer, both ways. A `fail` fault on a write is the connection breaking.
    link('conn', 'peer', { faults: ['fail'] }),
    link('peer', 'conn'),
    // The task's messages to the main task. A `fail` fault on an answer is `try_send` failing (a
    // panic). Where the main task acts on them without checking the task id, a message from a
    // superseded task writes the main task's state: a stale write.
    link('conn', 'main', {
      ...(design.taskPanics ? { faults: ['fail' as const] } : {}),
      ...(design.reconnect !== 'none' && !design.gateStale ? { writes: true } : {}),
    }),
  ];
  if (design.reconnect !== 'none') links.push(link('peer', 'main')); // the new connection, accepted
  if (design.reconnect === 'reject') links.push(link('main', 'peer'));
  if (design.reconnect === 'replace' && design.exitReport === 'manager') links.push(link('main', 'main')); // join handles
  return {
    actors: {
      caller: { machine: caller },
      main: { machine: mainTask(design, FIRST_TASK) },
      conn: { machine: establishedConn(design, FIRST_TASK), restartable: design.reconnect !== 'none' },
      peer: { machine: peer(FIRST_TASK) },
    },
    links,
    stimuli: [
      ...design.requests.map((req) => ({
        name: req,
        to: 'caller',
        event: { type: 'Call', req },
        description: `Nexus proxies a ${req} request to the peer through this node`,
      })),
      ...(design.reconnect !== 'none'
        ? [{ name: 'peer-reconnects', to: 'peer', event: { type: 'Reconnect' }, description: 'the peer drops its socket and dials again' }]
        : []),
    ],
    properties: properties(design),
  };
}

export default defineModel<Variant>({
  id: 'connection',
  title: 'Proxied requests over a trust quorum connection task',
  seed: 'omicron-trust-quorum-proxy-connection.txt',
  summary: 'A proxied request tracked as Connected but never sent, or never failed by a Disconnected, leaves its caller waiting forever.',
  variants: {
    'as-described': {
      description: 'The author: send blocks on a full channel, a closed channel is ignored and the Disconnected callback always follows.',
      bounds: { faults: ['fail'], maxFaults: 2 },
    },
    'drop-when-full': {
      description: "The reviewer's fear: send silently discards a request when the channel is full, yet returns Connected.",
      bounds: { faults: ['fail'], maxFaults: 2 },
    },
    'busy-when-full': {
      description: "The reviewer's fix: a full channel makes proxy_request return Busy instead of Connected.",
      bounds: { faults: ['fail'], maxFaults: 2 },
    },
    'task-panics': {
      description: 'The author: the connection task panics (try_send to the main task fails) and never sends Disconnected.',
      bounds: { faults: ['fail'], maxFaults: 2 },
    },
    'disconnected-on-closed-channel': {
      description: 'A second reviewer: send reports a closed channel, so proxy_request returns Disconnected and tracks nothing.',
      bounds: { faults: ['fail'], maxFaults: 2 },
    },
    'exit-from-manager': {
      description: "The author's fix: the connection manager reports every task exit, a panic included, instead of the task.",
      bounds: { faults: ['fail'], maxFaults: 2 },
    },
    'replace-connection': {
      description: 'The author: a new connection for the same peer aborts the old task, whose Disconnected may still be coming.',
      bounds: { faults: ['fail', 'overlap'], maxFaults: 2 },
    },
    'exit-from-manager-reconnect': {
      description: 'The author: with exits reported by the manager, the aborted task is always reported after the new connection.',
      bounds: { faults: ['fail', 'overlap'], maxFaults: 2 },
    },
    'ignore-stale-disconnect': {
      description: "The author's fix: the main task ignores a disconnect whose task id is not the established one.",
      bounds: { faults: ['fail', 'overlap'], maxFaults: 2 },
    },
    'reject-second-connection': {
      description: "The author's other fix: reject a new connection while one is established; the peer retries.",
      bounds: { faults: ['fail', 'overlap'], maxFaults: 2 },
    },
  },
  build,
});
