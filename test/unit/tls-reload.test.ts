/**
 * skupper-router #1572: certificate reloads on the I/O threads starve the proactor timer. The
 * seed's sequence replayed step by step, the explorer's verdict per variant, and the simulated
 * lateness of the timer under each fix, with its bound derived from the seed's numbers.
 */
import { describe, expect, it } from 'vitest';
import {
  applyStep,
  describeStep,
  enabledSteps,
  explore,
  initialWorld,
  replaySteps,
  Runtime,
  simulate,
  simulateRun,
  stepToJson,
  variantBounds,
  type World,
} from '../../app/engine/index.ts';
import model from '../../machines/tls-reload/index.ts';
import { CERT_RELOAD, CONNECTIONS, HANDSHAKE, HEARTBEAT_PERIOD, IO_THREADS, LATENESS_LIMIT, PEER_TIMEOUT, TIMER_WORK } from '../../machines/tls-reload/timing.ts';
import { ALL_FAULTS } from './helpers.ts';

const VARIANTS = Object.keys(model.variants);
const SEED = 1;
const RUNS = 100;

/** Takes the first enabled step whose label starts with `prefix`. */
function take(rt: Runtime, world: World, prefix: string): World {
  const step = enabledSteps(rt, world, ALL_FAULTS).find((s) => describeStep(stepToJson(rt, world, s)).startsWith(prefix));
  if (!step) throw new Error(`no step "${prefix}…" at t=${world.now}`);
  return applyStep(rt, world, step);
}

const peerState = (rt: Runtime, w: World) => rt.snapshot(rt.actor('peer'), w.snaps[rt.actor('peer')]).value;
const jobs = (rt: Runtime, w: World) => w.jobs.map((j) => rt.events.values[rt.works.values[j.work].event].type);
const ready = (rt: Runtime, w: World) => w.ready[0].map((id) => rt.events.values[rt.works.values[id].event].type);

describe('the seed: about 100 connections at once, each reloading certificates on one of 4 I/O threads', () => {
  it('every I/O thread is blocked in a reload, the timer waits behind the connections, and the peer times out', () => {
    const rt = new Runtime(model, 'reload-every-connection');
    let w = take(rt, initialWorld(rt), 'stimulus storm');
    for (let i = 0; i < CONNECTIONS; i++) w = take(rt, w, 'clients → router: NewConnection');
    // Four connections hold the four threads for a reload each; the rest wait.
    expect(jobs(rt, w)).toEqual(Array(IO_THREADS).fill('NewConnection'));
    expect(w.jobs.every((j) => j.end === CERT_RELOAD + HANDSHAKE)).toBe(true);
    expect(ready(rt, w)).toHaveLength(CONNECTIONS - IO_THREADS);

    // Connections finish in fours; the proactor timer comes due and joins the back of the queue.
    while (w.now < HEARTBEAT_PERIOD) w = take(rt, w, w.timers[0].due <= (w.jobs[0]?.end ?? Infinity) ? 'timer router' : 'router finishes');
    const queue = ready(rt, w);
    expect(queue[queue.length - 1]).toMatch(/^xstate\.after\.heartbeat/);
    expect(queue.filter((t) => t === 'NewConnection').length).toBeGreaterThan(CONNECTIONS / 2);

    // No thread frees up for it before the peer's deadline passes.
    while (peerState(rt, w) === 'linkUp') w = take(rt, w, w.timers[0].due <= (w.jobs[0]?.end ?? Infinity) ? 'timer' : 'router finishes');
    expect(peerState(rt, w)).toBe('linkLost');
    expect(w.now).toBe(PEER_TIMEOUT);
    expect(jobs(rt, w)).toEqual(Array(IO_THREADS).fill('NewConnection'));
    expect(ready(rt, w).some((t) => t.startsWith('xstate.after.heartbeat'))).toBe(true);
  });
});

