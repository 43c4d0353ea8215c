/**
 * The Web Workers one search is spread over, started only when the search first sends one work: a
 * search too small to spread (no depth of a thousand states) starts none.
 */
import type { ExpansionReply, ExpansionWorker } from '../../engine/index.ts';
import type { ExpandInit } from '../expand.worker.ts';

export interface ExpandWorkers {
  workers: ExpansionWorker[];
  close(): void;
}

export function expandWorkers(init: ExpandInit, count: number): ExpandWorkers {
  const started: Worker[] = [];
  const workers = Array.from({ length: count }, (): ExpansionWorker => {
    let worker: Worker | null = null;
    const waiting: Array<{ resolve: (r: ExpansionReply) => void; reject: (e: Error) => void }> = [];
    const start = () => {
      const w = new Worker(new URL('../expand.worker.ts', import.meta.url), { type: 'module' });
      w.onmessage = (event: MessageEvent<ExpansionReply>) => waiting.shift()?.resolve(event.data);
      w.onerror = (event) => waiting.splice(0).forEach((p) => p.reject(new Error(`a search worker failed: ${event.message}`)));
      w.postMessage(init);
      started.push(w);
      return w;
    };
    return {
      request: (message, transfer) =>
        new Promise((resolve, reject) => {
          waiting.push({ resolve, reject });
          (worker ??= start()).postMessage(message, transfer);
        }),
    };
  });
  return { workers, close: () => started.forEach((w) => w.terminate()) };
}
