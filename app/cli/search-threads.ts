/**
 * Worker threads for one search spread over several (`explore --workers N`, the bench). Each thread
 * loads the model itself; requests and replies pass by message, their arrays transferred.
 */
import { Worker } from 'node:worker_threads';
import { inOrderChannel, type ExpansionWorker } from '../engine/index.ts';
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
  const workers = threads.map((thread) => {
    const channel = inOrderChannel((message, transfer) => thread.postMessage(message, transfer));
    thread.on('message', channel.receive);
    thread.on('error', (e) => channel.fail(new Error(`a search thread failed: ${e.message}`)));
    thread.on('exit', (code) => channel.fail(new Error(`a search thread exited (code ${code})`)));
    return channel.worker;
  });
  return { workers, close: async () => void (await Promise.all(threads.map((t) => t.terminate()))) };
}
