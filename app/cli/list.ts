/** `interleave list`: the bundled models, their variants and the bounds each variant is checked within. */
import { parseArgs } from 'node:util';
import { variantBounds } from '../engine/index.ts';
import { noPositionals, parsed } from './args.ts';
import { boundsLine } from './format.ts';
import type { Io } from './io.ts';
import { loadModels } from './models.ts';

export async function listCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parsed('list', () =>
    parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } }),
  );
  noPositionals('list', positionals);
  const models = (await loadModels()).map((m) => ({
    id: m.id,
    title: m.title,
    summary: m.summary,
    seed: m.seed,
    variants: Object.entries(m.variants).map(([id, v]) => ({ id, description: v.description, bounds: variantBounds(m, id) })),
  }));
  if (values.json) {
    io.stdout(`${JSON.stringify({ models }, null, 2)}\n`);
    return 0;
  }
  const lines: string[] = [];
  for (const m of models) {
    lines.push(`${m.id}: ${m.title}`, `  ${m.summary}`, `  seed: ${m.seed}`, '  variants:');
    m.variants.forEach((v, i) => {
      lines.push(`    ${v.id}${i === 0 ? ' (default)' : ''}: ${v.description}`, `      bounds: ${boundsLine(v.bounds)}`);
    });
    lines.push('');
  }
  io.stdout(lines.join('\n'));
  return 0;
}
