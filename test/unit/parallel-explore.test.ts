/**
 * One search over several workers: the same states, findings and traces as on one thread, whatever
 * the number of workers and however the depths are cut into batches (workers here run on this
 * thread, each with its own runtime, so their ids diverge exactly as threads' would).
 */
import { describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import { explore, Runtime, send, variantBounds, type Bounds, type ExploreResult, type Model, type WorldView } from '../../app/engine/index.ts';
import { ExpansionServer, inOrderChannel, inThreadWorker, type ExpansionRequest } from '../../app/engine/parallel/expansion.ts';
import { batchStarts, exploreParallel, type Split } from '../../app/engine/parallel/explore-parallel.ts';
import { IdMap } from '../../app/engine/parallel/id-map.ts';
import { applyStep, initialWorld } from '../../app/engine/apply.ts';
import { Checks } from '../../app/engine/checks.ts';
import { Encoder, shapeOf } from '../../app/engine/codec.ts';
import { pack, StateStore } from '../../app/engine/state-store.ts';
import { enabledSteps } from '../../app/engine/steps.ts';
import { mulberry32 } from '../../app/engine/random.ts';
import { loadModels } from '../../app/cli/models.ts';
import { testModel } from './helpers.ts';
import { dialsSystem } from '../fixtures/dials.ts';
import type { World } from '../../app/engine/world.ts';

const models = await loadModels();
const ALL: Partial<Bounds> = { maxFaults: 2, faults: ['drop', 'delay', 'fail', 'expire', 'crash', 'overlap'] };

/** A result without its timings and table sizes (which depend on the machine and on how it grew). */
function outcome(r: ExploreResult) {
  const { ms: _ms, statesPerSecond: _sps, bytes: _bytes, ...rest } = r;
  return rest;
}

async function inParallel(model: Model, variant: string, bounds: Bounds, workers: number, split: Split) {
  const pool = Array.from({ length: workers }, () => inThreadWorker(new Runtime(model, variant, { journal: true })));
  return exploreParallel(new Runtime(model, variant, { journal: true }), { bounds }, pool, split);
}

describe('a search over several workers', () => {
  for (const model of models) {
    it(`${model.id}: every variant gives the same result with 1 and 3 workers as on one thread`, async () => {
      for (const variant of Object.keys(model.variants)) {
        const bounds = variantBounds(model, variant, {});
        const alone = outcome(explore(new Runtime(model, variant), { bounds }));
        for (const workers of [1, 3]) {
          const spread = outcome(await inParallel(model, variant, bounds, workers, { minStates: 1, maxBatch: 32 }));
          expect(spread, `${variant} with ${workers} workers`).toEqual(alone);
        }
      }
    });
  }
});

describe('a search over several workers, fuzzed', () => {
  // Each seed draws a model variant, a fault budget, a number of workers and a way to cut the depths.
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`seed ${seed}: the same result as on one thread`, async () => {
      const random = mulberry32(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
      const model = pick(models.filter((m) => m.id !== 'ocsp-updater')); // the slowest to step; covered above
      const variant = pick(Object.keys(model.variants));
      const bounds = variantBounds(model, variant, { ...ALL, maxFaults: Math.floor(random() * 3) });
      const workers = 1 + Math.floor(random() * 4);
      const split = { minStates: 1 + Math.floor(random() * 64), maxBatch: 1 + Math.floor(random() * 64) };
      const alone = outcome(explore(new Runtime(model, variant), { bounds }));
      expect(outcome(await inParallel(model, variant, bounds, workers, split)), `${model.id}/${variant}, ${workers} workers`).toEqual(alone);
    });
  }
});

describe('the batches of a depth', () => {
  // Each seed draws a depth, a batch size and the size the ramps start from.
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`seed ${seed}: cover its states in order, at most a batch each, small at both ends`, () => {
      const random = mulberry32(seed);
      for (let i = 0; i < 200; i++) {
        const from = Math.floor(random() * 1000);
        const end = from + 1 + Math.floor(random() * 50_000);
        const batch = 1 + Math.floor(random() * 4096);
        const least = 1 + Math.floor(random() * 300);
        const starts = batchStarts(from, end, batch, least);
        expect(starts[0]).toBe(from);
        expect(starts[starts.length - 1]).toBe(end);
        const sizes = starts.slice(1).map((s, b) => s - starts[b]);
        for (const size of sizes) {
          expect(size).toBeGreaterThan(0);
          expect(size).toBeLessThanOrEqual(batch);
        }
        // A depth wide enough to ramp starts and ends with a batch of `least` states.
        if (end - from > 4 * least && least < batch) {
          expect(sizes[0]).toBe(least);
          expect(sizes[sizes.length - 1]).toBe(least);
        }
      }
    });
  }
});

