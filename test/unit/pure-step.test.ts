/**
 * The engine steps XState machines through a reused actor scope instead of the public
 * `transition()`. This pins that shortcut to the xstate version installed: both paths must give the
 * same snapshots and the same actions on every machine of every bundled model.
 */
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot, type EventObject } from 'xstate';
import { canonicalJson, explore, Runtime, variantBounds, type Model } from '../../app/engine/index.ts';
import { PureStepper } from '../../app/engine/pure-step.ts';
import { loadModels } from '../../app/cli/models.ts';

const shape = ([s, actions]: readonly [AnyMachineSnapshot, ReadonlyArray<{ type: string; params?: unknown }>]) =>
  canonicalJson({ value: s.value, context: s.context, status: s.status, actions: actions.map((a) => [a.type, a.params ?? null]) });

/** Every event any actor of the variant ever receives, gathered by a short exploration. */
function eventsOf(model: Model, variant: string): EventObject[] {
  const rt = new Runtime(model, variant);
  explore(rt, { bounds: variantBounds(model, variant) });
  return rt.events.values;
}

describe('the reused-scope transition agrees with xstate transition()', async () => {
  for (const model of await loadModels()) {
    for (const variant of Object.keys(model.variants)) {
      it(`${model.id}/${variant}`, () => {
        const system = model.build(variant);
        const events = [...eventsOf(model, variant), { type: 'not-handled' }];
        let compared = 0;
        for (const [name, spec] of Object.entries(system.actors)) {
          const fast = new PureStepper(spec.machine);
          expect(shape(fast.initial(spec.input)), name).toBe(shape(initialTransition(spec.machine, spec.input)));
          // Walk each machine breadth-first over all events, comparing every step.
          const queue: AnyMachineSnapshot[] = [initialTransition(spec.machine, spec.input)[0]];
          const seen = new Set<string>();
          while (queue.length && seen.size < 200) {
            const s = queue.shift()!;
            const key = canonicalJson([s.value, s.context]);
            if (seen.has(key)) continue;
            seen.add(key);
            for (const e of events) {
              const slow = transition(spec.machine, s, e);
              expect(shape(fast.step(s, e)), `${name} ${e.type}`).toBe(shape(slow));
              queue.push(slow[0]);
              compared++;
            }
          }
        }
        expect(compared).toBeGreaterThan(0);
      });
    }
  }
});
