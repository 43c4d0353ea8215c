/**
 * The consul alias-check model against its seed (hashicorp/consul#5876): rboyer's eight steps replay
 * to an alias check stuck critical, the explorer finds that state with the `overlap` fault, and each
 * fix is checked within its stated bounds.
 */
import { describe, expect, it } from 'vitest';
import {
  checkWorld,
  describeWorld,
  explore,
  makeTrace,
  replaySteps,
  Runtime,
  variantBounds,
  type StepJson,
  type World,
} from '../../app/engine/index.ts';
import aliasCheck from '../../machines/alias-check/index.ts';

const deliver = (from: string, to: string, event: Record<string, unknown> & { type: string }): StepJson => ({ do: 'deliver', from, to, event });
const aliasedUpdate = (status: string) => deliver('aliased', 'local', { type: 'UpdateCheck', check: 'aliased', status });
const aliasUpdate = (from: string, status: string, epoch: number) =>
  deliver(from, 'local', { type: 'UpdateCheck', check: 'alias', status, epoch });
/** The goroutine is scheduled again and applies what it read. */
const scheduled = (actor: string): StepJson => ({ do: 'timer', actor, timer: 'scheduled' });

/**
 * One updateStatus() of the watcher `epoch` under the shallow Clone: Checks() returns references,
 * processChecks reads the shared Status, UpdateCheck writes the alias.
 */
function shallowRead(epoch: number, asOf: string): StepJson[] {
  return [
    deliver('watcher', 'local', { type: 'Checks', epoch }),
    deliver('local', 'watcher', { type: 'CheckRefs', epoch, asOf }),
    deliver('watcher', 'local', { type: 'ReadStatus', epoch }),
  ];
}

/** Agent start-up: the alias check restored from disk starts its goroutine, which initialises to passing. */
const START_UP: StepJson[] = [
  deliver('api', 'watcher', { type: 'Start', epoch: 1 }),
  deliver('watcher', 'local', { type: 'AddAliasCheck', epoch: 1 }),
  ...shallowRead(1, 'passing'),
  deliver('local', 'watcher', { type: 'Status', epoch: 1, status: 'passing' }),
  scheduled('watcher'),
  aliasUpdate('watcher', 'passing', 1),
  deliver('local', 'watcher', { type: 'UpdateCheck.ok', epoch: 1 }),
];

/** rboyer's list, step by step (the index of each group's first step is in SEED_STEP). */
const RBOYER: StepJson[][] = [
  // 1. upstream check goes critical (as part of it independently being restarted and reinitialized)
  [{ do: 'stimulus', name: 'service-restarts' }, aliasedUpdate('critical')],
  // 2. old alias check is notified; it reads critical and is not scheduled again for a while
  [
    deliver('local', 'watcher', { type: 'Notify', epoch: 1 }),
    ...shallowRead(1, 'critical'),
    deliver('local', 'watcher', { type: 'Status', epoch: 1, status: 'critical' }),
  ],
  // 3. remove old check from notification map (after the old goroutine was told to stop)
  [{ do: 'stimulus', name: 'reregister' }, deliver('api', 'watcher', { type: 'Stop' }), deliver('api', 'local', { type: 'RemoveCheck' })],
  // 4. upstream check is passing; sends notification nowhere
  [deliver('aliased', 'aliased', { type: 'FirstEvaluation' }), aliasedUpdate('passing')],
  // 5. new alias check spins up and registers into map; the old goroutine has not returned (overlap)
  [
    deliver('local', 'api', { type: 'RemoveCheck.ok' }),
    deliver('api', 'local', { type: 'AddCheck' }),
    { do: 'overlap', actor: 'watcher' },
    deliver('local', 'api', { type: 'AddCheck.ok' }),
    deliver('api', 'watcher', { type: 'Start', epoch: 2 }),
    deliver('watcher', 'local', { type: 'AddAliasCheck', epoch: 2 }),
  ],
  // 6. new alias check initializes to "passing" after querying for upstream (not via notification)
  [
    ...shallowRead(2, 'passing'),
    deliver('local', 'watcher', { type: 'Status', epoch: 2, status: 'passing' }),
    scheduled('watcher'),
    aliasUpdate('watcher', 'passing', 2),
    deliver('local', 'watcher', { type: 'UpdateCheck.ok', epoch: 2 }),
  ],
  // 7. old alias check finally gets around to applying that "critical" update, and exits. (The return
  //    of its last call goes to the current instance, which drops it: see alias-watcher.ts.)
  [
    scheduled('watcher~old'),
    aliasUpdate('watcher~old', 'critical', 1),
    { do: 'exit', actor: 'watcher~old' },
    deliver('local', 'watcher', { type: 'UpdateCheck.ok', epoch: 1 }),
  ],
  // 8. now the alias check value is "critical" but the upstream value is "passing": no step of its own.
];
export const SEED_TRACE: StepJson[] = [...START_UP, ...RBOYER.flat()];
/** Where each of rboyer's steps 1–7 begins in SEED_TRACE. */
const SEED_STEP = RBOYER.map((_, i) => START_UP.length + RBOYER.slice(0, i).flat().length);

