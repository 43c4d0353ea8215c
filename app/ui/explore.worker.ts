/**
 * Runs the explorer off the main thread. Receives the model's id, a variant and the bounds (a Model
 * holds functions, so it cannot be posted); posts progress a few times a second, then the result:
 * plain data only (findings with their traces). Stopping raises the request's stop flag: the search
 * ends at its next check and posts what it covered, cut by 'cancelled'. With `workers` above one,
 * this worker coordinates and expand.worker.ts workers expand: the same result, spread.
 */
import { Runtime, explore, exploreParallel, type Bounds, type ExploreOptions, type ExploreResult } from '../engine/index.ts';
import { expandWorkers } from './browser/expand-workers.ts';
import { pollStopFlag } from './browser/stop-flag.ts';
import { findModel } from './models.ts';
import type { SearchLimits } from './state/explore-runs.ts';

export interface ExploreRequest {
  model: string;
  variant: string;
  bounds: Bounds;
  /** How many workers to spread the search over (1: this one alone). */
  workers: number;
  limits?: SearchLimits;
  /** A stop flag's URL (browser/stop-flag.ts). */
  stopFlag: string;
}

export interface ExploreProgress {
  states: number;
  transitions: number;
  depth: number;
  statesPerSecond: number;
  ms: number;
  /** Bytes the search's tables hold so far. */
  bytes: number;
}

export type ExploreReply =
  | { type: 'progress'; progress: ExploreProgress }
  /** The search has seen the stop flag: it is deciding what it covered, then posts the result. */
  | { type: 'stopping' }
  | { type: 'result'; result: ExploreResult }
  | { type: 'error'; message: string };

const PROGRESS_EVERY_MS = 100;
const post = (reply: ExploreReply) => self.postMessage(reply);

self.onmessage = async (event: MessageEvent<ExploreRequest>) => {
  const { model: id, variant, bounds, workers, limits, stopFlag } = event.data;
  try {
    const model = findModel(id);
    if (!model) throw new Error(`no model "${id}"`);
    if (!(variant in model.variants)) throw new Error(`model "${id}" has no variant "${variant}"`);
    let last = -Infinity;
    const stopRaised = pollStopFlag(stopFlag);
    let acknowledged = false;
    const options: ExploreOptions = {
      bounds,
      maxSeconds: limits?.maxSeconds || undefined,
      maxBytes: limits?.maxMemoryMb ? limits.maxMemoryMb * 2 ** 20 : undefined,
      isCancelled: () => {
        const stop = stopRaised();
        if (stop && !acknowledged) post({ type: 'stopping' });
        acknowledged ||= stop;
        return stop;
      },
      onProgress: ({ states, transitions, depth, ms, bytes }) => {
        if (ms - last < PROGRESS_EVERY_MS) return;
        last = ms;
        post({ type: 'progress', progress: { states, transitions, depth, ms, bytes, statesPerSecond: ms > 0 ? Math.round((states / ms) * 1000) : 0 } });
      },
    };
    post({ type: 'result', result: workers > 1 ? await spread(model.id, variant, options, workers) : explore(new Runtime(model, variant), options) });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};

async function spread(model: string, variant: string, options: ExploreOptions, workers: number): Promise<ExploreResult> {
  const pool = expandWorkers({ model, variant }, workers);
  try {
    return await exploreParallel(new Runtime(findModel(model)!, variant, { journal: true }), options, pool.workers);
  } finally {
    pool.close();
  }
}
