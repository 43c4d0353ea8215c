/** The random-walk Run: its seed (shown, editable), step limit and fault budget. */
import type { CommandContext } from '../commands/types.ts';
import type { RunSettings } from '../state/ui-store.ts';
import { CommandButton } from '../widgets/CommandButton.tsx';
import { NumberField } from '../widgets/NumberField.tsx';

const FIELDS: Array<{ key: keyof RunSettings; label: string; min: number }> = [
  { key: 'seed', label: 'Seed', min: 0 },
  { key: 'maxSteps', label: 'Max steps', min: 1 },
  { key: 'maxFaults', label: 'Max faults', min: 0 },
];

export function RunSection({ ctx }: { ctx: CommandContext }) {
  const { run } = ctx.ui;
  return (
    <form className="form" aria-label="Random walk" onSubmit={(e) => e.preventDefault()}>
      {FIELDS.map(({ key, label, min }) => (
        <div key={key} className="form-row">
          <label htmlFor={`run-${key}`}>{label}</label>
          <span className="input-with-action">
            <NumberField id={`run-${key}`} value={run[key]} min={min} onChange={(n) => ctx.ui.set({ run: { ...run, [key]: n } })} />
            {key === 'seed' && <CommandButton id="interleave.newSeed" ctx={ctx} />}
          </span>
        </div>
      ))}
      <div className="form-buttons">
        <CommandButton id="interleave.run" ctx={ctx} text={`Run (seed ${run.seed})`} className="primary" />
      </div>
      <p className="pane-message">
        Takes random enabled steps from the cursor until nothing is enabled or the limit; the same seed gives the same walk.
      </p>
    </form>
  );
}
