/**
 * The workbench's session module: stepping, forking, branches, the saved form, share links and
 * imports. Every kind of bad input gets its own message and leaves the session as it was.
 */
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { describeStep, initialWorld, makeTrace, type StepJson } from '../../app/engine/index.ts';
import { Catalog } from '../../app/ui/session/catalog.ts';
import { compareVariants } from '../../app/ui/session/compare.ts';
import { mulberry32 } from '../../app/engine/random.ts';
import { randomWalk } from '../../app/ui/session/random-walk.ts';
import {
  addBranch,
  back,
  currentBranch,
  forward,
  jump,
  newSession,
  openInto,
  step,
  steps,
  switchBranch,
  type Session,
} from '../../app/ui/session/session.ts';
import { parseSession, sessionJson } from '../../app/ui/session/session-json.ts';
import { linkPayload, parseImport, parseShareLink, shareLink } from '../../app/ui/session/share-link.ts';
import order from '../../machines/order/index.ts';

const catalog = new Catalog([order]);
const BASE = 'http://127.0.0.1:4173/';

const finalize: StepJson = { do: 'stimulus', name: 'finalize' };
const toRa: StepJson = { do: 'deliver', from: 'wfe', to: 'ra', event: { type: 'FinalizeOrder' } };
const toSa: StepJson = { do: 'deliver', from: 'ra', to: 'sa', event: { type: 'SetOrderProcessing', replyTo: 'ra' } };
const okFromSa: StepJson = { do: 'deliver', from: 'sa', to: 'ra', event: { type: 'SetOrderProcessing.ok' } };
const ctxTimer: StepJson = { do: 'timer', actor: 'ra', timer: 'ctx' };
const crashCa: StepJson = { do: 'crash', actor: 'ca' };

function threeSteps(): Session {
  return steps(newSession('order', 'buggy'), [finalize, toRa, toSa]);
}

describe('stepping', () => {
  it('appends at the end of the branch and moves the cursor', () => {
    const s = threeSteps();
    expect(s.cursor).toBe(3);
    expect(currentBranch(s).steps).toEqual([finalize, toRa, toSa]);
    expect(s.branches).toHaveLength(1);
  });

  it('goes back, forward and jumps, clamped to the branch', () => {
    const s = threeSteps();
    expect(back(s).cursor).toBe(2);
    expect(back(back(back(back(s)))).cursor).toBe(0);
    expect(forward(back(s)).cursor).toBe(3);
    expect(forward(s)).toBe(s);
    expect(jump(s, 1).cursor).toBe(1);
    expect(jump(s, -4).cursor).toBe(0);
    expect(jump(s, 99).cursor).toBe(3);
    expect(currentBranch(jump(s, 0)).steps).toHaveLength(3);
  });

  it('taking the step the branch already takes at a past cursor moves forward without forking', () => {
    const s = step(jump(threeSteps(), 1), toRa);
    expect(s.cursor).toBe(2);
    expect(s.branches).toHaveLength(1);
  });

  it('never mutates the session it is given', () => {
    const s = threeSteps();
    const before = structuredClone(s);
    step(jump(s, 2), ctxTimer);
    back(s);
    step(s, okFromSa);
    expect(s).toEqual(before);
  });
});

describe('forking', () => {
  it('taking a different step at a past cursor forks and keeps the old branch', () => {
    const s = step(jump(threeSteps(), 2), ctxTimer);
    expect(s.branches).toHaveLength(2);
    const [main, forked] = s.branches;
    expect(main.steps).toEqual([finalize, toRa, toSa]);
    expect(forked.steps).toEqual([finalize, toRa, ctxTimer]);
    expect(forked.forkOf).toEqual({ branch: main.id, at: 2 });
    expect(forked.name).toBe('fork of main at step 2');
    expect(s.current).toBe(forked.id);
    expect(s.cursor).toBe(3);
  });

  it('switches between branches, landing at the end of the one chosen', () => {
    const forked = step(jump(threeSteps(), 1), crashCa);
    const main = switchBranch(forked, 'b1');
    expect(main.current).toBe('b1');
    expect(main.cursor).toBe(3);
    expect(switchBranch(main, 'b2').cursor).toBe(2);
    expect(switchBranch(main, 'nope')).toBe(main);
  });

  it('forking the same way twice reuses the branch made the first time', () => {
    const once = step(jump(threeSteps(), 2), ctxTimer);
    const twice = step(jump(switchBranch(once, 'b1'), 2), ctxTimer);
    expect(twice.branches).toHaveLength(2);
    expect(twice.current).toBe('b2');
  });

  it('adds a finding trace as a branch paused at step 0', () => {
    const s = addBranch(threeSteps(), [finalize, toRa, toSa, ctxTimer], 'stuck: order-leaves-processing');
    expect(s.branches).toHaveLength(2);
    expect(currentBranch(s).name).toBe('stuck: order-leaves-processing');
    expect(s.cursor).toBe(0);
  });
});

