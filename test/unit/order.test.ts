/**
 * The ACME order model against its seed: the bug replays to an order stuck in processing, the
 * explorer finds it, and each fix is checked within its stated bounds.
 */
import { describe, expect, it } from 'vitest';
import {
  checkWorld,
  describeWorld,
  explainFinding,
  explore,
  makeTrace,
  replaySteps,
  Runtime,
  variantBounds,
} from '../../app/engine/index.ts';
import order from '../../machines/order/index.ts';
import { SEED_BUG } from '../fixtures/order-seed.ts';


function exploreVariant(variant: string, overrides = {}) {
  return explore(new Runtime(order, variant), { bounds: variantBounds(order, variant, overrides) });
}

describe('order model: the seed bug', () => {
  it('replays to an order stuck in processing, with SetOrderError never sent', () => {
    const rt = new Runtime(order, 'buggy');
    const { final, steps } = replaySteps(rt, SEED_BUG);
    const report = describeWorld(rt, final);
    expect(report.actors.sa.state).toBe('processing');
    expect(report.actors.ra.state).toBe('answerError');
    expect(report.actors.wfe.state).toBe('answered.error');
    expect(report.inFlight).toEqual([]);
    const sent = steps.flatMap((s) => s.happenings).filter((h) => h.kind === 'send');
    expect(sent.map((h) => ('event' in h ? h.event.type : ''))).not.toContain('SetOrderError');
    expect(checkWorld(rt, final)).toEqual([
      expect.objectContaining({ kind: 'stuck', property: 'order-leaves-processing', verdict: 'proven' }),
    ]);
  });

  it('the same schedule leaves the order invalid under the accepted fix', () => {
    const rt = new Runtime(order, 'async-fail-order');
    // The fix differs after the deadline: the goroutine is told, and fails the order itself.
    const prefix = SEED_BUG.slice(0, 6);
    const { final } = replaySteps(rt, [
      ...prefix,
      { do: 'deliver', from: 'ra', to: 'failOrder', event: { type: 'Problem' } },
      { do: 'deliver', from: 'failOrder', to: 'sa', event: { type: 'SetOrderError', replyTo: 'failOrder' } },
    ]);
    expect(describeWorld(rt, final).actors.sa.state).toBe('invalid');
    expect(checkWorld(rt, final)).toEqual([]);
  });

  it('the explorer finds the stuck order in buggy without any fault', () => {
    const r = exploreVariant('buggy');
    expect(r.complete).toBe(true);
    const stuck = r.findings.find((f) => f.kind === 'stuck' && f.property === 'order-leaves-processing');
    expect(stuck).toBeDefined();
    expect(stuck!.faults).toBe(0);
    expect(stuck!.trace[0]).toEqual({ do: 'stimulus', name: 'finalize' });
    // The finding's trace replays to a state where the same verdict holds.
    const rt = new Runtime(order, 'buggy');
    const { final } = replaySteps(rt, makeTrace('order', 'buggy', stuck!.trace).steps);
    expect(checkWorld(rt, final).map((f) => f.property)).toContain('order-leaves-processing');
  });

  it('the seed trace is no shorter than the explorer trace (the explorer reports shortest traces)', () => {
    const stuck = exploreVariant('buggy').findings.find((f) => f.property === 'order-leaves-processing')!;
    expect(stuck.trace.length).toBeLessThanOrEqual(SEED_BUG.length);
  });
});

describe('order model: the fixes within their stated bounds', () => {
  it('async-fail-order: no stuck order and no late answer', () => {
    const r = exploreVariant('async-fail-order');
    expect(r.bounds.faults).toEqual(['expire']);
    expect(r.complete).toBe(true);
    expect(r.findings).toEqual([]);
    expect(r.states).toBeGreaterThan(100);
  });

  it('cleanup-daemon: no stuck order under every fault the model has, two at a time', () => {
    const r = exploreVariant('cleanup-daemon');
    expect(r.bounds.maxFaults).toBe(2);
    expect(r.bounds.faults).toEqual(['drop', 'delay', 'fail', 'expire', 'crash', 'overlap']);
    expect(r.complete).toBe(true);
    expect(r.findings.filter((f) => f.property === 'order-leaves-processing')).toEqual([]);
  });

  it('fresh-context-sync: the order is failed, but the API answers after its deadline', () => {
    const r = exploreVariant('fresh-context-sync');
    expect(r.complete).toBe(true);
    const late = r.findings.find((f) => f.kind === 'invariant' && f.property === 'answers-by-deadline');
    expect(late).toBeDefined();
    expect(late!.trace.some((s) => s.do === 'timer' && s.actor === 'ra' && s.timer === 'ctx')).toBe(true);
  });

  it('fresh-context-sync still strands an order whose SetOrderProcessing outlived the deadline', () => {
    const stuck = exploreVariant('fresh-context-sync').findings.find((f) => f.property === 'order-leaves-processing');
    expect(stuck).toBeDefined();
    // The deadline passes while SetOrderProcessing is answered; the CA is never even asked.
    expect(stuck!.trace).toContainEqual({ do: 'timer', actor: 'ra', timer: 'ctx' });
    expect(stuck!.trace.some((s) => s.do === 'deliver' && s.to === 'ca')).toBe(false);
  });
});

