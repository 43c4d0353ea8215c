/** Small builders shared by the engine's unit tests. */
import type { AnyStateMachine } from 'xstate';
import {
  applyStep,
  defineModel,
  describeStep,
  enabledSteps,
  explore,
  FAULT_KINDS,
  initialWorld,
  Runtime,
  stepToJson,
  variantBounds,
  type Bounds,
  type ModelSystem,
  type World,
} from '../../app/engine/index.ts';

/** A one-variant model around a system, for tests. */
export function testModel(system: ModelSystem, id = 'test') {
  return defineModel({
    id,
    title: id,
    seed: 'none',
    summary: 'a test model',
    variants: { main: { description: 'the only variant' } },
    build: () => system,
  });
}

export function runtimeOf(system: ModelSystem): Runtime {
  return new Runtime(testModel(system), 'main');
}

export const ALL_FAULTS = { maxFaults: Infinity, faults: new Set(FAULT_KINDS) };
export const NO_FAULTS = { maxFaults: 0, faults: new Set<never>() };

/** The enabled steps of a world, as the one-line labels a person reads. */
export function labels(rt: Runtime, world: World, policy: Parameters<typeof enabledSteps>[2] = ALL_FAULTS): string[] {
  return enabledSteps(rt, world, policy).map((s) => describeStep(stepToJson(rt, world, s)));
}

/** Takes the enabled step with this label; fails loudly if it is not enabled. */
export function take(rt: Runtime, world: World, label: string): World {
  const step = enabledSteps(rt, world, ALL_FAULTS).find((s) => describeStep(stepToJson(rt, world, s)) === label);
  if (!step) throw new Error(`"${label}" is not enabled; enabled: ${labels(rt, world).join(' | ')}`);
  return applyStep(rt, world, step);
}

export function walk(rt: Runtime, ...steps: string[]): World {
  return steps.reduce((w, label) => take(rt, w, label), initialWorld(rt));
}

export function state(rt: Runtime, world: World, actor: string): unknown {
  const a = rt.actor(actor);
  return rt.snapshot(a, world.snaps[a]).value;
}

export function exploreAll(system: ModelSystem, bounds: Partial<Bounds> = {}) {
  const model = testModel(system);
  return explore(new Runtime(model, 'main'), { bounds: variantBounds(model, 'main', bounds) });
}

export type { AnyStateMachine };
