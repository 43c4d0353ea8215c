/**
 * skupper-router #1572: a TLS certificate reload during connection setup blocks pending
 * PN_PROACTOR_TIMEOUT processing. About 100 short-lived TLS connections arrive at once; each
 * reloads the certificate files on its I/O thread for nearly a second; the 4 I/O threads are all
 * blocked, and "proactor does not implement a thread scheduling priority", so the timer waits
 * behind the connections and a timed operation (here: the peer's heartbeat deadline) fails.
 */
import { defineModel, type LinkSpec, type ModelSystem } from '../../app/engine/index.ts';
import { certLoader } from './cert-loader.ts';
import { clients } from './clients.ts';
import { management } from './management.ts';
import { peer } from './peer.ts';
import { ioThreadTime, router, type Reload } from './router.ts';
import { ARRIVAL_SPREAD, CERT_RELOAD, IO_THREADS, LATENESS_LIMIT, PEER_TIMEOUT, RUN_LENGTH, WIRE_LATENCY } from './timing.ts';

type Variant = 'reload-every-connection' | 'reload-when-changed' | 'reload-off-io-threads' | 'timers-first';

const designs: Record<Variant, { reload: Reload; timersFirst: boolean }> = {
  'reload-every-connection': { reload: 'every-connection', timersFirst: false },
  'reload-when-changed': { reload: 'when-changed', timersFirst: false },
  'reload-off-io-threads': { reload: 'off-io-threads', timersFirst: false },
  'timers-first': { reload: 'every-connection', timersFirst: true },
};

function build(variant: Variant): ModelSystem {
  const { reload, timersFirst } = designs[variant];
  const offThread = reload === 'off-io-threads';
  const notify = reload === 'when-changed' ? 'router' : offThread ? 'certLoader' : null;
  const links: LinkSpec[] = [
    { from: 'clients', to: 'router', maxLatency: ARRIVAL_SPREAD },
    { from: 'router', to: 'peer', ordered: true, maxLatency: WIRE_LATENCY },
  ];
  // Notices inside the router process arrive before the clock moves.
  if (notify) links.push({ from: 'management', to: notify, maxLatency: 0 });
  if (offThread) links.push({ from: 'certLoader', to: 'router', maxLatency: 0 });
  return {
    actors: {
      clients: { machine: clients },
      router: { machine: router(reload), pool: 'io', duration: ioThreadTime(reload) },
      peer: { machine: peer },
      management: { machine: management(notify) },
      ...(offThread ? { certLoader: { machine: certLoader, pool: 'loader', duration: () => CERT_RELOAD } } : {}),
    },
    pools: {
      io: { workers: IO_THREADS, policy: timersFirst ? 'timers-first' : 'fifo' },
      ...(offThread ? { loader: { workers: 1 } } : {}),
    },
    links,
    stimuli: [
      {
        name: 'storm',
        to: 'clients',
        event: { type: 'Storm' },
        description: 'about 100 TLS clients connect at once (test_80_balancing)',
        window: [0, 5_000],
      },
    ],
    properties: [
      {
        kind: 'invariant',
        name: 'link-stays-up',
        description: `The peer never goes ${PEER_TIMEOUT / 1000} s without a heartbeat (the timed operation never fails).`,
        holds: (w) => !w.actor('peer').matches('linkLost'),
        message: () =>
          `The peer declared the link lost: no heartbeat for ${PEER_TIMEOUT / 1000} s, because the proactor timer waited for an I/O thread.`,
      },
    ],
    metrics: [
      {
        kind: 'lateness',
        name: 'timer lateness',
        description: 'How long after it was due each proactor timeout got an I/O thread.',
        unit: 'ms',
        actor: 'router',
      },
      {
        kind: 'gauge',
        name: 'I/O threads busy',
        description: 'I/O threads handling an event.',
        unit: 'threads',
        read: (w) => w.pool('io').busy,
      },
      {
        kind: 'gauge',
        name: 'events waiting',
        description: 'Events ready for an I/O thread, none free.',
        unit: 'events',
        read: (w) => w.pool('io').waiting,
      },
    ],
    metricProperties: [
      {
        kind: 'bound',
        name: 'timer-on-time',
        description: `The proactor timer is never serviced more than ${LATENESS_LIMIT} ms late.`,
        metric: 'timer lateness',
        max: LATENESS_LIMIT,
      },
    ],
    simulation: { horizon: RUN_LENGTH, runs: 100 },
  };
}

export default defineModel<Variant>({
  id: 'tls-reload',
  title: 'TLS certificate reloads on the I/O threads starve the proactor timer',
  seed: 'skupper-router-tls-reload-blocks-timers.txt',
  summary: 'A storm of TLS connections each reloads certificates on one of 4 I/O threads; the proactor timer waits behind them.',
  variants: {
    'reload-every-connection': {
      description: 'The bug: every new TLS connection reloads the certificate files on its I/O thread.',
      bounds: { maxFaults: 0, maxDepth: 1_000 },
    },
    'reload-when-changed': {
      description: 'Fix: reload on a new connection only after the management plane says the files changed.',
      bounds: { maxFaults: 0, maxDepth: 1_000 },
    },
    'reload-off-io-threads': {
      description: 'Fix: a loader thread reloads when the files change; I/O threads only swap in the result.',
      bounds: { maxFaults: 0, maxDepth: 1_000 },
    },
    'timers-first': {
      description: 'Fix: the proactor serves a due timer before any I/O event (reloads still on every connection).',
      bounds: { maxFaults: 0, maxDepth: 1_000 },
    },
  },
  build,
});
