/** `interleave replay FILE.json`: replays a trace and reports each step, the final world and what holds there. */
import { parseArgs } from 'node:util';
import {
  checkWorld,
  describeStep,
  describeWorld,
  measureReplay,
  replaySteps,
  summarize,
  type MetricVerdict,
  type Series,
  type Happening,
  type Replay,
  type StateFinding,
  type Trace,
} from '../engine/index.ts';
import { onePositional, parsed } from './args.ts';
import { happeningLine, stateFindingLine, stepLines, worldLines } from './format.ts';
import type { Io } from './io.ts';
import { inFile, openTrace } from './trace-file.ts';

export async function replayCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parsed('replay', () =>
    parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } }),
  );
  const file = onePositional('replay', positionals, 'FILE.json');
  const { trace, rt } = await openTrace(io, file);
  const replay = await inFile(file, () => replaySteps(rt, trace.steps));
  const world = describeWorld(rt, replay.final);
  const findings = checkWorld(rt, replay.final);
  const { series, verdicts } = measureReplay(rt, replay);
  const metrics = series.map((s) => ({ metric: s.metric, unit: s.unit, scale: s.scale, ...summarize(s.points.map(([, v]) => v)) }));
  if (values.json) {
    const steps = replay.steps.map((s) => ({ step: s.json, text: describeStep(s.json), happenings: s.happenings }));
    const { model, variant, title } = trace;
    const out = { model, variant, title, start: replay.initialHappenings, steps, final: world, findings, metrics, metricVerdicts: verdicts };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    io.stdout(textReport(trace, replay, worldLines(world), findings) + metricLines(series, verdicts));
  }
  // An inconclusive verdict is reported but, as in explore, not counted as a finding.
  return findings.some((f) => f.verdict === 'proven') || verdicts.some((v) => !v.holds) ? 1 : 0;
}

/** Each metric along the trace, and each metric property's verdict on it. */
function metricLines(series: Series[], verdicts: MetricVerdict[]): string {
  if (series.length === 0) return '';
  const lines = ['', 'metrics along the trace:'];
  for (const s of series) {
    const m = summarize(s.points.map(([, v]) => v));
    const show = (v: number) => `${+(v / s.scale).toFixed(3)}`;
    lines.push(m.count === 0 ? `  ${s.metric}: no samples` : `  ${s.metric} (${s.unit}): mean ${show(m.mean)}, max ${show(m.max)}, ${m.count} samples`);
  }
  for (const v of verdicts) lines.push(`  ${v.property}: ${v.holds ? (v.undecided ? 'undecided' : 'holds') : 'FAILS'}: ${v.message}`);
  return `${lines.join('\n')}\n`;
}

function textReport(trace: Trace, replay: Replay, world: string[], findings: StateFinding[]): string {
  const lines = [`${trace.model} / ${trace.variant}: ${trace.title ?? 'untitled trace'} (${trace.steps.length} steps)`, ''];
  const happened = (hs: Happening[]) => hs.map((h) => `       ${happeningLine(h)}`);
  if (replay.initialHappenings.length > 0) lines.push('start:', ...happened(replay.initialHappenings));
  lines.push('steps:');
  const numbered = stepLines(trace.steps, '  ');
  replay.steps.forEach((s, i) => lines.push(numbered[i], ...happened(s.happenings)));
  lines.push('', ...world, '', 'findings at the final world:');
  if (findings.length === 0) lines.push('  none: no invariant is broken and no progress property is stuck');
  else lines.push(...findings.map(stateFindingLine));
  return `${lines.join('\n')}\n`;
}
