/**
 * The sequence view's pure parts: pairing every send with the step that took the message off its
 * link, in-flight messages at a cursor, the glyphs for faults and full links, a 5,000-step trace,
 * and the standalone SVG export.
 */
import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import {
  checkWorld, defineModel, explainFinding, replaySteps, Runtime, send,
  type ModelSystem, type Replay, type StepJson,
} from '../../app/engine/index.ts';
import { drawSequence } from '../../app/ui/views/sequence-draw.ts';
import { ENVIRONMENT, inFlightAt, layoutSequence, messagesInRows, type SequenceLayout } from '../../app/ui/views/sequence-layout.ts';
import { sequenceSvg } from '../../app/ui/views/sequence-svg.ts';
import type { ViewProps } from '../../app/ui/views/types.ts';
import order from '../../machines/order/index.ts';
import { SEED_BUG } from '../fixtures/order-seed.ts';
import { storeWatcherSystem } from '../fixtures/store-watcher.ts';
import { walkSteps } from '../fixtures/walk.ts';

const call = (type: string) => ({ type, replyTo: 'ra' });


/** A crash, a failed call, a dropped message and an early expiry in one trace. */
const FAULTS: StepJson[] = [
  ...SEED_BUG.slice(0, 4),
  { do: 'crash', actor: 'ca' },
  { do: 'fail', from: 'ra', to: 'ca', event: call('IssueCertificate') },
  { do: 'drop', from: 'ra', to: 'sa', event: call('SetOrderError') },
  { do: 'expire', actor: 'ra', timer: 'failOrderCtx' },
];

const testModel = (id: string, system: ModelSystem) =>
  defineModel({ id, title: id, seed: 'none', summary: id, variants: { main: { description: id } }, build: () => system });

/** Bounded links: a full FIFO blocks its sender, a full log link drops, a full audit link fails the send. */
const links = testModel('links', {
  actors: {
    producer: {
      machine: setup({}).createMachine({
        id: 'producer',
        initial: 'ready',
        states: {
          ready: {
            on: {
              tick: { actions: [send('consumer', { type: 'item' }), send('logger', { type: 'log' }), send('auditor', { type: 'audit' })] },
              'audit.full': {},
            },
          },
        },
      }),
      crash: true,
    },
    consumer: { machine: setup({}).createMachine({ id: 'consumer', initial: 'idle', states: { idle: { on: { item: 'busy' } }, busy: { on: { item: 'idle' } } } }) },
    logger: { machine: setup({}).createMachine({ id: 'logger', initial: 'on', states: { on: {} } }) },
    auditor: { machine: setup({}).createMachine({ id: 'auditor', initial: 'on', states: { on: {} } }) },
  },
  links: [
    { from: 'producer', to: 'consumer', ordered: true, capacity: 2, faults: ['delay', 'drop'] },
    { from: 'producer', to: 'logger', capacity: 1, whenFull: 'drop' },
    { from: 'producer', to: 'auditor', capacity: 1, whenFull: 'fail', fullReply: { type: 'audit.full' } },
  ],
  stimuli: [{ name: 'tick', to: 'producer', event: { type: 'tick' }, times: 4 }],
  properties: [],
});
const item = (d: 'deliver' | 'delay'): StepJson => ({ do: d, from: 'producer', to: 'consumer', event: { type: 'item' } });
const tick: StepJson = { do: 'stimulus', name: 'tick' };
const LINKS: StepJson[] = [
  tick, tick, item('delay'), tick, item('deliver'), item('deliver'),
  { do: 'deliver', from: 'producer', to: 'logger', event: { type: 'log' } },
  { do: 'crash', actor: 'producer' },
  item('deliver'),
];

const worldAt = (replay: Replay, k: number) => (k === 0 ? replay.initial : replay.steps[k - 1].world);

