/** The CLI run in-process on in-memory files: listing, exploring, saving and replaying traces, and its errors. */
import { describe, expect, it } from 'vitest';
import { runCli, type Io } from '../../app/cli/main.ts';
import { parseTrace, traceJson } from '../../app/engine/index.ts';
import order from '../../machines/order/index.ts';

/**
 * Runs one command line; `files` is the file system it sees (and writes to). With `stopAt`, Ctrl-C
 * is pressed as the command asks for the `stopAt`-th time whether it should stop.
 */
async function cli(argv: string[], files = new Map<string, string>(), stopAt = Infinity) {
  let asked = 0;
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readFile: (path) => {
      const text = files.get(path);
      if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return text;
    },
    writeFile: (path, text) => files.set(path, text),
    stopRequested: () => ++asked >= stopAt,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr, files };
}

/** The buggy variant's stuck trace, saved by `explore --save-trace`. */
async function savedStuckTrace(): Promise<Map<string, string>> {
  const { code, files } = await cli(['explore', 'order', '--variant', 'buggy', '--save-trace', 'stuck.json']);
  expect(code).toBe(1);
  return files;
}

describe('interleave list', () => {
  it('lists the order model with its variants, their descriptions and bounds, and the seed', async () => {
    const { code, stdout } = await cli(['list', '--json']);
    expect(code).toBe(0);
    const m = JSON.parse(stdout).models.find((x: { id: string }) => x.id === 'order');
    expect(m.seed).toBe('boulder-acme-order-stuck-processing.txt');
    expect(m.title).toBe(order.title);
    expect(m.variants.map((v: { id: string }) => v.id)).toEqual(['buggy', 'fresh-context-sync', 'async-fail-order', 'cleanup-daemon']);
    for (const v of m.variants) expect(v.description).toBe(order.variants[v.id].description);
    expect(m.variants[2].bounds.faults).toEqual(['expire']);
  });

  it('prints a readable listing without --json', async () => {
    const { code, stdout } = await cli(['list']);
    expect(code).toBe(0);
    expect(stdout).toContain('order: ACME order stuck in processing');
    expect(stdout).toContain('buggy (default):');
  });
});

