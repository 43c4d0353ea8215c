/**
 * One search in a Web Worker of its own (explore.worker.ts): progress while it runs, then exactly one
 * end. Stopping raises the request's stop flag, so the worker acknowledges, then posts what it
 * covered (cut by 'cancelled'); a worker that does not answer in time is terminated and ends
 * 'cancelled'.
 */
import type { ExploreProgress, ExploreReply, ExploreRequest } from '../explore.worker.ts';
import type { ExploreTarget, VariantRun } from '../state/explore-runs.ts';
import { createStopFlag } from './stop-flag.ts';

/**
 * How long a stopped search may take to acknowledge the stop before its worker is terminated, and,
 * once it has, to decide what it covered (stuck states need the whole graph: seconds for millions
 * of states) and post that.
 */
const STOP_GRACE_MS = 3000;
const ANALYSIS_GRACE_MS = 120_000;

export type SearchEnd = Pick<VariantRun, 'status' | 'result' | 'error'> & Partial<Pick<VariantRun, 'spread'>>;

export interface WorkerSearch {
  stop(): void;
}

export function searchInWorker(target: ExploreTarget, onProgress: (p: ExploreProgress) => void, onEnd: (end: SearchEnd) => void): WorkerSearch {
  const worker = new Worker(new URL('../explore.worker.ts', import.meta.url), { type: 'module' });
  const flag = createStopFlag();
  let stopTimer: ReturnType<typeof setTimeout> | undefined;
  let ended = false;

  const end = (e: SearchEnd) => {
    if (ended) return;
    ended = true;
    clearTimeout(stopTimer);
    worker.terminate();
    // Revoking the flag's URL frees it; a worker that is gone no longer polls it.
    flag.raise();
    onEnd(e);
  };
  const cancelled = () => end({ status: 'cancelled', result: null, error: null });
  worker.onmessage = (event: MessageEvent<ExploreReply>) => {
    const reply = event.data;
    if (ended) return;
    if (reply.type === 'progress') onProgress(reply.progress);
    else if (reply.type === 'stopping') {
      clearTimeout(stopTimer);
      stopTimer = setTimeout(cancelled, ANALYSIS_GRACE_MS);
    }
    else if (reply.type === 'result') end({ status: 'done', result: reply.result, error: null, spread: reply.spread });
    else end({ status: 'error', result: null, error: reply.message });
  };
  worker.onerror = (event) => end({ status: 'error', result: null, error: event.message || 'the explorer worker failed' });
  const request: ExploreRequest = { ...target, workers: target.workers ?? 1, stopFlag: flag.url };
  worker.postMessage(request);

  return {
    stop: () => {
      if (ended || stopTimer !== undefined) return;
      flag.raise();
      stopTimer = setTimeout(cancelled, STOP_GRACE_MS);
    },
  };
}
