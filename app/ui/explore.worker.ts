/**
 * Runs the explorer off the main thread. Receives {model, variant} (the model's id and a variant
 * name: a Model holds functions, so it cannot be posted), posts progress and then the result.
 */
import { Runtime, explore, variantBounds, type ExploreResult, type Progress } from '../engine/index.ts';
import { findModel } from './models.ts';

export interface ExploreRequest {
  model: string;
  variant: string;
}
export type ExploreReply =
  | { type: 'progress'; progress: Progress }
  | { type: 'result'; result: ExploreResult }
  | { type: 'error'; message: string };

const post = (reply: ExploreReply) => self.postMessage(reply);

self.onmessage = (event: MessageEvent<ExploreRequest>) => {
  const { model: id, variant } = event.data;
  try {
    const model = findModel(id);
    if (!model) throw new Error(`no model "${id}"`);
    if (!(variant in model.variants)) throw new Error(`model "${id}" has no variant "${variant}"`);
    const rt = new Runtime(model, variant);
    const result = explore(rt, {
      bounds: variantBounds(model, variant),
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'result', result });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
