/**
 * The proxied-request model against its seed (omicron PR #9403): each feared hang or leak replays
 * from the review's own story to the stuck or wrong state, the explorer finds it where it exists,
 * proves it absent within the stated bounds where the authors say it cannot happen, and each fix
 * proposed in the review is checked.
 */
import { describe, expect, it } from 'vitest';
import type { AnyEventObject } from 'xstate';
import {
  canReach,
  checkWorld,
  describeWorld,
  explore,
  isFault,
  makeTrace,
  replaySteps,
  Runtime,
  variantBounds,
  viewOf,
  type Bounds,
  type ExploreResult,
  type StepJson,
  type World,
} from '../../app/engine/index.ts';
import connection from '../../machines/connection/index.ts';

// Steps, named after what they are in the seed's code.
const stimulus = (name: string): StepJson => ({ do: 'stimulus', name });
const deliver = (from: string, to: string, event: AnyEventObject): StepJson => ({ do: 'deliver', from, to, event });
/** The caller's request reaches the main task, which runs `proxy_request`. */
const proxy = (req: string) => deliver('caller', 'main', { type: 'Proxy', req });
/** The connection task pulls the request off its channel... */
const pull = (req: string) => deliver('main', 'conn', { type: 'Request', req });
/** ...and the peer reads it off the socket (and answers). */
const write = (req: string, via = 1) => deliver('conn', 'peer', { type: 'Request', req, via });
/** The connection task reads the answer off the socket and `try_send`s it to the main task. */
const answer = (req: string) => deliver('peer', 'conn', { type: 'Response', req });
const forward = (req: string, task = 1) => deliver('conn', 'main', { type: 'ProxyResponse', req, task });
const reply = (req: string, outcome: string) => deliver('main', 'caller', { type: 'Reply', req, outcome });
/** The socket breaks under a write. */
const writeFails = (req: string, via = 1): StepJson => ({ do: 'fail', from: 'conn', to: 'peer', event: { type: 'Request', req, via } });
/** `try_send` of an answer to the main task fails: `panic!("Connection to main task channel full")`. */
const panics = (req: string): StepJson => ({ do: 'fail', from: 'conn', to: 'main', event: { type: 'ProxyResponse', req, task: 1 } });
const disconnected = (task = 1, from = 'conn') => deliver(from, 'main', { type: 'Disconnected', task });

function replay(variant: string, steps: StepJson[]) {
  const rt = new Runtime(connection, variant);
  const r = replaySteps(rt, steps);
  return { rt, ...r, report: describeWorld(rt, r.final) };
}

const cache = new Map<string, ExploreResult>();
function exploreVariant(variant: string, overrides: Partial<Bounds> = {}): ExploreResult {
  const key = `${variant} ${JSON.stringify(overrides)}`;
  if (!cache.has(key)) cache.set(key, explore(new Runtime(connection, variant), { bounds: variantBounds(connection, variant, overrides) }));
  return cache.get(key)!;
}

const finding = (r: ExploreResult, kind: string, property: string) => r.findings.find((f) => f.kind === kind && f.property === property);
const answerTo = (r: ExploreResult, property: string) => r.witnesses.find((w) => w.property === property)?.answer;
const kinds = (rt: Runtime, world: World) => checkWorld(rt, world).map((f) => `${f.kind} ${f.property} ${f.verdict}`);

/** Does a `possible` property's goal hold in this world? */
function holds(rt: Runtime, world: World, property: string): boolean {
  const p = rt.properties.find((x) => x.name === property);
  if (p?.kind !== 'possible') throw new Error(`${property} is not a possible property of ${rt.variant}`);
  return p.goal(viewOf(rt, world));
}

const main = (report: ReturnType<typeof describeWorld>) =>
  report.actors.main.context as { established: number | null; nodeSeesPeer: boolean; tracker: string[] };

// ---------------------------------------------------------------------------------------------

/**
 * The reviewer's story: "the channel is busy ... and the send method silently discards the message.
 * In that case, we return a ProxyConnState::Connected and the request will be added to the tracker,
 * but we will never get a response". Two calls; the channel holds one request.
 */
