/**
 * Everything the views show, derived from the session and memoised: the runtime, the replay of the
 * current branch, the world at the cursor, the steps enabled there, what is wrong with that world
 * (checkWorld) and why (explainFinding on the replay up to the cursor).
 */
import {
  canonicalJson,
  checkWorld,
  describeStep,
  enabledSteps,
  explainFinding,
  InputError,
  isFault,
  FAULT_KINDS,
  replaySteps,
  resolveStep,
  stepToJson,
  type Explanation,
  type FaultKind,
  type Model,
  type Replay,
  type Runtime,
  type StateFinding,
  type StepJson,
  type World,
} from '../../engine/index.ts';
import { catalog } from '../models.ts';
import { currentBranch, type Branch, type Session } from '../session/session.ts';

export interface EnabledStep {
  json: StepJson;
  /** Its canonical JSON: a stable key. */
  key: string;
  label: string;
  /** The fault kind, or null for a stimulus, a delivery or a timer. */
  fault: FaultKind | null;
}

export interface Workbench {
  session: Session;
  model: Model;
  rt: Runtime;
  branch: Branch;
  replay: Replay;
  cursor: number;
  world: World;
  enabled: EnabledStep[];
  findings: StateFinding[];
  explanation: Explanation | null;
}

/** Manual stepping may take any fault the model admits, however many. */
const ANY_FAULT = { maxFaults: Infinity, faults: new Set(FAULT_KINDS) };

const workbenches = new WeakMap<Session, Workbench>();
const replays = new WeakMap<StepJson[], Map<Runtime, Replay>>();
const enabledAt = new WeakMap<World, EnabledStep[]>();
const findingsAt = new WeakMap<World, StateFinding[]>();
const explanationAt = new WeakMap<World, Explanation | null>();

function memo<K extends object, V>(cache: WeakMap<K, V>, key: K, compute: () => V): V {
  if (cache.has(key)) return cache.get(key) as V;
  const value = compute();
  cache.set(key, value);
  return value;
}

function replayOf(rt: Runtime, steps: StepJson[]): Replay {
  const byRt = memo(replays, steps, () => new Map<Runtime, Replay>());
  let replay = byRt.get(rt);
  if (!replay) byRt.set(rt, (replay = replaySteps(rt, steps)));
  return replay;
}

function worldAt(replay: Replay, cursor: number): World {
  return cursor === 0 ? replay.initial : replay.steps[cursor - 1].world;
}

/** The same object for the same session, so views given its parts re-render only when it changes. */
export function deriveWorkbench(session: Session): Workbench {
  return memo(workbenches, session, () => derive(session));
}

function derive(session: Session): Workbench {
  const rt = catalog.runtime(session.model, session.variant);
  const branch = currentBranch(session);
  const replay = replayOf(rt, branch.steps);
  const cursor = Math.min(session.cursor, replay.steps.length);
  const world = worldAt(replay, cursor);
  const enabled = withBranchStep(
    rt,
    world,
    branch.steps[cursor],
    memo(enabledAt, world, () =>
      enabledSteps(rt, world, ANY_FAULT).map((step) => {
        const json = stepToJson(rt, world, step);
        const fault = isFault(step) ? (step.kind as FaultKind) : null;
        return { json, key: canonicalJson(json), label: describeStep(json), fault };
      }),
    ),
  );
  const findings = memo(findingsAt, world, () => checkWorld(rt, world));
  const explanation = memo(explanationAt, world, () => {
    const finding = findings.find((f) => f.verdict === 'proven') ?? findings[0];
    if (!finding) return null;
    const upToCursor: Replay = { ...replay, steps: replay.steps.slice(0, cursor), final: world };
    return explainFinding(rt, upToCursor, finding);
  });
  return { session, model: rt.model, rt, branch, replay, cursor, world, enabled, findings, explanation };
}

/**
 * A simulated run's stimulus comes at a later time (`at`), a step the scheduler never offers by
 * itself: when the branch takes one next and it is enabled, it is listed first, so stepping a
 * replayed run follows the run instead of forking.
 */
function withBranchStep(rt: Runtime, world: World, next: StepJson | undefined, enabled: EnabledStep[]): EnabledStep[] {
  if (next === undefined || next.do !== 'stimulus' || next.at === undefined) return enabled;
  const key = canonicalJson(next);
  if (enabled.some((e) => e.key === key)) return enabled;
  try {
    resolveStep(rt, world, next, 0);
  } catch (e) {
    if (e instanceof InputError) return enabled;
    throw e;
  }
  return [{ json: next, key, label: describeStep(next), fault: null }, ...enabled];
}

/**
 * The step F10 takes and Next step highlights: the one the user highlighted; else, at a past cursor,
 * the step the branch takes next; else the first enabled step that is not a fault.
 */
export function highlightedStep(wb: Workbench, highlighted: string | null): EnabledStep | undefined {
  const chosen = highlighted === null ? undefined : wb.enabled.find((e) => e.key === highlighted);
  if (chosen) return chosen;
  const next = wb.branch.steps[wb.cursor];
  const onBranch = next === undefined ? undefined : wb.enabled.find((e) => e.key === canonicalJson(next));
  return onBranch ?? wb.enabled.find((e) => e.fault === null);
}
