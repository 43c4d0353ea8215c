/**
 * The Interleave CLI: `npm run -s interleave -- <command>`. `runCli` holds the logic and takes its
 * IO as a parameter so tests run it in-process; the bottom of this file wires it to the process.
 */
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError, ModelError } from '../engine/index.ts';
import { USAGE, UsageError } from './args.ts';
import { exploreCommand } from './explore.ts';
import { exportCommand } from './export.ts';
import type { Io } from './io.ts';
import { listCommand } from './list.ts';
import { replayCommand } from './replay.ts';

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

const processIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, text) => writeFileSync(path, text),
  stderrIsTTY: process.stderr.isTTY === true,
};

// Only when run as the entry module (`tsx app/cli/main.ts`), not when a test imports runCli.
const entry = process.argv[1];
if (entry !== undefined && existsSync(entry) && realpathSync(entry) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runCli(process.argv.slice(2), processIo);
}
