/** A toolbar button for a registered command: its icon, its title and key as the tooltip, disabled when it cannot run. */
import { bindingLabel, keysOf } from '../commands/keybindings.ts';
import { canRun, command, runCommand } from '../commands/registry.ts';
import type { CommandContext } from '../commands/types.ts';
import { Icon } from './Icon.tsx';

export function commandTooltip(id: string): string {
  const c = command(id);
  const [key] = keysOf(c.keybinding);
  return key ? `${c.label} (${bindingLabel(key)})` : c.label;
}

export function CommandButton({ id, ctx, text, className = '' }: { id: string; ctx: CommandContext; text?: string; className?: string }) {
  const c = command(id);
  const enabled = canRun(c, ctx);
  return (
    <button
      type="button"
      className={`action-item ${text ? 'with-text' : ''} ${className}`}
      title={commandTooltip(id)}
      aria-label={c.label}
      disabled={!enabled}
      data-command={c.id}
      onClick={() => runCommand(c, ctx)}
    >
      <Icon name={c.icon} />
      {text && <span className="action-text">{text}</span>}
    </button>
  );
}
