/**
 * A model whose machine never settles (an eventless loop) must not hang the CLI: the watchdog stops
 * the run and names the actor and the event, also when the loop is met in a search thread. A model
 * that throws in a search thread is reported as on one thread.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MODELS = join(ROOT, 'test/generated/never-settles');

const LOOP_MODEL = `
import { assign, setup } from 'xstate';
import { defineModel } from '../../../../app/engine/index.ts';
const spinner = setup({ types: { context: {} as { n: number } } }).createMachine({
  context: { n: 0 },
  initial: 'idle',
  states: {
    idle: { on: { go: 'spinning' } },
    spinning: { always: { target: 'spinning', reenter: true, actions: assign({ n: ({ context }) => context.n + 1 }) } },
  },
});
export default defineModel({
  id: 'spin', title: 'spin', seed: 'none', summary: 'never settles',
  variants: { main: { description: 'an eventless loop' } },
  build: () => ({ actors: { spinner: { machine: spinner } }, links: [], properties: [],
    stimuli: [{ name: 'go', to: 'spinner', event: { type: 'go' } }] }),
});
`;

describe('a model that never settles', () => {
  it('stops the CLI with a message naming the actor and the event', { timeout: 60_000 }, () => {
    mkdirSync(join(MODELS, 'spin'), { recursive: true });
    writeFileSync(join(MODELS, 'spin/index.ts'), LOOP_MODEL);
    const run = spawnSync('npx', ['tsx', 'app/cli/main.ts', 'explore', 'spin'], {
      cwd: ROOT,
      env: { ...process.env, INTERLEAVE_MACHINES: MODELS, INTERLEAVE_SETTLE_SECONDS: '1' },
      encoding: 'utf8',
      timeout: 50_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('actor spinner did not settle on go within 1 s');
  });

  it('stops a search spread over threads when a thread is the one caught in the loop', { timeout: 60_000 }, () => {
    // Six dials: the loop is first met when a dial turns from 8 to 9, expanding depth 8 (1,287 states),
    // which is wide enough to go to the threads.
    mkdirSync(join(MODELS, 'spin-deep'), { recursive: true });
    writeFileSync(join(MODELS, 'spin-deep/index.ts'), DEEP_LOOP_MODEL);
    const run = spawnSync('npx', ['tsx', 'app/cli/main.ts', 'explore', 'spin-deep', '--workers', '2'], {
      cwd: ROOT,
      env: { ...process.env, INTERLEAVE_MACHINES: MODELS, INTERLEAVE_SETTLE_SECONDS: '1' },
      encoding: 'utf8',
      timeout: 50_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/actor dial\d did not settle on turn within 1 s/);
  });
});

const DEEP_LOOP_MODEL = `
import { assign, setup } from 'xstate';
import { defineModel } from '../../../../app/engine/index.ts';
const dial = setup({ types: { context: {} as { at: number } } }).createMachine({
  context: { at: 0 },
  initial: 'turning',
  states: {
    turning: { on: { turn: { target: 'turning', reenter: true, actions: assign({ at: ({ context }) => context.at + 1 }) } }, always: { guard: ({ context }) => context.at === 9, target: 'spinning' } },
    spinning: { always: { target: 'spinning', reenter: true, actions: assign({ at: ({ context }) => context.at + 1 }) } },
  },
});
const names = ['dial0', 'dial1', 'dial2', 'dial3', 'dial4', 'dial5'];
export default defineModel({
  id: 'spin-deep', title: 'spin-deep', seed: 'none', summary: 'never settles, deep in a wide search',
  variants: { main: { description: 'a dial that loops at 9' } },
  build: () => ({ actors: Object.fromEntries(names.map((n) => [n, { machine: dial }])), links: [], properties: [],
    stimuli: names.map((n) => ({ name: 'turn-' + n, to: n, event: { type: 'turn' }, times: Infinity })) }),
});
`;

describe('a model that throws in a search thread', () => {
  it('is reported with the message and exit code one thread gives', { timeout: 60_000 }, () => {
    mkdirSync(join(MODELS, 'throw-deep'), { recursive: true });
    writeFileSync(join(MODELS, 'throw-deep/index.ts'), DEEP_THROW_MODEL);
    const explore = (...flags: string[]) =>
      spawnSync('npx', ['tsx', 'app/cli/main.ts', 'explore', 'throw-deep', ...flags], {
        cwd: ROOT,
        env: { ...process.env, INTERLEAVE_MACHINES: MODELS },
        encoding: 'utf8',
        timeout: 50_000,
      });
    const alone = explore();
    const spread = explore('--workers', '2');
    expect(alone.status).toBe(2);
    expect(alone.stderr).toMatch(/error: actor dial\d threw on turn: too far/);
    expect(spread.status).toBe(alone.status);
    expect(spread.stderr).toBe(alone.stderr);
  });
});

// Six dials that throw when turned past 8: first met expanding depth 8 (1,287 states), in the threads.
const DEEP_THROW_MODEL = DEEP_LOOP_MODEL.replace(
  'actions: assign({ at: ({ context }) => context.at + 1 }) } }',
  "actions: assign({ at: ({ context }) => { if (context.at === 8) throw new Error('too far'); return context.at + 1; } }) } }",
).replace("id: 'spin-deep'", "id: 'throw-deep'");
