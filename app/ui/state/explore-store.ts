/**
 * The explorer's runs, one per model variant, and the job running now: one variant (Explore) or every
 * variant of a model (Explore All Variants), searched in a pool of Web Workers, one variant per worker
 * at a time (browser/explore-search.ts). Stopping stops every search of the job: each keeps the
 * partial result it posts, and variants still queued are not started.
 */
import { create } from 'zustand';
import { searchInWorker, type WorkerSearch } from '../browser/explore-search.ts';
import { queuedRun, runKey, type ExploreTarget, type VariantRun } from './explore-runs.ts';
import { startQueue, type WorkQueue } from './work-queue.ts';

/** 'stopping': asked to stop, until every search of the job has answered. */
export type ExploreStatus = 'idle' | 'running' | 'stopping';

export interface ExploreState {
  status: ExploreStatus;
  /** The runs of the last job, as "model/variant" keys in the order they were queued. */
  job: string[];
  /** The latest run of every variant explored in this page, by "model/variant". */
  runs: Record<string, VariantRun>;
}

export const useExploreStore = create<ExploreState>()(() => ({ status: 'idle', job: [], runs: {} }));

export const isExploring = (status: ExploreStatus) => status === 'running' || status === 'stopping';

/** The latest run of a variant, if it was explored. */
export function runOf(state: Pick<ExploreState, 'runs'>, model: string, variant: string): VariantRun | undefined {
  return state.runs[runKey(model, variant)];
}

export function jobRuns(state: Pick<ExploreState, 'job' | 'runs'>): VariantRun[] {
  return state.job.map((key) => state.runs[key]);
}

let queue: WorkQueue<ExploreTarget> | null = null;
const searches = new Map<string, WorkerSearch>();

function patchRun(key: string, patch: Partial<VariantRun>): void {
  useExploreStore.setState((s) => ({ runs: { ...s.runs, [key]: { ...s.runs[key], ...patch } } }));
}

/** Explores the targets, `workers` at a time; `onDone` gets the job's runs once every one has ended. */
export function startExplore(targets: ExploreTarget[], workers: number, onDone: (runs: VariantRun[]) => void): void {
  if (targets.length === 0 || isExploring(useExploreStore.getState().status)) return;
  useExploreStore.setState((s) => {
    const runs = { ...s.runs };
    for (const t of targets) runs[runKey(t.model, t.variant)] = queuedRun(t);
    return { status: 'running', job: targets.map((t) => runKey(t.model, t.variant)), runs };
  });
  queue = startQueue(
    targets,
    workers,
    (target, finished) => {
      const key = runKey(target.model, target.variant);
      patchRun(key, { status: 'running' });
      const search = searchInWorker(
        target,
        (progress) => patchRun(key, { progress }),
        (end) => {
          searches.delete(key);
          patchRun(key, end);
          finished();
        },
      );
      searches.set(key, search);
    },
    () => {
      queue = null;
      useExploreStore.setState({ status: 'idle' });
      onDone(jobRuns(useExploreStore.getState()));
    },
  );
}

/**
 * Stops the job: running searches answer with what they covered (or, if they cannot, with nothing).
 * False when nothing was running.
 */
export function cancelExplore(): boolean {
  if (useExploreStore.getState().status !== 'running') return false;
  useExploreStore.setState((s) => {
    const runs = { ...s.runs };
    for (const key of s.job) {
      if (runs[key].status === 'queued') runs[key] = { ...runs[key], status: 'skipped' };
      else if (runs[key].status === 'running') runs[key] = { ...runs[key], status: 'stopping' };
    }
    return { status: 'stopping', runs };
  });
  queue?.drain();
  for (const search of searches.values()) search.stop();
  return true;
}
