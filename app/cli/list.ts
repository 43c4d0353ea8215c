/** `interleave list`: the bundled models, their variants and the bounds each variant is checked within. */
import { parseArgs } from 'node:util';
import { formatTime, Runtime, variantBounds } from '../engine/index.ts';
import { noPositionals, parsed } from './args.ts';
import { boundsLine } from './format.ts';
import type { Io } from './io.ts';
import { loadModels } from './models.ts';

export async function listCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parsed('list', () =>
    parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } }),
  );
  noPositionals('list', positionals);
  const models = (await loadModels()).map((m) => {
    // Metrics and simulation settings are the same for every variant of the bundled models; read the first.
    const rt = new Runtime(m, Object.keys(m.variants)[0]);
    return {
      id: m.id,
      title: m.title,
      summary: m.summary,
      seed: m.seed,
      metrics: rt.metrics.map((x) => x.name),
      simulation: rt.simulation,
      variants: Object.entries(m.variants).map(([id, v]) => ({ id, description: v.description, bounds: variantBounds(m, id) })),
    };
  });
  if (values.json) {
    io.stdout(`${JSON.stringify({ models }, null, 2)}\n`);
    return 0;
  }
  const lines: string[] = [];
  for (const m of models) {
    lines.push(`${m.id}: ${m.title}`, `  ${m.summary}`, `  seed: ${m.seed}`);
    if (m.metrics.length > 0) lines.push(`  metrics: ${m.metrics.join(', ')}`);
    if (m.simulation) lines.push(`  simulate: ${m.simulation.runs ?? 100} runs of ${formatTime(m.simulation.horizon)} each by default`);
    lines.push('  variants:');
    m.variants.forEach((v, i) => {
      lines.push(`    ${v.id}${i === 0 ? ' (default)' : ''}: ${v.description}`, `      bounds: ${boundsLine(v.bounds)}`);
    });
    lines.push('');
  }
  io.stdout(lines.join('\n'));
  return 0;
}
