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

/** A search shorter than this is timed again, each time with a fresh runtime, until the runs add up to it. */
const MIN_TIMED_MS = 300;

export async function measure(model: Model, variant: string, overrides: Partial<Bounds>, warmUps = 3, minTimedMs = MIN_TIMED_MS) {
  const bounds = variantBounds(model, variant, overrides);
  for (let i = 0; i < warmUps; i++) explore(new Runtime(model, variant), { bounds });
  const rt = new Runtime(model, variant);
  const before = await heap();
  let peak = before;
  let t0 = performance.now();
  const result = explore(rt, {
    bounds,
    onProgress: () => (peak = Math.max(peak, used())),
  });
  let ms = performance.now() - t0;
  const after = Math.max(peak, used());
  live.push(rt);
  const retained = (await heap()) - before;
  live.pop();
  // A search of a few milliseconds, timed once, is mostly noise: time it again until the runs add up.
  let runs = 1;
  for (; ms < minTimedMs; runs++) {
    const fresh = new Runtime(model, variant);
    t0 = performance.now();
    explore(fresh, { bounds });
    ms += performance.now() - t0;
  }
  return {
    model: model.id,
    variant,
    maxFaults: bounds.maxFaults,
    faults: bounds.faults.join(','),
    states: result.states,
    transitions: result.transitions,
    complete: result.complete,
    runs,
    // A search's mean time, and states per second over all the runs.
    ms: Math.round(ms / runs),
    statesPerSecond: Math.round(((result.states * runs) / ms) * 1000),
    tableBytesPerState: Math.round(result.bytes / result.states),
    bytesPerState: Math.round((result.bytes + Math.max(0, retained)) / result.states),
    peakHeapBytesPerState: Math.round((after - before) / result.states),
    findings: result.findings.length,
  };
}
