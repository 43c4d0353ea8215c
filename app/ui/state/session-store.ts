/**
 * The session the workbench shows: plain data (choices, branches, cursor), changed only through the
 * session module's pure operations and saved to localStorage on every change. Replays and worlds
 * are derived from it (state/workbench.ts), never stored.
 */
import { create } from 'zustand';
import { catalog, models } from '../models.ts';
import { newSession, openInto, type Session } from '../session/session.ts';
import { parseSession, sessionJson } from '../session/session-json.ts';

const SESSION_KEY = 'interleave.session';

interface SessionState {
  session: Session;
  /** A problem found restoring the saved session at start-up, shown once as a notification. */
  restoreError: string | null;
  apply(op: (s: Session) => Session): void;
  /** Opens a session from a link or a file: as a branch when it is for the same variant, else instead. */
  open(incoming: Session): void;
  /** Switches to another model variant, keeping this session to come back to (until the page closes). */
  selectVariant(model: string, variant: string): void;
}

/** Sessions of other variants the user switched away from, by "model/variant". */
const stash = new Map<string, Session>();

function defaultSession(): Session {
  const model = models[0];
  return newSession(model?.id ?? 'none', model ? Object.keys(model.variants)[0] : 'none');
}

function restore(): { session: Session; restoreError: string | null } {
  const saved = readStorage(SESSION_KEY);
  if (saved === null) return { session: defaultSession(), restoreError: null };
  const parsed = parseSession(saved, catalog);
  return parsed.ok
    ? { session: parsed.value, restoreError: null }
    : { session: defaultSession(), restoreError: `The saved session could not be restored: ${parsed.error}` };
}

export const useSessionStore = create<SessionState>()((set, get) => ({
  ...restore(),
  apply: (op) => {
    const next = op(get().session);
    if (next !== get().session) set({ session: next });
  },
  open: (incoming) => {
    const s = get().session;
    const next = openInto(s, incoming);
    if (next === incoming) stash.set(`${s.model}/${s.variant}`, s);
    set({ session: next });
  },
  selectVariant: (model, variant) => {
    const s = get().session;
    if (s.model === model && s.variant === variant) return;
    stash.set(`${s.model}/${s.variant}`, s);
    set({ session: stash.get(`${model}/${variant}`) ?? newSession(model, variant) });
  },
}));

useSessionStore.subscribe((state, previous) => {
  if (state.session !== previous.session) writeStorage(SESSION_KEY, sessionJson(state.session));
});

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private browsing or a full quota: the session still works, it just is not saved.
  }
}