/** What must hold of any layout: its pairing agrees with the worlds and the steps of the replay. */
function checkAgainstReplay(replay: Replay, layout: SequenceLayout): void {
  expect(layout.rows).toHaveLength(replay.steps.length + 1);
  const sends = [replay.initialHappenings, ...replay.steps.map((s) => s.happenings)].flat().filter((h) => h.kind === 'send');
  expect(layout.messages).toHaveLength(sends.length);
  for (let k = 0; k <= replay.steps.length; k++) {
    const queued = worldAt(replay, k).queues.reduce((n, q) => n + q.length, 0);
    expect(inFlightAt(layout, k).length, `in flight at ${k}`).toBe(queued);
  }
  for (const m of layout.messages) {
    const sent = (m.sent === 0 ? replay.initialHappenings : replay.steps[m.sent - 1].happenings).filter(
      (h) => h.kind === 'send' && h.from === layout.columns[m.from] && h.to === layout.columns[m.to] && h.event.type === m.label,
    );
    expect(sent.length, `message ${m.id} is sent at row ${m.sent}`).toBeGreaterThan(0);
    if (m.end === null) continue;
    expect(m.end).toBeGreaterThan(m.sent);
    const json = replay.steps[m.end - 1].json;
    expect(json).toMatchObject({ do: m.endKind, from: layout.columns[m.from], to: layout.columns[m.to], event: { type: m.label } });
  }
}

describe('sequence layout', () => {
  it("pairs each of the seed trace's sends with its delivery", () => {
    const rt = new Runtime(order, 'buggy');
    const replay = replaySteps(rt, SEED_BUG);
    const layout = layoutSequence(rt, replay);
    expect(layout.columns).toEqual([ENVIRONMENT, 'wfe', 'ra', 'sa', 'ca']);
    expect(layout.messages.map((m) => `${m.sent}->${m.end} ${layout.columns[m.from]}>${layout.columns[m.to]} ${m.label}`)).toEqual([
      '1->2 wfe>ra FinalizeOrder',
      '2->3 ra>sa SetOrderProcessing',
      '3->4 sa>ra SetOrderProcessing.ok',
      '4->5 ra>ca IssueCertificate',
      '5->8 ca>ra IssueCertificate.ok',
      '6->7 ra>wfe FinalizeOrder.error',
    ]);
    expect(layout.messages.every((m) => m.endKind === 'deliver')).toBe(true);
    expect(layout.rows[1].stubs).toEqual([{ from: 0, to: 1, label: 'Finalize', kind: 'stimulus', slot: 0 }]);
    expect(layout.rows[6].marks).toEqual([{ col: 2, kind: 'timer', label: 'ctx · t=200 ms' }]);
    expect(layout.rows[6].changes).toBe('ra: issuing → answerError');
    checkAgainstReplay(replay, layout);
  });

  it('marks the messages in flight at the cursor', () => {
    const rt = new Runtime(order, 'buggy');
    const layout = layoutSequence(rt, replaySteps(rt, SEED_BUG));
    expect(inFlightAt(layout, 0)).toEqual([]);
    expect(inFlightAt(layout, 6).map((m) => m.label).sort()).toEqual(['FinalizeOrder.error', 'IssueCertificate.ok']);
    expect(inFlightAt(layout, 8)).toEqual([]);
    const at6 = drawSequence(layout, { rowHeight: 28, columnWidth: 150, left: 48 }, { first: 0, last: 8, cursor: 6 });
    const flying = at6.filter((s) => s.children?.some((c) => c.attrs.className === 'iv-flight-marker'));
    expect(flying.map((s) => s.attrs['data-message']).sort()).toEqual([4, 5]);
  });

  it('ends a failed call in a cut with its failure reply, a dropped one in an ×, and marks the crash and the early expiry', () => {
    const rt = new Runtime(order, 'fresh-context-sync');
    const replay = replaySteps(rt, FAULTS);
    const layout = layoutSequence(rt, replay);
    const issue = layout.messages.find((m) => m.label === 'IssueCertificate')!;
    expect(issue).toMatchObject({ sent: 4, end: 6, endKind: 'fail' });
    expect(layout.rows[6].stubs).toEqual([{ from: 4, to: 2, label: 'IssueCertificate.failed', kind: 'fail-reply', slot: 0 }]);
    expect(layout.messages.find((m) => m.label === 'SetOrderError')).toMatchObject({ sent: 6, end: 7, endKind: 'drop' });
    expect(layout.rows[5].marks).toEqual([{ col: 4, kind: 'crash', label: 'crashed, restarted' }]);
    expect(layout.rows[8].marks).toEqual([{ col: 2, kind: 'expire', label: 'failOrderCtx expired early · t=0 ms' }]);
    expect(layout.rows.map((r) => r.fault)).toEqual([false, false, false, false, false, true, true, true, true]);
    checkAgainstReplay(replay, layout);
  });

  it('follows messages through a delay and shows sends refused by full links', () => {
    const rt = new Runtime(links, 'main');
    const replay = replaySteps(rt, LINKS);
    const layout = layoutSequence(rt, replay);
    const items = layout.messages.filter((m) => m.label === 'item').map((m) => ({ sent: m.sent, end: m.end, delays: m.delays }));
    // The first item is overtaken by the second; the third waits for room, then goes out when the second arrives.
    expect(items).toEqual([
      { sent: 1, end: 6, delays: [3] },
      { sent: 2, end: 5, delays: [] },
      { sent: 5, end: 9, delays: [] },
    ]);
    expect(layout.rows[2].stubs.map((s) => `${s.kind} ${s.label} slot ${s.slot}`)).toEqual([
      'stimulus tick slot 0',
      'dropped-full log slot 0',
      'failed-full audit slot 1',
    ]);
    expect(layout.rows[4].stubs.map((s) => s.kind)).toEqual(['stimulus', 'blocked']);
    expect(layout.messages.find((m) => m.label === 'audit')).toMatchObject({ sent: 1, end: null, endKind: null });
    checkAgainstReplay(replay, layout);
  });

  it('handles a 5,000-step trace, and finds the messages crossing any range of rows', () => {
    const rt = new Runtime(order, 'cleanup-daemon');
    const steps = walkSteps(rt, 5000);
    expect(steps).toHaveLength(5000);
    const replay = replaySteps(rt, steps);
    const layout = layoutSequence(rt, replay);
    checkAgainstReplay(replay, layout);
    for (const [first, last] of [[0, 40], [1234, 1270], [4990, 5000], [2500, 2500]]) {
      const expected = layout.messages.filter((m) => m.sent <= last && (m.end ?? 5000) >= first).map((m) => m.id);
      expect(messagesInRows(layout, first, last).map((m) => m.id).sort((a, b) => a - b)).toEqual(expected);
    }
  });
});