describe('interleave explore', () => {
  it('--workers 2 spreads the search over threads and reports the same result as one thread', { timeout: 60_000 }, async () => {
    const withoutTimings = (json: string) => {
      const { ms: _ms, statesPerSecond: _sps, bytes: _bytes, ...rest } = JSON.parse(json);
      return rest;
    };
    // Eight faults make depths of up to 7.5k states: wide enough for the threads to take part.
    const args = ['explore', 'order', '--variant', 'cleanup-daemon', '--max-faults', '8'];
    const alone = await cli([...args, '--json']);
    const spread = await cli([...args, '--json', '--workers', '2']);
    expect(spread.code).toBe(alone.code);
    expect(withoutTimings(spread.stdout)).toEqual(withoutTimings(alone.stdout));
    expect(withoutTimings(alone.stdout).states).toBeGreaterThan(50_000);
    expect((await cli([...args, '--workers', '2'])).stdout).toMatch(/states\/s, spread over 2 worker threads\)/);
    // A small search stays on one thread, and says so rather than count threads that did nothing.
    const small = await cli(['explore', 'order', '--variant', 'buggy', '--workers', '2']);
    expect(small.stdout).toMatch(/states\/s, on one thread: no depth reached the 4,096 states worth spreading\)/);
    expect((await cli(['explore', 'order', '--workers', '0'])).stderr).toMatch(/--workers must be a whole number of at least 1, not "0"/);
  });

  it('finds the stuck order in the buggy variant (exit 1), its trace starting with the finalize stimulus', async () => {
    const { code, stdout } = await cli(['explore', 'order', '--variant', 'buggy', '--json']);
    expect(code).toBe(1);
    const r = JSON.parse(stdout);
    expect(r).toMatchObject({ model: 'order', variant: 'buggy', complete: true });
    const stuck = r.findings.find((f: { kind: string; property: string }) => f.kind === 'stuck' && f.property === 'order-leaves-processing');
    expect(stuck.trace[0]).toEqual({ do: 'stimulus', name: 'finalize' });
    expect(Object.keys(r)).toEqual([
      'model', 'variant', 'bounds', 'states', 'transitions', 'bytes', 'unexpanded', 'complete', 'cuts', 'depth', 'ms', 'statesPerSecond',
      'findings', 'inconclusive', 'witnesses',
    ]);
  });

  it('checks the accepted fix within its stated bounds: complete, no findings, exit 0', async () => {
    const { code, stdout } = await cli(['explore', 'order', '--variant', 'async-fail-order', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.complete).toBe(true);
    expect(r.findings).toEqual([]);
    expect(r.bounds.faults).toEqual(['expire']);
  });

  it('reports a search cut by a bound, and which bound', async () => {
    const { code, stdout } = await cli(['explore', 'order', '--variant', 'cleanup-daemon', '--max-states', '50']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/INCOMPLETE: the search was cut by max states/);
    expect(stdout).toContain('not found (the search was cut before deciding)');
  });

  it('stops on Ctrl-C and reports what it covered, marked incomplete, with the verdicts it could not reach inconclusive', async () => {
    const full = JSON.parse((await cli(['explore', 'alias-check', '--json'])).stdout);
    const stopped = JSON.parse((await cli(['explore', 'alias-check', '--json'], new Map(), 3)).stdout);
    expect(full.complete).toBe(true);
    expect(stopped).toMatchObject({ complete: false, cuts: { cancelled: 1 } });
    // Asked every 512 states: stopped before the third 512 were expanded.
    expect(stopped.states).toBeLessThan(full.states);
    expect(stopped.unexpanded).toBeGreaterThan(0);
    // The stuck alias lies deeper than it got: its states that wait are open, not findings.
    expect(stopped.findings.map((f: { property: string }) => f.property)).not.toContain('alias-follows-aliased');
    expect(stopped.inconclusive.map((f: { property: string }) => f.property)).toContain('alias-follows-aliased');
    const { stdout } = await cli(['explore', 'alias-check'], new Map(), 3);
    expect(stdout).toMatch(/INCOMPLETE: the search was cut by Ctrl-C \(you stopped it\); [\d,]+ states found but not expanded/);
  });

  it('stops at --max-memory and says so: which bound, how much was covered, what was left', async () => {
    const { code, stdout } = await cli(['explore', 'order', '--variant', 'cleanup-daemon', '--max-faults', '8', '--max-memory', '1', '--json']);
    expect(code).toBeLessThanOrEqual(1);
    const r = JSON.parse(stdout);
    expect(r.complete).toBe(false);
    expect(r.cuts).toEqual({ maxMemory: 1 });
    expect(r.unexpanded).toBeGreaterThan(0);
    expect(r.bytes).toBeGreaterThan(2 ** 20);
  });

  it('prints a readable report with the numbered trace of each finding', async () => {
    const { stdout } = await cli(['explore', 'order', '--variant', 'buggy']);
    expect(stdout).toContain('STUCK order-leaves-processing');
    expect(stdout).toContain('    1. stimulus finalize\n');
    expect(stdout).toContain('    3. timer ra.ctx\n');
    expect(stdout).toMatch(/why: sa waits in .* after step 3 \(timer ra\.ctx\)/);
    expect(stdout).toMatch(/, \d+(\.\d+)? KB of search tables \(\d+ bytes\/state\)\n/);
  });

  it.each([
    [['explore', 'order', '--bogus'], "Unknown option '--bogus'"],
    [['explore', 'nope'], 'no model "nope"'],
    [['explore', 'order', '--variant', 'nope'], 'no variant "nope"'],
    [['explore', 'order', '--max-depth', 'ten'], '--max-depth must be a whole number'],
    [['explore', 'order', '--faults', 'drop,melt'], 'unknown fault kind "melt"'],
    [['explore'], 'explore needs MODEL'],
    [['frobnicate'], 'unknown command "frobnicate"'],
  ])('%j exits 2 naming the problem', async (argv, problem) => {
    const { code, stdout, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toContain(problem);
  });

  it('refuses --save-trace when there is nothing to save', async () => {
    const { code, stderr, files } = await cli(['explore', 'order', '--variant', 'cleanup-daemon', '--max-states', '50', '--save-trace', 't.json']);
    expect(code).toBe(2);
    expect(stderr).toContain('nothing to save');
    expect(files.size).toBe(0);
  });
});

