/**
 * Ctrl-C in the CLI, as a terminal sends it: the first one stops a search where it is and the report
 * says what it covered; a second one quits at once (for a command caught in a long call).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MODELS = join(ROOT, 'test/generated/interrupt');

/**
 * Runs the CLI with `args`, sends SIGINT once its stderr shows `ready` (then again `again` ms later,
 * if given), and collects what it printed.
 */
function interrupted(args: string[], machines: string, ready: string, again?: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, INTERLEAVE_MACHINES: machines },
  });
  let stdout = '';
  let stderr = '';
  let sent = false;
  let second: ReturnType<typeof setTimeout> | undefined;
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => {
    stderr += d;
    if (sent || !stderr.includes(ready)) return;
    sent = true;
    child.kill('SIGINT');
    if (again !== undefined) second = setTimeout(() => child.kill('SIGINT'), again);
  });
  return new Promise((done) =>
    child.on('close', (code) => {
      clearTimeout(second);
      done({ code, stdout, stderr });
    }),
  );
}

describe('Ctrl-C in the CLI', () => {
  it('stops a long search, which reports what it covered and what it left', { timeout: 60_000 }, async () => {
    // 9.8M states: far more than it covers by its first progress line, a second in.
    const args = ['explore', 'dials', '--variant', '4x56', '--max-states', '100000000', '--max-depth', '100000', '--progress'];
    const r = await interrupted(args, 'test/fixtures/machines', '…');
    expect(r.stderr).toContain('stopping: the command reports what it has done so far (Ctrl-C again quits at once)');
    expect(r.stdout).toMatch(/INCOMPLETE: the search was cut by Ctrl-C \(you stopped it\); [\d,]+ states found but not expanded/);
    const states = Number(/^([\d,]+) states,/m.exec(r.stdout)![1].replace(/,/g, ''));
    expect(states).toBeGreaterThan(0);
    expect(states).toBeLessThan(56 ** 4);
    expect(r.code).toBe(0);
  });

  it('quits at once on a second Ctrl-C while the command is caught in a long call', { timeout: 60_000 }, async () => {
    mkdirSync(join(MODELS, 'slow'), { recursive: true });
    writeFileSync(join(MODELS, 'slow/index.ts'), SLOW_MODEL);
    const r = await interrupted(['explore', 'slow'], MODELS, 'turning slowly', 500);
    expect(r.stderr).toContain('stopping:');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(130);
  });
});

// A machine whose one transition takes 20 s: it settles, but late (the settle watchdog allows 10 s
// per call by default; the test quits long before). It says on stderr when the long call begins.
const SLOW_MODEL = `
import { assign, setup } from 'xstate';
import { defineModel } from '../../../../app/engine/index.ts';
const slow = setup({ types: { context: {} as { n: number } } }).createMachine({
  context: { n: 0 },
  on: { go: { actions: assign({ n: ({ context }) => {
    console.error('turning slowly');
    const t = Date.now();
    while (Date.now() - t < 20_000);
    return context.n + 1;
  } }) } },
});
export default defineModel({
  id: 'slow', title: 'slow', seed: 'none', summary: 'one long transition',
  variants: { main: { description: 'a transition of 20 s' } },
  build: () => ({ actors: { slow: { machine: slow } }, links: [], properties: [],
    stimuli: [{ name: 'go', to: 'slow', event: { type: 'go' } }] }),
});
`;
