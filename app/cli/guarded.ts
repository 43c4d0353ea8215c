/**
 * Runs a CLI command in a worker thread, watched from the main thread. A model whose machine never
 * settles (an eventless loop) hangs inside one XState call, which JavaScript cannot interrupt; the
 * watchdog sees that call through a shared probe, stops the worker and names the actor and event.
 *
 * Ctrl-C asks the command to stop through a shared flag (the worker is busy in a search and reads
 * no messages): a search or a simulation stops there and reports what it covered. A second Ctrl-C
 * quits at once.
 */
import { Worker } from 'node:worker_threads';
import { createProbeBuffer, probeSlots, readProbe } from '../engine/index.ts';

export interface WorkerData {
  cli: true;
  argv: string[];
  probe: SharedArrayBuffer;
  /** One Int32: 1 once Ctrl-C asked the command to stop (see `stopRequested`). */
  stop: SharedArrayBuffer;
  stderrIsTTY: boolean;
}

/** Whether Ctrl-C has asked the command to stop, read from the flag the main thread sets. */
export function stopRequested(stop: SharedArrayBuffer): () => boolean {
  const flag = new Int32Array(stop);
  return () => Atomics.load(flag, 0) === 1;
}

export type WorkerMessage = { kind: 'stdout' | 'stderr'; text: string } | { kind: 'exit'; code: number };

export function runGuarded(entry: URL, argv: string[], settleSeconds: number): Promise<number> {
  const probe = createProbeBuffer();
  const stop = new SharedArrayBuffer(4);
  const workerData: WorkerData = { cli: true, argv, probe, stop, stderrIsTTY: process.stderr.isTTY === true };
  // A TypeScript entry needs tsx's loader registered inside the worker before it is imported.
  const boot = entry.pathname.endsWith('.ts')
    ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`
    : `import(${JSON.stringify(entry.href)});`;
  const worker = new Worker(boot, { eval: true, workerData });
  return new Promise((resolve, reject) => {
    let code: number | undefined;
    // Per slot (the command's thread, then any search threads it starts): the call it is in, and since when.
    const seen = Array.from({ length: probeSlots(probe) }, () => ({ calls: -1, since: Date.now() }));
    const watchdog = setInterval(() => {
      for (let slot = 0; slot < seen.length; slot++) {
        const now = readProbe(probe, slot);
        if (!now.inCall || now.calls !== seen[slot].calls) {
          seen[slot] = { calls: now.calls, since: Date.now() };
          continue;
        }
        if (Date.now() - seen[slot].since < settleSeconds * 1000) continue;
        clearInterval(watchdog);
        process.stderr.write(
          `error: actor ${now.actor} did not settle on ${now.what} within ${settleSeconds} s: ` +
            'its machine never returns from the transition (an eventless "always" loop?)\n',
        );
        code = 2;
        void worker.terminate();
        return;
      }
    }, 250);
    const stopFlag = new Int32Array(stop);
    const interrupt = () => {
      if (Atomics.exchange(stopFlag, 0, 1) === 0) {
        process.stderr.write('stopping: the command reports what it has done so far (Ctrl-C again quits at once)\n');
        return;
      }
      code = 130;
      void worker.terminate();
    };
    process.on('SIGINT', interrupt);
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'exit') code = m.code;
      else (m.kind === 'stdout' ? process.stdout : process.stderr).write(m.text);
    });
    const done = () => {
      clearInterval(watchdog);
      process.off('SIGINT', interrupt);
    };
    worker.on('error', (e) => {
      done();
      reject(e);
    });
    worker.on('exit', () => {
      done();
      resolve(code ?? 2);
    });
  });
}
