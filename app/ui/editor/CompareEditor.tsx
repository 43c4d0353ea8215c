/**
 * Compare variants: the current branch's schedule replayed on this variant and on another, side by
 * side, each step with every actor's state, the first point where they part highlighted, and the
 * findings each ends with.
 */
import { useMemo } from 'react';
import { describeStep, type StateFinding } from '../../engine/index.ts';
import { catalog } from '../models.ts';
import { compareVariants, type VariantRun } from '../session/compare.ts';
import { jump } from '../session/session.ts';
import { useSessionStore } from '../state/session-store.ts';
import type { Workbench } from '../state/workbench.ts';
import { Icon } from '../widgets/Icon.tsx';
import { findingLabel } from '../panel/FindingBanner.tsx';

/** The variant to compare with: the one chosen, else the first other one; undefined for a one-variant model. */
export function compareTarget(wb: Workbench, chosen: string | null): string | undefined {
  const others = Object.keys(wb.model.variants).filter((v) => v !== wb.session.variant);
  return chosen && others.includes(chosen) ? chosen : others[0];
}

export function CompareEditor({ wb, other }: { wb: Workbench; other: string | null }) {
  const apply = useSessionStore((s) => s.apply);
  const { session, branch } = wb;
  const against = compareTarget(wb, other);
  const comparison = useMemo(
    () => (against ? compareVariants(catalog, session.model, [session.variant, against], branch.steps) : null),
    [against, session.model, session.variant, branch.steps],
  );
  if (!comparison || !against) return <p className="panel-message">This model has only one variant.</p>;
  const { a, b, divergence, steps } = comparison;

  return (
    <div className="compare" data-testid="compare">
      <div className="compare-summary" role="status">
        <Icon name="git-compare" />
        {divergence === null && `Same outcome: both variants take all ${steps.length} steps and agree on the findings.`}
        {divergence?.kind === 'step' &&
          `They part at step ${divergence.index + 1}: ${describeStep(steps[divergence.index])} is not enabled in ${a.notEnabledAt === divergence.index ? a.variant : b.variant}.`}
        {divergence?.kind === 'findings' && 'Both variants take every step, but they end differently: the findings differ.'}
      </div>
      <table className="compare-table">
        <thead>
          <tr>
            <th>#</th>
            <th>Step</th>
            <th>{a.variant}</th>
            <th>{b.variant}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((json, i) => {
            const parted = divergence?.kind === 'step' && divergence.index === i;
            return (
              <tr key={i} className={parted ? 'parted' : ''} onClick={() => apply((s) => jump(s, i + 1))} title="Jump to this step">
                <td className="step-number">{i + 1}</td>
                <td>{describeStep(json)}</td>
                <StateCell run={a} i={i} other={b} />
                <StateCell run={b} i={i} other={a} />
              </tr>
            );
          })}
          <tr className={`outcome ${divergence?.kind === 'findings' ? 'parted' : ''}`}>
            <td />
            <td>Outcome</td>
            <td>
              <div className="findings">
                <Findings findings={a.findings} />
              </div>
            </td>
            <td>
              <div className="findings">
                <Findings findings={b.findings} />
              </div>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function StateCell({ run, i, other }: { run: VariantRun; i: number; other: VariantRun }) {
  if (run.notEnabledAt !== null && i >= run.notEnabledAt) {
    return <td className="not-enabled">{i === run.notEnabledAt ? <><Icon name="circle-slash" /> not enabled here</> : '—'}</td>;
  }
  const states = run.states[i];
  const theirs = other.states[i];
  return (
    <td>
      <div className="states">
        {Object.entries(states).map(([actor, state]) => (
          <span key={actor} className={theirs && actor in theirs && theirs[actor] !== state ? 'differs' : ''}>
            {actor}: {state}
          </span>
        ))}
      </div>
    </td>
  );
}

function Findings({ findings }: { findings: StateFinding[] }) {
  if (findings.length === 0) return <span className="ok-text"><Icon name="pass" /> no finding</span>;
  return (
    <>
      {findings.map((f) => (
        <span key={`${f.kind}:${f.property}`} className="error-text">
          <Icon name="error" /> {findingLabel(f.kind)} <code>{f.property}</code>
          {f.verdict === 'inconclusive' ? ' (inconclusive)' : ''}
        </span>
      ))}
    </>
  );
}
