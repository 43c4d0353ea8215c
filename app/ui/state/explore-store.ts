/**
 * The explorer run: its status, progress and result, for the model variant it searched. The search
 * itself runs in a Web Worker (explore.worker.ts); stopping it terminates the worker.
 */
import { create } from 'zustand';
import type { Bounds, ExploreResult } from '../../engine/index.ts';
import type { ExploreProgress, ExploreReply, ExploreRequest } from '../explore.worker.ts';

export type ExploreStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

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

export function startExplore(model: string, variant: string, bounds: Bounds, onDone: (s: ExploreState) => void): void {
  stopWorker();
  const w = new Worker(new URL('../explore.worker.ts', import.meta.url), { type: 'module' });
  worker = w;
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
  const request: ExploreRequest = { model, variant, bounds };
  w.postMessage(request);
}

/** Stops a running search; what it found so far is lost with the worker. */
export function cancelExplore(): void {
  if (useExploreStore.getState().status !== 'running') return;
  stopWorker();
  useExploreStore.setState({ status: 'cancelled' });
}

function stopWorker(): void {
  worker?.terminate();
  worker = null;
}
