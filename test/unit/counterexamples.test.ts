/**
 * Counterexamples people can read: shortest in steps, then fewest faults, then fewest switches
 * between actors; a "why" built from the trace; failing states grouped by the way they fail.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { applyStep, enabledSteps, explore, initialWorld, send, stepToJson, viewOf, type ModelSystem, type StepJson } from '../../app/engine/index.ts';
import { runtimeOf } from './helpers.ts';

/** Q and R take one `go` each. */
const oneStep = (id: string) => setup({}).createMachine({ id, initial: 's0', states: { s0: { on: { go: 's1' } }, s1: {} } });
/** P counts x's up to 2; a `w` instead calls S, and only a failed call takes P on from there. */
const caller = setup({}).createMachine({
  id: 'p',
  initial: 's0',
  states: {
    s0: { on: { go: 's1', w: { target: 'calling', actions: send('s', { type: 'call' }, { failReply: { type: 'failed' } }) } } },
    s1: { on: { go: 's2' } },
    calling: { on: { failed: 's2' } },
    s2: {},
  },
});
const sink = setup({}).createMachine({ id: 's' });

const STIMULI = {
  w: { name: 'w', to: 'p', event: { type: 'w' } },
  x: { name: 'x', to: 'p', event: { type: 'go' }, times: 2 },
  y: { name: 'y', to: 'q', event: { type: 'go' } },
  z: { name: 'z', to: 'r', event: { type: 'go' } },
};

/**
 * The stimuli are declared in `order`, which is the order the breadth-first search tries them, so
 * a case can make it meet the worse trace first.
 */
function system(bad: (s: Record<string, string>) => boolean, order: Array<keyof typeof STIMULI>): ModelSystem {
  return {
    actors: { p: { machine: caller }, q: { machine: oneStep('q') }, r: { machine: oneStep('r') }, s: { machine: sink } },
    links: [{ from: 'p', to: 's', faults: ['fail'] }],
    stimuli: order.map((k) => STIMULI[k]),
    properties: [
      {
        kind: 'invariant',
        name: 'never-bad',
        description: 'the bad combination never shows',
        holds: (v) => !bad(Object.fromEntries(['p', 'q', 'r'].map((a) => [a, String(v.actor(a).value)]))),
      },
    ],
  };
}

/** The actor a trace step acts on, as the explorer counts switches. */
function actorOf(sys: ModelSystem, s: StepJson): string {
  if (s.do === 'stimulus') return sys.stimuli.find((x) => x.name === s.name)!.to;
  if (s.do === 'fail') return s.from;
  return 'to' in s ? s.to : s.actor;
}
const switchesOf = (sys: ModelSystem, trace: StepJson[]) =>
  trace.reduce((n, s, i) => n + (i > 0 && actorOf(sys, s) !== actorOf(sys, trace[i - 1]) ? 1 : 0), 0);

/** Every trace of at most `depth` steps ending where the invariant first breaks, by brute force. */
function allViolatingTraces(sys: ModelSystem, depth: number): StepJson[][] {
  const rt = runtimeOf(sys);
  const policy = { maxFaults: 1, faults: new Set(BOUNDS.faults) };
  const out: StepJson[][] = [];
  const walk = (w: ReturnType<typeof initialWorld>, trace: StepJson[]) => {
    const p = sys.properties[0];
    if (p.kind === 'invariant' && !p.holds(viewOf(rt, w))) return void out.push(trace);
    if (trace.length === depth) return;
    for (const step of enabledSteps(rt, w, policy)) walk(applyStep(rt, w, step), [...trace, stepToJson(rt, w, step)]);
  };
  walk(initialWorld(rt), []);
  return out;
}

const BOUNDS = { maxFaults: 1, maxDepth: 10, maxStates: 10_000, faults: ['fail' as const] };

const cases: Array<[string, (s: Record<string, string>) => boolean, Array<keyof typeof STIMULI>, StepJson[]]> = [
  // The search meets [w, fail] first; [x, x] is as short with no fault.
  ['fewer faults: p done by two x rather than by a failed call', (s) => s.p === 's2', ['w', 'x'], [{ do: 'stimulus', name: 'x' }, { do: 'stimulus', name: 'x' }]],
  // The search meets [z, y] first (one switch); [x, x] has none.
  [
    'fewer switches: p done rather than q and r done',
    (s) => s.p === 's2' || (s.q === 's1' && s.r === 's1'),
    ['z', 'x', 'y'],
    [{ do: 'stimulus', name: 'x' }, { do: 'stimulus', name: 'x' }],
  ],
  // One state, reached first by [x, y, x] (two switches) and then by [x, x, y] (one).
  [
    'fewer switches on the way to one state: p done and q done',
    (s) => s.p === 's2' && s.q === 's1',
    ['z', 'x', 'y'],
    [{ do: 'stimulus', name: 'x' }, { do: 'stimulus', name: 'x' }, { do: 'stimulus', name: 'y' }],
  ],
];