const BUSY_CHANNEL: StepJson[] = [stimulus('commit'), stimulus('status'), proxy('commit'), proxy('status')];
const COMMIT_ROUND_TRIP: StepJson[] = [pull('commit'), write('commit'), answer('commit'), forward('commit'), reply('commit', 'answered')];

describe('connection: a full channel (the reviewer against the author)', () => {
  it('drop-when-full: the second request is tracked as Connected, never sent, and waits forever', () => {
    const { rt, steps, final, report } = replay('drop-when-full', [...BUSY_CHANNEL, ...COMMIT_ROUND_TRIP]);
    // The send found the channel full and discarded the request without a word.
    expect(steps[3].happenings).toContainEqual({ kind: 'send-dropped-full', from: 'main', to: 'conn', event: { type: 'Request', req: 'status' } });
    expect(report.actors.caller.state).toBe('{commit: answered, status: waiting}');
    expect(main(report).tracker).toEqual(['status']);
    expect(report.actors.conn.state).toBe('established');
    expect(report.inFlight).toEqual([]);
    expect(kinds(rt, final)).toEqual(['stuck proxy-call-returns proven', 'stuck tracker-drains proven']);
    expect(holds(rt, final, 'tracked-but-lost')).toBe(true);
  });

  it('drop-when-full: only an unrelated failure frees it ("unless the connection breaks due to another unrelated request failing")', () => {
    const { report } = replay('drop-when-full', [
      ...BUSY_CHANNEL,
      pull('commit'),
      writeFails('commit'),
      disconnected(),
      reply('commit', 'disconnected'),
      reply('status', 'disconnected'),
    ]);
    expect(report.actors.caller.state).toBe('{commit: disconnected, status: disconnected}');
    expect(main(report)).toMatchObject({ established: null, tracker: [] });
  });

  it('as-described: the same schedule blocks the main task instead, and both calls are answered', () => {
    const { rt, steps, final, report } = replay('as-described', [
      ...BUSY_CHANNEL,
      pull('commit'), // the blocked send goes through as soon as the channel has room
      pull('status'),
      write('commit'),
      write('status'),
      answer('commit'),
      answer('status'),
      forward('commit'),
      forward('status'),
      reply('commit', 'answered'),
      reply('status', 'answered'),
    ]);
    expect(steps[3].happenings).toContainEqual({ kind: 'send-blocked', from: 'main', to: 'conn', event: { type: 'Request', req: 'status' } });
    expect(describeWorld(rt, steps[3].world).actors.main.blocked).toBe(true);
    expect(steps[4].happenings).toContainEqual({ kind: 'send', from: 'main', to: 'conn', event: { type: 'Request', req: 'status' } });
    expect(report.actors.caller.state).toBe('{commit: answered, status: answered}');
    expect(main(report).tracker).toEqual([]);
    expect(checkWorld(rt, final)).toEqual([]);
  });

  it('busy-when-full: the same schedule answers Busy and tracks nothing it did not send', () => {
    const { rt, final, report } = replay('busy-when-full', [...BUSY_CHANNEL, reply('status', 'busy'), ...COMMIT_ROUND_TRIP]);
    expect(report.actors.caller.state).toBe('{commit: answered, status: busy}');
    expect(main(report).tracker).toEqual([]);
    expect(checkWorld(rt, final)).toEqual([]);
  });

  it('the explorer finds the hang in drop-when-full without any fault', () => {
    const r = exploreVariant('drop-when-full');
    expect(r.complete).toBe(true);
    for (const property of ['proxy-call-returns', 'tracker-drains']) {
      const stuck = finding(r, 'stuck', property)!;
      expect(stuck).toBeDefined();
      expect(stuck.faults).toBe(0);
      expect(stuck.trace).toEqual(BUSY_CHANNEL);
    }
    expect(answerTo(r, 'tracked-but-lost')).toBe('reachable');
    // The finding's trace replays to a state with the same verdicts.
    const stuck = finding(r, 'stuck', 'tracker-drains')!;
    const rt = new Runtime(connection, 'drop-when-full');
    const { final } = replaySteps(rt, makeTrace('connection', 'drop-when-full', stuck.trace).steps);
    expect(kinds(rt, final)).toEqual(['stuck proxy-call-returns proven', 'stuck tracker-drains proven']);
  });

  it('as-described: no hang and no leak, even with two broken writes; a request is never tracked but lost', () => {
    const r = exploreVariant('as-described');
    expect(r.bounds).toMatchObject({ faults: ['fail'], maxFaults: 2 });
    expect(r.complete).toBe(true);
    expect(r.findings).toEqual([]);
    expect(r.inconclusive).toEqual([]);
    expect(answerTo(r, 'tracked-but-lost')).toBe('unreachable');
    expect(r.states).toBeGreaterThan(100);
  });

  it('busy-when-full: no hang and no leak within the same bounds', () => {
    const r = exploreVariant('busy-when-full');
    expect(r.complete).toBe(true);
    expect(r.findings).toEqual([]);
    expect(answerTo(r, 'tracked-but-lost')).toBe('unreachable');
  });
});