describe('a search over several workers, cut by a bound', () => {
  const model = models.find((m) => m.id === 'alias-check')!;
  for (const cut of [{ maxStates: 5000 }, { maxDepth: 12 }]) {
    it(`stops where one thread stops, with the same partial result (${JSON.stringify(cut)})`, async () => {
      const bounds = variantBounds(model, 'original', { ...ALL, ...cut });
      const alone = explore(new Runtime(model, 'original'), { bounds });
      expect(alone.complete).toBe(false);
      expect(outcome(await inParallel(model, 'original', bounds, 2, { minStates: 1, maxBatch: 50 }))).toEqual(outcome(alone));
    });
  }

  it('a cancel keeps the partial result and names the cut', async () => {
    const bounds = variantBounds(model, 'original', ALL);
    const pool = [1, 2].map(() => inThreadWorker(new Runtime(model, 'original', { journal: true })));
    let polls = 0;
    const r = await exploreParallel(new Runtime(model, 'original', { journal: true }), { bounds, isCancelled: () => ++polls > 3 }, pool, {
      minStates: 1,
      maxBatch: 100,
    });
    expect(r.complete).toBe(false);
    expect(r.cuts.cancelled).toBe(1);
    expect(r.states).toBeGreaterThan(2000);
    expect(r.unexpanded).toBeGreaterThan(0);
  });
});

