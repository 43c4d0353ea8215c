/** `interleave simulate MODEL`: many seeded random runs in virtual time, summarised per metric. */
import { parseArgs } from 'node:util';
import {
  formatTime,
  makeTrace,
  Runtime,
  simulate,
  simulateRun,
  traceJson,
  type Model,
  type SimulationResult,
} from '../engine/index.ts';
import { faultsFlag, intFlag, onePositional, parsed, UsageError } from './args.ts';
import { int } from './format.ts';
import { writeText, type Io } from './io.ts';
import { loadModel } from './models.ts';
import { inFile } from './trace-file.ts';

const OPTIONS = {
  variant: { type: 'string' },
  runs: { type: 'string' },
  seed: { type: 'string' },
  horizon: { type: 'string' },
  'max-steps': { type: 'string' },
  'max-faults': { type: 'string' },
  'fault-rate': { type: 'string' },
  faults: { type: 'string' },
  'save-trace': { type: 'string' },
  json: { type: 'boolean' },
  progress: { type: 'boolean' },
} as const;

export async function simulateCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parsed('simulate', () => parseArgs({ args, allowPositionals: true, options: OPTIONS }));
  const modelId = onePositional('simulate', positionals, 'MODEL');
  const options = {
    runs: intFlag('runs', values.runs, 1),
    seed: intFlag('seed', values.seed, 0),
    horizon: intFlag('horizon', values.horizon, 1),
    maxSteps: intFlag('max-steps', values['max-steps'], 1),
    maxFaults: intFlag('max-faults', values['max-faults'], 0),
    faultRate: rateFlag(values['fault-rate']),
    faults: faultsFlag(values.faults),
  };
  const model = await loadModel(modelId);
  const variant = values.variant ?? Object.keys(model.variants)[0];
  const rt = new Runtime(model, variant);
  if (options.horizon === undefined && rt.simulation === null && options.maxSteps === undefined) {
    io.stderr(`note: ${model.id} declares no simulation horizon; each run stops when nothing is enabled or after 10,000 steps\n`);
  }
  let last = 0;
  const onRun = values.progress || (io.stderrIsTTY && !values.json) ? (done: number) => {
    if (Date.now() - last < 1000) return;
    last = Date.now();
    io.stderr(`… ${int(done)} runs\n`);
  } : undefined;
  const result = simulate(rt, { ...options, onRun, isCancelled: io.stopRequested });
  io.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : report(model, result));
  const file = values['save-trace'];
  if (file !== undefined && result.worst) {
    const run = simulateRun(rt, result.worst.seed, options);
    const trace = makeTrace(model.id, variant, run.steps, `worst run of ${result.runs}: seed ${result.worst.seed}`);
    await inFile(file, () => writeText(io, file, traceJson(trace)));
    if (!values.json) io.stdout(`saved the worst run (seed ${result.worst.seed}, ${run.steps.length} steps) to ${file}\n`);
  }
  return result.properties.some((p) => p.failedRuns > 0) ? 1 : 0;
}

function rateFlag(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^(0|1|0?\.\d+|1\.0*)$/.test(raw) || !(n >= 0 && n <= 1)) throw new UsageError(`--fault-rate must be a number from 0 to 1, not "${raw}"`);
  return n;
}

const num = (v: number, scale: number) => (Number.isNaN(v) ? '–' : `${+(v / scale).toFixed(scale === 1 ? 1 : 3)}`);

function report(model: Model, r: SimulationResult): string {
  const lines = [
    `${r.model} / ${r.variant}: ${model.title}`,
    `  ${model.variants[r.variant].description}`,
    `${int(r.runs)} runs from seed ${r.seed} (run i uses seed ${r.seed} + i), horizon ${Number.isFinite(r.horizon) ? formatTime(r.horizon) : 'none'}${r.cancelled ? ' (stopped by Ctrl-C: the runs done so far)' : ''}`,
    `${int(r.steps)} steps in ${int(r.ms)} ms (${int(r.stepsPerSecond)} steps/s, ${r.runsPerSecond} runs/s)${r.cutRuns > 0 ? `; ${r.cutRuns} runs cut by the step limit` : ''}`,
    '',
  ];
  if (r.metrics.length > 0) {
    lines.push('metrics (every sample of every run):');
    for (const m of r.metrics) {
      lines.push(
        `  ${m.metric} (${m.unit}): mean ${num(m.mean, m.scale)}, p50 ${num(m.p50, m.scale)}, p95 ${num(m.p95, m.scale)}, max ${num(m.max, m.scale)}` +
          `${m.worstSeed === null ? '' : ` (max in seed ${m.worstSeed})`}, ${int(m.count)} samples`,
      );
    }
    lines.push('');
  }
  lines.push('properties:');
  for (const p of r.properties) {
    const verdict = p.failedRuns === 0 ? 'held in every run' : `FAILED in ${p.failedRuns} of ${r.runs} runs`;
    const undecided = p.undecidedRuns > 0 ? ` (${p.undecidedRuns} runs too short to decide)` : '';
    lines.push(`  ${p.property} [${p.kind}]: ${verdict}${undecided}`);
    if (p.firstFailure) lines.push(`    first: seed ${p.firstFailure.seed}: ${p.firstFailure.message}`);
    if (p.cycles?.length) lines.push(`    peak/mean per cycle (mean over runs): ${p.cycles.map((c) => c.toFixed(2)).join(', ')}`);
  }
  if (r.properties.length === 0) lines.push('  (none declared)');
  const c = r.coverage;
  lines.push('', `coverage: ${int(c.distinctStates)} distinct states; ${c.stateNodes.reached} of ${c.stateNodes.total} state nodes entered`);
  if (c.unreached.length > 0) lines.push(`  never entered: ${c.unreached.join(', ')}`);
  if (r.worst) lines.push('', `worst run: seed ${r.worst.seed}: ${r.worst.why}`, `  replay it: simulate ${r.model} --variant ${r.variant} --seed ${r.worst.seed} --runs 1 --save-trace worst.json`);
  return `${lines.join('\n')}\n`;
}
