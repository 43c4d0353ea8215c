/**
 * Problems: what is wrong at the cursor (prominently), then the explorer's findings for this variant,
 * grouped (stuck states, invariant violations, stale writes, inconclusive, questions). Clicking a finding opens its
 * shortest trace as a branch paused at step 0.
 */
import type { Finding, Witness } from '../../engine/index.ts';
import { FindingBanner, findingLabel } from './FindingBanner.tsx';
import { addBranch } from '../session/session.ts';
import type { VariantRun } from '../state/explore-runs.ts';
import { runOf, useExploreStore } from '../state/explore-store.ts';
import { useSessionStore } from '../state/session-store.ts';
import { useUiStore } from '../state/ui-store.ts';
import type { Workbench } from '../state/workbench.ts';
import { Icon } from '../widgets/Icon.tsx';

export function Problems({ wb }: { wb: Workbench }) {
  const { session } = wb;
  const run = useExploreStore((s) => runOf(s, session.model, session.variant));
  const apply = useSessionStore((s) => s.apply);
  const showPanel = useUiStore((s) => s.showPanel);
  const result = run?.status === 'done' ? run.result : null;

  const openTrace = (trace: Finding['trace'], name: string) => {
    apply((s) => addBranch(s, trace, name));
    showPanel('timeline');
  };

  return (
    <div className="problems">
      <FindingBanner wb={wb} />
      {!result && <p className="panel-message">{noResultText(run)}</p>}
      {result && result.findings.length === 0 && result.inconclusive.length === 0 && (
        <p className="panel-message no-problems" data-testid="no-problems">
          <Icon name="pass" className="pass-icon" /> No problems found in {result.states.toLocaleString('en')} states
          {result.cuts.cancelled ? ' (you stopped the search before it was complete).' : result.complete ? ': every interleaving within the bounds was explored.' : ' (the search was cut by a bound).'}
        </p>
      )}
      {result && (
        <div className="problem-groups" role="tree" aria-label="Problems found by the explorer">
          <Group title="Stuck states" icon="error" findings={result.findings.filter((f) => f.kind === 'stuck')} onOpen={openTrace} />
          <Group title="Invariant violations" icon="error" findings={result.findings.filter((f) => f.kind === 'invariant')} onOpen={openTrace} />
          <Group title="Stale writes" icon="error" findings={result.findings.filter((f) => f.kind === 'stale-write')} onOpen={openTrace} />
          <Group title="Inconclusive (not counted: the search was cut before deciding)" icon="warning" findings={result.inconclusive} onOpen={openTrace} inconclusive />
          <Questions witnesses={result.witnesses} onOpen={openTrace} />
        </div>
      )}
    </div>
  );
}

/** What Problems says about a variant without a result to list. */
function noResultText(run: VariantRun | undefined): string {
  switch (run?.status) {
    case 'queued':
      return 'Waiting for a free worker to explore this variant…';
    case 'running':
    case 'stopping':
      return 'Exploring every interleaving…';
    case 'cancelled':
      return 'The search of this variant was stopped and its worker did not answer, so nothing was kept.';
    case 'skipped':
      return 'The exploration was stopped before this variant was searched.';
    case 'error':
      return `The explorer failed on this variant: ${run.error}`;
    default:
      return 'No exploration of this variant yet. Explore (F5) searches every interleaving within the bounds and lists each stuck state and broken invariant here; Explore All Variants searches every variant of the model at once.';
  }
}

function Group(props: { title: string; icon: string; findings: Finding[]; inconclusive?: boolean; onOpen(trace: Finding['trace'], name: string): void }) {
  const { title, icon, findings, inconclusive = false, onOpen } = props;
  if (findings.length === 0) return null;
  return (
    <div role="treeitem" aria-expanded="true" aria-selected="false" aria-label={`${title} (${findings.length})`} className="problem-group">
      <div className="problem-group-title">
        <Icon name="chevron-down" />
        {title}
        <span className="badge-count">{findings.length}</span>
      </div>
      <div role="group">
        {findings.map((f) => (
          <button
            key={`${f.kind}:${f.property}`}
            type="button"
            role="treeitem"
            aria-selected="false"
            className="problem-row"
            aria-label={`${inconclusive ? 'Inconclusive' : findingLabel(f.kind)}: ${f.property}`}
            title="Open its shortest trace, paused at step 0"
            onClick={() => onOpen(f.trace, `${f.kind}: ${f.property}`)}
          >
            <Icon name={icon} className={inconclusive ? 'warning-icon' : 'error-icon'} />
            <span className="problem-kind">{inconclusive ? 'inconclusive' : f.kind}</span>
            <code className="problem-property">{f.property}</code>
            <span className="problem-message">{f.message}</span>
            <span className="list-description">
              {f.trace.length} steps · {f.faults} fault{f.faults === 1 ? '' : 's'} · {f.states.toLocaleString('en')} state{f.states === 1 ? '' : 's'}
            </span>
          </button>
        ))}
      </div>
    </div>
  );
}

function Questions({ witnesses, onOpen }: { witnesses: Witness[]; onOpen(trace: Finding['trace'], name: string): void }) {
  if (witnesses.length === 0) return null;
  const answer = { reachable: 'reachable', unreachable: 'unreachable within the bounds', 'not-found': 'not found (the search was cut)' };
  return (
    <div role="treeitem" aria-expanded="true" aria-selected="false" aria-label={`Questions (${witnesses.length})`} className="problem-group">
      <div className="problem-group-title">
        <Icon name="chevron-down" />
        Questions
        <span className="badge-count">{witnesses.length}</span>
      </div>
      <div role="group">
        {witnesses.map((w) => (
          <button
            key={w.property}
            type="button"
            role="treeitem"
            aria-selected="false"
            className="problem-row"
            aria-label={`Question: ${w.property}`}
            disabled={!w.trace}
            title={w.trace ? 'Open the witness trace, paused at step 0' : undefined}
            onClick={() => w.trace && onOpen(w.trace, `witness: ${w.property}`)}
          >
            <Icon name="question" className="info-icon" />
            <code className="problem-property">{w.property}</code>
            <span className="problem-message">{w.question}</span>
            <span className="list-description">
              {answer[w.answer]}
              {w.trace ? ` · ${w.trace.length} steps` : ''}
            </span>
          </button>
        ))}
      </div>
    </div>
  );
}
