/**
 * The saved form of a session (localStorage, or a file): versioned JSON of choices only. Parsing
 * validates the shape with a schema, then the meaning (model, variant, every step enabled where it
 * is taken) and returns a message naming the first problem; it never changes a session.
 */
import { z } from 'zod';
import { traceSchema } from '../../engine/trace.ts';
import type { Catalog } from './catalog.ts';
import type { Result, Session } from './session.ts';
import { replayProblem } from './validate.ts';

export const SESSION_FORMAT = 'interleave-session';
export const SESSION_VERSION = 1;

const name = z.string().min(1);
const sessionSchema = z.strictObject({
  format: z.literal(SESSION_FORMAT),
  version: z.literal(SESSION_VERSION),
  model: name,
  variant: name,
  branches: z
    .array(
      z.strictObject({
        id: name,
        name: z.string(),
        steps: traceSchema.shape.steps,
        forkOf: z.strictObject({ branch: name, at: z.number().int().nonnegative() }).optional(),
      }),
    )
    .min(1),
  current: name,
  cursor: z.number().int().nonnegative(),
});

export function sessionJson(s: Session): string {
  return JSON.stringify({ format: SESSION_FORMAT, version: SESSION_VERSION, ...s });
}

export function parseSession(text: string, catalog: Catalog): Result<Session> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail(`not valid JSON: ${(e as Error).message}`);
  }
  if (isObject(data) && 'version' in data && data.version !== SESSION_VERSION) {
    return fail(`version: this session is version ${String(data.version)}; Interleave reads version ${SESSION_VERSION}`);
  }
  const parsed = sessionSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`${pathLabel(issue.path) || 'session'}: ${issue.message}`);
  }
  const { format: _format, version: _version, ...session } = parsed.data;
  const problem = sessionProblem(session as Session, catalog);
  return problem ? fail(problem) : { ok: true, value: session as Session };
}

function sessionProblem(s: Session, catalog: Catalog): string | null {
  const named = catalog.problem(s.model, s.variant);
  if (named) return named;
  for (const [i, b] of s.branches.entries()) {
    const problem = replayProblem(catalog, s.model, s.variant, b.steps);
    if (problem) return `branches[${i}] ("${b.name}"): ${problem}`;
  }
  const ids = s.branches.map((b) => b.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate !== undefined) return `branches: the id "${duplicate}" is used twice`;
  const current = s.branches.find((b) => b.id === s.current);
  if (!current) return `current: no branch "${s.current}" (branches: ${ids.join(', ')})`;
  if (s.cursor > current.steps.length) {
    return `cursor: step ${s.cursor} is past the end of branch "${current.name}" (${current.steps.length} steps)`;
  }
  return null;
}

function pathLabel(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

export function isObject(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}

export function fail<T>(error: string): Result<T> {
  return { ok: false, error };
}
