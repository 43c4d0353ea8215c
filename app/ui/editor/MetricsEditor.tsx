/**
 * Feeds the Metrics view: the current trace, or, while the Compare tab is open, one simulated run of
 * this variant and one of the compared variant with the same seed (the Simulation seed, editable
 * here), each computed in a worker.
 */
import { memo, Suspense, useEffect, useMemo, useState } from 'react';
import { simulationSettings } from '../commands/simulation-commands.ts';
import { catalog } from '../models.ts';
import { jump } from '../session/session.ts';
import { useSessionStore } from '../state/session-store.ts';
import { simulatedRun } from '../state/simulation-store.ts';
import { useUiStore } from '../state/ui-store.ts';
import type { Workbench } from '../state/workbench.ts';
import type { MetricsViewProps, OverlayRun } from '../views/index.ts';
import { NumberField } from '../widgets/NumberField.tsx';
import { compareTarget } from './CompareEditor.tsx';
import { MetricsView } from './views.ts';

/** Memoised, as ViewHost: the workbench re-renders with every progress report. */
export const MetricsEditor = memo(function MetricsEditor({ wb }: { wb: Workbench }) {
  const apply = useSessionStore((s) => s.apply);
  const comparing = useUiStore((s) => s.openTabs.includes('compare'));
  const compareWith = useUiStore((s) => s.compareWith);
  const edited = useUiStore((s) => s.simulation);
  const setUi = useUiStore((s) => s.set);
  const { model, variant } = wb.session;
  const other = comparing ? compareTarget(wb, compareWith) : undefined;
  const settings = simulationSettings(edited, model, wb.rt);
  const seed = settings.seed;
  const a = useSimulatedRun(other ? model : null, variant, seed);
  const b = useSimulatedRun(other ? model : null, other ?? variant, seed);
  const overlay = useMemo<MetricsViewProps['overlay']>(
    () => (other ? { seed, runs: [{ rt: wb.rt, ...a }, { rt: catalog.runtime(model, other), ...b }] } : null),
    [other, seed, wb.rt, a, b, model],
  );

  return (
    <div className="metrics-editor">
      {other && (
        <div className="metrics-overlay-bar" role="toolbar" aria-label="Overlay">
          <span>
            Comparing <b>{variant}</b> with <b>{other}</b>: one simulated run of each, seed
          </span>
          <NumberField value={seed} min={0} onChange={(s) => setUi({ simulation: { ...edited, [`${model}/${variant}`]: { ...settings, seed: s } } })} />
          <span className="muted">(close the Compare tab to chart the current trace)</span>
        </div>
      )}
      <Suspense
        fallback={
          <div className="view-loading">
            <span className="codicon codicon-loading codicon-modifier-spin" aria-hidden="true" /> Loading the view…
          </div>
        }
      >
        <MetricsView rt={wb.rt} replay={wb.replay} cursor={wb.cursor} onJump={(k) => apply((s) => jump(s, k))} explanation={wb.explanation} overlay={overlay} />
      </Suspense>
    </div>
  );
});

type RunState = Omit<OverlayRun, 'rt'>;
const PENDING: RunState = { metrics: null, error: null };

/** One seeded run's metrics, simulated in a worker; nothing while `model` is null. */
function useSimulatedRun(model: string | null, variant: string, seed: number): RunState {
  const [state, setState] = useState<{ key: string; run: RunState } | null>(null);
  const key = `${model}/${variant}/${seed}`;
  useEffect(() => {
    if (model === null) return;
    let current = true;
    simulatedRun(model, variant, seed).then(
      ({ series, result }) => current && setState({ key, run: { metrics: { series, verdicts: result.verdicts, end: result.end, stimuli: null }, error: null } }),
      (e: unknown) => current && setState({ key, run: { metrics: null, error: e instanceof Error ? e.message : String(e) } }),
    );
    return () => {
      current = false;
    };
  }, [model, variant, seed, key]);
  return state?.key === key ? state.run : PENDING;
}
