/** The state view's pure parts: the facts of a world, the difference between two worlds, and context as lines. */
import { describe, expect, it } from 'vitest';
import { replaySteps, Runtime } from '../../app/engine/index.ts';
import { diffContext, diffWorlds, isEmptyDiff, jsonLines, leaves, worldFacts } from '../../app/ui/views/state-diff.ts';
import order from '../../machines/order/index.ts';
import { SEED_TO_DEADLINE } from '../fixtures/order-seed.ts';

const STEPS = SEED_TO_DEADLINE;

describe('world facts and their difference', () => {
  const rt = new Runtime(order, 'buggy');
  const replay = replaySteps(rt, STEPS);
  const at = (k: number) => worldFacts(rt, k === 0 ? replay.initial : replay.steps[k - 1].world);

  it('reads every actor, the messages in flight with their deliver-by times, timers and time', () => {
    const f = at(5);
    expect(f.now).toBe(0);
    expect(f.faults).toBe(0);
    expect(f.actors.ra).toEqual({ state: 'issuing', status: 'active', blocked: false, context: { ctxExpired: false } });
    expect(f.inFlight).toEqual([{ key: 'ca>ra:IssueCertificate.ok@60000', from: 'ca', to: 'ra', event: 'IssueCertificate.ok', due: 60000 }]);
    expect(f.timers.map((t) => `${t.actor}.${t.timer}@${t.due}`)).toEqual(['wfe.deadline@200', 'ra.ctx@200']);
    expect(f.stimuliLeft).toEqual([{ name: 'finalize', left: 0 }]);
    expect(f.blockedSends).toEqual([]);
  });

  it('says what the request deadline changed: state, context, a timer gone, an answer in flight, the clock', () => {
    const d = diffWorlds(at(5), at(6));
    expect(d.now).toEqual([0, 200]);
    expect(d.faults).toBeUndefined();
    expect(d.actors).toEqual({ ra: { state: ['issuing', 'answerError'], status: ['active', 'done'], context: [{ path: 'ctxExpired', before: false, after: true }] } });
    expect(d.removed.timers.map((t) => t.key)).toEqual(['ra.ctx@200']);
    expect(d.added.timers).toEqual([]);
    expect(d.added.inFlight.map((m) => m.event)).toEqual(['FinalizeOrder.error {"reason":"order could not be finalized"}']);
    expect(d.removed.inFlight).toEqual([]);
  });

  it('compares any two steps, and finds nothing between a world and itself', () => {
    const d = diffWorlds(at(0), at(6));
    expect(Object.keys(d.actors).sort()).toEqual(['ra', 'sa', 'wfe']);
    expect(d.actors.sa.state).toEqual(['ready', 'processing']);
    expect(isEmptyDiff(diffWorlds(at(3), at(3)))).toBe(true);
    expect(isEmptyDiff(d)).toBe(false);
  });

  it('counts equal messages one for one', () => {
    const one = at(5);
    const two = { ...one, inFlight: [...one.inFlight, ...one.inFlight] };
    expect(diffWorlds(one, two).added.inFlight).toHaveLength(1);
    expect(diffWorlds(two, one).removed.inFlight).toHaveLength(1);
  });
});

describe('context as leaves and lines', () => {
  const before = { order: { id: 7, items: ['a', 'b'], tags: {} }, retries: 0 };
  const after = { order: { id: 7, items: ['a', 'c', 'd'], tags: { urgent: true } }, retries: 0 };

  it('compares nested objects and arrays leaf by leaf', () => {
    expect([...leaves(before).keys()]).toEqual(['order.id', 'order.items[0]', 'order.items[1]', 'order.tags', 'retries']);
    expect(diffContext(before, after)).toEqual([
      { path: 'order.items[1]', before: 'b', after: 'c' },
      { path: 'order.items[2]', before: undefined, after: 'd' },
      { path: 'order.tags', before: {}, after: undefined },
      { path: 'order.tags.urgent', before: undefined, after: true },
    ]);
    expect(diffContext(1, 2)).toEqual([{ path: '', before: 1, after: 2 }]);
  });

  it('prints pretty JSON line by line, each value line tagged with its leaf', () => {
    const lines = jsonLines(after);
    expect(lines.map((l) => '  '.repeat(l.depth) + l.text).join('\n')).toBe(JSON.stringify(after, null, 2));
    expect(lines.filter((l) => l.path !== null).map((l) => l.path)).toEqual([...leaves(after).keys()]);
    expect(jsonLines({})).toEqual([{ text: '{}', depth: 0, path: '' }]);
  });
});
