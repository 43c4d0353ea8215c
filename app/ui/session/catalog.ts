/**
 * The models a session may name, and one compiled runtime per model variant (a Runtime caches every
 * local step it computes, so reusing it keeps replays fast).
 */
import { Runtime, type Model } from '../../engine/index.ts';

export class Catalog {
  private readonly runtimes = new Map<string, Runtime>();

  constructor(readonly models: readonly Model[]) {}

  model(id: string): Model | undefined {
    return this.models.find((m) => m.id === id);
  }

  /** What is wrong with naming this model and variant, or null when both exist. */
  problem(model: string, variant: string): string | null {
    const m = this.model(model);
    if (!m) return `model: no model "${model}" (bundled: ${this.models.map((x) => x.id).join(', ') || 'none'})`;
    if (!(variant in m.variants)) {
      return `variant: model "${model}" has no variant "${variant}" (it has: ${Object.keys(m.variants).join(', ')})`;
    }
    return null;
  }

  /** The runtime of a model variant the caller has checked with `problem`. */
  runtime(model: string, variant: string): Runtime {
    const key = `${model}/${variant}`;
    let rt = this.runtimes.get(key);
    if (!rt) {
      const m = this.model(model);
      if (!m) throw new Error(`internal: no model "${model}"`);
      rt = new Runtime(m, variant);
      this.runtimes.set(key, rt);
    }
    return rt;
  }
}
