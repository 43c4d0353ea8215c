/**
 * VS Code's quick input, on cmdk: the command palette (F1, Ctrl/Cmd+Shift+P) listing every command
 * that can run now with its keybinding, a quick pick (variants, branches, actors), or a text box
 * (paste a share link).
 */
import { Command as Cmdk } from 'cmdk';
import { useState } from 'react';
import { currentContext } from '../commands/context.ts';
import { bindingLabel, keysOf } from '../commands/keybindings.ts';
import { canRun, COMMANDS, commandTitle, runCommand } from '../commands/registry.ts';
import type { CommandContext } from '../commands/types.ts';
import type { QuickInput as QuickInputState } from '../state/ui-store.ts';
import { Icon } from './Icon.tsx';

export function QuickInput({ ctx }: { ctx: CommandContext }) {
  const state = ctx.ui.quickInput;
  const close = () => ctx.ui.set({ quickInput: null });
  return (
    <Cmdk.Dialog
      open={state !== null}
      onOpenChange={(open) => !open && close()}
      label={state?.kind === 'commands' ? 'Command palette' : (state?.title ?? 'Quick input')}
      overlayClassName="quick-input-overlay"
      contentClassName="quick-input"
      shouldFilter={state?.kind !== 'input'}
      loop
    >
      {state && <Body key={state.kind === 'commands' ? 'commands' : state.title} state={state} ctx={ctx} close={close} />}
    </Cmdk.Dialog>
  );
}

function Body({ state, ctx, close }: { state: QuickInputState; ctx: CommandContext; close(): void }) {
  const [text, setText] = useState('');
  const placeholder =
    state.kind === 'commands' ? 'Type the name of a command to run' : state.kind === 'pick' ? state.title : state.placeholder;
  return (
    <>
      {state.kind === 'input' && <div className="quick-input-title">{state.title}</div>}
      <Cmdk.Input autoFocus value={text} onValueChange={setText} placeholder={placeholder} aria-label={placeholder} />
      <Cmdk.List>
        <Cmdk.Empty>No matching {state.kind === 'commands' ? 'commands' : 'items'}</Cmdk.Empty>
        {state.kind === 'commands' &&
          COMMANDS.filter((c) => canRun(c, ctx)).map((c) => {
            const [key] = keysOf(c.keybinding);
            return (
              <Cmdk.Item
                key={c.id}
                value={commandTitle(c)}
                keywords={[c.id]}
                onSelect={() => {
                  close();
                  runCommand(c, currentContext());
                }}
              >
                <Icon name={c.icon} />
                <span className="item-label">{commandTitle(c)}</span>
                {key && <kbd className="keybinding">{bindingLabel(key)}</kbd>}
              </Cmdk.Item>
            );
          })}
        {state.kind === 'pick' &&
          state.items.map((item) => (
            <Cmdk.Item
              key={item.id}
              value={`${item.label} ${item.id}`}
              onSelect={() => {
                close();
                state.onPick(item.id);
              }}
            >
              {item.icon && <Icon name={item.icon} />}
              <span className="item-label">{item.label}</span>
              {item.description && <span className="item-description">{item.description}</span>}
            </Cmdk.Item>
          ))}
        {state.kind === 'input' && text.trim() !== '' && (
          <Cmdk.Item
            value="submit"
            onSelect={() => {
              close();
              state.onSubmit(text);
            }}
          >
            <Icon name="link-external" />
            <span className="item-label">Open (press Enter)</span>
          </Cmdk.Item>
        )}
      </Cmdk.List>
    </>
  );
}
