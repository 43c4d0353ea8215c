/** The title bar: menus (from the command registry), the command center, the debug toolbar, layout toggles. */
import { useEffect, useRef, useState } from 'react';
import { bindingLabel, keysOf } from '../commands/keybindings.ts';
import { MENUS } from '../commands/menus.ts';
import { canRun, command, runCommand } from '../commands/registry.ts';
import type { CommandContext } from '../commands/types.ts';
import { CommandButton } from '../widgets/CommandButton.tsx';
import { Icon } from '../widgets/Icon.tsx';

/** VS Code's debug toolbar, docked in the title bar as with `debug.toolBarLocation: commandCenter`. */
const DEBUG_TOOLBAR = ['interleave.explore', 'interleave.step', 'interleave.back', 'interleave.forward', 'interleave.start', 'interleave.run', 'interleave.stopExploring'];

export function TitleBar({ ctx }: { ctx: CommandContext }) {
  const [open, setOpen] = useState<string | null>(null);
  const bar = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !bar.current?.contains(e.target as Node)) setOpen(null);
    };
    window.addEventListener('pointerdown', close);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('pointerdown', close);
      window.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <header className="titlebar">
      <div className="titlebar-left">
        <img src="/favicon.svg" alt="" className="app-icon" />
        <div className="menubar" role="menubar" aria-label="Application menu" ref={bar}>
          {MENUS.map((menu) => (
            <div key={menu.title} className="menubar-item">
              <button
                type="button"
                role="menuitem"
                aria-haspopup="menu"
                aria-expanded={open === menu.title}
                className={`menubar-button ${open === menu.title ? 'open' : ''}`}
                onClick={() => setOpen(open === menu.title ? null : menu.title)}
                onMouseEnter={() => open && setOpen(menu.title)}
              >
                {menu.title}
              </button>
              {open === menu.title && (
                <div className="menu" role="menu" aria-label={menu.title}>
                  {menu.groups.map((group, g) => (
                    <div key={g} className="menu-group">
                      {g > 0 && <div className="menu-separator" role="separator" />}
                      {group.map((id) => {
                        const c = command(id);
                        const [key] = keysOf(c.keybinding);
                        return (
                          <button
                            key={id}
                            type="button"
                            role="menuitem"
                            className="menu-item"
                            disabled={!canRun(c, ctx)}
                            onClick={() => {
                              setOpen(null);
                              runCommand(c, ctx);
                            }}
                          >
                            <span className="menu-label">{c.label}</span>
                            {key && <span className="menu-keybinding">{bindingLabel(key)}</span>}
                          </button>
                        );
                      })}
                    </div>
                  ))}
                </div>
              )}
            </div>
          ))}
        </div>
      </div>
      <div className="titlebar-center">
        <button type="button" className="command-center" aria-label="Search commands" onClick={() => ctx.ui.set({ quickInput: { kind: 'commands' } })}>
          <Icon name="search" />
          <span>
            {ctx.wb.session.model} / {ctx.wb.session.variant} — Interleave
          </span>
        </button>
        <div className="debug-toolbar" role="toolbar" aria-label="Debug toolbar">
          {DEBUG_TOOLBAR.map((id) => (
            <CommandButton key={id} id={id} ctx={ctx} className={`debug-${id.split('.')[1]}`} />
          ))}
        </div>
      </div>
      <div className="titlebar-right">
        <CommandButton id="workbench.action.toggleSidebar" ctx={ctx} />
        <CommandButton id="workbench.action.togglePanel" ctx={ctx} />
        <CommandButton id="workbench.action.toggleTheme" ctx={ctx} />
      </div>
    </header>
  );
}
