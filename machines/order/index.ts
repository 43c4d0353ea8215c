/**
 * ACME orders stuck in `processing` (boulder): when issuance times out, failOrder reuses the
 * request's expired context, SA.SetOrderError fails, and the order stays processing forever,
 * counting against the pending-order rate limit.
 */
import { defineModel, type LinkSpec, type ModelSystem, type PropertySpec } from '../../app/engine/index.ts';
import { ca } from './ca.ts';
import { cleanupDaemon } from './daemon.ts';
import { failOrderTask } from './fail-order-task.ts';
import { raMachine, type FailOrderDesign } from './ra.ts';
import { sa } from './sa.ts';
import { MAX_LATENCY } from './timing.ts';
import { wfe } from './wfe.ts';

type Variant = 'buggy' | 'fresh-context-sync' | 'async-fail-order' | 'cleanup-daemon';

const failOrderDesign: Record<Variant, FailOrderDesign> = {
  buggy: 'request-context',
  'fresh-context-sync': 'fresh-context',
  'async-fail-order': 'async',
  'cleanup-daemon': 'request-context',
};

const properties: PropertySpec[] = [
  {
    kind: 'progress',
    name: 'order-leaves-processing',
    description: 'An order that is processing eventually becomes valid or invalid.',
    when: (w) => w.actor('sa').matches('processing'),
    goal: (w) => w.actor('sa').matches('valid') || w.actor('sa').matches('invalid'),
    message: () =>
      'The order stays processing forever: no continuation without further faults makes it valid or invalid, ' +
      'and it keeps counting against the pending-order rate limit.',
  },
  {
    kind: 'progress',
    name: 'api-answers',
    description: 'A finalize request the WFE accepted is eventually answered.',
    when: (w) => w.actor('wfe').matches('waiting'),
    goal: (w) => w.actor('wfe').matches('answered'),
  },
  {
    kind: 'invariant',
    name: 'answers-by-deadline',
    description: 'Once the request deadline has passed, FinalizeOrder answers without waiting on another call.',
    holds: (w) => !(w.actor('ra').context.ctxExpired && w.actor('ra').hasTag('awaitingRpc')),
    message: () => 'FinalizeOrder still waits on SA.SetOrderError after the request deadline passed: the API answers late.',
  },
  {
    kind: 'possible',
    name: 'error-before-processing',
    description:
      'The seed\'s open question: can SA.SetOrderError take effect while SA.SetOrderProcessing has not completed?',
    goal: (w) =>
      w.actor('sa').matches('invalid') && w.inFlight('ra', 'sa').some((m) => m.event.type === 'SetOrderProcessing'),
  },
];

function build(variant: Variant): ModelSystem {
  const design = failOrderDesign[variant];
  // A call and its answer. Any call may be slow, but none stays in flight longer than a minute.
  const rpc = (from: string, to: string, faults: LinkSpec['faults']): LinkSpec[] => [
    { from, to, faults, maxLatency: MAX_LATENCY },
    { from: to, to: from, faults: ['drop'], maxLatency: MAX_LATENCY },
  ];
  const system: ModelSystem = {
    actors: {
      wfe: { machine: wfe, deadlines: ['deadline'] },
      ra: { machine: raMachine(design), crash: true, deadlines: ['ctx', 'failOrderCtx'] },
      sa: { machine: sa },
      ca: { machine: ca, crash: true },
    },
    links: [...rpc('wfe', 'ra', ['fail']), ...rpc('ra', 'sa', ['fail', 'drop']), ...rpc('ra', 'ca', ['fail', 'drop'])],
    stimuli: [{ name: 'finalize', to: 'wfe', event: { type: 'Finalize' }, description: 'the ACME client finalizes its order' }],
    properties,
  };
  if (design === 'async') {
    // The goroutine lives in the RA's process: the hand-off is in memory and cannot be lost.
    system.actors.failOrder = { machine: failOrderTask, deadlines: ['freshCtx'] };
    system.links.push({ from: 'ra', to: 'failOrder', ordered: true }, ...rpc('failOrder', 'sa', ['fail', 'drop']));
  }
  if (variant === 'cleanup-daemon') {
    system.actors.daemon = { machine: cleanupDaemon };
    system.links.push(...rpc('daemon', 'sa', ['fail', 'drop']));
  }
  return system;
}

export default defineModel<Variant>({
  id: 'order',
  title: 'ACME order stuck in processing',
  seed: 'boulder-acme-order-stuck-processing.txt',
  summary: 'failOrder reuses the expired request context, so SetOrderError fails and the order stays processing.',
  variants: {
    buggy: {
      description: 'failOrder runs synchronously with the request context; once the deadline passed, SetOrderError fails and the order stays processing.',
    },
    'fresh-context-sync': {
      description: 'failOrder gets a fresh one-second context but still runs inside the request: the order becomes invalid, the API answers late.',
      bounds: { faults: ['expire'] },
    },
    'async-fail-order': {
      description: 'The accepted fix: a per-request goroutine fails the order with a fresh, slightly longer deadline while the API answers on time.',
      bounds: { faults: ['expire'] },
    },
    'cleanup-daemon': {
      description: 'The first proposal: a periodic task fails orders still processing on two sweeps in a row.',
    },
  },
  build,
});
