/**
 * The explorer run: its status, progress and result, for the model variant it searched. The search
 * itself runs in a Web Worker (explore.worker.ts). Stopping asks the worker to end early, and keeps
 * the partial result it posts (cut by 'cancelled'); a worker that does not answer in time is terminated.
 */
import { create } from 'zustand';
import type { Bounds, ExploreResult } from '../../engine/index.ts';
import { createStopFlag, type StopFlag } from '../browser/stop-flag.ts';
import type { ExploreProgress, ExploreReply, ExploreRequest } from '../explore.worker.ts';

/** 'stopping': asked to stop, waiting for the partial result; 'cancelled': stopped with none. */
export type ExploreStatus = 'idle' | 'running' | 'stopping' | 'done' | 'cancelled' | 'error';

export interface ExploreState {
  status: ExploreStatus;
  /** The model and variant searched. */
  model: string | null;
  variant: string | null;
  bounds: Bounds | null;
  progress: ExploreProgress | null;
  result: ExploreResult | null;
  error: string | null;
}

const idle: ExploreState = { status: 'idle', model: null, variant: null, bounds: null, progress: null, result: null, error: null };

export const useExploreStore = create<ExploreState>()(() => idle);

let worker: Worker | null = null;
let stopFlag: StopFlag | null = null;
let stopTimer: ReturnType<typeof setTimeout> | undefined;

/** How long a stopped search may take to post its partial result before its worker is terminated. */
const STOP_GRACE_MS = 3000;

export function startExplore(model: string, variant: string, bounds: Bounds, onDone: (s: ExploreState) => void): void {
  stopWorker();
  const w = new Worker(new URL('../explore.worker.ts', import.meta.url), { type: 'module' });
  worker = w;
  const flag = createStopFlag();
  stopFlag = flag;
  useExploreStore.setState({ ...idle, status: 'running', model, variant, bounds });
  const finish = (patch: Partial<ExploreState>) => {
    stopWorker();
    useExploreStore.setState(patch);
    onDone(useExploreStore.getState());
  };
  w.onmessage = (event: MessageEvent<ExploreReply>) => {
    const reply = event.data;
    if (reply.type === 'progress') useExploreStore.setState({ progress: reply.progress });
    else if (reply.type === 'result') finish({ status: 'done', result: reply.result });
    else finish({ status: 'error', error: reply.message });
  };
  w.onerror = (event) => finish({ status: 'error', error: event.message || 'the explorer worker failed' });
  const request: ExploreRequest = { model, variant, bounds, stopFlag: flag.url };
  w.postMessage(request);
}

/** Stops a running search; it answers with what it covered, or, if it cannot, with nothing. */
export function cancelExplore(): void {
  if (useExploreStore.getState().status !== 'running') return;
  stopFlag?.raise();
  useExploreStore.setState({ status: 'stopping' });
  stopTimer = setTimeout(() => {
    stopWorker();
    useExploreStore.setState({ status: 'cancelled' });
  }, STOP_GRACE_MS);
}

export const isExploring = (status: ExploreStatus) => status === 'running' || status === 'stopping';

function stopWorker(): void {
  clearTimeout(stopTimer);
  worker?.terminate();
  worker = null;
  // Revoking the flag's URL frees it; a worker that is gone no longer polls it.
  stopFlag?.raise();
  stopFlag = null;
}
