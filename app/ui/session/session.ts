/**
 * A session: the choices a user made on one model variant, kept as branches. Each branch is a list of
 * steps (choices, never states); taking a different step at a past cursor forks a new branch and
 * keeps the old one. Plain data: every operation returns a new session and never mutates its input.
 */
import { canonicalJson, type StepJson } from '../../engine/index.ts';

export interface Branch {
  id: string;
  /** Shown in the branch list: "main", "fork of main at step 3", "stuck: order-leaves-processing". */
  name: string;
  steps: StepJson[];
  /** The branch and cursor this one was forked from. */
  forkOf?: { branch: string; at: number };
}

export interface Session {
  model: string;
  variant: string;
  branches: Branch[];
  /** The id of the branch being stepped through. */
  current: string;
  /** 0 = the initial world, k = the world after step k of the current branch. */
  cursor: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export function newSession(model: string, variant: string, steps: StepJson[] = [], name = 'main'): Session {
  return { model, variant, branches: [{ id: 'b1', name, steps }], current: 'b1', cursor: 0 };
}

export function currentBranch(s: Session): Branch {
  const branch = s.branches.find((b) => b.id === s.current);
  if (!branch) throw new Error(`internal: the session has no branch "${s.current}"`);
  return branch;
}

function sameStep(a: StepJson, b: StepJson): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * Takes a step at the cursor. At the end of the branch it is appended; at a past cursor the step the
 * branch already takes there just moves forward, and any other step forks.
 */
export function step(s: Session, json: StepJson): Session {
  const branch = currentBranch(s);
  if (s.cursor < branch.steps.length) {
    return sameStep(branch.steps[s.cursor], json) ? { ...s, cursor: s.cursor + 1 } : fork(s, json);
  }
  const steps = [...branch.steps, json];
  return { ...s, branches: replaceBranch(s, { ...branch, steps }), cursor: steps.length };
}

/** Takes several steps in a row (a random walk). */
export function steps(s: Session, jsons: readonly StepJson[]): Session {
  return jsons.reduce(step, s);
}

/**
 * A new branch: the current branch up to the cursor, then `json`. The old branch is kept. Forking the
 * same way twice switches to the branch made the first time instead of making a copy.
 */
export function fork(s: Session, json: StepJson): Session {
  const branch = currentBranch(s);
  const stepsTaken = [...branch.steps.slice(0, s.cursor), json];
  const existing = s.branches.find((b) => isPrefix(stepsTaken, b.steps));
  if (existing) return { ...s, current: existing.id, cursor: stepsTaken.length };
  const added: Branch = {
    id: nextBranchId(s),
    name: `fork of ${branch.name} at step ${s.cursor}`,
    steps: stepsTaken,
    forkOf: { branch: branch.id, at: s.cursor },
  };
  return { ...s, branches: [...s.branches, added], current: added.id, cursor: stepsTaken.length };
}

/** Adds a branch with its own steps (a finding's trace) and opens it paused at step 0. */
export function addBranch(s: Session, stepsTaken: StepJson[], name: string): Session {
  const existing = s.branches.find((b) => b.steps.length === stepsTaken.length && isPrefix(stepsTaken, b.steps));
  if (existing) return { ...s, current: existing.id, cursor: 0 };
  const added: Branch = { id: nextBranchId(s), name, steps: stepsTaken };
  return { ...s, branches: [...s.branches, added], current: added.id, cursor: 0 };
}

/**
 * Opens a session from a link or a file over the current one: for the same model and variant its
 * branch joins the current session (paused at step 0), so no work is lost; otherwise it replaces it.
 */
export function openInto(current: Session, incoming: Session): Session {
  if (current.model !== incoming.model || current.variant !== incoming.variant) return incoming;
  const branch = currentBranch(incoming);
  return addBranch(current, branch.steps, branch.name);
}

export function back(s: Session): Session {
  return jump(s, s.cursor - 1);
}

export function forward(s: Session): Session {
  return jump(s, s.cursor + 1);
}

/** Moves the cursor, clamped to the current branch. */
export function jump(s: Session, cursor: number): Session {
  const clamped = Math.max(0, Math.min(cursor, currentBranch(s).steps.length));
  return clamped === s.cursor ? s : { ...s, cursor: clamped };
}

/** Switches to another branch, at its end. */
export function switchBranch(s: Session, id: string): Session {
  const branch = s.branches.find((b) => b.id === id);
  if (!branch || id === s.current) return s;
  return { ...s, current: id, cursor: branch.steps.length };
}

function replaceBranch(s: Session, branch: Branch): Branch[] {
  return s.branches.map((b) => (b.id === branch.id ? branch : b));
}

function isPrefix(prefix: readonly StepJson[], of: readonly StepJson[]): boolean {
  return prefix.length <= of.length && prefix.every((json, i) => sameStep(json, of[i]));
}

function nextBranchId(s: Session): string {
  const max = Math.max(0, ...s.branches.map((b) => Number(b.id.replace(/^b/, '')) || 0));
  return `b${max + 1}`;
}
