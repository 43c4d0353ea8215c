/**
 * Share links and imported files. A link stores choices, not states: the current branch as a trace
 * (model, variant, steps), compressed with lz-string into the URL hash. Opening a link or importing a
 * trace file gives a new session paused at step 0, or a message naming what is wrong.
 */
import LZString from 'lz-string';
import { canonicalJson, InputError, makeTrace, parseTrace, type Trace } from '../../engine/index.ts';
import type { Catalog } from './catalog.ts';
import { currentBranch, newSession, type Result, type Session } from './session.ts';
import { fail, isObject, parseSession, SESSION_FORMAT } from './session-json.ts';
import { replayProblem } from './validate.ts';

/** The hash parameter that carries a trace: `#trace=…`. */
export const LINK_PARAM = 'trace';

/** The current branch of a session as a trace. */
export function sessionTrace(s: Session, title?: string): Trace {
  return makeTrace(s.model, s.variant, currentBranch(s).steps, title);
}

/** A link to the app at `base` (no hash) that opens the session's current branch. */
export function shareLink(base: string, s: Session): string {
  return `${base}#${LINK_PARAM}=${LZString.compressToEncodedURIComponent(canonicalJson(sessionTrace(s)))}`;
}

/** The compressed trace a link, a bare hash or a pasted payload carries, or null when it has none. */
export function linkPayload(link: string): string | null {
  const trimmed = link.trim();
  const hash = trimmed.includes('#') ? trimmed.slice(trimmed.indexOf('#') + 1) : trimmed;
  const match = new RegExp(`(?:^|&)${LINK_PARAM}=([^&]*)`).exec(hash);
  return match ? match[1] : null;
}

export function parseShareLink(link: string, catalog: Catalog): Result<Session> {
  const payload = linkPayload(link);
  if (payload === null) return fail(`the link is malformed: it has no #${LINK_PARAM}=… part`);
  const text = payload === '' ? null : LZString.decompressFromEncodedURIComponent(payload);
  if (!text) return fail('the link is malformed: its trace does not decompress (was it cut short when copied?)');
  return parseTraceText(text, catalog, 'the link');
}

/** An imported file: a trace (what Export JSON writes) or a saved session. */
export function parseImport(text: string, catalog: Catalog): Result<Session> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail(`not valid JSON: ${(e as Error).message}`);
  }
  if (isObject(data) && data.format === SESSION_FORMAT) return parseSession(text, catalog);
  return parseTraceText(text, catalog, 'the file');
}

function parseTraceText(text: string, catalog: Catalog, what: string): Result<Session> {
  let trace: Trace;
  try {
    trace = parseTrace(text);
  } catch (e) {
    if (e instanceof InputError) return fail(`${what} is not a valid trace: ${e.message}`);
    throw e;
  }
  const problem = replayProblem(catalog, trace.model, trace.variant, trace.steps);
  if (problem) return fail(`${what} does not replay: ${problem}`);
  return { ok: true, value: newSession(trace.model, trace.variant, trace.steps, trace.title ?? 'shared trace') };
}
