import { explore, Runtime, variantBounds } from '../../app/engine/index.ts';
import { loadModels } from '../../app/cli/models.ts';
const [id, variant, faults] = process.argv.slice(2);
const model = (await loadModels()).find((m) => m.id === id)!;
const bounds = variantBounds(model, variant, faults ? { maxFaults: Number(faults), faults: ['drop', 'delay', 'fail', 'expire', 'crash'] } : {});
let n = 0, ms = 0;
const t0 = performance.now();
while (performance.now() - t0 < 8000) { const r = explore(new Runtime(model, variant), { bounds }); n += r.states; ms += r.ms; }
console.log(id, variant, n, Math.round(n / ms * 1000), 'st/s');
