/**
 * What the explorer asks of each new state: its properties' answers, one byte each, in a fixed order.
 * They are asked where the state is at hand as a world: a search asks them of the worlds it makes;
 * a worker of a parallel search asks them of the successors it sends, so the coordinator, which
 * every state passes through, need not decode them.
 *
 * The order: per invariant, 1 if it fails; per progress property, 1 if its goal holds, else 2 if
 * its `when` does; per possible property, 1 if its goal holds (0, unasked, once it is witnessed);
 * last, 1 if the world is stale.
 */
import { ModelError } from './errors.ts';
import type { InvariantSpec, PossibleSpec, ProgressSpec } from './model.ts';
import type { Runtime } from './runtime.ts';
import { View } from './view.ts';
import { emptyWorld, type World } from './world.ts';

export const GOAL = 1;
export const WAITING = 2;

export class Checks {
  readonly invariants: InvariantSpec[];
  readonly progress: ProgressSpec[];
  readonly possible: PossibleSpec[];
  /** Bytes per state. */
  readonly width: number;
  /** Where the stale byte is among a state's answers. */
  readonly stale: number;
  /**
   * Per possible property: witnessed already, so no longer asked (a search marks them; a worker
   * asks all: the coordinator takes only what it needs).
   */
  readonly witnessed: boolean[];
  private readonly view: View;

  constructor(rt: Runtime) {
    this.invariants = rt.properties.filter((p): p is InvariantSpec => p.kind === 'invariant');
    this.progress = rt.properties.filter((p): p is ProgressSpec => p.kind === 'progress');
    this.possible = rt.properties.filter((p): p is PossibleSpec => p.kind === 'possible');
    this.stale = this.invariants.length + this.progress.length + this.possible.length;
    this.width = this.stale + 1;
    this.witnessed = this.possible.map(() => false);
    this.view = new View(rt, emptyWorld(rt));
  }

  /** Writes the answers for `w` at `out[at..at + width)`. A property that throws is named in the error. */
  answer(w: World, out: Uint8Array, at: number): void {
    const view = this.view.at(w);
    const { invariants, progress, possible } = this;
    let k = at;
    let asking = '';
    try {
      for (let i = 0; i < invariants.length; i++) {
        asking = invariants[i].name;
        out[k++] = invariants[i].holds(view) ? 0 : 1;
      }
      for (let i = 0; i < progress.length; i++) {
        asking = progress[i].name;
        out[k++] = progress[i].goal(view) ? GOAL : progress[i].when(view) ? WAITING : 0;
      }
      for (let i = 0; i < possible.length; i++) {
        asking = possible[i].name;
        out[k++] = !this.witnessed[i] && possible[i].goal(view) ? 1 : 0;
      }
    } catch (e) {
      if (e instanceof ModelError) throw e;
      throw new ModelError(`property "${asking}" threw: ${(e as Error).message}`);
    }
    out[k] = w.stale ? 1 : 0;
  }
}
