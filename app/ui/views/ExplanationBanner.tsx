/**
 * The finding at the cursor in one sentence, with a link to the step that caused it. Compact: the
 * title line only, for a view that shows the sentence elsewhere.
 */
import type { Explanation } from '../../engine/index.ts';

interface Props {
  explanation: Explanation;
  onJump(cursor: number): void;
  compact?: boolean;
}

export function ExplanationBanner({ explanation, onJump, compact = false }: Props) {
  const { kind, property, sentence, cause } = explanation;
  return (
    <div className="iv-banner" role="status" data-testid="explanation" title={compact ? sentence : undefined}>
      <i className={`codicon ${kind === 'stuck' ? 'codicon-debug-pause' : 'codicon-error'}`} aria-hidden="true" />
      <div className="iv-banner-body">
        <div className="iv-banner-title">
          {kind === 'stuck' ? 'Stuck' : kind === 'stale-write' ? 'Stale write' : 'Invariant broken'}: <code>{property}</code>
          {cause && (
            <button type="button" className="iv-link" onClick={() => onJump(cause.step + 1)} title="Go to the step that caused it">
              step {cause.step + 1}: {cause.text}
            </button>
          )}
        </div>
        {!compact && <div className="iv-banner-sentence">{sentence}</div>}
      </div>
    </div>
  );
}
