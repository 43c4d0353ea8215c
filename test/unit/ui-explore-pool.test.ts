/**
 * Explore All Variants without the browser: the work queue behind the worker pool, the pool's size,
 * what a run's row says, what the status bar adds up, and that a variant's findings do not depend on
 * which runs shared the pool or in which order they finished.
 */
import { describe, expect, it } from 'vitest';
import { explore, Runtime, variantBounds, type ExploreResult } from '../../app/engine/index.ts';
import type { ExploreProgress } from '../../app/ui/explore.worker.ts';
import { cutWords, jobProgress, spreadText, jobProgressText, queuedRun, speedOrTime, statesOf, verdictOf, type VariantRun } from '../../app/ui/state/explore-runs.ts';
import { cancelExplore } from '../../app/ui/state/explore-store.ts';
import { poolSize, startQueue } from '../../app/ui/state/work-queue.ts';
import order from '../../machines/order/index.ts';

/** A queue whose runs finish when the test says: `running` lists them, `finish(item)` ends one. */
function manualQueue(items: string[], slots: number) {
  const running = new Map<string, () => void>();
  const started: string[] = [];
  let idle = 0;
  const queue = startQueue(
    items,
    slots,
    (item, finished) => {
      started.push(item);
      running.set(item, finished);
    },
    () => idle++,
  );
  const finish = (item: string) => {
    const done = running.get(item);
    running.delete(item);
    done?.();
  };
  return { queue, running, started, finish, idle: () => idle };
}

describe('the work queue', () => {
  it('starts at most `slots` items, in order, and the next one as soon as one finishes', () => {
    const q = manualQueue(['a', 'b', 'c', 'd', 'e'], 2);
    expect([...q.running.keys()]).toEqual(['a', 'b']);
    q.finish('b');
    expect([...q.running.keys()]).toEqual(['a', 'c']);
    q.finish('a');
    q.finish('c');
    expect([...q.running.keys()]).toEqual(['d', 'e']);
    expect(q.idle()).toBe(0);
    q.finish('e');
    q.finish('d');
    expect(q.started).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(q.idle()).toBe(1);
  });

  it('ignores a second finish of the same item', () => {
    const finishes: Array<() => void> = [];
    let idle = 0;
    startQueue(['a', 'b', 'c'], 1, (_item, finished) => finishes.push(finished), () => idle++);
    finishes[0]();
    finishes[0]();
    expect(finishes).toHaveLength(2);
    finishes[1]();
    finishes[2]();
    expect(idle).toBe(1);
  });

  it('drains the items not started; it is idle once the started ones finish', () => {
    const q = manualQueue(['a', 'b', 'c', 'd'], 2);
    expect(q.queue.drain()).toEqual(['c', 'd']);
    q.finish('a');
    expect(q.started).toEqual(['a', 'b']);
    expect(q.idle()).toBe(0);
    q.finish('b');
    expect(q.idle()).toBe(1);
    expect(q.queue.drain()).toEqual([]);
    expect(q.idle()).toBe(1);
  });

  it('is idle at once with nothing to do, and copes with runs that finish at once', () => {
    expect(manualQueue([], 4).idle()).toBe(1);
    const started: string[] = [];
    let idle = 0;
    const runAtOnce = (item: string, finished: () => void) => {
      started.push(item);
      finished();
    };
    startQueue(['a', 'b', 'c'], 2, runAtOnce, () => idle++);
    expect(started).toEqual(['a', 'b', 'c']);
    expect(idle).toBe(1);
  });
});

describe('the pool size', () => {
  it('has nothing to stop when nothing runs (so nothing is logged as stopping)', () => {
    expect(cancelExplore()).toBe(false);
  });

  it('is one worker per core, no more than there are variants, at least one', () => {
    expect(poolSize(8, 4)).toBe(4);
    expect(poolSize(2, 4)).toBe(2);
    expect(poolSize(1, 4)).toBe(1);
    expect(poolSize(undefined, 4)).toBe(2);
    expect(poolSize(0, 4)).toBe(2);
    expect(poolSize(8, 0)).toBe(1);
  });
});

const bounds = variantBounds(order, 'buggy');
const target = { model: 'order', variant: 'buggy', bounds };
const progress = (states: number, statesPerSecond: number, spread = 0): ExploreProgress => ({ states, transitions: states * 2, depth: 3, statesPerSecond, ms: 100, bytes: states * 50, spread });

function result(patch: Partial<ExploreResult>): ExploreResult {
  return {
    model: 'order',
    variant: 'buggy',
    bounds,
    states: 637,
    transitions: 2105,
    bytes: 0,
    unexpanded: 0,
    complete: true,
    cuts: {},
    depth: 12,
    ms: 47,
    statesPerSecond: 13_579,
    findings: [],
    inconclusive: [],
    witnesses: [],
    ...patch,
  };
}

const run = (patch: Partial<VariantRun>): VariantRun => ({ ...queuedRun(target), ...patch });
const finding = { kind: 'stuck' } as ExploreResult['findings'][number];

