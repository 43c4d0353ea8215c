/**
 * The one command registry: the palette, the menus, the toolbar buttons and the keyboard handler all
 * read this list, so a command is declared once.
 */
import { exploreCommands } from './explore-commands.ts';
import { exportCommands } from './export-commands.ts';
import { keysOf, normalizeBinding } from './keybindings.ts';
import { simulationCommands } from './simulation-commands.ts';
import { stepCommands } from './step-commands.ts';
import type { Command, CommandContext } from './types.ts';
import { viewCommands } from './view-commands.ts';

export const COMMANDS: readonly Command[] = [...stepCommands, ...exploreCommands, ...simulationCommands, ...exportCommands, ...viewCommands];

const byId = new Map(COMMANDS.map((c) => [c.id, c]));
const byKey = new Map(COMMANDS.flatMap((c) => keysOf(c.keybinding).map((k) => [normalizeBinding(k), c] as const)));

export function command(id: string): Command {
  const c = byId.get(id);
  if (!c) throw new Error(`internal: no command "${id}"`);
  return c;
}

/** The command bound to a key (in normalized form), if any. */
export function commandForKey(binding: string): Command | undefined {
  return byKey.get(binding);
}

export function canRun(c: Command, ctx: CommandContext): boolean {
  return c.when ? c.when(ctx) : true;
}

/** Runs a command if it can run now; returns whether it did. */
export function runCommand(c: Command, ctx: CommandContext): boolean {
  if (!canRun(c, ctx)) return false;
  c.run(ctx);
  return true;
}

/** "Run: Step": how the palette and menus name a command. */
export function commandTitle(c: Command): string {
  return `${c.category}: ${c.label}`;
}
