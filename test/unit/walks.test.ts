/**
 * Property tests over random walks of every bundled model variant: a walk exported as a trace and
 * imported again replays to the same worlds, and every world a walk reaches is one the explorer
 * reaches too. The seed of each run is in the test name.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyStep,
  canonicalJson,
  describeWorld,
  enabledSteps,
  explore,
  fingerprint,
  initialWorld,
  makeTrace,
  parseTrace,
  replaySteps,
  Runtime,
  stepToJson,
  traceJson,
  variantBounds,
  type StepJson,
  type World,
} from '../../app/engine/index.ts';
import { loadModels } from '../../app/cli/models.ts';

const models = await loadModels();
const SEED = 20261123;

/** Follows `choices` through the enabled steps (within the variant's bounds) until nothing is enabled. */
function randomWalk(rt: Runtime, choices: number[]): { steps: StepJson[]; worlds: World[] } {
  const bounds = variantBounds(rt.model, rt.variant);
  const policy = { maxFaults: bounds.maxFaults, faults: new Set(bounds.faults) };
  let world = initialWorld(rt);
  const worlds = [world];
  const steps: StepJson[] = [];
  for (const choice of choices) {
    const enabled = enabledSteps(rt, world, policy);
    if (enabled.length === 0) break;
    const step = enabled[choice % enabled.length];
    steps.push(stepToJson(rt, world, step));
    world = applyStep(rt, world, step);
    worlds.push(world);
  }
  return { steps, worlds };
}

const walks = fc.array(fc.nat(1000), { minLength: 1, maxLength: 40 });

for (const model of models) {
  for (const variant of Object.keys(model.variants)) {
    describe(`${model.id}/${variant}`, () => {
      it(`random walks replay identically after export and import (seed ${SEED})`, () => {
        const rt = new Runtime(model, variant);
        fc.assert(
          fc.property(walks, (choices) => {
            const { steps, worlds } = randomWalk(rt, choices);
            const text = traceJson(makeTrace(model.id, variant, steps));
            // A fresh runtime numbers states in its own order, so compare what a person sees.
            const fresh = new Runtime(model, variant);
            const replayed = replaySteps(fresh, parseTrace(text).steps);
            const seen = (r: Runtime, w: World) => canonicalJson(describeWorld(r, w));
            expect(replayed.steps.map((s) => seen(fresh, s.world))).toEqual(worlds.slice(1).map((w) => seen(rt, w)));
            expect(traceJson(makeTrace(model.id, variant, replayed.steps.map((s) => s.json)))).toBe(text);
          }),
          { seed: SEED, numRuns: 60 },
        );
      });

      it(`every world a random walk reaches, the explorer reaches (seed ${SEED})`, () => {
        const rt = new Runtime(model, variant);
        const reached = new Set<string>();
        const result = explore(rt, { bounds: variantBounds(model, variant), onState: (w) => reached.add(fingerprint(w)) });
        expect(result.complete).toBe(true);
        fc.assert(
          fc.property(walks, (choices) => {
            for (const w of randomWalk(rt, choices).worlds) expect(reached.has(fingerprint(w))).toBe(true);
          }),
          { seed: SEED, numRuns: 60 },
        );
      });
    });
  }
}
