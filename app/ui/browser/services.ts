/** The browser side of commands: the explorer worker, clipboard, downloads, files, panes, views. */
import type { Services } from '../commands/types.ts';
import { formatTime } from '../../engine/index.ts';
import { catalog } from '../models.ts';
import { addBranch } from '../session/session.ts';
import { verdictOf, type VariantRun } from '../state/explore-runs.ts';
import { cancelExplore, startExplore } from '../state/explore-store.ts';
import { useSessionStore } from '../state/session-store.ts';
import { simulatedRun, startSimulation, stopSimulation, useSimulationStore, type SimulationState } from '../state/simulation-store.ts';
import { useUiStore } from '../state/ui-store.ts';
import { deriveWorkbench } from '../state/workbench.ts';
import { poolSize } from '../state/work-queue.ts';
import { sequenceSvgOf, svgToPng } from '../editor/views.ts';
import { layoutHandles, togglePane } from './layout-handles.ts';
import { openFile, openLink } from './open-input.ts';

function ui() {
  return useUiStore.getState();
}

/** One line on what a search found: the Output log's and the notification's words. */
function exploreSummary(run: VariantRun): string {
  const r = run.result;
  if (!r) return `${run.model} / ${run.variant}: ${verdictOf(run).text}.`;
  const found = r.findings.length;
  return (
    `Explored ${r.model} / ${r.variant}: ${r.states.toLocaleString('en')} states in ${r.ms} ms, ` +
    `${found === 0 ? 'no problems' : `${found} problem${found === 1 ? '' : 's'}`}` +
    `${r.inconclusive.length > 0 ? `, ${r.inconclusive.length} inconclusive` : ''}` +
    `${r.cuts.cancelled ? ' (stopped before it was complete)' : r.complete ? '' : ' (the search was cut by a bound)'}.`
  );
}

function exploreDone(runs: VariantRun[]): void {
  if (runs.length === 1) variantExplored(runs[0]);
  else variantsExplored(runs);
}

function variantExplored(run: VariantRun): void {
  if (run.status === 'error') {
    ui().notify('error', `The explorer failed: ${run.error}`);
    return;
  }
  const r = run.result;
  if (!r) return;
  const summary = exploreSummary(run);
  ui().log(summary);
  ui().notify(r.findings.length > 0 ? 'warning' : 'info', summary);
  ui().showPanel('problems');
  revealPanel();
}

/** Explore All Variants: a line per variant in Output, one notification for them all. */
function variantsExplored(runs: VariantRun[]): void {
  for (const run of runs) ui().log(exploreSummary(run));
  const withProblems = runs.filter((r) => (r.result?.findings.length ?? 0) > 0).length;
  const failed = runs.filter((r) => r.status === 'error').length;
  const stopped = runs.some((r) => r.result?.cuts.cancelled || r.status === 'skipped' || r.status === 'cancelled');
  const summary =
    `Explored ${runs.length} variants of ${runs[0].model}: ${withProblems} with problems` +
    `${failed > 0 ? `, ${failed} failed` : ''}${stopped ? ' (stopped before the end)' : ''}.`;
  ui().notify(withProblems > 0 || failed > 0 ? 'warning' : 'info', summary);
  ui().showPanel('problems');
  revealPanel();
}

function simulationDone(s: SimulationState): void {
  if (s.status === 'error') {
    ui().notify('error', `The simulation failed: ${s.error}`);
    return;
  }
  const r = s.result;
  if (!r) return;
  const failed = r.properties.filter((p) => p.failedRuns > 0).length;
  const summary =
    `Simulated ${r.model} / ${r.variant}: ${r.runs} run${r.runs === 1 ? '' : 's'}${r.cancelled ? ` of ${s.runs} (stopped)` : ''} from seed ${r.seed}, ` +
    `${r.steps.toLocaleString('en')} steps in ${formatTime(r.ms)} (${r.stepsPerSecond.toLocaleString('en')} steps/s); ` +
    `${failed === 0 ? 'no property failed' : `${failed} of ${r.properties.length} properties failed in some run`}` +
    `${r.worst ? `; worst run: seed ${r.worst.seed}` : ''}.`;
  ui().log(summary);
  ui().notify(failed > 0 ? 'warning' : 'info', summary);
}

/** Regenerates a seeded run in the worker and opens its steps as a branch of that variant, at step 0. */
function replayRun(model: string, variant: string, seed: number, name: string): void {
  ui().log(`Regenerating run seed ${seed} of ${model} / ${variant}…`);
  simulatedRun(model, variant, seed).then(
    (run) => {
      const store = useSessionStore.getState();
      store.selectVariant(model, variant);
      store.apply((s) => addBranch(s, run.steps, name));
      if (catalog.runtime(model, variant).metrics.length > 0) ui().openTab('metrics');
      const text = `Opened ${name} of ${model} / ${variant}: ${run.steps.length.toLocaleString('en')} steps to ${formatTime(run.result.end)}, at step 0.`;
      ui().log(text);
      ui().notify('info', text);
    },
    (e: unknown) => ui().notify('error', `Could not regenerate run seed ${seed}: ${e instanceof Error ? e.message : String(e)}`),
  );
}

function revealPanel(): void {
  if (layoutHandles.panel?.isCollapsed()) layoutHandles.panel.expand();
}

async function copy(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    ui().notify('info', `${what} copied to the clipboard.`);
  } catch {
    ui().notify('warning', `${what} could not be copied (the browser refused); it is shown in the Output panel.`);
  }
  ui().showPanel('output');
  revealPanel();
}

function download(fileName: string, data: string | Blob, mime: string): void {
  const blob = typeof data === 'string' ? new Blob([data], { type: mime }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  ui().log(`Downloaded ${fileName}`);
}

function chooseFile(): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.json,application/json';
  input.onchange = () => {
    const file = input.files?.[0];
    if (file) void openFile(file);
  };
  input.click();
}

export const browserServices: Services = {
  explore: (bounds) => {
    const { model, variant } = useSessionStore.getState().session;
    startExplore([{ model, variant, bounds, workers: ui().searchWorkers, limits: ui().searchLimits }], 1, exploreDone);
  },
  exploreAll: (targets) => {
    const workers = poolSize(navigator.hardwareConcurrency, targets.length);
    ui().log(`Exploring ${targets.length} variants in ${workers} worker${workers === 1 ? '' : 's'}…`);
    startExplore(
      targets.map((t) => ({ ...t, limits: ui().searchLimits })),
      workers,
      exploreDone,
    );
  },
  stopExploring: () => {
    if (cancelExplore()) ui().log('Stopping the exploration; each search keeps what it covered.');
  },
  simulate: (runs, seed) => {
    const { model, variant } = useSessionStore.getState().session;
    startSimulation(model, variant, runs, seed, simulationDone);
  },
  stopSimulation: () => {
    const stopping = useSimulationStore.getState().status === 'stopping';
    stopSimulation(simulationDone);
    ui().log(stopping ? 'Simulation stopped at once; the runs done were discarded.' : 'Stopping the simulation after the run in progress…');
  },
  replayRun,
  copy: (text, what) => void copy(text, what),
  download,
  chooseFile,
  openLink,
  toggleSideBar: () => togglePane(layoutHandles.sideBar),
  togglePanel: () => togglePane(layoutHandles.panel),
  revealPanel,
  shareBase: () => `${location.origin}${location.pathname}`,
  sequenceSvg: () => {
    const wb = deriveWorkbench(useSessionStore.getState().session);
    const state = ui();
    return sequenceSvgOf(wb, state.focusedActor, state.theme);
  },
  svgToPngBlob: svgToPng,
};