const instances = testModel('instances', storeWatcherSystem());

describe('sequence layout of restarts', () => {
  it("keeps a restarted actor's messages in flight as the same arrows, and marks the stale write where one lands", () => {
    const rt = new Runtime(instances, 'main');
    const replay = replaySteps(rt, [
      { do: 'deliver', from: 'watcher', to: 'store', event: { type: 'Query' } },
      { do: 'deliver', from: 'store', to: 'watcher', event: { type: 'Current', status: 'passing' } },
      { do: 'deliver', from: 'watcher', to: 'store', event: { type: 'SetAlias', status: 'passing' } },
      { do: 'stimulus', name: 'critical' },
      { do: 'deliver', from: 'store', to: 'watcher', event: { type: 'Notify', status: 'critical' } },
      { do: 'stimulus', name: 'reregister' },
      { do: 'deliver', from: 'watcher~old', to: 'store', event: { type: 'SetAlias', status: 'critical' } },
    ]);
    const layout = layoutSequence(rt, replay);
    expect(layout.columns).toEqual([ENVIRONMENT, 'store', 'watcher', 'watcher~old']);
    // One arrow per send: Query, Current, SetAlias, Notify, SetAlias (handed to watcher~old), the new instance's Query.
    const sends = [replay.initialHappenings, ...replay.steps.map((s) => s.happenings)].flat().filter((h) => h.kind === 'send');
    expect(layout.messages).toHaveLength(sends.length);
    expect(layout.messages.map((m) => `${m.label} ${m.sent}→${m.end ?? '…'}`)).toEqual([
      'Query 0→1',
      'Current 1→2',
      'SetAlias 2→3',
      'Notify 4→5',
      'SetAlias 5→7',
      'Query 6→…',
    ]);
    // The stale SetAlias is the arrow sent at row 5, drawn from the watcher's lifeline (the instance that sent it).
    expect(layout.messages[4]).toMatchObject({ from: 2, to: 1, endKind: 'deliver' });
    expect(layout.rows[7].marks).toEqual([{ col: 1, kind: 'stale-write', label: 'stale write: SetAlias from watcher~old' }]);
    expect(layout.rows.slice(0, 7).flatMap((r) => r.marks)).toEqual([]);
    for (let k = 0; k <= replay.steps.length; k++) {
      const world = k === 0 ? replay.initial : replay.steps[k - 1].world;
      expect(inFlightAt(layout, k).length, `in flight at ${k}`).toBe(world.queues.reduce((n, q) => n + q.length, 0));
    }
    const shapes = JSON.stringify(drawSequence(layout, { rowHeight: 28, columnWidth: 120, left: 56 }, { first: 0, last: 7, cursor: 7 }));
    expect(shapes).toContain('iv-mark-stale-write');
  });

  it('marks the overlap fault and the exit of the superseded instance, whose mail goes with it', () => {
    const rt = new Runtime(instances, 'main');
    const replay = replaySteps(rt, [
      { do: 'deliver', from: 'watcher', to: 'store', event: { type: 'Query' } },
      { do: 'overlap', actor: 'watcher' },
      { do: 'stimulus', name: 'reregister' },
      { do: 'exit', actor: 'watcher~old' },
    ]);
    const layout = layoutSequence(rt, replay);
    expect(layout.rows[2].marks).toEqual([{ col: 2, kind: 'overlap', label: 'next restart overlaps' }]);
    expect(layout.rows[4].marks).toEqual([{ col: 3, kind: 'exit', label: 'exited' }]);
    // The answer to the old instance's Query was re-addressed to it by the restart, then lost when it exited.
    expect(layout.messages.find((m) => m.label === 'Current')).toMatchObject({ from: 1, to: 3, sent: 1, end: 4, endKind: 'drop' });
    expect(layout.messages).toHaveLength(3);
    for (let k = 0; k <= replay.steps.length; k++) {
      const world = k === 0 ? replay.initial : replay.steps[k - 1].world;
      expect(inFlightAt(layout, k).length, `in flight at ${k}`).toBe(world.queues.reduce((n, q) => n + q.length, 0));
    }
  });
});