describe('the trace of a finding is the best by (steps, faults, switches)', () => {
  for (const [name, bad, order, expected] of cases) {
    it(name, () => {
      const sys = system(bad, order);
      const [f] = explore(runtimeOf(sys), { bounds: BOUNDS }).findings;
      expect(f.trace).toEqual(expected);
      // Brute force over every trace agrees on the best (steps, faults, switches).
      const key = (t: StepJson[]) => [t.length, t.filter((s) => s.do === 'fail').length, switchesOf(sys, t)];
      const best = allViolatingTraces(sys, 5).map(key).sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2])[0];
      expect(key(f.trace)).toEqual(best);
      expect([f.faults, f.switches]).toEqual(best.slice(1));
    });
  }
});

/** Three counters (p, q, r: 0 to 2), turned by stimuli declared in a given order. */
function counters(order: number[], bad: Array<[number, number, number]>): ModelSystem {
  const count = (id: string) =>
    setup({}).createMachine({ id, initial: 'c0', states: { c0: { on: { go: 'c1' } }, c1: { on: { go: 'c2' } }, c2: {} } });
  const names = ['p', 'q', 'r'];
  return {
    actors: Object.fromEntries(names.map((n) => [n, { machine: count(n) }])),
    links: [],
    stimuli: order.map((i) => ({ name: `turn-${names[i]}`, to: names[i], event: { type: 'go' }, times: 2 })),
    properties: [
      {
        kind: 'invariant',
        name: 'never-bad',
        description: 'none of the bad combinations shows',
        holds: (v) => {
          const at = names.map((n) => Number(String(v.actor(n).value).slice(1)));
          return !bad.some((b) => b.every((x, i) => x === at[i]));
        },
      },
    ],
  };
}

const SEED = 20261123;

describe('the ordering rules hold on random systems', () => {
  it(`the reported trace has the fewest switches of all shortest traces, by brute force (seed ${SEED})`, () => {
    const combination = fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2));
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }), fc.array(combination, { minLength: 1, maxLength: 3 }), (order, bad) => {
        fc.pre(!bad.some((b) => b.every((x) => x === 0)));
        const sys = counters(order, bad);
        const [f] = explore(runtimeOf(sys), { bounds: { maxFaults: 0, maxDepth: 10, maxStates: 10_000, faults: [] } }).findings;
        const all = allViolatingTraces(sys, 6);
        const shortest = Math.min(...all.map((t) => t.length));
        const fewest = Math.min(...all.filter((t) => t.length === shortest).map((t) => switchesOf(sys, t)));
        expect([f.trace.length, switchesOf(sys, f.trace), f.switches]).toEqual([shortest, fewest, fewest]);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});

describe('findings explain themselves and group the ways they fail', () => {
  it('a finding says why, naming the step after which it held', () => {
    const { findings } = explore(runtimeOf(system((s) => s.p === 's2', ['x'])), { bounds: BOUNDS });
    expect(findings[0].why).toBe('never-bad broke after step 2 (stimulus x): the bad combination never shows');
  });

  it('states failing the same property are one finding with a count, split by the states of the actors it reads', () => {
    const sys = system((s) => s.p === 's2', ['x', 'y', 'z']);
    const { findings } = explore(runtimeOf(sys), { bounds: BOUNDS });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    // p done, with q and r each done or not: four states, four ways, since the property reads p, q and r.
    expect(f.states).toBe(4);
    expect(f.ways.map((w) => w.way).sort()).toEqual([
      'p: s2, q: s0, r: s0',
      'p: s2, q: s0, r: s1',
      'p: s2, q: s1, r: s0',
      'p: s2, q: s1, r: s1',
    ]);
    expect(f.ways[0].trace).toEqual(f.trace);
    expect(f.ways.map((w) => w.trace.length)).toEqual([...f.ways.map((w) => w.trace.length)].sort((a, b) => a - b));
  });
});
