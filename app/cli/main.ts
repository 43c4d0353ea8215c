/**
 * The Interleave CLI: `npm run -s interleave -- <command>`. `runCli` holds the logic and takes its
 * IO as a parameter so tests run it in-process; the bottom of this file wires it to the process.
 */
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { InputError, ModelError, setSettleProbe, sharedProbe } from '../engine/index.ts';
import { runGuarded, stopRequested, type WorkerData, type WorkerMessage } from './guarded.ts';
import { USAGE, UsageError } from './args.ts';
import { exploreCommand } from './explore.ts';
import { exportCommand } from './export.ts';
import type { Io } from './io.ts';
import { listCommand } from './list.ts';
import { replayCommand } from './replay.ts';
import { simulateCommand } from './simulate.ts';

export type { Io } from './io.ts';

/** Runs one command; returns the exit code (0 no findings, 1 findings, 2 usage, model or input errors). */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return 0;
      case 'list':
        return await listCommand(args, io);
      case 'explore':
        return await exploreCommand(args, io);
      case 'simulate':
        return await simulateCommand(args, io);
      case 'replay':
        return await replayCommand(args, io);
      case 'export':
        return await exportCommand(args, io);
      default:
        io.stderr(`${command === undefined ? 'error: no command given' : `error: unknown command "${command}"`}\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ModelError || e instanceof InputError) {
      io.stderr(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

/** How long one XState call may run before the model is declared unable to settle. */
const SETTLE_SECONDS = Number(process.env.INTERLEAVE_SETTLE_SECONDS ?? 10);

// Only when run as the entry module (`tsx app/cli/main.ts`), not when a test imports runCli: the main
// thread watches while a worker thread, started on this same file, runs the command (see guarded.ts).
const entry = process.argv[1];
const isEntry = entry !== undefined && existsSync(entry) && realpathSync(entry) === fileURLToPath(import.meta.url);
if (!isMainThread && (workerData as WorkerData | undefined)?.cli === true) {
  const data = workerData as WorkerData;
  setSettleProbe(sharedProbe(data.probe));
  const say = (m: WorkerMessage) => parentPort!.postMessage(m);
  const io: Io = {
    stdout: (text) => say({ kind: 'stdout', text }),
    stderr: (text) => say({ kind: 'stderr', text }),
    readFile: (path) => readFileSync(path, 'utf8'),
    writeFile: (path, text) => writeFileSync(path, text),
    stderrIsTTY: data.stderrIsTTY,
    stopRequested: stopRequested(data.stop),
  };
  say({ kind: 'exit', code: await runCli(data.argv, io) });
} else if (isEntry && isMainThread) {
  process.exitCode = await runGuarded(new URL(import.meta.url), process.argv.slice(2), SETTLE_SECONDS);
}
