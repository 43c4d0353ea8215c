/**
 * One scale case of `npm run bench`, in a process of its own: K dials of M positions (M^K states),
 * printed as one JSON object. The small space of 4 dials of 18 is the yardstick: it warms the code
 * up and is timed for 3 s (one run varies by a third). A larger space is then searched once, and its
 * rate is set against the yardstick's in the same process, a minute apart at most: timed in
 * different processes, the two varied by a quarter each, and their ratio with them.
 *
 *   node --expose-gc --import tsx test/bench/scale.ts K M
 */
import { explore, Runtime, variantBounds } from '../../app/engine/index.ts';
import { dialsSystem } from '../fixtures/dials.ts';
import { testModel } from '../unit/helpers.ts';
import { measure } from './measure.ts';

const [dials, positions] = process.argv.slice(2).map(Number);
const bounds = { maxFaults: 0, maxDepth: 1e9, maxStates: 100_000_000 };
const small = testModel(dialsSystem(4, 18), 'dials-4x18');
for (let i = 0; i < 3; i++) explore(new Runtime(small, 'main'), { bounds: variantBounds(small, 'main', bounds) });
const yardstick = await measure(small, 'main', bounds, 0, 3000);
if (dials === 4 && positions === 18) {
  console.log(JSON.stringify(yardstick));
} else {
  const m = await measure(testModel(dialsSystem(dials, positions), `dials-${dials}x${positions}`), 'main', bounds, 0, 0);
  console.log(JSON.stringify({ ...m, yardstickStatesPerSecond: yardstick.statesPerSecond, ratioToSmallest: Number((m.statesPerSecond / yardstick.statesPerSecond).toFixed(2)) }));
}