function exploreVariant(variant: string, overrides = {}) {
  return explore(new Runtime(aliasCheck, variant), { bounds: variantBounds(aliasCheck, variant, overrides) });
}

function local(rt: Runtime, w: World) {
  return describeWorld(rt, w).actors.local.context as { alias: string | null; aliased: string; channel: number };
}

describe("alias-check: rboyer's eight steps", () => {
  it('replay to the alias critical, the aliased check passing, nothing in flight: stuck, with a stale write', () => {
    const rt = new Runtime(aliasCheck, 'original');
    const replay = replaySteps(rt, SEED_TRACE);
    const report = describeWorld(rt, replay.final);
    expect(report.actors.local.context).toEqual({ alias: 'critical', aliased: 'passing', channel: 2 });
    expect(report.actors.aliased.state).toBe('passing');
    expect(report.actors.watcher).toMatchObject({ state: 'waiting', context: { epoch: 2 } });
    expect(report.actors['watcher~old']).toBeUndefined();
    expect(report.inFlight).toEqual([]);
    expect(report.timers).toEqual([]);
    const findings = checkWorld(rt, replay.final);
    expect(findings.map((f) => `${f.kind}:${f.property}`).sort()).toEqual([
      'invariant:alias-matches-at-rest',
      'stale-write:no-stale-writes',
      'stuck:alias-follows-aliased',
    ]);
    expect(findings.find((f) => f.kind === 'stuck')).toMatchObject({
      verdict: 'proven',
      message: 'The alias check stays critical while the aliased check is passing: no notification will ever come, so nothing corrects it.',
    });
  });

  it('each step does what the seed says', () => {
    const rt = new Runtime(aliasCheck, 'original');
    const { steps } = replaySteps(rt, SEED_TRACE);
    const after = (i: number) => local(rt, steps[i].world);
    const sends = (i: number) => steps[i].happenings.filter((h) => h.kind === 'send').map((h) => ('event' in h ? h.event.type : ''));
    // Start-up: the restored alias check initialises to passing.
    expect(after(START_UP.length - 1)).toEqual({ alias: 'passing', aliased: 'passing', channel: 1 });
    // 1. The upstream goes critical and the registered channel is notified.
    expect(sends(SEED_STEP[0] + 1)).toEqual(['Notify']);
    // 2. The old goroutine has read critical and holds it when the re-registration starts.
    expect(describeWorld(rt, steps[SEED_STEP[2] - 1].world).actors.watcher).toMatchObject({
      state: 'busy.applying',
      context: { epoch: 1, acted: 'critical', asOf: 'critical' },
    });
    // 3. The alias check and its channel are gone.
    expect(after(SEED_STEP[3] - 1)).toEqual({ alias: null, aliased: 'critical', channel: 0 });
    // 4. The upstream passes: the write happens, the notification goes nowhere.
    expect(sends(SEED_STEP[4] - 1)).toEqual([]);
    expect(after(SEED_STEP[4] - 1)).toMatchObject({ aliased: 'passing', channel: 0 });
    // 5. The new goroutine registers while the old one still runs.
    const registered = steps[SEED_STEP[5] - 1].world;
    expect(local(rt, registered).channel).toBe(2);
    expect(describeWorld(rt, registered).actors['watcher~old']).toMatchObject({
      state: 'busy.applying',
      context: { epoch: 1, stopping: true, acted: 'critical' },
    });
    // 6. The new goroutine initialises to passing: alias and aliased agree for a moment.
    expect(after(SEED_STEP[6] - 1)).toEqual({ alias: 'passing', aliased: 'passing', channel: 2 });
    // 7. The old goroutine's write lands after it: a stale write of critical.
    const stale = steps[SEED_STEP[6] + 1];
    expect(stale.happenings).toContainEqual({
      kind: 'stale-write',
      from: 'watcher~old',
      to: 'local',
      event: { type: 'UpdateCheck', check: 'alias', status: 'critical', epoch: 1 },
    });
    expect(local(rt, stale.world).alias).toBe('critical');
  });

  it('needs the overlap fault: without it the old goroutine is gone before it can write', () => {
    const rt = new Runtime(aliasCheck, 'original');
    const withoutOverlap = SEED_TRACE.filter((s) => s.do !== 'overlap');
    expect(() => replaySteps(rt, withoutOverlap)).toThrow(/steps\[\d+\] \(timer watcher~old\.scheduled\) is not enabled/);
  });

  it('the same schedule under deep-clone reads snapshots and still ends stuck critical', () => {
    const rt = new Runtime(aliasCheck, 'deep-clone');
    const read = (epoch: number, status: string): StepJson[] => [
      deliver('watcher', 'local', { type: 'Checks', epoch }),
      deliver('local', 'watcher', { type: 'Checks.result', epoch, status }),
    ];
    const deep = [
      deliver('api', 'watcher', { type: 'Start', epoch: 1 }),
      deliver('watcher', 'local', { type: 'AddAliasCheck', epoch: 1 }),
      ...read(1, 'passing'),
      scheduled('watcher'),
      aliasUpdate('watcher', 'passing', 1),
      deliver('local', 'watcher', { type: 'UpdateCheck.ok', epoch: 1 }),
      ...RBOYER[0],
      deliver('local', 'watcher', { type: 'Notify', epoch: 1 }),
      ...read(1, 'critical'),
      ...RBOYER[2],
      ...RBOYER[3],
      ...RBOYER[4],
      ...read(2, 'passing'),
      ...RBOYER[5].slice(-3),
      ...RBOYER[6],
    ] satisfies StepJson[];
    const { final } = replaySteps(rt, deep);
    expect(local(rt, final)).toEqual({ alias: 'critical', aliased: 'passing', channel: 2 });
    expect(checkWorld(rt, final).map((f) => f.property)).toContain('alias-follows-aliased');
  });
});

