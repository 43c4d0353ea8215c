/**
 * The `parallel` case of `npm run bench`, in a process of its own (the heap and the JIT's state the
 * other cases leave behind halved its figures): one search spread over worker threads (explore
 * --workers): 4 dials of 30 positions (810k states) on this thread, then over 1 and over as many
 * threads as the machine has cores. The result must be the one this thread found. The coordinator
 * keeps the visited set, which bounds the speed-up: its busy time per state (this thread's event loop
 * utilization) gives the most any number of cores could reach, `coordinatorCeiling` states/s.
 * Prints one JSON object per line.
 *
 *   node --import tsx test/bench/parallel.ts
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { explore, exploreParallel, Runtime, variantBounds, type ExploreResult } from '../../app/engine/index.ts';
import { loadModel } from '../../app/cli/models.ts';
import { searchThreads } from '../../app/cli/search-threads.ts';

const line = (o: object) => console.log(JSON.stringify(o));
const dir = 'test/fixtures/machines';
const dials = await loadModel('dials', dir);
const bounds = variantBounds(dials, '4x30', { maxFaults: 0, maxDepth: 1e9, maxStates: 100_000_000 });
const outcome = (r: ExploreResult) => JSON.stringify({ ...r, ms: 0, statesPerSecond: 0, bytes: 0 });
explore(new Runtime(dials, '4x30'), { bounds }); // warm-up
const alone = explore(new Runtime(dials, '4x30'), { bounds });
line({ case: 'parallel', model: 'dials', variant: '4x30', threads: 0, states: alone.states, ms: alone.ms, statesPerSecond: alone.statesPerSecond });
for (const threads of [...new Set([1, availableParallelism()])]) {
  const pool = searchThreads('dials', '4x30', threads, dir);
  const idle = performance.eventLoopUtilization();
  const r = await exploreParallel(new Runtime(dials, '4x30', { journal: true }), { bounds }, pool.workers);
  const busyMs = performance.eventLoopUtilization(idle).active;
  await pool.close();
  line({
    case: 'parallel',
    model: 'dials',
    variant: '4x30',
    threads,
    states: r.states,
    ms: r.ms,
    statesPerSecond: r.statesPerSecond,
    speedup: Number((alone.ms / Math.max(r.ms, 1)).toFixed(2)),
    coordinatorUsPerState: Number(((busyMs * 1000) / r.states).toFixed(2)),
    coordinatorCeiling: Math.round((r.states / busyMs) * 1000),
    sameAsOneThread: outcome(r) === outcome(alone),
  });
}
