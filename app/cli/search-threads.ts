/**
 * Worker threads for one search spread over several (`explore --workers N`, the bench). Each thread
 * loads the model itself; requests and replies pass by message, their arrays transferred.
 */
import { Worker } from 'node:worker_threads';
import { inOrderChannel, probeSlots, settleProbe, type ExpansionWorker, type SharedProbe } from '../engine/index.ts';
import { MACHINES_DIR } from './models.ts';

export interface SearchThreads {
  workers: ExpansionWorker[];
  close(): Promise<void>;
}

export function searchThreads(model: string, variant: string, count: number, dir = MACHINES_DIR): SearchThreads {
  // Each thread watched like this one: its XState calls in a slot of this thread's settle probe.
  const probe = settleProbe() as SharedProbe | null;
  const threads: Worker[] = [];
  const close = async () => {
    // Closing is not a failure: the channels need not hear of it.
    for (const t of threads) t.removeAllListeners();
    await Promise.all(threads.map((t) => t.terminate()));
  };
  try {
    for (let i = 0; i < count; i++) {
      const watched = probe?.buffer && probe.slot + 1 + i < probeSlots(probe.buffer) ? { probe: probe.buffer, slot: probe.slot + 1 + i } : {};
      threads.push(new Worker(new URL('./search-thread.mjs', import.meta.url), { workerData: { model, variant, dir, ...watched } }));
    }
  } catch (e) {
    void close();
    throw e;
  }
  const workers = threads.map((thread) => {
    const channel = inOrderChannel((message, transfer) => thread.postMessage(message, transfer));
    thread.on('message', channel.receive);
    thread.on('error', (e) => channel.fail(new Error(`a search thread failed: ${e.message}`)));
    thread.on('exit', (code) => channel.fail(new Error(`a search thread exited (code ${code})`)));
    return channel.worker;
  });
  return { workers, close };
}
