/**
 * Runs the explorer off the main thread. Receives the model's id, a variant and the bounds (a Model
 * holds functions, so it cannot be posted); posts progress a few times a second, then the result:
 * plain data only (findings with their traces). Stopping raises the request's stop flag: the search
 * ends at its next check and posts what it covered, cut by 'cancelled'.
 */
import { Runtime, explore, type Bounds, type ExploreResult } from '../engine/index.ts';
import { pollStopFlag } from './browser/stop-flag.ts';
import { findModel } from './models.ts';

export interface ExploreRequest {
  model: string;
  variant: string;
  bounds: Bounds;
  /** A stop flag's URL (browser/stop-flag.ts). */
  stopFlag: string;
}

export interface ExploreProgress {
  states: number;
  transitions: number;
  depth: number;
  statesPerSecond: number;
  ms: number;
}

export type ExploreReply =
  | { type: 'progress'; progress: ExploreProgress }
  /** The search has seen the stop flag: it is deciding what it covered, then posts the result. */
  | { type: 'stopping' }
  | { type: 'result'; result: ExploreResult }
  | { type: 'error'; message: string };

const PROGRESS_EVERY_MS = 100;
const post = (reply: ExploreReply) => self.postMessage(reply);

self.onmessage = (event: MessageEvent<ExploreRequest>) => {
  const { model: id, variant, bounds, stopFlag } = event.data;
  try {
    const model = findModel(id);
    if (!model) throw new Error(`no model "${id}"`);
    if (!(variant in model.variants)) throw new Error(`model "${id}" has no variant "${variant}"`);
    let last = -Infinity;
    const stopRaised = pollStopFlag(stopFlag);
    let acknowledged = false;
    const result = explore(new Runtime(model, variant), {
      bounds,
      isCancelled: () => {
        const stop = stopRaised();
        if (stop && !acknowledged) post({ type: 'stopping' });
        acknowledged ||= stop;
        return stop;
      },
      onProgress: ({ states, transitions, depth, ms }) => {
        if (ms - last < PROGRESS_EVERY_MS) return;
        last = ms;
        post({ type: 'progress', progress: { states, transitions, depth, ms, statesPerSecond: ms > 0 ? Math.round((states / ms) * 1000) : 0 } });
      },
    });
    post({ type: 'result', result });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