describe('opening a link or a file', () => {
  it('adds a trace of the same variant as a branch paused at step 0, keeping the work', () => {
    const work = threeSteps();
    const opened = openInto(work, newSession('order', 'buggy', [finalize, crashCa], 'shared trace'));
    expect(opened.branches.map((b) => b.name)).toEqual(['main', 'shared trace']);
    expect(currentBranch(opened).steps).toEqual([finalize, crashCa]);
    expect(opened.cursor).toBe(0);
  });

  it('replaces the session with one of another variant', () => {
    const incoming = newSession('order', 'async-fail-order', [finalize]);
    expect(openInto(threeSteps(), incoming)).toBe(incoming);
  });
});

describe('the saved session', () => {
  it('round-trips through JSON', () => {
    const s = step(jump(threeSteps(), 2), ctxTimer);
    const parsed = parseSession(sessionJson(s), catalog);
    expect(parsed).toEqual({ ok: true, value: s });
  });

  const saved = (patch: Record<string, unknown>) => JSON.stringify({ ...JSON.parse(sessionJson(threeSteps())), ...patch });
  const cases: Array<[string, string, RegExp]> = [
    ['malformed JSON', '{"format": "interleave-session",', /^not valid JSON/],
    ['a wrong version', saved({ version: 2 }), /^version: this session is version 2; Interleave reads version 1$/],
    ['a missing field', saved({ current: undefined }), /^current: /],
    ['a wrongly typed step', saved({ branches: [{ id: 'b1', name: 'main', steps: [{ do: 'teleport' }] }] }), /^branches\[0\]\.steps\[0\]\.do: /],
    ['an unknown model', saved({ model: 'nope' }), /^model: no model "nope" \(bundled: order\)$/],
    ['an unknown variant', saved({ variant: 'nope' }), /^variant: model "order" has no variant "nope" \(it has: buggy, /],
    ['a step not enabled', saved({ branches: [{ id: 'b1', name: 'main', steps: [toRa] }] }), /^branches\[0\] \("main"\): steps\[0\] \(wfe → ra: FinalizeOrder\) is not enabled at that point; enabled were: stimulus finalize/],
    ['an unknown current branch', saved({ current: 'b7' }), /^current: no branch "b7"/],
    ['a cursor past the end', saved({ cursor: 9 }), /^cursor: step 9 is past the end of branch "main" \(3 steps\)$/],
  ];
  it.each(cases)('rejects %s with its own message', (_, text, message) => {
    const result = parseSession(text, catalog);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('gives each kind of problem a different message', () => {
    const messages = cases.map(([, text]) => {
      const r = parseSession(text, catalog);
      return r.ok ? '' : r.error;
    });
    expect(new Set(messages).size).toBe(cases.length);
  });
});

describe('share links', () => {
  it('round-trip model, variant and the current branch, opened paused at step 0', () => {
    const s = steps(newSession('order', 'buggy'), [finalize, toRa, toSa, okFromSa]);
    const link = shareLink(BASE, jump(s, 2));
    expect(link.startsWith(`${BASE}#trace=`)).toBe(true);
    const opened = parseShareLink(link, catalog);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.model).toBe('order');
    expect(opened.value.variant).toBe('buggy');
    expect(opened.value.cursor).toBe(0);
    expect(currentBranch(opened.value).steps).toEqual(currentBranch(s).steps);
  });

  it('store choices, not states: the payload is the trace and nothing else', () => {
    const link = shareLink(BASE, threeSteps());
    const trace = JSON.parse(LZString.decompressFromEncodedURIComponent(linkPayload(link)!));
    expect(trace).toEqual(makeTrace('order', 'buggy', [finalize, toRa, toSa]));
  });

  const encode = (value: unknown) => `${BASE}#trace=${LZString.compressToEncodedURIComponent(JSON.stringify(value))}`;
  const trace = (patch: Record<string, unknown>) => encode({ ...makeTrace('order', 'buggy', [finalize, toRa]), ...patch });
  const cases: Array<[string, string, RegExp]> = [
    ['a link without a trace', `${BASE}#other=1`, /^the link is malformed: it has no #trace=… part$/],
    ['a payload that does not decompress', `${BASE}#trace=%%%`, /^the link is malformed: its trace does not decompress/],
    ['a payload that is not JSON', `${BASE}#trace=${LZString.compressToEncodedURIComponent('{oops')}`, /^the link is not a valid trace: not valid JSON/],
    ['a wrong version', trace({ version: 3 }), /^the link is not a valid trace: version: this trace is version 3; Interleave reads version 1$/],
    ['an unknown model', trace({ model: 'nope' }), /^the link does not replay: model: no model "nope"/],
    ['an unknown variant', trace({ variant: 'nope' }), /^the link does not replay: variant: model "order" has no variant "nope"/],
    ['a step not enabled', trace({ steps: [finalize, okFromSa] }), /^the link does not replay: steps\[1\] \(sa → ra: SetOrderProcessing\.ok\) is not enabled at that point/],
  ];
  it.each(cases)('reject %s with its own message', (_, link, message) => {
    const result = parseShareLink(link, catalog);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('give each kind of problem a different message', () => {
    const messages = cases.map(([, link]) => {
      const r = parseShareLink(link, catalog);
      return r.ok ? '' : r.error.split(':').slice(0, 2).join(':');
    });
    expect(new Set(messages).size).toBe(cases.length);
  });
});

describe('imported files', () => {
  it('open a trace file as a session paused at step 0', () => {
    const text = JSON.stringify(makeTrace('order', 'buggy', [finalize, toRa], 'two steps'));
    const result = parseImport(text, catalog);
    expect(result.ok && result.value).toMatchObject({ model: 'order', variant: 'buggy', cursor: 0 });
    if (result.ok) expect(currentBranch(result.value)).toMatchObject({ name: 'two steps', steps: [finalize, toRa] });
  });

  it('open a saved session file as it was', () => {
    const s = jump(threeSteps(), 1);
    expect(parseImport(sessionJson(s), catalog)).toEqual({ ok: true, value: s });
  });

  it('name the problem of a broken file', () => {
    const broken = parseImport('{"format":"interleave-trace","version":1,"model":"order","variant":"buggy","steps":[{"do":"deliver"}]}', catalog);
    expect(broken).toEqual({ ok: false, error: expect.stringMatching(/^the file is not a valid trace: steps\[0\]\.from: /) });
    expect(parseImport('not json', catalog)).toEqual({ ok: false, error: expect.stringMatching(/^not valid JSON/) });
  });
});

describe('random walks', () => {
  it('are deterministic for a seed and stop when nothing is enabled or at the limit', () => {
    const rt = catalog.runtime('order', 'buggy');
    const walk = (seed: number, maxSteps = 50) => randomWalk(rt, initialWorld(rt), { seed, maxSteps, maxFaults: 0 });
    expect(walk(7)).toEqual(walk(7));
    const seeds = [1, 2, 3, 4, 5].map((seed) => walk(seed).steps.map(describeStep).join(' | '));
    expect(new Set(seeds).size).toBeGreaterThan(1);
    const done = walk(7);
    expect(done.stopped).toBe('quiescent');
    expect(done.steps.some((s) => ['drop', 'delay', 'fail', 'expire', 'crash'].includes(s.do))).toBe(false);
    expect(walk(7, 2)).toEqual({ steps: done.steps.slice(0, 2), stopped: 'limit' });
  });

  it('use a PRNG that gives the same sequence for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('comparing variants', () => {
  it('shows the buggy variant stuck where the fix is not, on the same schedule', () => {
    const c = compareVariants(catalog, 'order', ['buggy', 'async-fail-order'], [finalize, toRa, toSa, ctxTimer]);
    expect(c.a.notEnabledAt).toBeNull();
    expect(c.b.notEnabledAt).toBeNull();
    expect(c.a.findings.map((f) => f.property)).toEqual(['order-leaves-processing']);
    expect(c.b.findings).toEqual([]);
    expect(c.divergence).toEqual({ kind: 'findings' });
  });

  it('names the first step the other variant does not enable', () => {
    // Only the async variant hands the failure to its failOrder goroutine.
    const handOff: StepJson = { do: 'deliver', from: 'ra', to: 'failOrder', event: { type: 'Problem' } };
    const c = compareVariants(catalog, 'order', ['async-fail-order', 'buggy'], [finalize, toRa, toSa, ctxTimer, handOff]);
    expect(c.a.notEnabledAt).toBeNull();
    expect(c.a.states).toHaveLength(5);
    expect(c.b.notEnabledAt).toBe(4);
    expect(c.b.states).toHaveLength(4);
    expect(c.b.refusal).toMatch(/^steps\[4\] \(ra → failOrder: Problem\) is not enabled at that point/);
    expect(c.divergence).toEqual({ kind: 'step', index: 4 });
  });
});
