/** Chooses the variant the Compare editor replays the current schedule on. */
import type { CommandContext } from '../commands/types.ts';
import { compareTarget } from '../editor/CompareEditor.tsx';
import { CommandButton } from '../widgets/CommandButton.tsx';

export function CompareSection({ ctx }: { ctx: CommandContext }) {
  const { model, session } = ctx.wb;
  const others = Object.keys(model.variants).filter((v) => v !== session.variant);
  const chosen = compareTarget(ctx.wb, ctx.ui.compareWith);
  if (!chosen) return <p className="pane-message">This model has one variant.</p>;
  return (
    <form className="form" aria-label="Compare variants" onSubmit={(e) => e.preventDefault()}>
      <label className="form-row">
        <span>With</span>
        <select value={chosen} onChange={(e) => ctx.ui.set({ compareWith: e.target.value })}>
          {others.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <div className="form-buttons">
        <button
          type="button"
          className="action-item with-text primary"
          onClick={() => {
            ctx.ui.set({ compareWith: chosen });
            ctx.ui.openTab('compare');
          }}
        >
          <span className="codicon codicon-git-compare" aria-hidden="true" />
          <span className="action-text">Compare</span>
        </button>
        <CommandButton id="interleave.compareVariants" ctx={ctx} />
      </div>
    </form>
  );
}
