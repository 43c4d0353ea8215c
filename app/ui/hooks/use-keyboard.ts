/**
 * The keyboard handler: a key bound in the command registry runs its command and never reaches the
 * browser (F5 would reload, Alt+Left go back, F1 open help). In a text field, only function keys and
 * Ctrl/Cmd chords are taken, so typing and word navigation still work.
 */
import { useEffect } from 'react';
import { currentContext } from '../commands/context.ts';
import { eventBinding } from '../commands/keybindings.ts';
import { commandForKey, runCommand } from '../commands/registry.ts';

function isTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const binding = eventBinding(e);
      const c = binding === null ? undefined : commandForKey(binding);
      if (!binding || !c) return;
      const key = binding.split('+').pop() ?? '';
      if (isTextField(e.target) && !/^F\d+$/.test(key) && !binding.includes('CtrlCmd')) return;
      e.preventDefault();
      e.stopPropagation();
      runCommand(c, currentContext());
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}
