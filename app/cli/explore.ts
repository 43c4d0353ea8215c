/** `interleave explore MODEL`: checks every interleaving within bounds and reports what it found. */
import { parseArgs } from 'node:util';
import {
  bytesText,
  explore,
  exploreParallel,
  InputError,
  makeTrace,
  PROBE_SLOTS,
  Runtime,
  SPREAD_FROM,
  traceJson,
  variantBounds,
  watchedWorkers,
  type CutReason,
  type ExploreOptions,
  type ExploreResult,
  type Finding,
  type Model,
  type Progress,
  type Trace,
} from '../engine/index.ts';
import { faultsFlag, intFlag, onePositional, parsed, secondsFlag, UsageError } from './args.ts';
import { boundsLine, int, stepLines } from './format.ts';
import { writeText, type Io } from './io.ts';
import { loadModel } from './models.ts';
import { searchThreads } from './search-threads.ts';
import { inFile } from './trace-file.ts';

const OPTIONS = {
  variant: { type: 'string' },
  'max-faults': { type: 'string' },
  'max-depth': { type: 'string' },
  'max-states': { type: 'string' },
  'max-seconds': { type: 'string' },
  'max-memory': { type: 'string' },
  faults: { type: 'string' },
  workers: { type: 'string' },
  'save-trace': { type: 'string' },
  json: { type: 'boolean' },
  progress: { type: 'boolean' },
} as const;

export async function exploreCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parsed('explore', () => parseArgs({ args, allowPositionals: true, options: OPTIONS }));
  const modelId = onePositional('explore', positionals, 'MODEL');
  const overrides = {
    maxFaults: intFlag('max-faults', values['max-faults'], 0),
    maxDepth: intFlag('max-depth', values['max-depth'], 1),
    maxStates: intFlag('max-states', values['max-states'], 1),
    faults: faultsFlag(values.faults),
  };
  const maxSeconds = secondsFlag('max-seconds', values['max-seconds']);
  const maxMemoryMb = intFlag('max-memory', values['max-memory'], 1);
  const workers = intFlag('workers', values.workers, 1) ?? 1;
  // The settle watchdog has a slot per thread (see settle-probe.ts).
  if (workers > PROBE_SLOTS - 1) throw new UsageError(`--workers may be at most ${PROBE_SLOTS - 1}, not ${workers}`);

  const model = await loadModel(modelId);
  const variant = values.variant ?? Object.keys(model.variants)[0];
  const bounds = variantBounds(model, variant, overrides);
  const onProgress = values.progress || (io.stderrIsTTY && !values.json) ? progressPrinter(io) : undefined;
  const options = { bounds, maxSeconds, maxBytes: maxMemoryMb === undefined ? undefined : maxMemoryMb * 2 ** 20, onProgress, isCancelled: io.stopRequested };
  const { result, spread } = workers > 1 ? await exploreOnThreads(model, variant, options, workers) : { result: explore(new Runtime(model, variant), options), spread: 0 };

  io.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : report(model, result, maxSeconds, workers, spread));
  const file = values['save-trace'];
  if (file !== undefined) {
    const trace = traceToSave(result);
    await inFile(file, () => writeText(io, file, traceJson(trace)));
    if (!values.json) io.stdout(`saved the trace "${trace.title}" to ${file}\n`);
  }
  return result.findings.length > 0 ? 1 : 0;
}

/**
 * One search spread over worker threads (the coordinator, this thread, keeps the visited set), and how
 * many of them expanded states (none when no depth was wide enough).
 */
async function exploreOnThreads(model: Model, variant: string, options: ExploreOptions, count: number): Promise<{ result: ExploreResult; spread: number }> {
  const threads = searchThreads(model.id, variant, count);
  try {
    const watched = watchedWorkers(threads.workers);
    const result = await exploreParallel(new Runtime(model, variant, { journal: true }), options, watched.workers);
    return { result, spread: watched.used() };
  } finally {
    await threads.close();
  }
}

/** The first finding's trace, or else the first witness's. */
function traceToSave(r: ExploreResult): Trace {
  const finding = r.findings[0];
  if (finding) return makeTrace(r.model, r.variant, finding.trace, `${finding.kind}: ${finding.property}`);
  const witness = r.witnesses.find((w) => w.trace !== undefined);
  if (witness?.trace) return makeTrace(r.model, r.variant, witness.trace, `witness: ${witness.property}`);
  throw new InputError('--save-trace: nothing to save: the search found no finding and no witness trace');
}

