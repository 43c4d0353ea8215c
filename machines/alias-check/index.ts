/**
 * Consul's node-local alias check stuck critical while the aliased check passes (hashicorp/consul
 * #5876): re-registering a service removes and re-adds its alias check without waiting for the
 * old goroutine to terminate, and that goroutine's last write, critical, lands after the new one
 * initialised to passing. The checks are purely edge-triggered, so nothing corrects it.
 */
import { defineModel, type LinkSpec, type ModelSystem, type PropertySpec, type WorldView } from '../../app/engine/index.ts';
import { aliasedCheck } from './aliased-check.ts';
import { aliasWatcher, type WatcherContext, type WatcherDesign } from './alias-watcher.ts';
import { httpApi } from './http-api.ts';
import { localState, type LocalContext } from './local-state.ts';
import { CALL_LATENCY } from './timing.ts';

type Variant = 'original' | 'wait-for-old-watcher' | 'reconcile-timer' | 'deep-clone' | 'all-fixes';

const designs: Record<Variant, WatcherDesign> = {
  original: { deepClone: false, reconcileTimer: false, waitGroup: false },
  'wait-for-old-watcher': { deepClone: false, reconcileTimer: false, waitGroup: true },
  'reconcile-timer': { deepClone: false, reconcileTimer: true, waitGroup: false },
  'deep-clone': { deepClone: true, reconcileTimer: false, waitGroup: false },
  'all-fixes': { deepClone: true, reconcileTimer: true, waitGroup: true },
};

const local = (w: WorldView): LocalContext => w.actor('local').context as LocalContext;
const disagrees = (w: WorldView) => local(w).alias !== local(w).aliased;

/** Both watcher instances: the current one and, while it still runs, the superseded one. */
function watchers(w: WorldView) {
  const old = w.actor('watcher~old') as ReturnType<WorldView['actor']> | undefined;
  return old === undefined ? [w.actor('watcher')] : [w.actor('watcher'), old];
}

/**
 * The superseded goroutine, if it still runs, has nothing left to do: no update under way and
 * nothing on its way to it. The engine gives that goroutine no answers to calls it makes after it
 * was superseded (they go to the current instance, which drops them), so while it is busy or holds
 * a notification, the model cannot follow every branch Go could take (one more updateStatus()
 * that corrects the alias). Progress is judged once it has nothing left: its `exit` step is always
 * enabled and a stuck state stays stuck after it, so no stuck state goes unreported.
 */
function oldGoroutineDone(w: WorldView): boolean {
  const old = w.actor('watcher~old') as ReturnType<WorldView['actor']> | undefined;
  return old === undefined || (!old.hasTag('busy') && w.inFlight(undefined, 'watcher~old').length === 0);
}

/** Nothing in flight, no call under way: what the alias check shows now, it shows for good. */
function atRest(w: WorldView): boolean {
  return w.inFlight().length === 0 && !w.actor('api').hasTag('busy') && !watchers(w).some((s) => s.hasTag('busy'));
}

