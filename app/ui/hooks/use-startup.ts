/**
 * Once, at start-up: report a saved session that could not be restored, open a share link in the
 * address bar (and any pasted there later), and keep UI state in step with the session.
 */
import { useEffect } from 'react';
import { openLinkInAddressBar } from '../browser/open-input.ts';
import { useSessionStore } from '../state/session-store.ts';
import { syncUiWithSession } from '../state/sync.ts';
import { useUiStore } from '../state/ui-store.ts';

export function useStartup(): void {
  useEffect(() => {
    const { restoreError } = useSessionStore.getState();
    if (restoreError) {
      useUiStore.getState().notify('error', restoreError);
      useSessionStore.setState({ restoreError: null });
    }
    openLinkInAddressBar();
    window.addEventListener('hashchange', openLinkInAddressBar);
    const unsubscribe = syncUiWithSession();
    return () => {
      window.removeEventListener('hashchange', openLinkInAddressBar);
      unsubscribe();
    };
  }, []);
}