describe('what a worker creates', () => {
  // A producer sends either of two messages over an unordered link: their ids decide their order there.
  const producer = setup({}).createMachine({
    id: 'producer',
    on: { one: { actions: send('consumer', { type: 'm', n: 1 }) }, two: { actions: send('consumer', { type: 'm', n: 2 }) } },
  });
  const consumer = setup({}).createMachine({ id: 'consumer', on: { m: {} } });
  const model = testModel({
    actors: { producer: { machine: producer }, consumer: { machine: consumer } },
    links: [{ from: 'producer', to: 'consumer' }],
    stimuli: [
      { name: 'one', to: 'producer', event: { type: 'one' } },
      { name: 'two', to: 'producer', event: { type: 'two' } },
    ],
    properties: [
      { kind: 'invariant', name: 'only-one', description: 'message 2 is never sent', holds: (w) => !w.inFlight().some((m) => (m.event as { n?: number }).n === 2) },
      { kind: 'possible', name: 'some-mail', description: 'a message is in flight', goal: (w) => w.inFlight().length > 0 },
    ],
  });
  /** The runtime's creations from `from` on, after it steps the producer on each event in turn. */
  const creating = (rt: Runtime, ...events: string[]) => {
    const from = rt.creations!.length;
    const p = rt.actor('producer');
    for (const type of events) rt.localStep(p, rt.initial[p].snap, rt.eventId({ type }));
    return rt.creations!.slice(from);
  };

  it('are mapped to the coordinator ids one thread would give them, and vectors renumbered', () => {
    const coordinator = new Runtime(model, 'main', { journal: true });
    const worker = new Runtime(model, 'main', { journal: true });
    const map = new IdMap(coordinator, shapeOf(coordinator), coordinator.sizes());
    creating(coordinator, 'one'); // another worker's state, taken first
    const made = creating(worker, 'two');
    expect(map.admits(made)).toBe(true);
    map.apply(made);
    const mine = worker.sizes().messages - 1;
    const theirs = coordinator.sizes().messages - 1;
    expect(mine).not.toBe(theirs);
    expect(map.message(mine)).toBe(theirs);
    expect(coordinator.messages.values[theirs].event).toBe(coordinator.eventId({ type: 'm', n: 2 } as { type: string }));
  });

  it('are refused when the coordinator would number them the other way round', () => {
    const coordinator = new Runtime(model, 'main', { journal: true });
    const worker = new Runtime(model, 'main', { journal: true });
    const map = new IdMap(coordinator, shapeOf(coordinator), coordinator.sizes());
    creating(coordinator, 'two');
    // The worker numbers message 1 before message 2; the coordinator already gave message 2 the lower id.
    expect(map.admits(creating(worker, 'one', 'two'))).toBe(false);
  });

  it('mark the successors that hold them: the others go packed and hashed, as the coordinator files them', () => {
    const coordinator = new Runtime(model, 'main', { journal: true });
    const server = new ExpansionServer(new Runtime(model, 'main', { journal: true }));
    const start = initialWorld(coordinator);
    const encoder = new Encoder();
    const len = encoder.encode(start);
    const buffer = new Uint8Array(5 * len);
    const packed = buffer.slice(0, pack(encoder.buffer, len, buffer, 0));
    const states = new StateStore();
    states.intern(encoder.buffer, len);
    const sync = () => {
      const creations = coordinator.creations!.filter((c) => c.kind === 'step' || c.kind === 'message' || c.kind === 'work');
      expect(server.handle({ type: 'sync', maxFaults: 0, faults: [], creations, sizes: coordinator.sizes() })).toEqual({ type: 'synced' });
    };
    const expand = () => {
      const reply = server.handle({ type: 'expand', bytes: packed.slice(), ends: Int32Array.of(packed.length) });
      if (reply.type !== 'expanded') throw new Error(reply.type);
      return reply;
    };
    sync();
    // Each stimulus makes the producer send a message the worker's runtime numbers for the first time.
    const first = expand();
    expect([...first.fresh]).toEqual([1, 1]);
    coordinator.replay(first.creations.flatMap(([, c]) => c));
    sync();
    // Synced, the worker numbers everything as the coordinator does: its packed successors are the coordinator's own.
    const again = expand();
    expect([...again.fresh]).toEqual([0, 0]);
    const checks = new Checks(coordinator);
    const asked = new Uint8Array(checks.width);
    enabledSteps(coordinator, start, { maxFaults: 0, faults: new Set() }).forEach((step, j) => {
      const next = applyStep(coordinator, start, step);
      const id = states.intern(encoder.buffer, encoder.encode(next));
      expect(states.internPacked(again.bytes, j === 0 ? 0 : again.ends[j - 1], again.ends[j], again.hashes[j])).toBe(id);
      // The worker answered the successor's properties as the coordinator asks them.
      checks.answer(next, asked, 0);
      expect([...again.answers.subarray(j * checks.width, (j + 1) * checks.width)]).toEqual([...asked]);
    });
    expect(states.count).toBe(3);
    // Message 1 in flight: the invariant holds, a message is in flight, nothing stale; message 2 breaks the invariant.
    expect([...again.answers]).toEqual([0, 1, 0, 1, 1, 0]);
  });

  it('are forgotten on rollback and replayed to the same ids', () => {
    const coordinator = new Runtime(model, 'main', { journal: true });
    const worker = new Runtime(model, 'main', { journal: true });
    worker.mark();
    const fresh = worker.sizes();
    creating(worker, 'two', 'one');
    worker.rollback();
    expect(worker.sizes()).toEqual(fresh);
    worker.replay(creating(coordinator, 'one', 'two'));
    expect(worker.sizes()).toEqual(coordinator.sizes());
    expect(worker.messages.keys).toEqual(coordinator.messages.keys);
  });
});