describe('alias-check: original', () => {
  const r = exploreVariant('original');

  it('the explorer finds the alias stuck critical, with one overlap, and reports its shortest trace', () => {
    expect(r.complete).toBe(true);
    expect(r.bounds).toMatchObject({ maxFaults: 1, faults: ['overlap'] });
    const stuck = r.findings.find((f) => f.kind === 'stuck' && f.property === 'alias-follows-aliased')!;
    expect(stuck).toBeDefined();
    expect(stuck.faults).toBe(1);
    expect(stuck.trace.filter((s) => s.do === 'overlap')).toEqual([{ do: 'overlap', actor: 'watcher' }]);
    // The old goroutine's last write, critical, lands and the goroutine returns (in either order: the
    // explorer picks the order with fewer switches between actors).
    expect(stuck.trace.slice(-2)).toEqual(expect.arrayContaining([aliasUpdate('watcher~old', 'critical', 1), { do: 'exit', actor: 'watcher~old' }]));
    expect(stuck.trace.length).toBeLessThanOrEqual(SEED_TRACE.length);
    const rt = new Runtime(aliasCheck, 'original');
    const { final } = replaySteps(rt, makeTrace('alias-check', 'original', stuck.trace).steps);
    expect(local(rt, final)).toMatchObject({ alias: 'critical', aliased: 'passing' });
    expect(checkWorld(rt, final)).toContainEqual(expect.objectContaining({ kind: 'stuck', property: 'alias-follows-aliased', verdict: 'proven' }));
  });

  it('reports the stale write and the disagreement at rest', () => {
    expect(r.findings.map((f) => `${f.kind}:${f.property}`).sort()).toEqual([
      'invariant:alias-matches-at-rest',
      'stale-write:no-stale-writes',
      'stuck:alias-follows-aliased',
    ]);
    const atRest = r.findings.find((f) => f.property === 'alias-matches-at-rest')!;
    expect(atRest.message).toBe('At rest, the alias check is critical but the aliased check is passing.');
    expect(r.inconclusive).toEqual([]);
  });

  it("banks was right under his assumption: with one goroutine at a time, every interleaving ends right", () => {
    // The trigger is sent under the lock that makes the update visible; only the overlap breaks it.
    const single = exploreVariant('original', { maxFaults: 0 });
    expect(single.complete).toBe(true);
    expect(single.findings.filter((f) => f.kind !== 'stale-write')).toEqual([]);
    for (const variant of Object.keys(aliasCheck.variants)) {
      expect(exploreVariant(variant).findings.map((f) => f.property)).not.toContain('edge-trigger-suffices');
    }
  });

  it('the shallow Clone lets a watcher act on a status that changed after its Checks() returned', () => {
    const w = r.witnesses.find((x) => x.property === 'status-moved-under-reader')!;
    expect(w.answer).toBe('reachable');
    // An UpdateCheck of the aliased check lands between Checks() and the read of Status.
    const steps = w.trace!;
    const checks = steps.findIndex((s) => s.do === 'deliver' && s.event.type === 'Checks');
    const read = steps.findIndex((s) => s.do === 'deliver' && s.event.type === 'ReadStatus');
    const update = steps.findIndex((s) => s.do === 'deliver' && s.event.type === 'UpdateCheck' && s.event.check === 'aliased');
    expect(checks).toBeLessThan(update);
    expect(update).toBeLessThan(read);
  });
});

