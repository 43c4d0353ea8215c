/** The bottom panel: Timeline, Next step, Problems, Simulation and Output, with the actions of the active one. */
import { lazy, Suspense } from 'react';
import type { CommandContext } from '../commands/types.ts';
import { NextStep } from '../panel/NextStep.tsx';
import { Output } from '../panel/Output.tsx';
import { Problems } from '../panel/Problems.tsx';
import { Timeline } from '../panel/Timeline.tsx';
import { runOf, useExploreStore } from '../state/explore-store.ts';
import type { PanelTab } from '../state/ui-store.ts';
import { CommandButton } from '../widgets/CommandButton.tsx';
import { ExploreProgressBar } from '../widgets/ExploreProgressBar.tsx';

// Simulation is opened by few sessions; it loads on first use.
const Simulation = lazy(() => import('../panel/Simulation.tsx').then((m) => ({ default: m.Simulation })));

const TABS: Array<{ tab: PanelTab; label: string }> = [
  { tab: 'timeline', label: 'Timeline' },
  { tab: 'next', label: 'Next step' },
  { tab: 'problems', label: 'Problems' },
  { tab: 'simulation', label: 'Simulation' },
  { tab: 'output', label: 'Output' },
];

const ACTIONS: Record<PanelTab, string[]> = {
  timeline: ['interleave.start', 'interleave.back', 'interleave.forward', 'interleave.end'],
  next: ['interleave.step', 'interleave.run'],
  problems: ['interleave.explore', 'interleave.exploreAllVariants', 'interleave.stopExploring'],
  simulation: ['interleave.simulate', 'interleave.stopSimulation', 'interleave.replayWorstRun', 'workbench.open.metrics'],
  output: ['interleave.copyShareLink'],
};

export function BottomPanel({ ctx }: { ctx: CommandContext }) {
  const active = ctx.ui.activePanel;
  const { session } = ctx.wb;
  const current = useExploreStore((s) => runOf(s, session.model, session.variant));
  const problemCount = current?.status === 'done' && current.result ? current.result.findings.length + current.result.inconclusive.length : 0;
  const badge: Partial<Record<PanelTab, number>> = {
    timeline: ctx.wb.branch.steps.length,
    next: ctx.wb.enabled.length,
    problems: problemCount,
  };

  return (
    <section className="panel" aria-label="Panel">
      <ExploreProgressBar />
      <div className="panel-header">
        <div className="panel-tabs" role="tablist" aria-label="Panel views">
          {TABS.map(({ tab, label }) => (
            <button
              key={tab}
              type="button"
              role="tab"
              id={`panel-tab-${tab}`}
              aria-selected={active === tab}
              aria-controls={`panel-view-${tab}`}
              className={`panel-tab ${active === tab ? 'active' : ''}`}
              onClick={() => ctx.ui.showPanel(tab)}
            >
              {label}
              {badge[tab] ? <span className="badge-count">{badge[tab]}</span> : null}
            </button>
          ))}
        </div>
        <div className="panel-actions" role="toolbar" aria-label={`${TABS.find((t) => t.tab === active)?.label} actions`}>
          {ACTIONS[active].map((id) => (
            <CommandButton key={id} id={id} ctx={ctx} />
          ))}
          <CommandButton id="workbench.action.togglePanel" ctx={ctx} />
        </div>
      </div>
      <div className="panel-body" role="tabpanel" id={`panel-view-${active}`} aria-labelledby={`panel-tab-${active}`}>
        {active === 'timeline' && <Timeline wb={ctx.wb} />}
        {active === 'next' && <NextStep wb={ctx.wb} />}
        {active === 'problems' && <Problems wb={ctx.wb} />}
        {active === 'simulation' && (
          <Suspense fallback={null}>
            <Simulation ctx={ctx} />
          </Suspense>
        )}
        {active === 'output' && <Output ctx={ctx} />}
      </div>
    </section>
  );
}
