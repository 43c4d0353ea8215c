/** The scheduler's semantics: links, capacity, timers, faults, budget, stuck detection and bounds. */
import { describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import { initialWorld, ModelError, send, type LinkSpec, type ModelSystem } from '../../app/engine/index.ts';
import { exploreAll, labels, NO_FAULTS, runtimeOf, state, take, walk } from './helpers.ts';

/** On `go`, sends m1 then m2 to the consumer; a full link that fails the send answers `full`. */
const producer = setup({}).createMachine({
  id: 'producer',
  initial: 'idle',
  states: {
    idle: {
      on: { go: { target: 'sent', actions: [send('consumer', { type: 'm', n: 1 }), send('consumer', { type: 'm', n: 2 })] } },
    },
    sent: { on: { full: 'overflowed' } },
    overflowed: {},
  },
});
const consumer = setup({ types: { context: {} as { got: number[] }, events: {} as { type: 'm'; n: number } } }).createMachine({
  id: 'consumer',
  context: { got: [] },
  on: { m: { actions: assign({ got: ({ context, event }) => [...context.got, event.n] }) } },
});

function pipe(link: Partial<LinkSpec>): ModelSystem {
  return {
    actors: { producer: { machine: producer }, consumer: { machine: consumer, crash: true } },
    links: [{ from: 'producer', to: 'consumer', ...link }],
    stimuli: [{ name: 'go', to: 'producer', event: { type: 'go' } }],
    properties: [],
  };
}

const got = (rt: ReturnType<typeof runtimeOf>, w: ReturnType<typeof initialWorld>) =>
  rt.snapshot(rt.actor('consumer'), w.snaps[rt.actor('consumer')]).context.got;

describe('links', () => {
  it('an ordered link delivers only its head, first in first out', () => {
    const rt = runtimeOf(pipe({ ordered: true }));
    const w = walk(rt, 'stimulus go');
    expect(labels(rt, w, NO_FAULTS)).toEqual(['producer → consumer: m {"n":1}']);
    const end = walk(rt, 'stimulus go', 'producer → consumer: m {"n":1}', 'producer → consumer: m {"n":2}');
    expect(got(rt, end)).toEqual([1, 2]);
  });

  it('an unordered link lets any message in flight arrive next', () => {
    const rt = runtimeOf(pipe({}));
    const w = walk(rt, 'stimulus go');
    expect(labels(rt, w, NO_FAULTS)).toEqual(['producer → consumer: m {"n":1}', 'producer → consumer: m {"n":2}']);
    expect(got(rt, take(rt, w, 'producer → consumer: m {"n":2}'))).toEqual([2]);
  });

  it('a full blocking link blocks the sender until there is room', () => {
    const rt = runtimeOf(pipe({ capacity: 1, whenFull: 'block' }));
    const w = walk(rt, 'stimulus go');
    expect(w.queues[0]).toHaveLength(1);
    expect(w.outbox[rt.actor('producer')]).toHaveLength(1);
    const after = take(rt, w, 'producer → consumer: m {"n":1}');
    expect(after.outbox[rt.actor('producer')]).toHaveLength(0);
    expect(labels(rt, after, NO_FAULTS)).toEqual(['producer → consumer: m {"n":2}']);
  });

  it('a full dropping link loses the send silently', () => {
    const rt = runtimeOf(pipe({ capacity: 1, whenFull: 'drop' }));
    const w = walk(rt, 'stimulus go', 'producer → consumer: m {"n":1}');
    expect(labels(rt, w, NO_FAULTS)).toEqual([]);
    expect(got(rt, w)).toEqual([1]);
  });

  it('a full failing link hands the sender its fullReply at once', () => {
    const rt = runtimeOf(pipe({ capacity: 1, whenFull: 'fail', fullReply: { type: 'full' } }));
    const w = walk(rt, 'stimulus go');
    expect(state(rt, w, 'producer')).toBe('overflowed');
    expect(w.queues[0]).toHaveLength(1);
  });

  it('a send on an undeclared link is a model error naming the link', () => {
    const rt = runtimeOf({ ...pipe({}), links: [] });
    expect(() => walk(rt, 'stimulus go')).toThrow(ModelError);
    expect(() => walk(rt, 'stimulus go')).toThrow(/no link producer->consumer/);
  });
});

/** Waits for a reply with a deadline; a second, later timer ticks independently. */
const waiter = setup({}).createMachine({
  id: 'waiter',
  initial: 'waiting',
  states: {
    waiting: { after: { 100: 'late', 200: 'later' }, on: { reply: 'done' } },
    late: {},
    later: {},
    done: {},
  },
});
const replier = setup({}).createMachine({ id: 'replier', entry: send('waiter', { type: 'reply' }) });

function timed(link: Partial<LinkSpec> = {}): ModelSystem {
  return {
    actors: { waiter: { machine: waiter, deadlines: ['xstate.after.200.waiter.waiting'] }, replier: { machine: replier } },
    links: [{ from: 'replier', to: 'waiter', faults: ['drop'], ...link }],
    stimuli: [],
    properties: [],
  };
}

describe('timers', () => {
  it('only the earliest timer may fire, and virtual time jumps to it', () => {
    const rt = runtimeOf(timed());
    const w = initialWorld(rt);
    expect(labels(rt, w, NO_FAULTS)).toEqual(['replier → waiter: reply', 'timer waiter.xstate.after.100.waiter.waiting']);
    const fired = take(rt, w, 'timer waiter.xstate.after.100.waiter.waiting');
    expect(fired.now).toBe(100);
    expect(state(rt, fired, 'waiter')).toBe('late');
  });

  it('leaving a state cancels its after-timers', () => {
    const rt = runtimeOf(timed());
    const w = walk(rt, 'replier → waiter: reply');
    expect(w.timers).toEqual([]);
    expect(labels(rt, w)).toEqual([]);
  });

  it('time cannot pass a message deliver-by moment', () => {
    const rt = runtimeOf(timed({ maxLatency: 50 }));
    expect(labels(rt, initialWorld(rt), NO_FAULTS)).toEqual(['replier → waiter: reply']);
    const rtSlow = runtimeOf(timed({ maxLatency: 150 }));
    expect(labels(rtSlow, initialWorld(rtSlow), NO_FAULTS)).toContain('timer waiter.xstate.after.100.waiter.waiting');
  });
});

describe('faults', () => {
  it('drop loses a message and spends one fault', () => {
    const rt = runtimeOf(timed());
    const w = walk(rt, 'drop replier → waiter: reply');
    expect(w.queues[0]).toEqual([]);
    expect(w.faults).toBe(1);
  });

  it('delay lets the rest of an ordered link overtake its head', () => {
    const rt = runtimeOf(pipe({ ordered: true, faults: ['delay'] }));
    const w = walk(rt, 'stimulus go', 'delay producer → consumer: m {"n":1}');
    expect(labels(rt, w, NO_FAULTS)).toEqual(['producer → consumer: m {"n":2}']);
    expect(w.faults).toBe(1);
  });

  it('fail answers the caller with its failReply instead of delivering', () => {
    const caller = setup({}).createMachine({
      id: 'caller',
      initial: 'calling',
      entry: send('server', { type: 'req' }, { failReply: { type: 'req.failed' } }),
      states: { calling: { on: { 'req.failed': 'failed' } }, failed: {} },
    });
    const server = setup({}).createMachine({ id: 'server' });
    const rt = runtimeOf({
      actors: { caller: { machine: caller }, server: { machine: server } },
      links: [{ from: 'caller', to: 'server', faults: ['fail'] }],
      stimuli: [],
      properties: [],
    });
    const w = walk(rt, 'fail caller → server: req');
    expect(state(rt, w, 'caller')).toBe('failed');
    expect(w.faults).toBe(1);
  });

  it('expire fires a declared deadline before its time; other timers cannot expire', () => {
    const rt = runtimeOf(timed());
    const w = initialWorld(rt);
    expect(labels(rt, w)).toContain('expire early waiter.xstate.after.200.waiter.waiting');
    expect(labels(rt, w)).not.toContain('expire early waiter.xstate.after.100.waiter.waiting');
    const expired = take(rt, w, 'expire early waiter.xstate.after.200.waiter.waiting');
    expect(state(rt, expired, 'waiter')).toBe('later');
    expect(expired.now).toBe(0);
  });

  it('crash restarts an actor from its initial state and loses its timers', () => {
    const rt = runtimeOf(pipe({}));
    const w = walk(rt, 'stimulus go', 'producer → consumer: m {"n":1}');
    expect(got(rt, w)).toEqual([1]);
    const crashed = take(rt, w, 'crash consumer');
    expect(got(rt, crashed)).toEqual([]);
    expect(crashed.faults).toBe(1);
  });

  it('the budget caps faults: none is offered once it is spent', () => {
    const rt = runtimeOf(timed());
    const w = take(rt, initialWorld(rt), 'drop replier → waiter: reply');
    const policy = { maxFaults: 1, faults: new Set(['drop', 'expire'] as const) };
    expect(labels(rt, w, policy)).toEqual(['timer waiter.xstate.after.100.waiter.waiting']);
    const explored = exploreAll(timed(), { maxFaults: 0 });
    expect(explored.findings).toEqual([]);
    expect(explored.states).toBe(4);
  });
});

/** A client whose request to a server may be lost; optionally it retries every second. */
function rpcSystem(options: { retry: boolean; ticker?: boolean }): ModelSystem {
  const client = setup({}).createMachine({
    id: 'client',
    initial: 'waiting',
    entry: send('server', { type: 'req' }),
    states: {
      waiting: {
        on: { res: 'done' },
        ...(options.retry ? { after: { 1000: { target: 'waiting', reenter: true, actions: send('server', { type: 'req' }) } } } : {}),
      },
      done: {},
    },
  });
  const server = setup({}).createMachine({ id: 'server', on: { req: { actions: send('client', { type: 'res' }) } } });
  const ticker = setup({}).createMachine({ id: 'ticker', initial: 'on', states: { on: { after: { 500: { target: 'on', reenter: true } } } } });
  return {
    actors: { client: { machine: client }, server: { machine: server }, ...(options.ticker ? { ticker: { machine: ticker } } : {}) },
    links: [
      { from: 'client', to: 'server', faults: ['drop'], maxLatency: 100 },
      { from: 'server', to: 'client', maxLatency: 100 },
    ],
    stimuli: [],
    properties: [
      {
        kind: 'progress',
        name: 'client-done',
        description: 'the client gets its answer',
        when: (v) => v.actor('client').matches('waiting'),
        goal: (v) => v.actor('client').matches('done'),
      },
    ],
  };
}

describe('stuck detection', () => {
  it('a lost request with no retry leaves the client stuck; the trace shows the drop', () => {
    const r = exploreAll(rpcSystem({ retry: false }), { maxFaults: 1 });
    expect(r.complete).toBe(true);
    expect(r.findings.map((f) => [f.kind, f.property])).toEqual([['stuck', 'client-done']]);
    expect(r.findings[0].trace).toEqual([{ do: 'drop', from: 'client', to: 'server', event: { type: 'req' } }]);
  });

  it('without faults the same system is never stuck', () => {
    expect(exploreAll(rpcSystem({ retry: false }), { maxFaults: 0 }).findings).toEqual([]);
  });

  it('a periodic timer elsewhere does not hide the stuck state', () => {
    const r = exploreAll(rpcSystem({ retry: false, ticker: true }), { maxFaults: 1 });
    expect(r.complete).toBe(true);
    expect(r.findings.map((f) => f.property)).toEqual(['client-done']);
  });

  it('a periodic retry is progress, not a fake stuck state', () => {
    const r = exploreAll(rpcSystem({ retry: true, ticker: true }), { maxFaults: 2 });
    expect(r.complete).toBe(true);
    expect(r.findings).toEqual([]);
  });

  it('a stuck verdict that depends on a cut state is inconclusive, never proven', () => {
    const r = exploreAll(rpcSystem({ retry: true }), { maxFaults: 1, maxDepth: 1 });
    expect(r.complete).toBe(false);
    expect(r.cuts.maxDepth).toBeGreaterThan(0);
    expect(r.findings).toEqual([]);
    expect(r.inconclusive.map((f) => f.property)).toEqual(['client-done']);
  });

  it('maxStates cuts the search and says so', () => {
    const r = exploreAll(rpcSystem({ retry: true, ticker: true }), { maxFaults: 2, maxStates: 5 });
    expect(r.states).toBe(5);
    expect(r.complete).toBe(false);
    expect(r.cuts.maxStates).toBeGreaterThan(0);
  });
});

describe('models that misbehave', () => {
  it('an assign that throws is reported as a model error naming the actor and event', () => {
    const bad = setup({ types: { context: {} as { n: number } } }).createMachine({
      id: 'bad',
      context: { n: 0 },
      on: {
        go: {
          actions: assign({
            n: () => {
              throw new Error('boom');
            },
          }),
        },
      },
    });
    const rt = runtimeOf({ actors: { bad: { machine: bad } }, links: [], stimuli: [{ name: 'go', to: 'bad', event: { type: 'go' } }], properties: [] });
    expect(() => walk(rt, 'stimulus go')).toThrow(/actor bad threw on go: boom/);
  });

  it('an unknown variant is a model error listing the variants', async () => {
    const { Runtime } = await import('../../app/engine/index.ts');
    const { testModel } = await import('./helpers.ts');
    expect(() => new Runtime(testModel(pipe({})), 'nope')).toThrow(/has no variant "nope" \(it has: main\)/);
  });
});