// ---------------------------------------------------------------------------------------------

/**
 * The author: "There is an inherent TOCTTOU where the message can be put on the channel and then the
 * socket can disconnect. In this case we return the Connected and then get a Disconnected callback
 * sometime later to clear the state." Here the status request waits behind the commit, the commit's
 * write breaks the socket, and the status request lands in the channel of a task that is gone.
 */
const TOCTOU_WINDOW: StepJson[] = [...BUSY_CHANNEL, pull('commit'), writeFails('commit')];

describe('connection: the window between "the handle is in the map" and "the task is gone"', () => {
  it('as-described: a request is sent and tracked while the task is already gone', () => {
    const { rt, final, report } = replay('as-described', TOCTOU_WINDOW);
    expect(report.actors.conn.state).toBe('closed');
    expect(main(report)).toMatchObject({ established: 1, tracker: ['commit', 'status'] });
    expect(report.inFlight).toEqual([
      { from: 'main', to: 'conn', event: { type: 'Request', req: 'status' } },
      { from: 'conn', to: 'main', event: { type: 'Disconnected', task: 1 } },
    ]);
    expect(holds(rt, final, 'sent-into-dead-channel')).toBe(true);
    // Not stuck: "the disconnect callback always fires after the tracked socket is recorded".
    expect(checkWorld(rt, final)).toEqual([]);
  });

  it('as-described: the Disconnected callback then fails both tracked requests', () => {
    const { rt, steps, final, report } = replay('as-described', [
      ...TOCTOU_WINDOW,
      pull('status'),
      disconnected(),
      reply('commit', 'disconnected'),
      reply('status', 'disconnected'),
    ]);
    // The gone task's channel swallows the request; nothing is sent on.
    expect(steps[6].happenings.filter((h) => h.kind === 'send')).toEqual([]);
    expect(report.actors.caller.state).toBe('{commit: disconnected, status: disconnected}');
    expect(main(report)).toMatchObject({ established: null, nodeSeesPeer: false, tracker: [] });
    expect(checkWorld(rt, final)).toEqual([]);
  });

  it('as-described: once the Disconnected has arrived, a request is refused at once ("If there is no handle in the map then we return disconnected")', () => {
    const { steps, report } = replay('as-described', [
      stimulus('commit'),
      proxy('commit'),
      pull('commit'),
      writeFails('commit'),
      disconnected(),
      stimulus('status'),
      proxy('status'),
    ]);
    expect(steps[6].happenings).toContainEqual({
      kind: 'send',
      from: 'main',
      to: 'caller',
      event: { type: 'Reply', req: 'status', outcome: 'disconnected' },
    });
    expect(main(report).tracker).toEqual([]);
  });

  it('the explorer finds the window in as-described, and no continuation of it leaves the tracker full', () => {
    const r = exploreVariant('as-described');
    expect(answerTo(r, 'sent-into-dead-channel')).toBe('reachable');
    const w = r.witnesses.find((x) => x.property === 'sent-into-dead-channel')!;
    expect(w.trace!.filter(isFault)).toEqual([writeFails('commit')]);
    expect(finding(r, 'stuck', 'tracker-drains')).toBeUndefined();
    expect(r.complete).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

/**
 * The author: "there is actually one place where the ConnToMainMsgInner::Disconnected message doesn't
 * get sent to the NodeTask task when an EstablishedConnection closes. That is when the
 * EstablishedConnection task itself panics." The commit's answer fails to reach the main task.
 */
const PANIC: StepJson[] = [stimulus('commit'), proxy('commit'), pull('commit'), write('commit'), answer('commit'), panics('commit')];
const THEN_STATUS: StepJson[] = [stimulus('status'), proxy('status'), pull('status')];

describe('connection: the connection task panics', () => {
  it('task-panics: the commit waits forever, and the dead handle stays in the map', () => {
    const { rt, final, report } = replay('task-panics', PANIC);
    expect(report.actors.conn.state).toBe('panicked');
    expect(report.actors.caller.state).toBe('{commit: waiting, status: idle}');
    expect(main(report)).toMatchObject({ established: 1, nodeSeesPeer: true, tracker: ['commit'] });
    expect(report.inFlight).toEqual([]);
    expect(kinds(rt, final)).toEqual(['stuck proxy-call-returns proven', 'stuck tracker-drains proven']);
    expect(holds(rt, final, 'dead-task-in-map')).toBe(true);
  });

  it('task-panics: what it leaves behind catches every later request too', () => {
    const { rt, final, report } = replay('task-panics', [...PANIC, ...THEN_STATUS]);
    expect(report.actors.caller.state).toBe('{commit: waiting, status: waiting}');
    expect(main(report).tracker).toEqual(['commit', 'status']);
    expect(report.inFlight).toEqual([]);
    expect(kinds(rt, final)).toEqual(['stuck proxy-call-returns proven', 'stuck tracker-drains proven']);
  });

  it('as-described cannot panic: with panic = abort the try_send failure is not a step of this variant', () => {
    expect(() => replay('as-described', PANIC)).toThrow(/steps\[5\].*is not enabled/);
  });

  it('the explorer finds the panic hang in task-panics with one fault, the failed try_send', () => {
    const r = exploreVariant('task-panics');
    expect(r.complete).toBe(true);
    const stuck = finding(r, 'stuck', 'proxy-call-returns')!;
    expect(stuck.faults).toBe(1);
    expect(stuck.trace).toEqual(PANIC);
    expect(finding(r, 'stuck', 'tracker-drains')).toBeDefined();
    expect(answerTo(r, 'dead-task-in-map')).toBe('reachable');
  });

  it('exit-from-manager: the manager reports the panicked task, so the commit fails and later calls are refused', () => {
    const { rt, final, report } = replay('exit-from-manager', [
      ...PANIC,
      deliver('conn', 'main', { type: 'TaskExited', task: 1 }),
      reply('commit', 'disconnected'),
      stimulus('status'),
      proxy('status'),
      reply('status', 'disconnected'),
    ]);
    expect(report.actors.conn.state).toBe('panicked');
    expect(report.actors.caller.state).toBe('{commit: disconnected, status: disconnected}');
    expect(main(report)).toMatchObject({ established: null, tracker: [] });
    expect(checkWorld(rt, final)).toEqual([]);
  });

  it('exit-from-manager: no hang and no dead handle, though the explorer does make the task panic', () => {
    const reached: boolean[] = [];
    const rt = new Runtime(connection, 'exit-from-manager');
    const r = explore(rt, {
      bounds: variantBounds(connection, 'exit-from-manager'),
      onState: (w) => reached.push(viewOf(rt, w).actor('conn').matches('panicked')),
    });
    expect(reached).toContain(true);
    expect(r.complete).toBe(true);
    expect(r.findings).toEqual([]);
    expect(answerTo(r, 'dead-task-in-map')).toBe('unreachable');
  });

  it('disconnected-on-closed-channel: later requests are refused, but the request the task had taken still hangs', () => {
    const { rt, final, report } = replay('disconnected-on-closed-channel', [
      ...PANIC,
      ...THEN_STATUS,
      deliver('conn', 'main', { type: 'SendFailed', req: 'status' }),
      reply('status', 'disconnected'),
    ]);
    expect(report.actors.caller.state).toBe('{commit: waiting, status: disconnected}');
    expect(main(report)).toMatchObject({ established: 1, tracker: ['commit'] });
    expect(kinds(rt, final)).toEqual(['stuck proxy-call-returns proven', 'stuck tracker-drains proven']);
  });

  it('disconnected-on-closed-channel: the explorer still finds the hang, but a call made after the panic always returns', () => {
    /** From every reachable state where the task has panicked before status was called: can status still return? */
    const afterPanic = (variant: string): Array<'yes' | 'no' | 'unknown'> => {
      const rt = new Runtime(connection, variant);
      const verdicts: Array<'yes' | 'no' | 'unknown'> = [];
      const returned = (w: World) => ['answered', 'disconnected', 'busy'].some((s) => viewOf(rt, w).actor('caller').matches({ status: s }));
      explore(rt, {
        bounds: variantBounds(connection, variant),
        onState: (w) => {
          const v = viewOf(rt, w);
          if (v.actor('conn').matches('panicked') && v.actor('caller').matches({ status: 'idle' })) verdicts.push(canReach(rt, w, returned, 10_000));
        },
      });
      return verdicts;
    };
    const fixed = exploreVariant('disconnected-on-closed-channel');
    expect(fixed.complete).toBe(true);
    expect(finding(fixed, 'stuck', 'proxy-call-returns')!.trace).toEqual(PANIC);
    // Without the fix a call made after the panic can wait forever; with it every one can return.
    expect(afterPanic('task-panics')).toContain('no');
    const verdicts = afterPanic('disconnected-on-closed-channel');
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts.every((v) => v === 'yes')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

/**
 * The author: "If a new connection is accepted for the same peer it will trigger an abort of the old
 * connection. In this case the old disconnect will occur after the new connection is established."
 * The peer closes the old socket and dials again; the old task reads EOF and sends Disconnected; the
 * main task accepts the new connection before it reads that Disconnected.
 */
const OLD_DISCONNECT_LATE: StepJson[] = [
  stimulus('peer-reconnects'),
  deliver('peer', 'conn', { type: 'Eof' }),
  deliver('peer', 'main', { type: 'Connect' }),
  disconnected(1, 'conn~old'),
];

/** A commit on the old socket, lost when the peer gives up on it; the old task then reads EOF. */
const COMMIT_ON_OLD_SOCKET: StepJson[] = [
  stimulus('commit'),
  proxy('commit'),
  pull('commit'),
  stimulus('peer-reconnects'),
  write('commit'), // reaches the peer's closed end of the old socket: lost
  deliver('peer', 'conn', { type: 'Eof' }),
  deliver('peer', 'main', { type: 'Connect' }),
  disconnected(1, 'conn~old'),
];

describe('connection: a new connection for the same peer', () => {
  it('replace-connection: the old task\'s Disconnected lands after the new connection: a stale write the Node acts on', () => {
    const { rt, steps, final, report } = replay('replace-connection', OLD_DISCONNECT_LATE);
    expect(steps[2].happenings).toContainEqual({ kind: 'restart', actor: 'conn', overlap: false });
    expect(holds(rt, steps[2].world, 'old-end-after-new-connection')).toBe(true);
    expect(steps[3].happenings).toContainEqual({ kind: 'stale-write', from: 'conn~old', to: 'main', event: { type: 'Disconnected', task: 1 } });
    // The connection manager checks the task id and keeps the new handle; the Node does not.
    expect(main(report)).toMatchObject({ established: 2, nodeSeesPeer: false });
    expect(report.actors.conn.state).toBe('established');
    expect(kinds(rt, final)).toEqual(['stale-write no-stale-writes proven', 'invariant node-agrees-with-manager proven']);
  });

  it('ignore-stale-disconnect: the same schedule leaves the Node agreeing with the manager', () => {
    const { rt, steps, final, report } = replay('ignore-stale-disconnect', OLD_DISCONNECT_LATE);
    expect(steps[3].happenings.filter((h) => h.kind === 'stale-write' || h.kind === 'transition')).toEqual([]);
    expect(main(report)).toMatchObject({ established: 2, nodeSeesPeer: true });
    expect(checkWorld(rt, final)).toEqual([]);
  });

  it('ignore-stale-disconnect: ignoring the old Disconnected also ignores the requests only it would have failed', () => {
    const gated = replay('ignore-stale-disconnect', COMMIT_ON_OLD_SOCKET);
    expect(gated.report.actors.caller.state).toBe('{commit: waiting, status: idle}');
    expect(main(gated.report)).toMatchObject({ established: 2, nodeSeesPeer: true, tracker: ['commit'] });
    // Nothing on its way will fail the commit: only the new task's id is still in its channel.
    expect(gated.report.inFlight).toEqual([{ from: 'main', to: 'conn', event: { type: 'Spawned', task: 2 } }]);
    expect(kinds(gated.rt, gated.final)).toEqual(['stuck proxy-call-returns proven', 'stuck tracker-drains proven']);
    // Acting on it, as the code does, fails the commit but makes the Node forget a connected peer.
    const acted = replay('replace-connection', [...COMMIT_ON_OLD_SOCKET, reply('commit', 'disconnected')]);
    expect(acted.report.actors.caller.state).toBe('{commit: disconnected, status: idle}');
    expect(main(acted.report)).toMatchObject({ established: 2, nodeSeesPeer: false, tracker: [] });
    expect(kinds(acted.rt, acted.final)).toEqual(['stale-write no-stale-writes proven', 'invariant node-agrees-with-manager proven']);
  });

  it('replace-connection: a request in the aborted task\'s channel is lost with it and nothing fails it (beyond the text)', () => {
    const { rt, steps, final, report } = replay('replace-connection', [
      stimulus('commit'),
      stimulus('peer-reconnects'),
      proxy('commit'),
      deliver('peer', 'main', { type: 'Connect' }),
    ]);
    expect(steps[3].happenings).toContainEqual({ kind: 'restart', actor: 'conn', overlap: false });
    expect(report.inFlight.filter((m) => (m.event as { req?: string }).req === 'commit')).toEqual([]);
    expect(main(report)).toMatchObject({ established: 2, tracker: ['commit'] });
    expect(kinds(rt, final)).toEqual(['stuck proxy-call-returns proven', 'stuck tracker-drains proven']);
  });

  it('the explorer finds the stale disconnect in replace-connection with no fault at all', () => {
    const r = exploreVariant('replace-connection');
    expect(r.complete).toBe(true);
    const stale = finding(r, 'stale-write', 'no-stale-writes')!;
    expect(stale.faults).toBe(0);
    expect(stale.trace).toEqual(OLD_DISCONNECT_LATE);
    expect(stale.message).toContain('conn~old wrote Disconnected');
    expect(finding(r, 'invariant', 'node-agrees-with-manager')!.trace).toEqual(OLD_DISCONNECT_LATE);
    expect(finding(r, 'stuck', 'proxy-call-returns')!.faults).toBe(0);
    expect(answerTo(r, 'old-end-after-new-connection')).toBe('reachable');
  });

  it('exit-from-manager-reconnect: "another race condition that may get worse": every abort is reported late', () => {
    const r = exploreVariant('exit-from-manager-reconnect');
    expect(r.complete).toBe(true);
    const broken = finding(r, 'invariant', 'node-agrees-with-manager')!;
    // No EOF needed: the manager's own report of the aborted task arrives after the new connection.
    expect(broken.trace).toEqual([
      stimulus('peer-reconnects'),
      deliver('peer', 'main', { type: 'Connect' }),
      deliver('main', 'main', { type: 'TaskExited', task: 1 }),
    ]);
    expect(broken.faults).toBe(0);
    expect(broken.states).toBeGreaterThan(finding(exploreVariant('replace-connection'), 'invariant', 'node-agrees-with-manager')!.states);
    // It does fail the aborted task's requests, so nothing hangs.
    expect(r.findings.filter((f) => f.kind === 'stuck')).toEqual([]);
  });

  it('ignore-stale-disconnect: the explorer finds no stale write and no confused Node, but a request that hangs', () => {
    const r = exploreVariant('ignore-stale-disconnect');
    expect(r.complete).toBe(true);
    expect(finding(r, 'stale-write', 'no-stale-writes')).toBeUndefined();
    expect(finding(r, 'invariant', 'node-agrees-with-manager')).toBeUndefined();
    expect(finding(r, 'stuck', 'tracker-drains')).toBeDefined();
    expect(answerTo(r, 'old-end-after-new-connection')).toBe('reachable');
  });

  it('reject-second-connection: the peer retries until the old connection is gone, and the new one serves the commit', () => {
    const { rt, final, report } = replay('reject-second-connection', [
      stimulus('peer-reconnects'),
      deliver('peer', 'main', { type: 'Connect' }),
      deliver('main', 'peer', { type: 'Rejected' }), // the peer dials again
      deliver('peer', 'main', { type: 'Connect' }),
      deliver('main', 'peer', { type: 'Rejected' }),
      deliver('peer', 'conn', { type: 'Eof' }),
      disconnected(),
      deliver('peer', 'main', { type: 'Connect' }),
      stimulus('commit'),
      proxy('commit'),
      deliver('main', 'conn', { type: 'Spawned', task: 2 }),
      pull('commit'),
      write('commit', 2),
      answer('commit'),
      forward('commit', 2),
      reply('commit', 'answered'),
    ]);
    expect(report.actors.caller.state).toBe('{commit: answered, status: idle}');
    expect(main(report)).toMatchObject({ established: 2, nodeSeesPeer: true, tracker: [] });
    expect(checkWorld(rt, final)).toEqual([]);
  });

  it('reject-second-connection: no finding, and the old end never comes after the new connection', () => {
    const r = exploreVariant('reject-second-connection');
    expect(r.bounds).toMatchObject({ faults: ['fail', 'overlap'], maxFaults: 2 });
    expect(r.complete).toBe(true);
    expect(r.findings).toEqual([]);
    expect(answerTo(r, 'old-end-after-new-connection')).toBe('unreachable');
    expect(answerTo(r, 'tracked-but-lost')).toBe('unreachable');
  });
});

// ---------------------------------------------------------------------------------------------

describe('connection: the variants', () => {
  it('every variant explores completely within its stated bounds, in well under a few seconds', () => {
    for (const variant of Object.keys(connection.variants)) {
      const r = exploreVariant(variant);
      expect(r.complete, variant).toBe(true);
      expect(r.states, variant).toBeLessThan(50_000);
      expect(connection.variants[variant].bounds, variant).toMatchObject({ maxFaults: expect.any(Number), faults: expect.any(Array) });
    }
  });

  it('what each variant shows, in one table', () => {
    const table = Object.fromEntries(
      Object.keys(connection.variants).map((v) => {
        const r = exploreVariant(v);
        return [v, [...new Set(r.findings.map((f) => f.property))].sort()];
      }),
    );
    expect(table).toEqual({
      'as-described': [],
      'drop-when-full': ['proxy-call-returns', 'tracker-drains'],
      'busy-when-full': [],
      'task-panics': ['proxy-call-returns', 'tracker-drains'],
      'disconnected-on-closed-channel': ['proxy-call-returns', 'tracker-drains'],
      'exit-from-manager': [],
      'replace-connection': ['no-stale-writes', 'node-agrees-with-manager', 'proxy-call-returns', 'tracker-drains'],
      'exit-from-manager-reconnect': ['no-stale-writes', 'node-agrees-with-manager'],
      'ignore-stale-disconnect': ['proxy-call-returns', 'tracker-drains'],
      'reject-second-connection': [],
    });
  });
});
