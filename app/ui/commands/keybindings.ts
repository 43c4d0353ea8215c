/**
 * Keybindings as VS Code writes them ("CtrlCmd+Shift+P", "Alt+Left", "F10"): matching a keyboard
 * event and showing a binding. CtrlCmd is Ctrl, or ⌘ on a Mac; either key matches it.
 */
const MODIFIERS = ['CtrlCmd', 'Shift', 'Alt'] as const;
const KEY_NAMES: Record<string, string> = { ArrowLeft: 'Left', ArrowRight: 'Right', ArrowUp: 'Up', ArrowDown: 'Down', ' ': 'Space' };

export function keysOf(binding: string | string[] | undefined): string[] {
  if (binding === undefined) return [];
  return Array.isArray(binding) ? binding : [binding];
}

/** A binding in one spelling: modifiers in a fixed order, the key last. */
export function normalizeBinding(binding: string): string {
  const parts = binding.split('+');
  const key = parts.pop() ?? '';
  const mods = MODIFIERS.filter((m) => parts.includes(m));
  return [...mods, key.length === 1 ? key.toUpperCase() : key].join('+');
}

/** The binding a keyboard event spells, or null for a bare modifier key. */
export function eventBinding(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): string | null {
  if (['Control', 'Meta', 'Shift', 'Alt'].includes(e.key)) return null;
  const key = KEY_NAMES[e.key] ?? (e.key.length === 1 ? e.key.toUpperCase() : e.key);
  const mods = [e.ctrlKey || e.metaKey ? 'CtrlCmd' : '', e.shiftKey ? 'Shift' : '', e.altKey ? 'Alt' : ''].filter(Boolean);
  return [...mods, key].join('+');
}

function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
}

/** "Ctrl+Shift+P", or "⌘⇧P" on a Mac. */
export function bindingLabel(binding: string, mac = isMac()): string {
  const parts = normalizeBinding(binding).split('+');
  if (!mac) return parts.map((p) => (p === 'CtrlCmd' ? 'Ctrl' : p)).join('+');
  const symbols: Record<string, string> = { CtrlCmd: '⌘', Shift: '⇧', Alt: '⌥', Left: '←', Right: '→', Up: '↑', Down: '↓' };
  return parts.map((p) => symbols[p] ?? p).join('');
}
