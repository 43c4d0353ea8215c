/**
 * Simulation in a Web Worker (simulate.worker.ts): the status, progress and result of the current
 * simulation, and single seeded runs on demand (to replay one, or to chart it). Stop asks the worker
 * to finish the run it is in and answer with the runs done so far; stopping again while it does
 * (a very long run) terminates it, and the runs done are lost.
 */
import { create } from 'zustand';
import type { RunTrace, SimulationResult } from '../../engine/index.ts';
import { createStopFlag, type StopFlag } from '../browser/stop-flag.ts';
import type { SimulateReply, SimulateRequest, SimulationProgress } from '../simulate.worker.ts';

export type SimulationStatus = 'idle' | 'running' | 'stopping' | 'done' | 'stopped' | 'error';

export interface SimulationState {
  /** `done` includes a simulation stopped with a partial result (`result.cancelled`); `stopped` has none. */
  status: SimulationStatus;
  model: string | null;
  variant: string | null;
  runs: number;
  seed: number;
  progress: SimulationProgress | null;
  result: SimulationResult | null;
  error: string | null;
}

const idle: SimulationState = { status: 'idle', model: null, variant: null, runs: 0, seed: 1, progress: null, result: null, error: null };

export const useSimulationStore = create<SimulationState>()(() => idle);

const newWorker = () => new Worker(new URL('../simulate.worker.ts', import.meta.url), { type: 'module' });

let current: { worker: Worker; flag: StopFlag } | null = null;

export function startSimulation(model: string, variant: string, runs: number, seed: number, onDone: (s: SimulationState) => void): void {
  endWorker();
  const worker = newWorker();
  const flag = createStopFlag();
  current = { worker, flag };
  useSimulationStore.setState({ ...idle, status: 'running', model, variant, runs, seed });
  const finish = (patch: Partial<SimulationState>) => {
    endWorker();
    useSimulationStore.setState(patch);
    onDone(useSimulationStore.getState());
  };
  worker.onmessage = (event: MessageEvent<SimulateReply>) => {
    const reply = event.data;
    if (reply.type === 'progress') useSimulationStore.setState({ progress: reply.progress });
    else if (reply.type === 'result') finish({ status: 'done', result: reply.result });
    else if (reply.type === 'error') finish({ status: 'error', error: reply.message });
  };
  worker.onerror = (event) => finish({ status: 'error', error: event.message || 'the simulation worker failed' });
  const request: SimulateRequest = { type: 'simulate', model, variant, runs, seed, stopFlag: flag.url };
  worker.postMessage(request);
}

/** Stops after the run in progress (the result covers the runs done); a second stop stops at once, with no result. */
export function stopSimulation(onStopped: (s: SimulationState) => void): void {
  const { status } = useSimulationStore.getState();
  if (!current || (status !== 'running' && status !== 'stopping')) return;
  if (status === 'running') {
    current.flag.raise();
    useSimulationStore.setState({ status: 'stopping' });
    return;
  }
  endWorker();
  useSimulationStore.setState({ status: 'stopped' });
  onStopped(useSimulationStore.getState());
}

function endWorker(): void {
  if (!current) return;
  current.flag.raise();
  current.worker.terminate();
  current = null;
}

/** One seeded run of a variant, in a worker of its own; the same run is computed once. */
export function simulatedRun(model: string, variant: string, seed: number): Promise<RunTrace> {
  const key = `${model}/${variant}/${seed}`;
  let run = runs.get(key);
  if (!run) {
    run = runInWorker({ type: 'run', model, variant, seed });
    runs.set(key, run);
    // A failed run is not kept: asking again tries again.
    run.catch(() => runs.delete(key));
    // Keep the last few: a run may hold a hundred thousand steps.
    if (runs.size > MAX_RUNS) runs.delete(runs.keys().next().value!);
  }
  return run;
}

const runs = new Map<string, Promise<RunTrace>>();
const MAX_RUNS = 6;

function runInWorker(request: SimulateRequest & { type: 'run' }): Promise<RunTrace> {
  return new Promise((resolve, reject) => {
    const worker = newWorker();
    worker.onmessage = (event: MessageEvent<SimulateReply>) => {
      const reply = event.data;
      worker.terminate();
      if (reply.type === 'run') resolve(reply.run);
      else reject(new Error(reply.type === 'error' ? reply.message : 'unexpected reply from the simulation worker'));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the simulation worker failed'));
    };
    worker.postMessage(request);
  });
}
