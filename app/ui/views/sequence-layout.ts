/**
 * The sequence diagram of a replayed trace, as data, computed once per replay: one row per world
 * (row 0 the initial world, row k the world after step k, so a row is a cursor position), one column
 * per actor after an "environment" column for stimuli, and every message paired from the row that
 * sent it to the row that delivered, dropped or failed it.
 *
 * Messages are followed by their place in their link's queue, mirrored beside the world's own
 * queues, so equal messages in flight at once are told apart exactly as the scheduler tells them
 * apart; nothing is matched by name. When a restart hands an actor's messages in flight to its
 * superseded instance (`<name>~old`), the engine gives them new message kinds; they are matched to
 * the arrows already drawn by link, event and the roles of both ends (`rt.roleOf`), so they stay the
 * same arrows. Messages a restart or an exit discards end there, drawn as lost.
 *
 * An actor on a pool of workers marks where a worker takes one of its events (and how long the
 * event waited for it) and where the worker finishes it (the transition lands then).
 */
import { describeStep, eventLabel, formatTime, isFault, type Replay, type Runtime, type StepJson, type World } from '../../engine/index.ts';
import { isAfterEvent, timeLabel, timerLabel, timerName } from './labels.ts';

export const ENVIRONMENT = 'environment';

export type MessageEnd = 'deliver' | 'drop' | 'fail';

export interface SeqMessage {
  id: number;
  /** Columns. */
  from: number;
  to: number;
  /** The event's type, drawn on the arrow. */
  label: string;
  /** The event with its payload, for a tooltip. */
  title: string;
  /** The row whose step sent it. */
  sent: number;
  /** The row whose step took it off its link; null when it is still in flight after the last step. */
  end: number | null;
  endKind: MessageEnd | null;
  /** Rows where a `delay` fault let the messages behind it overtake it. */
  delays: number[];
  /** Undelivered messages are labelled where they start: the label's place among those starting together (0 lowest). */
  slot: number;
}

/** Drawn within one row: a stimulus, a send refused by a full link, the reply to a failed call. */
export interface SeqStub {
  from: number;
  to: number;
  label: string;
  kind: 'stimulus' | 'blocked' | 'dropped-full' | 'failed-full' | 'fail-reply';
  /** As SeqMessage.slot. */
  slot: number;
}

/** A glyph on one lifeline. */
export interface SeqMark {
  col: number;
  /** `job-start`: a worker takes a pooled event; `finish`: it is done with it. */
  kind: 'timer' | 'expire' | 'crash' | 'overlap' | 'exit' | 'stale-write' | 'job-start' | 'finish';
  label: string;
  /** More than the label has room for, as a tooltip. */
  title?: string;
}

export interface SeqRow {
  /** "ra → sa: SetOrderProcessing" (describeStep), or "initial world". */
  text: string;
  /** What the step changed, briefly: "ra: idle → settingProcessing". */
  changes: string;
  fault: boolean;
  stubs: SeqStub[];
  marks: SeqMark[];
}

export interface SequenceLayout {
  columns: string[];
  /** The column of actor 0 (1 when there is an environment column). */
  firstActor: number;
  rows: SeqRow[];
  messages: SeqMessage[];
  /** Message ids by block of BLOCK rows they span, to find those crossing a visible range quickly. */
  blocks: number[][];
}

const BLOCK = 64;

