/**
 * Explorer bounds (editable, remembered per variant), Explore, Explore All and Stop, and the last job:
 * the progress and outcome of one search, or a table of every variant's.
 */
import { bytesText, FAULT_KINDS, SPREAD_FROM, type Bounds, type ExploreResult, type FaultKind } from '../../engine/index.ts';
import { boundsFor } from '../commands/explore-commands.ts';
import type { CommandContext } from '../commands/types.ts';
import { cutWords, spreadText, type SearchLimits, type VariantRun } from '../state/explore-runs.ts';
import { isExploring, jobRuns, useExploreStore } from '../state/explore-store.ts';
import { MAX_SEARCH_WORKERS } from '../state/ui-store.ts';
import { CommandButton } from '../widgets/CommandButton.tsx';
import { ExploreProgressBar } from '../widgets/ExploreProgressBar.tsx';
import { NumberField } from '../widgets/NumberField.tsx';
import { VariantRuns } from './VariantRuns.tsx';

const NUMBER_FIELDS: Array<{ key: 'maxFaults' | 'maxDepth' | 'maxStates'; label: string; min: number }> = [
  { key: 'maxFaults', label: 'Max faults', min: 0 },
  { key: 'maxDepth', label: 'Max depth', min: 1 },
  { key: 'maxStates', label: 'Max states', min: 1 },
];

/** Limits of every search, besides a variant's bounds: a search that reaches one stops and keeps what it covered. */
const LIMIT_FIELDS: Array<{ key: keyof SearchLimits; label: string; title: string }> = [
  { key: 'maxSeconds', label: 'Max seconds', title: 'Stop a search after this many seconds, keeping what it covered (0: no limit)' },
  { key: 'maxMemoryMb', label: 'Max memory (MB)', title: 'Stop a search when its tables pass this many megabytes, keeping what it covered (0: no limit)' },
];

export function ExploreSection({ ctx }: { ctx: CommandContext }) {
  const bounds = boundsFor(ctx);
  const limits = ctx.ui.searchLimits;
  const running = isExploring(ctx.explore.status);
  const key = `${ctx.wb.session.model}/${ctx.wb.session.variant}`;
  const update = (patch: Partial<Bounds>) => ctx.ui.set({ bounds: { ...ctx.ui.bounds, [key]: { ...bounds, ...patch } } });
  const toggleFault = (kind: FaultKind, on: boolean) =>
    update({ faults: FAULT_KINDS.filter((k) => (k === kind ? on : bounds.faults.includes(k))) });

  return (
    <form className="form" aria-label="Explorer bounds" onSubmit={(e) => e.preventDefault()}>
      {NUMBER_FIELDS.map(({ key: field, label, min }) => (
        <label key={field} className="form-row">
          <span>{label}</span>
          <NumberField value={bounds[field]} min={min} disabled={running} onChange={(n) => update({ [field]: n })} />
        </label>
      ))}
      <label
        className="form-row"
        title={`Spread one search over this many workers (one more keeps the visited set): the same result, for large searches on many cores. Only depths of ${SPREAD_FROM.toLocaleString('en')} states or more are spread. This machine offers ${navigator.hardwareConcurrency} cores; the default uses them all.`}
      >
        <span>Workers</span>
        <NumberField value={ctx.ui.searchWorkers} min={1} disabled={running} onChange={(n) => ctx.ui.set({ searchWorkers: Math.min(n, MAX_SEARCH_WORKERS) })} />
      </label>
      {LIMIT_FIELDS.map(({ key, label, title }) => (
        <label key={key} className="form-row" title={title}>
          <span>{label}</span>
          <NumberField value={limits[key]} min={0} disabled={running} onChange={(n) => ctx.ui.set({ searchLimits: { ...limits, [key]: n } })} />
        </label>
      ))}
      <div className="form-row">
        <span id="fault-kinds-label">Fault kinds</span>
        <div className="fault-kinds" role="group" aria-labelledby="fault-kinds-label">
          {FAULT_KINDS.map((kind) => (
            <label key={kind} className="checkbox">
              <input
                type="checkbox"
                checked={bounds.faults.includes(kind)}
                disabled={running}
                onChange={(e) => toggleFault(kind, e.target.checked)}
              />
              <span>{kind}</span>
            </label>
          ))}
        </div>
      </div>
      <div className="form-buttons">
        <CommandButton id="interleave.explore" ctx={ctx} text="Explore" className="primary" />
        <CommandButton id="interleave.exploreAllVariants" ctx={ctx} text="All Variants" className="secondary" />
        <CommandButton id="interleave.stopExploring" ctx={ctx} text="Stop" className="secondary" />
        <CommandButton id="interleave.resetBounds" ctx={ctx} />
      </div>
      <ExploreProgressBar />
      <LastJob ctx={ctx} />
    </form>
  );
}

function LastJob({ ctx }: { ctx: CommandContext }) {
  const job = jobRuns(useExploreStore());
  if (job.length === 0) return <p className="pane-message">Searches every interleaving within the bounds, in a worker; All Variants searches every variant of the model, one per core.</p>;
  if (job.length > 1) return <VariantRuns runs={job} ctx={ctx} />;
  return <ExploreSummary run={job[0]} />;
}

function ExploreSummary({ run }: { run: VariantRun }) {
  const { status, progress, result, error, model, variant } = run;
  const stats = (states: number, perSecond: number, depth: number, bytes: number) =>
    `${states.toLocaleString('en')} states · ${perSecond.toLocaleString('en')} states/s · depth ${depth} · ${tablesText(states, bytes)}${spreadText(run)}`;
  return (
    <div className="explore-summary" data-testid="explore-summary" aria-live="polite">
      <div className="muted">
        {model} / {variant}
      </div>
      {(status === 'queued' || status === 'running') && <div>{progress ? stats(progress.states, progress.statesPerSecond, progress.depth, progress.bytes) : 'starting…'}</div>}
      {status === 'stopping' && <div>Stopping…</div>}
      {status === 'cancelled' && <div>Stopped{progress ? ` after ${progress.states.toLocaleString('en')} states` : ''}; the worker did not answer, so nothing was kept.</div>}
      {status === 'error' && <div className="error-text">Failed: {error}</div>}
      {status === 'done' && result && (
        <>
          <div>{stats(result.states, result.statesPerSecond, result.depth, result.bytes)}</div>
          <div>
            {cutText(result)} ·{' '}
            {result.findings.length === 0 ? 'no problems' : `${result.findings.length} problem${result.findings.length === 1 ? '' : 's'}`}
            {result.inconclusive.length > 0 ? ` · ${result.inconclusive.length} inconclusive` : ''}
          </div>
        </>
      )}
    </div>
  );
}

/** The memory the search's tables hold: "1.02 MB of tables (52 B/state)". */
function tablesText(states: number, bytes: number): string {
  return `${bytesText(bytes)} of tables (${Math.round(bytes / Math.max(1, states))} B/state)`;
}

/** Whether the search covered everything within its bounds, and if not, what stopped it. */
function cutText(result: ExploreResult): string {
  if (result.cuts.cancelled) return `Stopped after ${result.states.toLocaleString('en')} states, ${result.unexpanded.toLocaleString('en')} not expanded`;
  if (result.complete) return 'Complete within the bounds';
  return `Cut by ${cutWords(result.cuts)}, ${result.unexpanded.toLocaleString('en')} states not expanded`;
}
