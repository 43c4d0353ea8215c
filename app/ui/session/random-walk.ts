/**
 * The Run command: a random walk from a world, one enabled step at a time, until nothing is enabled
 * (quiescent) or a step limit. The PRNG is seeded, so a seed always gives the same walk.
 */
import { applyStep, enabledSteps, FAULT_KINDS, mulberry32, stepToJson, type Runtime, type StepJson, type World } from '../../engine/index.ts';

export interface WalkOptions {
  seed: number;
  maxSteps: number;
  /** Faults the walk may inject (0: none), each kind the model admits. */
  maxFaults: number;
}

export interface Walk {
  steps: StepJson[];
  /** Why it stopped: nothing was enabled, or the step limit. */
  stopped: 'quiescent' | 'limit';
}

export function randomWalk(rt: Runtime, from: World, { seed, maxSteps, maxFaults }: WalkOptions): Walk {
  const random = mulberry32(seed);
  // The budget counts faults taken by this walk, on top of those already spent in `from`.
  const policy = { maxFaults: from.faults + maxFaults, faults: new Set(FAULT_KINDS) };
  const steps: StepJson[] = [];
  let world = from;
  while (steps.length < maxSteps) {
    const enabled = enabledSteps(rt, world, policy);
    if (enabled.length === 0) return { steps, stopped: 'quiescent' };
    const step = enabled[Math.floor(random() * enabled.length)];
    steps.push(stepToJson(rt, world, step));
    world = applyStep(rt, world, step);
  }
  return { steps, stopped: 'limit' };
}

/** A fresh seed for the Run view's dice button. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