export function layoutSequence(rt: Runtime, replay: Replay): SequenceLayout {
  const firstActor = rt.stimuli.length > 0 ? 1 : 0;
  const columns = [...(firstActor ? [ENVIRONMENT] : []), ...rt.actorNames];
  const col = (actor: number) => actor + firstActor;
  const colOf = (name: string) => rt.actor(name) + firstActor;
  const messages: SeqMessage[] = [];
  /** Per link: our message ids, in the order of the world's queue for that link. */
  let queues: number[][] = rt.links.map(() => []);
  /** The engine's message kind (interned id) of each of our messages. */
  const kindOf: number[] = [];

  const track = (world: World, row: number, changed: (l: number) => boolean) => {
    queues = queues.map((mine, l) => {
      if (!changed(l)) return mine;
      // Survivors keep their order; a new message of a kind already queued goes behind the old ones.
      const next: number[] = [];
      let i = 0;
      for (const kind of world.queues[l]) {
        if (i < mine.length && kindOf[mine[i]] === kind) next.push(mine[i++]);
        else next.push(newMessage(kind, row));
      }
      return next;
    });
  };
  /**
   * After a restart or an exit, a link's messages may have been handed to the superseded instance
   * (new kinds: same link, same event, same roles at both ends), discarded, or, on an unordered link,
   * re-sorted. `handover` says, per message of ours, the sender and receiver slots it has now (null:
   * discarded); each message in the world's queue takes the first of ours that matches it, ours left
   * over were discarded at this row, and the world's left over are new.
   */
  const retrack = (world: World, row: number, changed: (l: number) => boolean, handover: Map<number, { from: number; to: number } | null>) => {
    queues = queues.map((mine, l) => {
      if (!changed(l) && !mine.some((id) => handover.has(id))) return mine;
      const used = new Set<number>();
      const next = world.queues[l].map((kind) => {
        const now = rt.messages.values[kind];
        const id = mine.find((m) => {
          if (used.has(m)) return false;
          const was = rt.messages.values[kindOf[m]];
          const ends = handover.has(m) ? handover.get(m) : was;
          return ends != null && ends.from === now.from && ends.to === now.to && was.event === now.event && was.failReply === now.failReply && rt.roleOf[was.from] === rt.roleOf[now.from] && rt.roleOf[was.to] === rt.roleOf[now.to];
        });
        if (id === undefined) return newMessage(kind, row);
        used.add(id);
        // Re-addressed to the superseded instance: the arrow ends on its lifeline.
        if (kindOf[id] !== kind && rt.messages.values[kindOf[id]].to !== now.to) messages[id].to = col(now.to);
        kindOf[id] = kind;
        return id;
      });
      for (const id of mine) {
        if (used.has(id)) continue;
        messages[id].end = row;
        messages[id].endKind = 'drop';
      }
      return next;
    });
  };
  /** Where a restart (or an exit) of `actor` sends the messages in flight, as the engine does. */
  const handOver = (handover: Map<number, { from: number; to: number } | null>, h: { kind: 'restart'; actor: string; overlap: boolean } | { kind: 'exit'; actor: string }) => {
    const a = rt.actor(h.actor);
    const ghost = h.kind === 'exit' ? a : rt.ghostOf[rt.roleOf[a]];
    for (const mine of queues) {
      for (const id of mine) {
        const ends = handover.has(id) ? handover.get(id) : rt.messages.values[kindOf[id]];
        if (!ends) continue;
        if (h.kind === 'exit') {
          if (ends.to === ghost) handover.set(id, null);
        } else if (ends.from === a) handover.set(id, { from: ghost, to: ends.to });
        else if (ends.to === a) handover.set(id, h.overlap ? { from: ends.from, to: ghost } : null);
      }
    }
  };
  const newMessage = (kind: number, row: number): number => {
    const m = rt.messages.values[kind];
    const event = rt.events.values[m.event];
    const id = messages.length;
    messages.push({ id, from: col(m.from), to: col(m.to), label: event.type, title: eventLabel(event), sent: row, end: null, endKind: null, delays: [], slot: 0 });
    kindOf.push(kind);
    return id;
  };

  const rows: SeqRow[] = [{ text: 'initial world', changes: timerChanges(replay.initialHappenings), fault: false, stubs: [], marks: [] }];
  track(replay.initial, 0, () => true);

  let before = replay.initial;
  replay.steps.forEach(({ step, json, world, happenings }, i) => {
    const row = i + 1;
    const stubs: SeqStub[] = [];
    const marks: SeqMark[] = [];
    switch (step.kind) {
      case 'stimulus': {
        const s = rt.stimuli[step.index];
        stubs.push({ from: 0, to: col(s.to), label: rt.events.values[s.event].type, kind: 'stimulus', slot: 0 });
        break;
      }
      case 'deliver':
      case 'drop':
      case 'fail': {
        const [id] = queues[step.link].splice(step.pos, 1);
        const m = messages[id];
        m.end = row;
        m.endKind = step.kind;
        if (step.kind === 'fail') {
          const failReply = rt.messages.values[kindOf[id]].failReply;
          stubs.push({ from: m.to, to: m.from, label: rt.events.values[failReply].type, kind: 'fail-reply', slot: 0 });
        }
        break;
      }
      case 'delay': {
        const q = queues[step.link];
        messages[q[0]].delays.push(row);
        queues[step.link] = [...q.slice(1), q[0]];
        break;
      }
      case 'timer':
      case 'expire': {
        const timer = timerLabel(rt.timerNames.values[step.timer]);
        const label = step.kind === 'timer' ? `${timer} · ${timeLabel(world.now)}` : `${timer} expired early · ${timeLabel(world.now)}`;
        marks.push({ col: col(step.actor), kind: step.kind, label });
        break;
      }
      case 'crash':
        marks.push({ col: col(step.actor), kind: 'crash', label: 'crashed, restarted' });
        break;
      case 'overlap':
        marks.push({ col: col(step.actor), kind: 'overlap', label: 'next restart overlaps' });
        break;
      case 'finish': {
        const w = rt.works.values[step.work];
        const type = workLabel(rt.events.values[w.event].type);
        marks.push({ col: col(w.actor), kind: 'finish', label: 'done', title: `${type} done at ${timeLabel(world.now)}: its transition lands, the worker is free` });
        break;
      }
    }
    const handover = new Map<number, { from: number; to: number } | null>();
    for (const h of happenings) {
      if (h.kind === 'send-blocked' || h.kind === 'send-dropped-full' || h.kind === 'send-failed-full') {
        const kind = h.kind === 'send-blocked' ? 'blocked' : h.kind === 'send-dropped-full' ? 'dropped-full' : 'failed-full';
        stubs.push({ from: colOf(h.from), to: colOf(h.to), label: h.event.type, kind, slot: 0 });
      } else if (h.kind === 'restart') {
        handOver(handover, h);
      } else if (h.kind === 'exit') {
        handOver(handover, h);
        marks.push({ col: colOf(h.actor), kind: 'exit', label: 'exited' });
      } else if (h.kind === 'stale-write') {
        marks.push({ col: colOf(h.to), kind: 'stale-write', label: `stale write: ${h.event.type} from ${h.from}` });
      } else if (h.kind === 'job-start') {
        const type = workLabel(h.event.type);
        const waited = h.waited > 0 ? `, waited ${formatTime(h.waited)}` : '';
        const title = `a ${h.pool} worker takes ${type}${h.waited > 0 ? ` (it waited ${formatTime(h.waited)} for one)` : ''}; busy until ${timeLabel(h.until)}`;
        marks.push({ col: colOf(h.actor), kind: 'job-start', label: `${type}${waited}`, title });
      }
    }
    const consumed = 'link' in step ? step.link : -1;
    const changed = (l: number) => l === consumed || world.queues[l] !== before.queues[l];
    if (handover.size > 0) retrack(world, row, changed, handover);
    else track(world, row, changed);
    const changes = happenings
      .filter((h) => h.kind === 'transition')
      .map((h) => `${h.actor}: ${h.from === h.to ? `${h.to} (context)` : `${h.from} → ${h.to}`}`);
    const timers = timerChanges(happenings);
    rows.push({
      text: stepText(json),
      changes: [...changes, ...(timers ? [timers] : [])].join('; '),
      fault: isFault(step),
      stubs,
      marks,
    });
    before = world;
  });

  const last = rows.length - 1;
  const undelivered = new Map<number, SeqMessage[]>();
  for (const m of messages) if (m.end === null) undelivered.set(m.sent, [...(undelivered.get(m.sent) ?? []), m]);
  rows.forEach((r, row) => stackLabels(undelivered.get(row) ?? [], r.stubs));
  const blocks: number[][] = Array.from({ length: Math.floor(last / BLOCK) + 1 }, () => []);
  for (const m of messages) {
    for (let b = Math.floor(m.sent / BLOCK); b <= Math.floor((m.end ?? last) / BLOCK); b++) blocks[b].push(m.id);
  }
  return { columns, firstActor, rows, messages, blocks };
}

