/**
 * Runs simulations off the main thread, as explore.worker.ts runs the explorer. Two requests:
 * `simulate` (many seeded runs, summarised; progress a few times a second; stopped through a stop
 * flag, with the runs done so far) and `run` (one seeded run: its steps, series and verdicts, to
 * replay it or chart it). Replies are plain data.
 */
import { Runtime, simulate, simulateRun, type RunTrace, type SimulationResult } from '../engine/index.ts';
import { pollStopFlag } from './browser/stop-flag.ts';
import { findModel } from './models.ts';

export type SimulateRequest =
  | { type: 'simulate'; model: string; variant: string; runs: number; seed: number; stopFlag: string }
  | { type: 'run'; model: string; variant: string; seed: number };

export interface SimulationProgress {
  done: number;
  total: number;
  steps: number;
  stepsPerSecond: number;
  ms: number;
}

export type SimulateReply =
  | { type: 'progress'; progress: SimulationProgress }
  | { type: 'result'; result: SimulationResult }
  | { type: 'run'; run: RunTrace }
  | { type: 'error'; message: string };

const PROGRESS_EVERY_MS = 100;
const post = (reply: SimulateReply) => self.postMessage(reply);

function runtime(id: string, variant: string): Runtime {
  const model = findModel(id);
  if (!model) throw new Error(`no model "${id}"`);
  if (!(variant in model.variants)) throw new Error(`model "${id}" has no variant "${variant}"`);
  return new Runtime(model, variant);
}

self.onmessage = (event: MessageEvent<SimulateRequest>) => {
  const request = event.data;
  try {
    const rt = runtime(request.model, request.variant);
    if (request.type === 'run') {
      post({ type: 'run', run: simulateRun(rt, request.seed) });
      return;
    }
    const started = performance.now();
    let last = -Infinity;
    let steps = 0;
    const result = simulate(rt, {
      runs: request.runs,
      seed: request.seed,
      isCancelled: pollStopFlag(request.stopFlag),
      onRun: (done, run) => {
        steps += run.steps;
        const ms = performance.now() - started;
        if (ms - last < PROGRESS_EVERY_MS && done < request.runs) return;
        last = ms;
        post({ type: 'progress', progress: { done, total: request.runs, steps, ms, stepsPerSecond: ms > 0 ? Math.round((steps / ms) * 1000) : 0 } });
      },
    });
    post({ type: 'result', result });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
