/**
 * Checks that data from outside (a share link, an imported file, the saved session) names a bundled
 * model and variant and that every step is enabled where it is taken. Errors name the problem.
 */
import { InputError, ModelError, replaySteps, type StepJson } from '../../engine/index.ts';
import type { Catalog } from './catalog.ts';

/** The problem with replaying these steps on the model variant, or null when they replay. */
export function replayProblem(catalog: Catalog, model: string, variant: string, steps: readonly StepJson[]): string | null {
  const named = catalog.problem(model, variant);
  if (named) return named;
  try {
    replaySteps(catalog.runtime(model, variant), steps);
    return null;
  } catch (e) {
    if (e instanceof InputError || e instanceof ModelError) return e.message;
    throw e;
  }
}
