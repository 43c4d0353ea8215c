/**
 * The Web Workers one search is spread over, started only when the search first sends one work: a
 * search too small to spread (no depth of a thousand states) starts none.
 */
import { inOrderChannel, type ExpansionReply, type ExpansionWorker } from '../../engine/index.ts';
import type { ExpandInit } from '../expand.worker.ts';

export interface ExpandWorkers {
  workers: ExpansionWorker[];
  close(): void;
}

export function expandWorkers(init: ExpandInit, count: number): ExpandWorkers {
  const started: Worker[] = [];
  const workers = Array.from({ length: count }, (): ExpansionWorker => {
    let worker: Worker | null = null;
    const start = () => {
      const w = new Worker(new URL('../expand.worker.ts', import.meta.url), { type: 'module' });
      w.onmessage = (event: MessageEvent<ExpansionReply>) => channel.receive(event.data);
      w.onerror = (event) => channel.fail(new Error(`a search worker failed: ${event.message}`));
      w.postMessage(init);
      started.push(w);
      return w;
    };
    const channel = inOrderChannel((message, transfer) => (worker ??= start()).postMessage(message, transfer));
    return channel.worker;
  });
  return { workers, close: () => started.forEach((w) => w.terminate()) };
}
