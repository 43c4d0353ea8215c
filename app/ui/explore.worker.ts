/**
 * Runs the explorer off the main thread. Receives the model's id, a variant and the bounds (a Model
 * holds functions, so it cannot be posted); posts progress a few times a second, then the result:
 * plain data only (findings with their traces). Stopping raises the request's stop flag: the search
 * ends at its next check and posts what it covered, cut by 'cancelled'. With `workers` above one,
 * this worker coordinates and expand.worker.ts workers expand: the same result, spread.
 */
import { Runtime, explore, exploreParallel, watchedWorkers, type Bounds, type ExploreOptions, type ExploreResult } from '../engine/index.ts';
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
  /** Workers that have expanded states so far (0: the search has not been spread). */
  spread: number;
}

export type ExploreReply =
  | { type: 'progress'; progress: ExploreProgress }
  /** The search has seen the stop flag: it is deciding what it covered, then posts the result. */
  | { type: 'stopping' }
  /** `spread`: the workers that expanded states for it (0: no depth was wide enough to spread). */
  | { type: 'result'; result: ExploreResult; spread: number }
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
    // The workers a spread search was sent, watched to tell how many took part.
    let watched: ReturnType<typeof watchedWorkers> | null = null;
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
        const spread = watched?.used() ?? 0;
        post({ type: 'progress', progress: { states, transitions, depth, ms, bytes, spread, statesPerSecond: ms > 0 ? Math.round((states / ms) * 1000) : 0 } });
      },
    };
    if (workers <= 1) {
      post({ type: 'result', result: explore(new Runtime(model, variant), options), spread: 0 });
      return;
    }
    const pool = expandWorkers({ model: model.id, variant }, workers);
    try {
      watched = watchedWorkers(pool.workers);
      const result = await exploreParallel(new Runtime(model, variant, { journal: true }), options, watched.workers);
      post({ type: 'result', result, spread: watched.used() });
    } finally {
      pool.close();
    }
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