describe('the explorer, every interleaving within each variant’s stated bounds', () => {
  it('finds the lost link in the bug: its shortest trace ends with the peer timed out and the timer still waiting', () => {
    const rt = new Runtime(model, 'reload-every-connection');
    const r = explore(rt, { bounds: variantBounds(model, 'reload-every-connection') });
    expect(r.complete).toBe(true);
    const finding = r.findings.find((f) => f.property === 'link-stays-up');
    expect(finding).toBeDefined();
    const end = replaySteps(new Runtime(model, 'reload-every-connection'), finding!.trace).final;
    expect(peerState(rt, end)).toBe('linkLost');
    expect(end.ready[0].length).toBeGreaterThan(0);
  });

  for (const variant of ['reload-when-changed', 'reload-off-io-threads', 'timers-first']) {
    it(`${variant}: the link stays up in every interleaving (complete, no finding)`, () => {
      const r = explore(new Runtime(model, variant), { bounds: variantBounds(model, variant) });
      expect(r.complete).toBe(true);
      expect(r.findings).toEqual([]);
    });
  }
});

describe(`simulation: ${RUNS} runs from seed ${SEED}, a minute of router time each`, () => {
  const results = Object.fromEntries(VARIANTS.map((v) => [v, simulate(new Runtime(model, v), { runs: RUNS, seed: SEED })]));
  const lateness = (v: string) => results[v].metrics.find((m) => m.metric === 'timer lateness')!;
  const failed = (v: string, p: string) => results[v].properties.find((x) => x.property === p)!.failedRuns;
  // With FIFO and 4 threads, a timer that comes due behind the storm waits for most of the 100 reloads.
  const behindTheStorm = ((CONNECTIONS - 2 * IO_THREADS) / IO_THREADS) * CERT_RELOAD;

  it(`the bug: the link is lost in every run and the timer waits over ${behindTheStorm / 1000} s`, () => {
    expect(failed('reload-every-connection', 'link-stays-up')).toBe(RUNS);
    expect(lateness('reload-every-connection').max).toBeGreaterThan(behindTheStorm);
  });

  it('timers first: the link stays up, but a due timer still waits for a thread to leave its reload', () => {
    expect(failed('timers-first', 'link-stays-up')).toBe(0);
    expect(lateness('timers-first').max).toBeLessThanOrEqual(CERT_RELOAD + HANDSHAKE);
    expect(failed('timers-first', 'timer-on-time')).toBeGreaterThan(0);
  });

  it('reload when changed: one round of reloads after the change (every thread may reload at once), then handshakes only', () => {
    expect(failed('reload-when-changed', 'link-stays-up')).toBe(0);
    const queueOfHandshakes = (CONNECTIONS / IO_THREADS) * HANDSHAKE;
    expect(lateness('reload-when-changed').max).toBeLessThanOrEqual(CERT_RELOAD + HANDSHAKE + queueOfHandshakes);
    expect(lateness('reload-when-changed').max).toBeLessThan(lateness('reload-every-connection').max / 10);
  });

  it(`reload off the I/O threads: the timer waits at most for the queue of handshakes, within ${LATENESS_LIMIT} ms in every run`, () => {
    expect(failed('reload-off-io-threads', 'link-stays-up')).toBe(0);
    expect(failed('reload-off-io-threads', 'timer-on-time')).toBe(0);
    expect(lateness('reload-off-io-threads').max).toBeLessThanOrEqual((CONNECTIONS / IO_THREADS) * HANDSHAKE + TIMER_WORK);
  });

  it('the worst run of the bug replays from its seed to the same failure', () => {
    const worst = results['reload-every-connection'].worst!;
    const rt = new Runtime(model, 'reload-every-connection');
    const run = simulateRun(rt, worst.seed);
    expect(run.result.failures.map((f) => f.property)).toEqual(['link-stays-up', 'timer-on-time']);
    const replayed = replaySteps(new Runtime(model, 'reload-every-connection'), run.steps);
    expect(peerState(rt, replayed.final)).toBe('linkLost');
  });

  it('the same seed gives the same simulation, byte for byte (timings aside)', () => {
    const again = simulate(new Runtime(model, 'reload-when-changed'), { runs: RUNS, seed: SEED });
    const timingsAside = (r: typeof again) => JSON.stringify({ ...r, ms: 0, stepsPerSecond: 0, runsPerSecond: 0 });
    expect(timingsAside(again)).toBe(timingsAside(results['reload-when-changed']));
  });
});
