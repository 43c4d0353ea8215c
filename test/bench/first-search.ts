/**
 * The `first-search` case of `npm run bench`: one search of a bundled variant at its stated bounds,
 * the first in a fresh process, as `interleave explore` runs it. The JIT has not warmed up yet, so it
 * runs well below the warm figure of the `stated-bounds` case. Prints one JSON object.
 *
 *   node --import tsx test/bench/first-search.ts MODEL VARIANT
 */
import { explore, Runtime, variantBounds } from '../../app/engine/index.ts';
import { loadModel } from '../../app/cli/models.ts';

const [id, variant] = process.argv.slice(2);
const model = await loadModel(id);
const r = explore(new Runtime(model, variant), { bounds: variantBounds(model, variant, {}) });
console.log(JSON.stringify({ model: id, variant, states: r.states, ms: Math.round(r.ms), statesPerSecond: r.statesPerSecond }));