/** A line on stderr about once a second (the explorer reports every few hundred states). */
function progressPrinter(io: Io): (p: Progress) => void {
  let last = 0;
  return (p) => {
    if (p.ms - last < 1000) return;
    last = p.ms;
    const seconds = (p.ms / 1000).toFixed(1);
    io.stderr(`… ${int(p.states)} states, ${int(p.transitions)} transitions, frontier ${int(p.frontier)}, depth ${p.depth}, ${bytesText(p.bytes)} of tables, ${seconds} s\n`);
  };
}

/** What the threads of `--workers` did: spread the search, or not (no depth was wide enough). */
function threadsText(workers: number, spread: number): string {
  if (spread > 0) return `, spread over ${spread} worker threads`;
  return workers > 1 ? `, on one thread: no depth reached the ${int(SPREAD_FROM)} states worth spreading` : '';
}

const CUT_TEXT: Record<CutReason, (n: number) => string> = {
  maxDepth: (n) => `max depth (${int(n)} states left unexpanded)`,
  maxStates: (n) => `max states (${int(n)} new states not stored)`,
  maxSeconds: () => 'max seconds (time ran out)',
  maxMemory: () => 'max memory (the search tables passed --max-memory)',
  cancelled: () => 'Ctrl-C (you stopped it)',
};

function report(model: Model, r: ExploreResult, maxSeconds: number | undefined, workers: number, spread: number): string {
  const seconds = maxSeconds === undefined ? '' : `, max seconds ${maxSeconds}`;
  const lines = [
    `${r.model} / ${r.variant}: ${model.title}`,
    `  ${model.variants[r.variant].description}`,
    `bounds: ${boundsLine(r.bounds)}${seconds}`,
    '',
    `${int(r.states)} states, ${int(r.transitions)} transitions, deepest trace ${r.depth} steps, ${bytesText(r.bytes)} of search tables (${int(Math.round(r.bytes / Math.max(1, r.states)))} bytes/state)`,
    `${int(r.ms)} ms (${int(r.statesPerSecond)} states/s${threadsText(workers, spread)})`,
  ];
  if (r.complete) lines.push('complete: every interleaving within the bounds was explored');
  else {
    const cuts = Object.entries(r.cuts).map(([reason, n]) => CUT_TEXT[reason as CutReason](n));
    lines.push(`INCOMPLETE: the search was cut by ${cuts.join(', ')}; ${int(r.unexpanded)} states found but not expanded`);
  }
  lines.push('');
  if (r.findings.length === 0) lines.push('no findings');
  else lines.push(`${r.findings.length} finding${r.findings.length === 1 ? '' : 's'}:`);
  for (const f of r.findings) lines.push(...findingLines(f, ''));
  if (r.inconclusive.length > 0) {
    lines.push('', `${r.inconclusive.length} inconclusive (not counted as findings: the search was cut before deciding):`);
    for (const f of r.inconclusive) lines.push(...findingLines(f, 'INCONCLUSIVE '));
  }
  if (r.witnesses.length > 0) lines.push('', 'witnesses:');
  for (const w of r.witnesses) {
    lines.push(`  ${w.property}: ${w.question}`);
    if (w.answer === 'reachable') lines.push('    reachable:', ...stepLines(w.trace ?? [], '      '));
    else if (w.answer === 'unreachable') lines.push('    unreachable within the bounds');
    else lines.push('    not found (the search was cut before deciding)');
  }
  return `${lines.join('\n')}\n`;
}

function findingLines(f: Finding, prefix: string): string[] {
  const label = f.kind === 'stuck' ? 'STUCK' : 'VIOLATED';
  const faults = `${f.faults} fault${f.faults === 1 ? '' : 's'}`;
  const switches = `${f.switches} switch${f.switches === 1 ? '' : 'es'} between actors`;
  const lines = [
    '',
    `  ${prefix}${label} ${f.property} (${int(f.states)} states; shortest trace, ${f.trace.length} steps, ${faults}, ${switches}):`,
    ...stepLines(f.trace, '    '),
    `    ${f.message}`,
    `    why: ${f.why}`,
  ];
  if (f.ways.length > 1 || f.moreWays > 0) {
    lines.push(`    ${f.ways.length + f.moreWays} ways it fails (states of the actors it reads):`);
    for (const w of f.ways) lines.push(`      ${int(w.states)} states, ${w.trace.length}-step trace: ${w.way}`);
    if (f.moreWays > 0) lines.push(`      … and ${f.moreWays} more ways`);
  }
  return lines;
}
