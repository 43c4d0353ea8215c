/**
 * Opening what comes from outside: a share link (pasted or in the address bar) or a dropped or chosen
 * file. A good one becomes the session (or a branch of it); a bad one is reported by a notification
 * naming the problem and changes nothing.
 */
import { catalog } from '../models.ts';
import type { Result, Session } from '../session/session.ts';
import { LINK_PARAM, parseImport, parseShareLink } from '../session/share-link.ts';
import { useSessionStore } from '../state/session-store.ts';
import { useUiStore } from '../state/ui-store.ts';

function openResult(result: Result<Session>, what: string): boolean {
  const ui = useUiStore.getState();
  if (!result.ok) {
    ui.notify('error', `Could not open ${what}: ${result.error}`);
    ui.log(`Could not open ${what}: ${result.error}`);
    return false;
  }
  useSessionStore.getState().open(result.value);
  const { model, variant } = result.value;
  ui.notify('info', `Opened ${what}: ${model} / ${variant}, paused at step 0.`);
  ui.log(`Opened ${what}: ${model} / ${variant}`);
  ui.showPanel('timeline');
  return true;
}

/** A pasted share link, or pasted trace JSON. */
export function openLink(text: string): void {
  const trimmed = text.trim();
  const result = trimmed.startsWith('{') ? parseImport(trimmed, catalog) : parseShareLink(trimmed, catalog);
  openResult(result, trimmed.startsWith('{') ? 'the pasted trace' : 'the share link');
}

export async function openFile(file: File): Promise<void> {
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    useUiStore.getState().notify('error', `Could not read ${file.name}: ${(e as Error).message}`);
    return;
  }
  openResult(parseImport(text, catalog), file.name);
}

/** Opens a link the page was loaded with (or navigated to), then takes it out of the address bar. */
export function openLinkInAddressBar(): void {
  if (!location.hash.includes(`${LINK_PARAM}=`)) return;
  openResult(parseShareLink(location.href, catalog), 'the share link');
  history.replaceState(null, '', location.pathname + location.search);
}
