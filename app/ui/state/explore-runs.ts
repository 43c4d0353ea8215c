/**
 * The explorer's runs as plain data: one per model variant, whichever worker searched it. What a run
 * says (its verdict, its speed or time) and what a job of several runs adds up to are pure functions
 * of that data, shared by the side bar, the status bar, the Problems panel and the model tree.
 */
import { SPREAD_FROM, type Bounds, type CutReason, type ExploreResult } from '../../engine/index.ts';
import type { ExploreProgress } from '../explore.worker.ts';

/** A variant to explore and the bounds to explore it in. */
export interface ExploreTarget {
  model: string;
  variant: string;
  bounds: Bounds;
  /** Workers the one search is spread over (default 1: its own worker alone). */
  workers?: number;
  /** When to cut the search short besides its bounds (default: never). */
  limits?: SearchLimits;
}

/** A search's limits of time and memory, each 0 for none. */
export interface SearchLimits {
  maxSeconds: number;
  /** Megabytes the search's tables may hold. */
  maxMemoryMb: number;
}

/**
 * 'queued': waiting for a free worker; 'stopping': asked to stop, waiting for its partial result;
 * 'cancelled': stopped and its worker did not answer, so nothing was kept; 'skipped': stopped before
 * it started.
 */
export type RunStatus = 'queued' | 'running' | 'stopping' | 'done' | 'cancelled' | 'skipped' | 'error';

export interface VariantRun extends ExploreTarget {
  status: RunStatus;
  progress: ExploreProgress | null;
  result: ExploreResult | null;
  error: string | null;
  /** Workers that expanded states for it (0: it ran on its own worker alone). */
  spread: number;
}

export const runKey = (model: string, variant: string) => `${model}/${variant}`;

export function queuedRun(target: ExploreTarget): VariantRun {
  return { ...target, status: 'queued', progress: null, result: null, error: null, spread: 0 };
}

export const isActive = (run: VariantRun) => run.status === 'queued' || run.status === 'running' || run.status === 'stopping';

export type VerdictTone = 'pass' | 'error' | 'warning' | 'busy' | 'muted';

export interface Verdict {
  /** A codicon name. */
  icon: string;
  tone: VerdictTone;
  text: string;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

/** What a run found, or where it is: "no problems within bounds", "2 problems", "cut by maxStates", "failed: …". */
export function verdictOf(run: VariantRun): Verdict {
  switch (run.status) {
    case 'queued':
      return { icon: 'clock', tone: 'muted', text: 'queued' };
    case 'running':
      return { icon: 'sync', tone: 'busy', text: 'exploring…' };
    case 'stopping':
      return { icon: 'sync', tone: 'busy', text: 'stopping…' };
    case 'cancelled':
      return { icon: 'debug-stop', tone: 'warning', text: 'stopped, nothing kept' };
    case 'skipped':
      return { icon: 'circle-slash', tone: 'muted', text: 'stopped before it started' };
    case 'error':
      return { icon: 'error', tone: 'error', text: `failed: ${run.error ?? 'unknown error'}` };
    case 'done':
      return run.result ? resultVerdict(run.result) : { icon: 'error', tone: 'error', text: 'failed: no result' };
  }
}

/**
 * What the workers of one search did, for its summary: " · 3 workers" once it was spread over
 * them; when it ended without being spread, why not. Nothing for a search asked to use one worker.
 */
export function spreadText(run: VariantRun): string {
  const spread = run.status === 'done' ? run.spread : (run.progress?.spread ?? 0);
  if (spread > 0) return ` · ${spread} workers`;
  if ((run.workers ?? 1) > 1 && run.status === 'done') return ` · one worker: no depth reached the ${SPREAD_FROM.toLocaleString('en')} states worth spreading`;
  return '';
}

/** The bounds that cut a search, in the words of the Explore form: "max states, max depth". */
export function cutWords(cuts: ExploreResult['cuts']): string {
  return (Object.keys(cuts) as CutReason[])
    .filter((c) => c !== 'cancelled')
    .map((c) => CUT_WORDS[c])
    .join(', ');
}

const CUT_WORDS: Record<CutReason, string> = {
  maxStates: 'max states',
  maxDepth: 'max depth',
  maxSeconds: 'max seconds',
  maxMemory: 'max memory',
  cancelled: 'stop',
};

function resultVerdict(r: ExploreResult): Verdict {
  const found = r.findings.length;
  const coverage = r.cuts.cancelled ? 'stopped' : r.complete ? null : `cut by ${cutWords(r.cuts)}`;
  const parts = [
    found > 0 ? plural(found, 'problem') : coverage ? null : 'no problems within bounds',
    coverage,
    r.inconclusive.length > 0 ? `${r.inconclusive.length.toLocaleString('en')} inconclusive` : null,
  ].filter((p) => p !== null);
  const text = parts.join(' · ');
  if (found > 0) return { icon: 'error', tone: 'error', text };
  if (r.cuts.cancelled) return { icon: 'debug-stop', tone: 'warning', text };
  if (!r.complete) return { icon: 'warning', tone: 'warning', text };
  return { icon: 'pass', tone: 'pass', text };
}

/** States covered so far, or in the end; null before a run has any. */
export function statesOf(run: VariantRun): number | null {
  return run.result?.states ?? run.progress?.states ?? null;
}

/** While a run searches, its speed ("45,727/s"); once it has a result, the time it took ("319 ms", "2.4 s"). */
export function speedOrTime(run: VariantRun): string {
  if (run.result) return run.result.ms < 1000 ? `${Math.round(run.result.ms)} ms` : `${(run.result.ms / 1000).toFixed(1)} s`;
  if (run.progress && (run.status === 'running' || run.status === 'stopping')) return `${run.progress.statesPerSecond.toLocaleString('en')}/s`;
  return '';
}

export interface JobProgress {
  total: number;
  /** Runs that have ended, however they ended. */
  finished: number;
  /** States covered by every run of the job, finished or not. */
  states: number;
  /** The sum of the speeds of the searches running now. */
  statesPerSecond: number;
}

export function jobProgress(runs: readonly VariantRun[]): JobProgress {
  let finished = 0;
  let states = 0;
  let statesPerSecond = 0;
  for (const run of runs) {
    if (!isActive(run)) finished++;
    states += statesOf(run) ?? 0;
    if ((run.status === 'running' || run.status === 'stopping') && run.progress) statesPerSecond += run.progress.statesPerSecond;
  }
  return { total: runs.length, finished, states, statesPerSecond };
}

/** The status bar's words for a job of several variants: "4 variants, 1 done: 15,212 states · 52,000/s". */
export function jobProgressText(p: JobProgress): string {
  return `${p.total} variants, ${p.finished} done: ${p.states.toLocaleString('en')} states · ${p.statesPerSecond.toLocaleString('en')}/s`;
}
