/** The body of one search thread (started by search-thread.mjs, see search-threads.ts): an expansion server for one model variant. */
import { parentPort, workerData } from 'node:worker_threads';
import { ExpansionServer, Runtime, setSettleProbe, sharedProbe, type ExpansionRequest } from '../engine/index.ts';
import { loadModel } from './models.ts';

const { model, variant, dir, probe, slot } = workerData as { model: string; variant: string; dir: string; probe?: SharedArrayBuffer; slot?: number };
if (probe) setSettleProbe(sharedProbe(probe, slot));
const server = new ExpansionServer(new Runtime(await loadModel(model, dir), variant, { journal: true }));
parentPort!.on('message', (request: ExpansionRequest) => {
  const reply = server.handle(request);
  parentPort!.postMessage(reply, ExpansionServer.transfer(reply));
});
