/** Simulating many seeded runs in the worker, replaying the worst one, and the Metrics charts. */
import type { Runtime } from '../../engine/index.ts';
import type { SimulationSettings, UiState } from '../state/ui-store.ts';
import type { Command, CommandContext } from './types.ts';

/** Runs per simulation when the model does not say. */
const DEFAULT_RUNS = 100;

/** The simulation inputs for a variant: as edited, or the model's runs and seed 1. */
export function simulationSettings(edited: UiState['simulation'], model: string, rt: Runtime): SimulationSettings {
  return edited[`${model}/${rt.variant}`] ?? { runs: rt.simulation?.runs ?? DEFAULT_RUNS, seed: 1 };
}

const running = (ctx: CommandContext) => ctx.simulation.status === 'running' || ctx.simulation.status === 'stopping';

export const simulationCommands: Command[] = [
  {
    id: 'interleave.simulate',
    label: 'Run Simulation',
    category: 'Simulate',
    icon: 'graph-line',
    keybinding: 'F8',
    when: (ctx) => !running(ctx),
    run: (ctx) => {
      const { runs, seed } = simulationSettings(ctx.ui.simulation, ctx.wb.session.model, ctx.wb.rt);
      ctx.ui.showPanel('simulation');
      ctx.services.revealPanel();
      ctx.services.simulate(runs, seed);
    },
  },
  {
    id: 'interleave.stopSimulation',
    label: 'Stop Simulation',
    category: 'Simulate',
    icon: 'debug-stop',
    keybinding: 'Shift+F8',
    when: running,
    run: (ctx) => ctx.services.stopSimulation(),
  },
  {
    id: 'interleave.replayWorstRun',
    label: 'Replay Worst Run',
    category: 'Simulate',
    icon: 'debug-rerun',
    keybinding: 'CtrlCmd+F8',
    when: (ctx) => ctx.simulation.result?.worst != null,
    run: (ctx) => {
      const { result } = ctx.simulation;
      if (!result?.worst) return;
      ctx.services.replayRun(result.model, result.variant, result.worst.seed, `worst run: seed ${result.worst.seed}`);
    },
  },
  {
    id: 'workbench.open.metrics',
    label: 'Show Metrics',
    category: 'View',
    icon: 'graph-line',
    keybinding: 'CtrlCmd+Shift+Y',
    run: (ctx) => ctx.ui.openTab('metrics'),
  },
];