describe('alias-check: the fixes within their stated bounds', () => {
  it('wait-for-old-watcher: immune to the overlap, no stuck state and no stale write', () => {
    const r = exploreVariant('wait-for-old-watcher');
    expect(r.complete).toBe(true);
    expect(r.bounds).toMatchObject({ maxFaults: 1, faults: ['overlap'] });
    expect(r.findings).toEqual([]);
    expect(r.inconclusive).toEqual([]);
    // The API waits in Stop() while the old goroutine's update is under way: the removal waits too.
    const rt = new Runtime(aliasCheck, 'wait-for-old-watcher');
    const { final } = replaySteps(rt, [...START_UP, ...RBOYER[0], ...RBOYER[1], ...RBOYER[2].slice(0, 2)]);
    const report = describeWorld(rt, final);
    expect(report.actors.api.state).toBe('stoppingOld');
    expect(report.actors.watcher).toMatchObject({ state: 'busy.applying', context: { stopping: true } });
    expect(report.inFlight.map((m) => m.event.type)).not.toContain('RemoveCheck');
  });

  it('deep-clone alone: the stuck alias is still reachable ("slightly less often"), the status read is a snapshot', () => {
    const r = exploreVariant('deep-clone');
    expect(r.complete).toBe(true);
    const stuck = r.findings.find((f) => f.property === 'alias-follows-aliased');
    expect(stuck).toMatchObject({ kind: 'stuck', faults: 1 });
    expect(stuck!.trace).toContainEqual({ do: 'overlap', actor: 'watcher' });
    expect(r.findings.map((f) => f.kind)).toContain('stale-write');
    expect(r.witnesses.find((x) => x.property === 'status-moved-under-reader')!.answer).toBe('unreachable');
    expect(r.states).toBeLessThan(exploreVariant('original').states);
  });

  it('reconcile-timer: eventually correct, not never wrong', () => {
    const r = exploreVariant('reconcile-timer');
    expect(r.complete).toBe(true);
    expect(r.findings.filter((f) => f.kind === 'stuck')).toEqual([]);
    expect(r.inconclusive).toEqual([]);
    expect(r.findings.map((f) => `${f.kind}:${f.property}`).sort()).toEqual(['invariant:alias-matches-at-rest', 'stale-write:no-stale-writes']);
    const wrong = r.findings.find((f) => f.property === 'alias-matches-at-rest')!;
    expect(wrong.trace).toContainEqual({ do: 'overlap', actor: 'watcher' });

    // rboyer's schedule still leaves the alias critical; the next minute corrects it.
    const rt = new Runtime(aliasCheck, 'reconcile-timer');
    const replay = replaySteps(rt, SEED_TRACE);
    expect(local(rt, replay.final)).toMatchObject({ alias: 'critical', aliased: 'passing' });
    expect(checkWorld(rt, replay.final).map((f) => f.property).sort()).toEqual(['alias-matches-at-rest', 'no-stale-writes']);
    const [timer] = describeWorld(rt, replay.final).timers;
    expect(timer).toMatchObject({ actor: 'watcher', due: 60_000 });
    const { final } = replaySteps(rt, [
      ...SEED_TRACE,
      { do: 'timer', actor: 'watcher', timer: timer.timer },
      ...shallowRead(2, 'passing'),
      deliver('local', 'watcher', { type: 'Status', epoch: 2, status: 'passing' }),
      scheduled('watcher'),
      aliasUpdate('watcher', 'passing', 2),
    ]);
    expect(local(rt, final)).toMatchObject({ alias: 'passing', aliased: 'passing' });
  });

  it('all-fixes: no finding at all, and the read is a snapshot', () => {
    const r = exploreVariant('all-fixes');
    expect(r.complete).toBe(true);
    expect(r.bounds).toMatchObject({ maxFaults: 1, faults: ['overlap'] });
    expect(r.findings).toEqual([]);
    expect(r.inconclusive).toEqual([]);
    expect(r.witnesses.find((x) => x.property === 'status-moved-under-reader')!.answer).toBe('unreachable');
  });
});
