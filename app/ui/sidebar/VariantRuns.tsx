/**
 * The runs of Explore All Variants: one row per variant with its states, its speed while it runs or
 * its time once done, and its verdict. Clicking a row switches to that variant, as choosing it in the
 * model tree does, and shows its Problems.
 */
import type { KeyboardEvent } from 'react';
import type { CommandContext } from '../commands/types.ts';
import { speedOrTime, statesOf, verdictOf, type VariantRun, type Verdict } from '../state/explore-runs.ts';
import { Icon } from '../widgets/Icon.tsx';

export function VariantRuns({ runs, ctx }: { runs: VariantRun[]; ctx: CommandContext }) {
  const { session } = ctx.wb;
  const open = (run: VariantRun) => {
    ctx.selectVariant(run.model, run.variant);
    ctx.ui.showPanel('problems');
    ctx.services.revealPanel();
  };
  return (
    <div className="explore-summary">
      <div className="muted">
        {runs[0].model} · {runs.length} variants
      </div>
      <div role="table" aria-label="Variants explored" className="variant-runs">
        <div role="row" className="variant-runs-head">
          <span role="columnheader">Variant</span>
          <span role="columnheader" className="num">
            States
          </span>
          <span role="columnheader" className="num" title="States per second while it runs, the time it took once done">
            Time
          </span>
          <span role="columnheader" className="visually-hidden">
            Verdict
          </span>
        </div>
        {runs.map((run) => {
          const current = run.model === session.model && run.variant === session.variant;
          const states = statesOf(run);
          const verdict = verdictOf(run);
          const onKeyDown = (e: KeyboardEvent) => {
            if (e.key !== 'Enter' && e.key !== ' ') return;
            e.preventDefault();
            open(run);
          };
          return (
            <div
              key={`${run.model}/${run.variant}`}
              role="row"
              tabIndex={0}
              aria-current={current ? 'true' : undefined}
              className={`variant-run ${current ? 'selected' : ''}`}
              title={`Show ${run.variant} and its problems`}
              onClick={() => open(run)}
              onKeyDown={onKeyDown}
            >
              <span role="rowheader" className="variant-run-name">
                <VerdictIcon verdict={verdict} />
                <span className="list-label">{run.variant}</span>
              </span>
              <span role="cell" className="num">
                {states === null ? '' : states.toLocaleString('en')}
              </span>
              <span role="cell" className="num">
                {speedOrTime(run)}
              </span>
              <span role="cell" className={`variant-run-verdict verdict-${verdict.tone}`}>
                {verdict.text}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** A verdict as an icon in its colour; `labelled` gives it the verdict's words as its accessible name. */
export function VerdictIcon({ verdict, labelled = false }: { verdict: Verdict; labelled?: boolean }) {
  const className = `verdict-icon verdict-${verdict.tone} ${verdict.tone === 'busy' ? 'spin' : ''}`;
  return <Icon name={verdict.icon} className={className} label={labelled ? verdict.text : undefined} />;
}