describe('interleave replay', () => {
  it('replays a saved trace to the stuck order (exit 1)', async () => {
    const files = await savedStuckTrace();
    const trace = parseTrace(files.get('stuck.json'));
    expect(trace).toMatchObject({ model: 'order', variant: 'buggy', title: 'stuck: order-leaves-processing' });

    const text = await cli(['replay', 'stuck.json'], files);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('STUCK order-leaves-processing');
    expect(text.stdout).toContain('  sa: processing');

    const json = await cli(['replay', 'stuck.json', '--json'], files);
    expect(json.code).toBe(1);
    const out = JSON.parse(json.stdout);
    expect(out.final.actors.sa.state).toBe('processing');
    expect(out.findings).toContainEqual(expect.objectContaining({ kind: 'stuck', property: 'order-leaves-processing', verdict: 'proven' }));
  });

  it('prints the same bytes on every run', async () => {
    const files = await savedStuckTrace();
    for (const extra of [[], ['--json']]) {
      const a = await cli(['replay', 'stuck.json', ...extra], files);
      const b = await cli(['replay', 'stuck.json', ...extra], files);
      expect(a.stdout).toBe(b.stdout);
    }
  });

  it('exits 0 when nothing holds at the end of the trace', async () => {
    const trace = { format: 'interleave-trace', version: 1, model: 'order', variant: 'buggy', steps: [{ do: 'stimulus', name: 'finalize' }] };
    const { code, stdout } = await cli(['replay', 'start.json'], new Map([['start.json', traceJson(parseTrace(trace))]]));
    expect(code).toBe(0);
    expect(stdout).toContain('none: no invariant is broken');
  });

  const base = { format: 'interleave-trace', version: 1, model: 'order', variant: 'buggy', steps: [{ do: 'stimulus', name: 'finalize' }] };
  it.each([
    ['malformed JSON', '{"format": ', 'error: bad.json: not valid JSON'],
    ['a wrong version', JSON.stringify({ ...base, version: 2 }), 'error: bad.json: version: this trace is version 2'],
    ['an unknown model', JSON.stringify({ ...base, model: 'nope' }), 'error: bad.json: no model "nope"'],
    ['an unknown variant', JSON.stringify({ ...base, variant: 'nope' }), 'error: bad.json: model "order" has no variant "nope"'],
    ['a misspelt step', JSON.stringify({ ...base, steps: [{ do: 'stimulus', nme: 'finalize' }] }), 'error: bad.json: steps[0]'],
    [
      'a step that is not enabled',
      JSON.stringify({ ...base, steps: [{ do: 'timer', actor: 'ra', timer: 'ctx' }] }),
      'error: bad.json: steps[0] (timer ra.ctx) is not enabled',
    ],
  ])('exits 2 on %s, naming the file and the problem', async (_what, text, problem) => {
    const { code, stdout, stderr } = await cli(['replay', 'bad.json'], new Map([['bad.json', text]]));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.startsWith(problem)).toBe(true);
  });

  it('exits 2 when the file cannot be read', async () => {
    const { code, stderr } = await cli(['replay', 'missing.json']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: missing\.json: cannot read/);
  });
});

describe('interleave simulate', () => {
  it('reports the lost link in every run of the TLS bug (exit 1), the worst seed and how to replay it', async () => {
    const { code, stdout } = await cli(['simulate', 'tls-reload', '--variant', 'reload-every-connection', '--runs', '10', '--seed', '5']);
    expect(code).toBe(1);
    expect(stdout).toContain('10 runs from seed 5');
    expect(stdout).toContain('link-stays-up [invariant]: FAILED in 10 of 10 runs');
    expect(stdout).toMatch(/timer lateness \(ms\): mean [\d.]+, p50 [\d.]+, p95 [\d.]+, max \d+/);
    expect(stdout).toMatch(/replay it: simulate tls-reload --variant reload-every-connection --seed \d+ --runs 1/);
  });

  it('stops on Ctrl-C between runs and summarises the runs done', async () => {
    const { stdout } = await cli(['simulate', 'tls-reload', '--variant', 'reload-every-connection', '--runs', '50'], new Map(), 5);
    expect(stdout).toContain('4 runs from seed 1 (run i uses seed 1 + i), horizon 1 min (stopped by Ctrl-C: the runs done so far)');
    expect(stdout).toContain('link-stays-up [invariant]: FAILED in 4 of 4 runs');
  });

  it('prints JSON with --json and exits 0 when every property holds', async () => {
    const { code, stdout } = await cli(['simulate', 'tls-reload', '--variant', 'reload-off-io-threads', '--runs', '5', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r).toMatchObject({ model: 'tls-reload', variant: 'reload-off-io-threads', runs: 5, seed: 1 });
    expect(r.properties.every((p: { failedRuns: number }) => p.failedRuns === 0)).toBe(true);
  });

  it('saves the worst run as a trace that replays to the lost link', async () => {
    const { code, files } = await cli(['simulate', 'tls-reload', '--variant', 'reload-every-connection', '--runs', '3', '--save-trace', 'worst.json']);
    expect(code).toBe(1);
    const replay = await cli(['replay', 'worst.json'], files);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain('peer: linkLost');
  });

  it.each([
    [['simulate', 'tls-reload', '--runs', '0'], '--runs must be a whole number of at least 1, not "0"'],
    [['simulate', 'tls-reload', '--fault-rate', '2'], '--fault-rate must be a number from 0 to 1, not "2"'],
    [['simulate', 'nope'], 'no model "nope"'],
  ])('%j exits 2 naming the problem', async (argv, problem) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(problem);
  });
});

describe('interleave export and help', () => {
  it('prints each export of a saved trace', async () => {
    const files = await savedStuckTrace();
    expect((await cli(['export', 'stuck.json', '--as', 'mermaid'], files)).stdout).toMatch(/^sequenceDiagram\n/);
    expect((await cli(['export', 'stuck.json', '--as', 'json'], files)).stdout).toBe(files.get('stuck.json'));
    expect((await cli(['export', 'stuck.json', '--as', 'vitest'], files)).stdout).toContain("from 'vitest'");
    const bad = await cli(['export', 'stuck.json', '--as', 'pdf'], files);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--as vitest|mermaid|json');
  });

  it('prints usage on help (exit 0) and on no command (stderr, exit 2)', async () => {
    const help = await cli(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: interleave/);
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: interleave');
  });
});