describe("a worker's reply", () => {
  it('sends each world once per batch, however many the batch holds, and names the first copy of each repeat', () => {
    // 4 dials of 18: the successors of 3,000 states, many of them reached from several states.
    const model = testModel(dialsSystem(4, 18), 'dials');
    const coordinator = new Runtime(model, 'main', { journal: true });
    const worlds: World[] = [];
    explore(coordinator, { bounds: variantBounds(model, 'main', { maxFaults: 0, maxDepth: 1e9, maxStates: 3_000 }), onState: (w) => worlds.push(w) });
    const server = new ExpansionServer(new Runtime(model, 'main', { journal: true }));
    const creations = coordinator.creations!.filter((c) => c.kind === 'step' || c.kind === 'message' || c.kind === 'work');
    server.handle({ type: 'sync', maxFaults: 0, faults: [], creations, sizes: coordinator.sizes() });
    const encoder = new Encoder();
    const buffer = new Uint8Array(1 << 20);
    const ends = new Int32Array(worlds.length);
    let at = 0;
    worlds.forEach((w, i) => (ends[i] = at = pack(encoder.buffer, encoder.encode(w), buffer, at)));
    const reply = server.handle({ type: 'expand', bytes: buffer.slice(0, at), ends });
    if (reply.type !== 'expanded') throw new Error(reply.type);
    const sent = new Map<string, number>();
    let repeats = 0;
    for (let j = 0; j < reply.repeats.length; j++) {
      if (reply.repeats[j] >= 0) {
        repeats++;
        expect(reply.repeats[reply.repeats[j]]).toBe(-1);
        expect(reply.hashes[j]).toBe(reply.hashes[reply.repeats[j]]);
        continue;
      }
      const key = reply.bytes.subarray(j === 0 ? 0 : reply.ends[j - 1], reply.ends[j]).join(',');
      expect(sent.has(key), `successor ${j} was sent before as ${sent.get(key)}`).toBe(false);
      sent.set(key, j);
    }
    // Far more distinct worlds than the table starts with, and most successors are repeats.
    expect(sent.size).toBeGreaterThan(2_000);
    expect(repeats).toBeGreaterThan(sent.size);
  });
});

describe('a model that throws, over several workers', () => {
  it('fails with the error one thread reports', async () => {
    // The counter throws at 40: deep enough that workers meet it first.
    const counter = setup({ types: { context: {} as { n: number } } }).createMachine({
      id: 'counter',
      context: { n: 0 },
      on: {
        up: {
          actions: assign({
            n: ({ context }) => {
              if (context.n === 40) throw new Error('too far');
              return context.n + 1;
            },
          }),
        },
      },
    });
    const system = {
      actors: { a: { machine: counter }, b: { machine: counter } },
      links: [],
      stimuli: ['a', 'b'].map((to) => ({ name: `up-${to}`, to, event: { type: 'up' }, times: Infinity })),
      properties: [],
    };
    const model = testModel(system);
    const bounds = variantBounds(model, 'main', { maxFaults: 0, maxDepth: 1e9 });
    expect(() => explore(new Runtime(model, 'main'), { bounds })).toThrow(/actor a threw on up: too far/);
    await expect(inParallel(model, 'main', bounds, 2, { minStates: 1, maxBatch: 8 })).rejects.toThrow(/actor a threw on up: too far/);

    // A property that throws, which the workers ask first now.
    const far = (w: WorldView) => {
      if (w.actor('b').context.n === 30) throw new Error('b is too far to judge');
      return true;
    };
    const judged = testModel({ ...system, properties: [{ kind: 'invariant', name: 'judged', description: 'judged', holds: far }] });
    let alone = '';
    try {
      explore(new Runtime(judged, 'main'), { bounds });
    } catch (e) {
      alone = (e as Error).message;
    }
    expect(alone).toBe('property "judged" threw: b is too far to judge');
    await expect(inParallel(judged, 'main', bounds, 2, { minStates: 1, maxBatch: 8 })).rejects.toThrow(alone);
  });
});

describe('the channel to a worker', () => {
  it('answers requests in order and, once broken, rejects every request, waiting or new', async () => {
    const posted: ExpansionRequest[] = [];
    const channel = inOrderChannel((message) => posted.push(message));
    const expand: ExpansionRequest = { type: 'expand', bytes: new Uint8Array(0), ends: new Int32Array(0) };
    const first = channel.worker.request(expand, []);
    const second = channel.worker.request(expand, []);
    channel.receive({ type: 'synced' });
    expect(await first).toEqual({ type: 'synced' });
    channel.fail(new Error('the thread exited'));
    await expect(second).rejects.toThrow('the thread exited');
    // A request after the failure is not posted to a thread that is gone, and does not wait forever.
    await expect(channel.worker.request(expand, [])).rejects.toThrow('the thread exited');
    expect(posted).toHaveLength(2);
  });
});
