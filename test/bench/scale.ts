/**
 * One scale case of `npm run bench`, in a process of its own: K dials of M positions (M^K states),
 * printed as one JSON object. The code is warmed up on 4 dials of 18 first; that small space, the
 * yardstick, is timed for 3 s (one run varies by a third), a larger one once.
 *
 *   node --expose-gc --import tsx test/bench/scale.ts K M
 */
import { explore, Runtime, variantBounds } from '../../app/engine/index.ts';
import { dialsSystem } from '../fixtures/dials.ts';
import { testModel } from '../unit/helpers.ts';
import { measure } from './measure.ts';

const [dials, positions] = process.argv.slice(2).map(Number);
const bounds = { maxFaults: 0, maxDepth: 1e9, maxStates: 100_000_000 };
const yardstick = dials === 4 && positions === 18;
const warm = testModel(dialsSystem(4, 18), 'dials-4x18');
for (let i = 0; i < 3; i++) explore(new Runtime(warm, 'main'), { bounds: variantBounds(warm, 'main', bounds) });
const m = await measure(testModel(dialsSystem(dials, positions), `dials-${dials}x${positions}`), 'main', bounds, 0, yardstick ? 3000 : 0);
console.log(JSON.stringify(m));
