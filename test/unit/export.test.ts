/**
 * The exporters: the Mermaid diagram, the canonical JSON, and the Vitest test, which is written to
 * test/generated/ and run by a child Vitest, both as generated (it passes) and tampered (it fails).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { exportJson, exportMermaid, exportVitest } from '../../app/engine/index.ts';
import { explore, makeTrace, parseTrace, Runtime, send, variantBounds, type Trace } from '../../app/engine/index.ts';
import order from '../../machines/order/index.ts';
import { runtimeOf } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function buggyStuckTrace(): { rt: Runtime; trace: Trace } {
  const rt = new Runtime(order, 'buggy');
  const [stuck] = explore(rt, { bounds: variantBounds(order, 'buggy') }).findings;
  return { rt, trace: makeTrace('order', 'buggy', stuck.trace, `${stuck.kind}: ${stuck.property}`) };
}

describe('exportMermaid', () => {
  it('draws a sequence diagram with a participant per actor, the same on every call', () => {
    const { rt, trace } = buggyStuckTrace();
    const text = exportMermaid(rt, trace);
    expect(text.startsWith('sequenceDiagram\n')).toBe(true);
    for (const actor of rt.actorNames) expect(text).toContain(`\n  participant ${actor}\n`);
    expect(text).toContain('\n  participant env as environment\n');
    expect(text).toContain('\n  env->>wfe: Finalize\n');
    expect(text).toContain('\n  Note over ra: ⏰ ctx (t=200ms)\n');
    expect(text).toMatch(/\n {2}Note over sa: STUCK order-leaves-processing: The order stays processing forever/);
    expect(exportMermaid(new Runtime(order, 'buggy'), trace)).toBe(text);
  });

  it('draws drops, failed calls with their reply and crashes, escaping what Mermaid reads as syntax', () => {
    const client = setup({}).createMachine({
      on: { Go: { actions: send('server', { type: 'Ask', note: 'a;b#c<d>' }, { failReply: { type: 'Ask.failed' } }) } },
    });
    const rt = runtimeOf({
      actors: { client: { machine: client }, server: { machine: setup({}).createMachine({}), crash: true } },
      links: [{ from: 'client', to: 'server', faults: ['drop', 'fail'] }],
      stimuli: [{ name: 'go', to: 'client', event: { type: 'Go' }, times: 2 }],
      properties: [],
    });
    const ask = { type: 'Ask', note: 'a;b#c<d>' };
    const trace = makeTrace('test', 'main', [
      { do: 'stimulus', name: 'go' },
      { do: 'drop', from: 'client', to: 'server', event: ask },
      { do: 'stimulus', name: 'go' },
      { do: 'fail', from: 'client', to: 'server', event: ask },
      { do: 'crash', actor: 'server' },
    ]);
    const label = 'Ask {"note":"a#59;b#35;c#lt;d#gt;"}';
    expect(exportMermaid(rt, trace).split('\n').slice(4)).toEqual([
      '  env->>client: Go',
      `  client-xserver: ${label} (dropped)`,
      '  env->>client: Go',
      `  client--xserver: ${label} (failed)`,
      '  client-->>client: Ask.failed',
      '  Note over server: 💥 crashed, restarted',
      '',
    ]);
  });
  it('aliases actors whose names Mermaid would misread, and draws sends lost to a full link', () => {
    const client = setup({}).createMachine({ on: { Go: { actions: [send('end', { type: 'Ping' }), send('end', { type: 'Ping' })] } } });
    const rt = runtimeOf({
      actors: { client: { machine: client }, end: { machine: setup({}).createMachine({}) } },
      links: [{ from: 'client', to: 'end', capacity: 1, whenFull: 'drop' }],
      stimuli: [{ name: 'go', to: 'client', event: { type: 'Go' } }],
      properties: [],
    });
    const trace = makeTrace('test', 'main', [{ do: 'stimulus', name: 'go' }, { do: 'deliver', from: 'client', to: 'end', event: { type: 'Ping' } }]);
    expect(exportMermaid(rt, trace)).toBe(
      [
        'sequenceDiagram',
        '  participant env as environment',
        '  participant p0 as client',
        '  participant p1 as end',
        '  env->>p0: Go',
        '  p0-xp1: Ping (dropped: link full)',
        '  p0->>p1: Ping',
        '',
      ].join('\n'),
    );
  });
});

describe('exportJson', () => {
  it('round-trips through parseTrace', () => {
    const { trace } = buggyStuckTrace();
    const text = exportJson(trace);
    expect(parseTrace(text)).toEqual(trace);
    expect(exportJson(parseTrace(text))).toBe(text);
  });
});

/** Writes a file in one step, so a child Vitest never reads it half-written. */
function writeAtomically(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

/** Runs one generated test file in a child Vitest, without colours in its output. */
function runVitest(file: string): { status: number | null; output: string } {
  // The child must not think it is a worker of this run.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
  const r = spawnSync('npx', ['vitest', 'run', '--config', 'test/exported.vitest.config.ts', file], {
    cwd: ROOT,
    env: { ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('exportVitest', () => {
  it('is the same text on every call', () => {
    const { rt, trace } = buggyStuckTrace();
    expect(exportVitest(new Runtime(order, 'buggy'), trace)).toBe(exportVitest(rt, trace));
  });

  it('an exported Vitest test is itself run by the suite and passes', { timeout: 300_000 }, () => {
    const { rt, trace } = buggyStuckTrace();
    const text = exportVitest(rt, trace);
    expect(text).toContain('"sa": "processing"');
    mkdirSync(`${ROOT}/test/generated`, { recursive: true });
    writeAtomically(`${ROOT}/test/generated/order-buggy-stuck.test.ts`, text);
    const passing = runVitest('test/generated/order-buggy-stuck.test.ts');
    expect(passing.output).toMatch(/Tests\s+1 passed/);
    expect(passing.status).toBe(0);

    // The same test expecting another final state must fail: the export really asserts something.
    const tamperedPath = `${ROOT}/test/generated/order-buggy-stuck-tampered.test.ts`;
    try {
      writeAtomically(tamperedPath, text.replace('"sa": "processing"', '"sa": "valid"'));
      const failing = runVitest('test/generated/order-buggy-stuck-tampered.test.ts');
      expect(failing.output).toMatch(/Tests\s+1 failed/);
      expect(failing.status).not.toBe(0);
    } finally {
      rmSync(tamperedPath, { force: true });
    }
  });
});
