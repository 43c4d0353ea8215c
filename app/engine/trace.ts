/**
 * Traces: the versioned JSON form of a schedule, its validation, and deterministic replay. A trace
 * stores choices (which step was taken), never states, so it stays small and replays anywhere.
 * Imported traces are data: validated by schema, matched against enabled steps, never executed.
 */
import { z } from 'zod';
import { applyStep, initialWorld, type Happening } from './apply.ts';
import { canonicalJson, prettyJson } from './canonical.ts';
import { InputError } from './errors.ts';
import { FAULT_KINDS } from './model.ts';
import type { Runtime } from './runtime.ts';
import { describeStep, enabledSteps, stepToJson, type Step, type StepJson, type StepPolicy } from './steps.ts';
import { nextTimeEvent, type World } from './world.ts';

export const TRACE_FORMAT = 'interleave-trace';
export const TRACE_VERSION = 1;

const name = z.string().min(1);
const event = z.looseObject({ type: z.string().min(1) });
const stepSchema = z.discriminatedUnion('do', [
  z.strictObject({ do: z.literal('stimulus'), name, at: z.number().int().nonnegative().optional() }),
  z.strictObject({ do: z.literal('finish'), actor: name, event }),
  z.strictObject({ do: z.enum(['deliver', 'drop', 'delay', 'fail']), from: name, to: name, event, nth: z.number().int().positive().optional() }),
  z.strictObject({ do: z.enum(['timer', 'expire']), actor: name, timer: name }),
  z.strictObject({ do: z.enum(['crash', 'overlap', 'exit']), actor: name }),
]);

export const traceSchema = z.strictObject({
  format: z.literal(TRACE_FORMAT),
  version: z.literal(TRACE_VERSION),
  model: name,
  variant: name,
  title: z.string().optional(),
  steps: z.array(stepSchema),
});

export interface Trace {
  format: typeof TRACE_FORMAT;
  version: typeof TRACE_VERSION;
  model: string;
  variant: string;
  title?: string;
  steps: StepJson[];
}

export function makeTrace(model: string, variant: string, steps: StepJson[], title?: string): Trace {
  return title === undefined
    ? { format: TRACE_FORMAT, version: TRACE_VERSION, model, variant, steps }
    : { format: TRACE_FORMAT, version: TRACE_VERSION, model, variant, title, steps };
}

/** Parses and validates a trace; the error names the first wrong field. */
export function parseTrace(input: string | unknown): Trace {
  let data: unknown = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch (e) {
      throw new InputError(`not valid JSON: ${(e as Error).message}`);
    }
  }
  if (typeof data === 'object' && data !== null && 'version' in data && (data as { version: unknown }).version !== TRACE_VERSION) {
    throw new InputError(`version: this trace is version ${String((data as { version: unknown }).version)}; Interleave reads version ${TRACE_VERSION}`);
  }
  const parsed = traceSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${pathLabel(issue.path) || 'trace'}: ${issue.message}`);
  }
  return parsed.data as Trace;
}

function pathLabel(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

export function traceJson(trace: Trace): string {
  return prettyJson(trace);
}

/** Replay may take any fault the model admits, however many. */
export const REPLAY_POLICY: StepPolicy = { maxFaults: Infinity, faults: new Set(FAULT_KINDS) };

/** Finds the enabled step a trace step names, or explains why there is none. */
export function resolveStep(rt: Runtime, world: World, json: StepJson, position: number): Step {
  const enabled = enabledSteps(rt, world, REPLAY_POLICY);
  if (json.do === 'stimulus' && json.at !== undefined) {
    const timed = timedStimulus(rt, world, enabled, json.name, json.at);
    if (timed) return timed;
  }
  const wanted = canonicalJson(json);
  for (const step of enabled) if (canonicalJson(stepToJson(rt, world, step)) === wanted) return step;
  const options = enabled.map((s) => describeStep(stepToJson(rt, world, s)));
  throw new InputError(
    `steps[${position}] (${describeStep(json)}) is not enabled at that point; enabled were: ${options.join('; ') || 'nothing'}`,
  );
}

/** A stimulus at a later virtual time is enabled when it is enabled now and no timer or job comes first. */
function timedStimulus(rt: Runtime, world: World, enabled: Step[], name: string, at: number): Step | null {
  const index = rt.stimuli.findIndex((s) => s.name === name);
  if (!enabled.some((s) => s.kind === 'stimulus' && s.index === index) || at < world.now) return null;
  const next = nextTimeEvent(world, (l) => rt.links[l].to);
  const hasQueued = world.dues.some((d) => d.some((by) => by < at));
  if (at > world.now && (next < at || hasQueued)) return null;
  return { kind: 'stimulus', index, at };
}

export interface ReplayedStep {
  step: Step;
  json: StepJson;
  world: World;
  happenings: Happening[];
}

export interface Replay {
  initial: World;
  initialHappenings: Happening[];
  steps: ReplayedStep[];
  final: World;
}

/** Replays a trace step by step, keeping every world and what happened in each step. */
export function replaySteps(rt: Runtime, steps: readonly StepJson[]): Replay {
  const initialHappenings: Happening[] = [];
  const initial = initialWorld(rt, initialHappenings);
  let world = initial;
  const out: ReplayedStep[] = [];
  steps.forEach((json, i) => {
    const step = resolveStep(rt, world, json, i);
    const happenings: Happening[] = [];
    world = applyStep(rt, world, step, happenings);
    out.push({ step, json, world, happenings });
  });
  return { initial, initialHappenings, steps: out, final: world };
}
