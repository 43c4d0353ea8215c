import { explore, Runtime, variantBounds } from '../../app/engine/index.ts';
import order from '../../machines/order/index.ts';
import alias from '../../machines/alias-check/index.ts';
import conn from '../../machines/connection/index.ts';
import tls from '../../machines/tls-reload/index.ts';
import ocsp from '../../machines/ocsp-updater/index.ts';
const models = { order, 'alias-check': alias, connection: conn, 'tls-reload': tls, 'ocsp-updater': ocsp } as const;
const cases: Array<[keyof typeof models, string]> = [['order', 'cleanup-daemon'], ['alias-check', 'original'], ['connection', 'exit-from-manager-reconnect'], ['tls-reload', 'reload-when-changed'], ['ocsp-updater', 'eager-signing']];
const out: string[] = [];
for (const [id, variant] of cases) {
  const model = models[id];
  const bounds = variantBounds(model, variant, { maxFaults: 2, faults: ['drop', 'delay', 'fail', 'expire', 'crash'] });
  for (let i = 0; i < 2; i++) explore(new Runtime(model, variant), { bounds });
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 1500) n += explore(new Runtime(model, variant), { bounds }).states;
  out.push(`${id}:${Math.round((n / (performance.now() - t0)) * 1000)}`);
}
console.log(out.join(' '));
