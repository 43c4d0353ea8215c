/** The workbench's command registry and keybindings: one list feeds the palette, menus and keys. */
import { describe, expect, it } from 'vitest';
import { bindingLabel, eventBinding, keysOf, normalizeBinding } from '../../app/ui/commands/keybindings.ts';
import { MENUS } from '../../app/ui/commands/menus.ts';
import { COMMANDS, command, commandForKey, commandTitle } from '../../app/ui/commands/registry.ts';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('the command registry', () => {
  it('gives every command a unique id and a unique label', () => {
    const ids = COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const labels = COMMANDS.map((c) => c.label);
    expect(new Set(labels).size).toBe(labels.length);
    const titles = COMMANDS.map(commandTitle);
    expect(new Set(titles).size).toBe(titles.length);
    for (const c of COMMANDS) {
      expect(c.label.trim()).not.toBe('');
      expect(c.icon).toMatch(/^[a-z0-9-]+$/);
    }
  });

  it('binds each key to at most one command', () => {
    const keys = COMMANDS.flatMap((c) => keysOf(c.keybinding).map(normalizeBinding));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('binds the keys the workbench documents', () => {
    expect(commandForKey('F10')?.id).toBe('interleave.step');
    expect(commandForKey('F5')?.id).toBe('interleave.explore');
    expect(commandForKey('Shift+F5')?.id).toBe('interleave.stopExploring');
    expect(commandForKey('CtrlCmd+Shift+F5')?.id).toBe('interleave.exploreAllVariants');
    expect(commandForKey('Alt+Left')?.id).toBe('interleave.back');
    expect(commandForKey('Alt+Right')?.id).toBe('interleave.forward');
    expect(commandForKey('F1')?.id).toBe('workbench.action.showCommands');
    expect(commandForKey('CtrlCmd+Shift+P')?.id).toBe('workbench.action.showCommands');
  });

  it('names only registered commands in the menus', () => {
    for (const menu of MENUS) for (const id of menu.groups.flat()) expect(() => command(id)).not.toThrow();
  });
});

describe('keybindings', () => {
  it('spell keyboard events as VS Code writes bindings', () => {
    expect(eventBinding(key('F10'))).toBe('F10');
    expect(eventBinding(key('F5', { shiftKey: true }))).toBe('Shift+F5');
    expect(eventBinding(key('ArrowLeft', { altKey: true }))).toBe('Alt+Left');
    expect(eventBinding(key('P', { ctrlKey: true, shiftKey: true }))).toBe('CtrlCmd+Shift+P');
    expect(eventBinding(key('p', { metaKey: true, shiftKey: true }))).toBe('CtrlCmd+Shift+P');
    expect(eventBinding(key('Shift', { shiftKey: true }))).toBeNull();
  });

  it('normalize modifier order and show bindings per platform', () => {
    expect(normalizeBinding('Shift+CtrlCmd+p')).toBe('CtrlCmd+Shift+P');
    expect(bindingLabel('CtrlCmd+Shift+P', false)).toBe('Ctrl+Shift+P');
    expect(bindingLabel('CtrlCmd+Shift+P', true)).toBe('⌘⇧P');
    expect(bindingLabel('Alt+Left', true)).toBe('⌥←');
  });
});