describe('a run’s row', () => {
  it('says what it found, and whether it covered everything within the bounds', () => {
    expect(verdictOf(run({ status: 'done', result: result({}) }))).toEqual({ icon: 'pass', tone: 'pass', text: 'no problems within bounds' });
    expect(verdictOf(run({ status: 'done', result: result({ findings: [finding, finding] }) }))).toEqual({ icon: 'error', tone: 'error', text: '2 problems' });
    expect(verdictOf(run({ status: 'done', result: result({ findings: [finding], complete: false, cuts: { cancelled: 1 } }) })).text).toBe('1 problem · stopped');
    expect(verdictOf(run({ status: 'done', result: result({ complete: false, cuts: { cancelled: 1 } }) }))).toEqual({ icon: 'debug-stop', tone: 'warning', text: 'stopped' });
    expect(verdictOf(run({ status: 'done', result: result({ complete: false, cuts: { maxStates: 1 }, inconclusive: [finding] }) }))).toEqual({
      icon: 'warning',
      tone: 'warning',
      text: 'cut by max states · 1 inconclusive',
    });
  });

  it('says how many workers a search was spread over, and why one asked to spread was not', () => {
    expect(spreadText(run({ status: 'running', workers: 3, progress: progress(100, 10) }))).toBe('');
    expect(spreadText(run({ status: 'running', workers: 3, progress: progress(9000, 10, 3) }))).toBe(' · 3 workers');
    expect(spreadText(run({ status: 'done', workers: 3, spread: 3, result: result({}) }))).toBe(' · 3 workers');
    expect(spreadText(run({ status: 'done', workers: 7, spread: 0, result: result({}) }))).toBe(' · one worker: no depth reached the 4,096 states worth spreading');
    expect(spreadText(run({ status: 'done', result: result({}) }))).toBe('');
  });

  it('names the bounds that cut a search as the Explore form does', () => {
    expect(cutWords({ maxDepth: 3, maxMemory: 1 })).toBe('max depth, max memory');
    expect(cutWords({ maxSeconds: 1, cancelled: 1 })).toBe('max seconds');
  });

  it('says where a run is that has no result', () => {
    expect(verdictOf(run({})).text).toBe('queued');
    expect(verdictOf(run({ status: 'running' }))).toEqual({ icon: 'sync', tone: 'busy', text: 'exploring…' });
    expect(verdictOf(run({ status: 'stopping' })).text).toBe('stopping…');
    expect(verdictOf(run({ status: 'skipped' })).text).toBe('stopped before it started');
    expect(verdictOf(run({ status: 'cancelled' })).text).toBe('stopped, nothing kept');
    expect(verdictOf(run({ status: 'error', error: 'no model "x"' }))).toEqual({ icon: 'error', tone: 'error', text: 'failed: no model "x"' });
  });

  it('shows states and speed while it runs, states and time once done', () => {
    expect(statesOf(run({}))).toBeNull();
    expect(speedOrTime(run({}))).toBe('');
    const running = run({ status: 'running', progress: progress(1234, 45_727) });
    expect(statesOf(running)).toBe(1234);
    expect(speedOrTime(running)).toBe('45,727/s');
    const done = run({ status: 'done', progress: progress(600, 1), result: result({}) });
    expect(statesOf(done)).toBe(637);
    expect(speedOrTime(done)).toBe('47 ms');
    expect(speedOrTime(run({ status: 'done', result: result({ ms: 2430 }) }))).toBe('2.4 s');
  });
});

describe('the job’s progress', () => {
  it('adds up the states of every run and the speeds of the runs searching now', () => {
    const runs = [
      run({ status: 'done', progress: progress(600, 9000), result: result({}) }),
      run({ status: 'running', progress: progress(10_000, 40_000) }),
      run({ status: 'stopping', progress: progress(2_000, 20_000) }),
      run({}),
      run({ status: 'error', error: 'boom' }),
    ];
    const p = jobProgress(runs);
    expect(p).toEqual({ total: 5, finished: 2, states: 637 + 10_000 + 2_000, statesPerSecond: 60_000 });
    expect(jobProgressText(p)).toBe('5 variants, 2 done: 12,637 states · 60,000/s');
  });
});

describe('findings do not depend on the pool', () => {
  const variants = Object.keys(order.variants);
  const exploreOne = (variant: string) => {
    const { ms: _ms, statesPerSecond: _speed, ...plain } = explore(new Runtime(order, variant), { bounds: variantBounds(order, variant) });
    return plain;
  };

  it('gives each variant the same result explored alone or through a pool of two, in another order', () => {
    const alone = Object.fromEntries(variants.map((v) => [v, exploreOne(v)]));
    const pooled: Record<string, unknown> = {};
    const pending: Array<() => void> = [];
    startQueue(
      variants,
      2,
      (variant, finished) => {
        pooled[variant] = exploreOne(variant);
        pending.unshift(finished);
      },
      () => undefined,
    );
    while (pending.length > 0) pending.shift()?.();
    expect(Object.keys(pooled).sort()).toEqual([...variants].sort());
    for (const v of variants) expect(pooled[v]).toEqual(alone[v]);
  });
});
