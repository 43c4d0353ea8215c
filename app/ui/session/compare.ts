/**
 * Compare variants: the same schedule (list of choices) replayed on two variants of one model, step
 * by step, to show where the outcomes part: the first step one variant does not enable, or the
 * findings at the end differing (the buggy variant stuck, the fix not).
 */
import {
  applyStep,
  checkWorld,
  initialWorld,
  InputError,
  isRunning,
  resolveStep,
  valueLabel,
  type Runtime,
  type StateFinding,
  type StepJson,
  type World,
} from '../../engine/index.ts';
import type { Catalog } from './catalog.ts';

export interface VariantRun {
  variant: string;
  /** Per step taken: each actor's state after it. Stops before the first step not enabled. */
  states: Array<Record<string, string>>;
  /** The index of the first step this variant does not enable, or null when all replay. */
  notEnabledAt: number | null;
  /** The steps this variant enables where it stopped, as the reason a step was refused. */
  refusal: string | null;
  /** Findings in the last world reached. */
  findings: StateFinding[];
}

export type Divergence =
  | { kind: 'step'; index: number }
  | { kind: 'findings' }
  | null;

export interface Comparison {
  steps: StepJson[];
  a: VariantRun;
  b: VariantRun;
  /** Where the outcomes part first, or null when both replay everything and agree. */
  divergence: Divergence;
}

export function compareVariants(catalog: Catalog, model: string, [a, b]: [string, string], steps: StepJson[]): Comparison {
  const runA = run(catalog.runtime(model, a), steps);
  const runB = run(catalog.runtime(model, b), steps);
  return { steps, a: runA, b: runB, divergence: divergence(runA, runB) };
}

function run(rt: Runtime, steps: StepJson[]): VariantRun {
  let world = initialWorld(rt);
  const states: VariantRun['states'] = [];
  for (const [i, json] of steps.entries()) {
    try {
      world = applyStep(rt, world, resolveStep(rt, world, json, i));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      return { variant: rt.variant, states, notEnabledAt: i, refusal: e.message, findings: checkWorld(rt, world) };
    }
    states.push(actorStates(rt, world));
  }
  return { variant: rt.variant, states, notEnabledAt: null, refusal: null, findings: checkWorld(rt, world) };
}

function actorStates(rt: Runtime, world: World): Record<string, string> {
  // A superseded instance that is not running has no state to compare.
  return Object.fromEntries(
    rt.actorNames.flatMap((name, a) => (!isRunning(world, a) ? [] : [[name, valueLabel(rt.snapshot(a, world.snaps[a]).value)]])),
  );
}

function divergence(a: VariantRun, b: VariantRun): Divergence {
  if (a.notEnabledAt !== b.notEnabledAt) {
    return { kind: 'step', index: Math.min(a.notEnabledAt ?? Infinity, b.notEnabledAt ?? Infinity) };
  }
  const key = (r: VariantRun) => r.findings.map((f) => `${f.kind}:${f.property}:${f.verdict}`).sort().join('|');
  return key(a) === key(b) ? null : { kind: 'findings' };
}
