/** `interleave replay FILE.json`: replays a trace and reports each step, the final world and what holds there. */
import { parseArgs } from 'node:util';
import {
  checkWorld,
  describeStep,
  describeWorld,
  replaySteps,
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
  if (values.json) {
    const steps = replay.steps.map((s) => ({ step: s.json, text: describeStep(s.json), happenings: s.happenings }));
    const { model, variant, title } = trace;
    const out = { model, variant, title, start: replay.initialHappenings, steps, final: world, findings };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    io.stdout(textReport(trace, replay, worldLines(world), findings));
  }
  // An inconclusive verdict is reported but, as in explore, not counted as a finding.
  return findings.some((f) => f.verdict === 'proven') ? 1 : 0;
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