/**
 * Labels drawn where an arrow starts (messages never taken off their link, refused sends) are
 * stacked when several start on the same lifeline in one row. Other messages are labelled halfway.
 */
function stackLabels(sent: SeqMessage[], stubs: SeqStub[]): void {
  const next = new Map<number, number>();
  const place = (item: { from: number; slot: number }) => {
    item.slot = next.get(item.from) ?? 0;
    next.set(item.from, item.slot + 1);
  };
  sent.forEach(place);
  stubs.filter((s) => s.kind !== 'fail-reply').forEach(place);
}

/** A pooled event: its type, or for an `after` timer's event "timer after 50 ms". */
function workLabel(type: string): string {
  return isAfterEvent(type) ? `timer ${timerLabel(type)}` : type;
}

/** describeStep, with XState's generated timer names shortened. */
function stepText(json: StepJson): string {
  if (json.do === 'timer') return `timer ${timerName(json.actor, json.timer)}`;
  if (json.do === 'expire') return `expire early ${timerName(json.actor, json.timer)}`;
  return describeStep(json);
}

function timerChanges(happenings: Replay['initialHappenings']): string {
  const parts: string[] = [];
  for (const h of happenings) {
    if (h.kind === 'timer-set') parts.push(`${timerName(h.actor, h.timer)} at ${timeLabel(h.due)}`);
    if (h.kind === 'timer-cancelled') parts.push(`${timerName(h.actor, h.timer)} cancelled`);
  }
  return parts.length ? `timers: ${parts.join(', ')}` : '';
}

/** Messages whose arrow crosses rows first..last (both included), each once. */
export function messagesInRows(layout: SequenceLayout, first: number, last: number): SeqMessage[] {
  const out: SeqMessage[] = [];
  const seen = new Set<number>();
  const lastRow = layout.rows.length - 1;
  for (let b = Math.max(0, Math.floor(first / BLOCK)); b <= Math.min(layout.blocks.length - 1, Math.floor(last / BLOCK)); b++) {
    for (const id of layout.blocks[b]) {
      const m = layout.messages[id];
      if (seen.has(id) || m.sent > last || (m.end ?? lastRow) < first) continue;
      seen.add(id);
      out.push(m);
    }
  }
  return out;
}

/** Messages on their links in the world at `row`: sent at or before it, not yet taken off. */
export function inFlightAt(layout: SequenceLayout, row: number): SeqMessage[] {
  return messagesInRows(layout, row, row).filter((m) => m.sent <= row && (m.end === null || m.end > row));
}
