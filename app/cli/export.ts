/** `interleave export FILE.json --as vitest|mermaid|json`: prints a trace in another form. */
import { parseArgs } from 'node:util';
import { exportJson, exportMermaid, exportVitest } from '../engine/index.ts';
import { onePositional, parsed, UsageError } from './args.ts';
import type { Io } from './io.ts';
import { inFile, openTrace, readTrace } from './trace-file.ts';

const FORMATS = ['vitest', 'mermaid', 'json'] as const;

export async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parsed('export', () =>
    parseArgs({ args, allowPositionals: true, options: { as: { type: 'string' } } }),
  );
  const file = onePositional('export', positionals, 'FILE.json');
  const as = values.as;
  if (as === undefined || !(FORMATS as readonly string[]).includes(as)) {
    throw new UsageError(`export needs --as ${FORMATS.join('|')}${as === undefined ? '' : `, not "${as}"`}`);
  }
  if (as === 'json') {
    io.stdout(exportJson(await readTrace(io, file)));
    return 0;
  }
  const { trace, rt } = await openTrace(io, file);
  io.stdout(await inFile(file, () => (as === 'vitest' ? exportVitest(rt, trace) : exportMermaid(rt, trace))));
  return 0;
}