const properties: PropertySpec[] = [
  {
    kind: 'progress',
    name: 'alias-follows-aliased',
    description: 'When the alias check differs from the aliased check, some continuation makes them equal again.',
    when: (w) => disagrees(w) && oldGoroutineDone(w),
    goal: (w) => !disagrees(w),
    message: (w) =>
      `The alias check stays ${local(w).alias} while the aliased check is ${local(w).aliased}: ` +
      'no notification will ever come, so nothing corrects it.',
  },
  {
    kind: 'invariant',
    name: 'alias-matches-at-rest',
    description: 'At rest (nothing in flight, no update under way) the alias check never disagrees with the aliased check.',
    holds: (w) => !atRest(w) || !disagrees(w),
    message: (w) => `At rest, the alias check is ${local(w).alias} but the aliased check is ${local(w).aliased}.`,
  },
  {
    // banks: "I couldn't quite figure it out assuming we only send the trigger event strictly after
    // making the actual update ... Any interleaving I explored still ended up with the right value."
    // The local state triggers under the same lock as the update, so with one goroutine per alias
    // check (no overlap, the only fault this model admits) this must hold in every variant.
    kind: 'progress',
    name: 'edge-trigger-suffices',
    description: "banks' claim: with the trigger after the update and a single watcher (no overlap), every interleaving ends right.",
    when: (w) => w.faultsSpent === 0 && disagrees(w) && oldGoroutineDone(w),
    goal: (w) => !disagrees(w),
  },
  {
    // Part (1): the race detector's finding, as an interleaving.
    kind: 'possible',
    name: 'status-moved-under-reader',
    description: "Can a watcher act on a status other than the one the local state held when its Checks() call returned?",
    goal: (w) =>
      watchers(w).some((s) => {
        const c = s.context as WatcherContext;
        return c.asOf !== null && c.acted !== null && c.acted !== c.asOf;
      }),
  },
];

function build(variant: Variant): ModelSystem {
  const design = designs[variant];
  // In-process calls, their returns and channel sends, each done within CALL_LATENCY, FIFO. Calls
  // into the local state take its lock in the order they were made, whichever goroutine made them,
  // so a call the old goroutine made before it was superseded lands before anything the new one
  // does; what it does late, it does after being scheduled again (alias-watcher.ts, `applying`).
  const link = (from: string, to: string, extra: Partial<LinkSpec> = {}): LinkSpec => ({
    from,
    to,
    ordered: true,
    maxLatency: CALL_LATENCY,
    ...extra,
  });
  const links: LinkSpec[] = [
    link('aliased', 'local'),
    // The aliased check's goroutine runs its first evaluation after it started up critical.
    link('aliased', 'aliased'),
    link('local', 'watcher'),
    // A write into the local state: one from a superseded goroutine is a stale write.
    link('watcher', 'local', { writes: true }),
    link('api', 'local'),
    link('local', 'api'),
    link('api', 'watcher'),
  ];
  if (design.waitGroup) links.push(link('watcher', 'api'));
  return {
    actors: {
      aliased: { machine: aliasedCheck },
      local: { machine: localState(design) },
      watcher: { machine: aliasWatcher(design), restartable: true },
      api: { machine: httpApi(design) },
    },
    links,
    stimuli: [
      {
        name: 'service-restarts',
        to: 'aliased',
        event: { type: 'ServiceRestarts' },
        description: 'the aliased service restarts: its check starts up critical, then its first evaluation passes',
      },
      { name: 'reregister', to: 'api', event: { type: 'Reregister' }, description: 'the application re-registers its services and checks over HTTP' },
    ],
    properties,
  };
}

const bounds = { maxFaults: 1, faults: ['overlap' as const] };

export default defineModel<Variant>({
  id: 'alias-check',
  title: 'Consul alias check stuck critical',
  seed: 'consul-alias-check-overlapping-watchers.txt',
  summary: "Re-registration starts a new alias watcher before the old one stopped; the old one's late critical write sticks.",
  variants: {
    original: {
      description: 'Stop() does not wait for the old goroutine, Clone is shallow, and the alias check is purely edge-triggered.',
      bounds,
    },
    'wait-for-old-watcher': {
      description: 'Part (3): Stop() waits on a WaitGroup for the old goroutine to return before the new alias check starts.',
      bounds,
    },
    'reconcile-timer': {
      description: 'Part (2): a fallback timer re-reads the aliased check every minute, so a missed edge is corrected eventually.',
      bounds,
    },
    'deep-clone': {
      description: 'Part (1): Clone copies the Check and updates copy on write, so Checks() returns a snapshot of the status.',
      bounds,
    },
    'all-fixes': {
      description: 'The merged change: deep clone with copy on write, the reconcile timer and waiting for the old goroutine.',
      bounds,
    },
  },
  build,
});
