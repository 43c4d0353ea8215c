/**
 * What is wrong with the world at the cursor, at the top of Problems: the kind and property of each
 * finding and the explanation's sentence, with a jump to the step after which there was no way back.
 */
import { jump } from '../session/session.ts';
import { useSessionStore } from '../state/session-store.ts';
import type { Workbench } from '../state/workbench.ts';
import { Icon } from '../widgets/Icon.tsx';

export function findingLabel(kind: 'stuck' | 'invariant' | 'stale-write'): string {
  return kind === 'stuck' ? 'Stuck' : kind === 'stale-write' ? 'Stale write' : 'Invariant broken';
}

export function FindingBanner({ wb }: { wb: Workbench }) {
  const apply = useSessionStore((s) => s.apply);
  const { explanation, findings } = wb;
  if (!explanation || findings.length === 0) return null;
  const inconclusive = findings.every((f) => f.verdict === 'inconclusive');
  const cause = explanation.cause;
  return (
    <div className={`finding-banner ${inconclusive ? 'inconclusive' : ''}`} role="alert" data-testid="finding-banner">
      <Icon name={inconclusive ? 'warning' : 'error'} className="banner-icon" />
      <div className="banner-body">
        <div className="banner-title">
          {findings.map((f) => (
            <span key={`${f.kind}:${f.property}`} className="banner-finding">
              <strong>{findingLabel(f.kind)}</strong> <code>{f.property}</code>
              {f.verdict === 'inconclusive' && <span className="tag warning-tag">inconclusive</span>}
            </span>
          ))}
          <span className="muted"> at step {wb.cursor}</span>
        </div>
        <div className="banner-sentence">{explanation.sentence}</div>
      </div>
      {cause && cause.step + 1 !== wb.cursor && (
        <button type="button" className="banner-action" onClick={() => apply((s) => jump(s, cause.step + 1))}>
          Go to step {cause.step + 1}
        </button>
      )}
    </div>
  );
}