describe('order model: what the fixes do not cover', () => {
  it('async-fail-order strands the order when the RA process crashes mid-request', () => {
    const r = exploreVariant('async-fail-order', { faults: ['crash'], maxFaults: 1 });
    const stuck = r.findings.find((f) => f.property === 'order-leaves-processing');
    expect(stuck).toBeDefined();
    expect(stuck!.trace.filter((s) => s.do === 'crash')).toEqual([{ do: 'crash', actor: 'ra' }]);
  });

  it('async-fail-order strands the order when SetOrderError itself fails', () => {
    const r = exploreVariant('async-fail-order', { faults: ['fail'], maxFaults: 1 });
    const stuck = r.findings.find((f) => f.property === 'order-leaves-processing');
    expect(stuck).toBeDefined();
    const fault = stuck!.trace.find((s) => s.do === 'fail');
    expect(fault).toMatchObject({ from: 'failOrder', to: 'sa', event: { type: 'SetOrderError' } });
  });
});

describe("order model: the seed's open question", () => {
  it('SetOrderError can overtake SetOrderProcessing under the accepted fix, and the order still ends invalid', () => {
    const r = exploreVariant('async-fail-order');
    const w = r.witnesses.find((x) => x.property === 'error-before-processing')!;
    expect(w.answer).toBe('reachable');
    const rt = new Runtime(order, 'async-fail-order');
    const { final } = replaySteps(rt, w.trace!);
    const report = describeWorld(rt, final);
    expect(report.actors.sa.state).toBe('invalid');
    expect(report.inFlight.map((m) => m.event.type)).toContain('SetOrderProcessing');
    // Delivering the late SetOrderProcessing leaves the order invalid: the stored error wins.
    const late = report.inFlight.find((m) => m.event.type === 'SetOrderProcessing')!;
    const after = replaySteps(rt, [...w.trace!, { do: 'deliver', from: late.from, to: late.to, event: late.event }]);
    expect(describeWorld(rt, after.final).actors.sa.state).toBe('invalid');
    expect(r.findings).toEqual([]);
  });

  it('in the buggy design SetOrderError is only ever sent after SetOrderProcessing completed', () => {
    const w = exploreVariant('buggy').witnesses.find((x) => x.property === 'error-before-processing')!;
    expect(w.answer).toBe('unreachable');
  });
});

describe('order model: determinism', () => {
  it('the same variant and bounds give the same states, findings and traces', () => {
    const strip = (r: ReturnType<typeof exploreVariant>) => ({ ...r, ms: 0, statesPerSecond: 0 });
    expect(strip(exploreVariant('buggy'))).toEqual(strip(exploreVariant('buggy')));
  });
});

describe('order model: explaining the stuck order', () => {
  it('names the SA waiting in processing and the deadline step that made the wait endless', () => {
    const rt = new Runtime(order, 'buggy');
    const replay = replaySteps(rt, SEED_BUG);
    const why = explainFinding(rt, replay, { kind: 'stuck', property: 'order-leaves-processing' });
    expect(why.actors).toEqual(['sa']);
    expect(why.waiting).toEqual([expect.objectContaining({ actor: 'sa', state: 'processing' })]);
    expect(why.waiting[0].waitsFor).toContain('SetOrderError');
    // Step 6 of the seed trace: the request deadline fires while the CA is still signing.
    expect(why.cause).toEqual({ step: 5, text: 'timer ra.ctx' });
    expect(why.sentence).toContain('after step 6 (timer ra.ctx)');
  });
});
