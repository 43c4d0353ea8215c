/**
 * How `npm run bench` measures one search: throughput, and memory per state three ways (see
 * bench.ts). Shared by bench.ts and scale.ts, which measures a scale case in a process of its own.
 */
import { performance } from 'node:perf_hooks';
import { explore, Runtime, variantBounds, type Bounds, type Model } from '../../app/engine/index.ts';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** JavaScript heap plus typed arrays' buffers (the explorer's tables live outside the V8 heap). */
export function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** The heap after a full collection. Typed arrays' buffers are freed after the collection, on a task of their own: wait for it. */
export async function heap(): Promise<number> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc();
  return used();
}

/** Runtimes kept reachable while the heap is measured (a local could be collected once unused). */
const live: Runtime[] = [];

/**
 * How long a case is run before it is timed, and for how long it is then timed (each run with a fresh
 * runtime). The JIT needs some hundreds of milliseconds of a search to settle; one run of a small
 * search is a few milliseconds, mostly noise.
 */
const WARM_MS = 600;
const TIMED_MS = 600;

/**
 * Throughput, then memory, of one search. The memory run comes last and alone: a forced full collection
 * frees the previous runtime, and V8 then throws away the optimised code that held on to it ("weak
 * objects" deoptimisations), so a search timed right after one runs at half speed while it compiles again.
 * `warmMs` 0: no warm-up (the caller warmed the code up). `timedMs` 0: one run, timed and measured at
 * once (a search too big to run twice).
 */
export async function measure(model: Model, variant: string, overrides: Partial<Bounds>, warmMs = WARM_MS, timedMs = TIMED_MS) {
  const bounds = variantBounds(model, variant, overrides);
  const search = () => explore(new Runtime(model, variant), { bounds });
  for (let t0 = performance.now(), n = 0; warmMs > 0 && (n < 3 || performance.now() - t0 < warmMs); n++) search();
  let runs = 0;
  let ms = 0;
  if (timedMs > 0) {
    for (; ms < timedMs; runs++) {
      const t0 = performance.now();
      search();
      ms += performance.now() - t0;
    }
  }
  const rt = new Runtime(model, variant);
  const before = await heap();
  let peak = before;
  const t0 = performance.now();
  const result = explore(rt, {
    bounds,
    onProgress: () => (peak = Math.max(peak, used())),
  });
  if (timedMs === 0) {
    ms = performance.now() - t0;
    runs = 1;
  }
  const after = Math.max(peak, used());
  live.push(rt);
  const retained = (await heap()) - before;
  live.pop();
  return {
    model: model.id,
    variant,
    maxFaults: bounds.maxFaults,
    faults: bounds.faults.join(','),
    states: result.states,
    transitions: result.transitions,
    complete: result.complete,
    runs,
    // A search's mean time, and states per second over all the timed runs.
    ms: Math.round(ms / runs),
    statesPerSecond: Math.round(((result.states * runs) / ms) * 1000),
    tableBytesPerState: Math.round(result.bytes / result.states),
    bytesPerState: Math.round((result.bytes + Math.max(0, retained)) / result.states),
    peakHeapBytesPerState: Math.round((after - before) / result.states),
    findings: result.findings.length,
  };
}
