/**
 * The status bar: model and variant, branch, step k of n, virtual time, faults spent, explorer and
 * simulation progress and problem counts. It takes the debugging colour while the explorer runs.
 */
import type { CommandContext } from '../commands/types.ts';
import type { ExploreProgress } from '../explore.worker.ts';
import { runCommand, command } from '../commands/registry.ts';
import { jobProgress, jobProgressText } from '../state/explore-runs.ts';
import { isExploring, jobRuns, runOf } from '../state/explore-store.ts';
import { Icon } from '../widgets/Icon.tsx';

export function StatusBar({ ctx }: { ctx: CommandContext }) {
  const { wb, explore, simulation } = ctx;
  const simulating = simulation.status === 'running' || simulation.status === 'stopping';
  const { session, branch, cursor, world } = wb;
  const exploring = isExploring(explore.status);
  const job = jobRuns(explore);
  const current = runOf(explore, session.model, session.variant);
  const result = current?.status === 'done' ? current.result : null;
  const run = (id: string) => () => runCommand(command(id), ctx);

  return (
    <footer className={`statusbar ${exploring ? 'exploring' : ''}`} aria-label="Status bar">
      <div className="statusbar-left">
        <button type="button" className="statusbar-item model-item" data-testid="status-model" title="Select model variant" onClick={run('interleave.selectVariant')}>
          <Icon name="beaker" /> {session.model} / {session.variant}
        </button>
        <button type="button" className="statusbar-item" data-testid="status-branch" title="Switch branch" onClick={run('interleave.switchBranch')}>
          <Icon name="git-branch" /> {branch.name}
        </button>
        <span className="statusbar-item" data-testid="status-step">
          Step {cursor} of {branch.steps.length}
        </span>
        <span className="statusbar-item" data-testid="status-time" title="Virtual time at the cursor">
          <Icon name="watch" /> t={world.now} ms
        </span>
        <span className="statusbar-item" data-testid="status-faults" title="Faults spent up to the cursor">
          <Icon name="flame" /> {world.faults} fault{world.faults === 1 ? '' : 's'}
        </span>
        {wb.findings.length > 0 && (
          <span className="statusbar-item flagged" data-testid="status-flag">
            <Icon name="error" /> {wb.findings[0].kind === 'stuck' ? 'stuck' : 'invariant broken'} at step {cursor}
          </span>
        )}
      </div>
      <div className="statusbar-right">
        <button type="button" className="statusbar-item" data-testid="status-explore" title="Run and Explore" onClick={() => ctx.ui.set({ sideView: 'run' })}>
          {exploring ? (
            <>
              <Icon name="sync" className="spin" /> {explore.status === 'stopping' ? 'Stopping' : 'Exploring'}
              {job.length > 1 ? ` ${jobProgressText(jobProgress(job))}` : progressText(job[0]?.progress ?? null)}
            </>
          ) : result ? (
            <>
              <Icon name="search" /> {result.states.toLocaleString('en')} states explored{result.cuts.cancelled ? ' (stopped)' : result.complete ? '' : ' (cut)'}
            </>
          ) : current?.status === 'cancelled' ? (
            <>
              <Icon name="debug-stop" /> Exploration stopped
            </>
          ) : current?.status === 'error' ? (
            <>
              <Icon name="error" /> Exploration failed
            </>
          ) : (
            <>
              <Icon name="search" /> Not explored
            </>
          )}
        </button>
        {simulating && (
          <button type="button" className="statusbar-item" data-testid="status-simulation" title="Show Simulation" onClick={run('workbench.panel.simulation')}>
            <Icon name="sync" className="spin" /> Simulating {simulation.progress?.done ?? 0}/{simulation.runs} runs
          </button>
        )}
        <button type="button" className="statusbar-item" data-testid="status-problems" title="Show Problems" onClick={run('workbench.panel.problems')}>
          <Icon name="error" /> {result ? result.findings.length : 0} <Icon name="warning" /> {result ? result.inconclusive.length : 0}
        </button>
        <button type="button" className="statusbar-item" aria-label="Toggle Light/Dark Theme" title="Toggle Light/Dark Theme" onClick={run('workbench.action.toggleTheme')}>
          <Icon name="color-mode" />
        </button>
      </div>
    </footer>
  );
}

function progressText(progress: ExploreProgress | null): string {
  return progress ? `: ${progress.states.toLocaleString('en')} states · ${progress.statesPerSecond.toLocaleString('en')}/s · depth ${progress.depth}` : '…';
}
