/**
 * Keeps UI state consistent with the session: a highlighted next step belongs to one world, and a
 * range selection to one branch.
 */
import { useSessionStore } from './session-store.ts';
import { useUiStore } from './ui-store.ts';

export function syncUiWithSession(): () => void {
  return useSessionStore.subscribe(({ session }, { session: before }) => {
    if (session === before) return;
    const sameBranch = session.model === before.model && session.variant === before.variant && session.current === before.current;
    const ui = useUiStore.getState();
    ui.set(sameBranch ? { highlightedStep: null } : { highlightedStep: null, selection: [] });
  });
}