describe('sequence SVG export', () => {
  const rt = new Runtime(order, 'buggy');
  const replay = replaySteps(rt, SEED_BUG);
  const finding = checkWorld(rt, replay.final)[0];
  const props: ViewProps = {
    rt,
    replay,
    cursor: 3,
    focusedActor: 'sa',
    onFocusActor: () => {},
    onJump: () => {},
    explanation: explainFinding(rt, replay, finding),
  };

  /** Tags open and close in order; attributes are quoted; no stray `<` or `&`. */
  function wellFormed(xml: string): boolean {
    const stack: string[] = [];
    const tag = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
    let m: RegExpExecArray | null;
    let end = 0;
    while ((m = tag.exec(xml))) {
      end = tag.lastIndex;
      if (m[5] !== undefined) {
        if (/&(?!(amp|lt|gt|quot);)/.test(m[5])) return false;
      } else if (m[1]) {
        if (stack.pop() !== m[2]) return false;
      } else if (!m[4]) stack.push(m[2]);
    }
    return end === xml.length && stack.length === 0;
  }

  it('is a deterministic, well-formed SVG document with one lifeline per actor', () => {
    const svg = sequenceSvg(props);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toBe(sequenceSvg({ ...props, cursor: 7, focusedActor: null }));
    expect(wellFormed(svg)).toBe(true);
    const lifelines = [...svg.matchAll(/data-lifeline="([^"]+)"/g)].map((m) => m[1]);
    expect(lifelines).toEqual([ENVIRONMENT, ...rt.actorNames]);
    expect(svg).toMatch(/^<svg[^>]* width="\d+(\.\d)?" height="\d+(\.\d)?"/);
  });

  it('draws the waits-forever mark under each waiting actor, with the sentence, and escapes text', () => {
    const svg = sequenceSvg(props);
    expect(props.explanation!.waiting.map((w) => w.actor)).toEqual(['sa']);
    expect(svg).toContain('data-waiting="sa"');
    expect(svg).toContain('waits forever for');
    expect(svg).toContain('iv-cause-band');
    expect(svg).toContain('{&quot;replyTo&quot;:&quot;ra&quot;}');
    expect(svg).not.toContain('data-waiting="ra"');
    expect(wellFormed(sequenceSvg({ ...props, explanation: null }, 'dark'))).toBe(true);
  });
});
