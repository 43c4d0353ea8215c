/** Argument checking shared by the commands: usage errors, positionals, numbers and fault lists. */
import { FAULT_KINDS, type FaultKind } from '../engine/index.ts';

/** A command line that does not say what it must: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage: interleave <command> [options]

Commands:
  list [--json]                      the bundled models and their variants
  explore MODEL [options]            check every interleaving of a model within bounds
      --variant V                    the variant to check (default: the first declared)
      --max-faults N                 fault budget per run
      --max-depth N                  longest trace explored, in steps
      --max-states N                 distinct states stored before the search stops
      --max-seconds S                stop the search after S seconds
      --max-memory MB                stop when the search tables pass MB megabytes
      --faults drop,delay,fail,expire,crash
                                     fault kinds the explorer may inject (empty: none)
      --workers N                    spread the search over N threads (same result as 1; default 1)
      --save-trace FILE              write the first finding's trace (or first witness) as JSON
      --json                         print one JSON object instead of a report
      --progress                     a progress line on stderr every second, even when it is not a terminal
  simulate MODEL [options]           many seeded random runs in virtual time, summarised per metric
      --variant V                    the variant to run (default: the first declared)
      --runs N                       how many runs (default: the model's, else 100)
      --seed S                       run i uses seed S + i (default 1)
      --horizon MS                   virtual ms per run (default: the model's)
      --max-steps N                  steps one run may take before it is cut
      --max-faults N, --fault-rate P fault budget per run, and the chance a step is a fault
      --faults drop,delay,...        fault kinds a run may inject
      --save-trace FILE              write the worst run as a trace to replay and step
      --json                         print one JSON object instead of a report
      --progress                     a progress line on stderr every second, even when it is not a terminal
  replay FILE.json [--json]          replay a trace and report the final world and its findings
  export FILE.json --as vitest|mermaid|json
                                     print a trace as a Vitest test, a Mermaid diagram or canonical JSON
  help                               this text

Ctrl-C stops a search (or a simulation) where it is and reports what it covered; a second Ctrl-C quits at once.
Exit codes: 0 no findings, 1 findings, 2 usage, model or input errors, 130 quit by a second Ctrl-C.
`;

/**
 * Runs node:util parseArgs, turning its errors into usage errors. The first sentence of its message
 * names the problem ("Unknown option '--bogus'"); the rest is advice about positionals.
 */
export function parsed<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
      throw new UsageError(`${command}: ${(e as Error).message.split(/\.\s|\n/)[0]} (see: interleave help)`);
    }
    throw e;
  }
}

/** The one positional argument a command takes. */
export function onePositional(command: string, positionals: string[], name: string): string {
  if (positionals.length === 1) return positionals[0];
  if (positionals.length === 0) throw new UsageError(`${command} needs ${name} (see: interleave help)`);
  throw new UsageError(`${command} takes one ${name}, got: ${positionals.join(' ')}`);
}

export function noPositionals(command: string, positionals: string[]): void {
  if (positionals.length > 0) throw new UsageError(`${command} takes no arguments, got: ${positionals.join(' ')}`);
}

export function intFlag(flag: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`--${flag} must be a whole number of at least ${min}, not "${raw}"`);
  }
  return n;
}

export function secondsFlag(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !(n > 0)) throw new UsageError(`--${flag} must be a positive number of seconds, not "${raw}"`);
  return n;
}

export function faultsFlag(raw: string | undefined): FaultKind[] | undefined {
  if (raw === undefined) return undefined;
  const kinds = raw.split(',').map((k) => k.trim()).filter((k) => k !== '');
  for (const k of kinds) {
    if (!(FAULT_KINDS as readonly string[]).includes(k)) {
      throw new UsageError(`--faults: unknown fault kind "${k}" (kinds: ${FAULT_KINDS.join(', ')})`);
    }
  }
  return [...new Set(kinds)] as FaultKind[];
}
