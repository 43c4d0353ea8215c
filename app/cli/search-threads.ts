/**
 * Worker threads for one search spread over several (`explore --workers N`, the bench). Each thread
 * loads the model itself; requests and replies pass by message, their arrays transferred.
 */
import { Worker } from 'node:worker_threads';
import type { ExpansionReply, ExpansionWorker } from '../engine/index.ts';
import { MACHINES_DIR } from './models.ts';

export interface SearchThreads {
  workers: ExpansionWorker[];
  close(): Promise<void>;
}

export function searchThreads(model: string, variant: string, count: number, dir = MACHINES_DIR): SearchThreads {
  const threads = Array.from(
    { length: count },
    () => new Worker(new URL('./search-thread.mjs', import.meta.url), { workerData: { model, variant, dir } }),
  );
  const workers = threads.map((thread): ExpansionWorker => {
    const waiting: Array<{ resolve: (r: ExpansionReply) => void; reject: (e: Error) => void }> = [];
    thread.on('message', (reply: ExpansionReply) => waiting.shift()?.resolve(reply));
    const fail = (e: Error) => waiting.splice(0).forEach((w) => w.reject(e));
    thread.on('error', (e) => fail(new Error(`a search thread failed: ${e.message}`)));
    thread.on('exit', (code) => fail(new Error(`a search thread exited (code ${code})`)));
    return {
      request: (message, transfer) =>
        new Promise((resolve, reject) => {
          waiting.push({ resolve, reject });
          thread.postMessage(message, transfer);
        }),
    };
  });
  return { workers, close: async () => void (await Promise.all(threads.map((t) => t.terminate()))) };
}
