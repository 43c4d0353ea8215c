/**
 * A trace as a Mermaid sequence diagram: an arrow per delivered, dropped or failed message, a note
 * per timer, fault and crash, and at the end a note per finding that holds in the final world.
 * Arrows are drawn when a message is delivered (or lost), not when it is sent.
 */
import { actorsRead } from '../explain.ts';
import type { Runtime } from '../runtime.ts';
import { eventLabel } from '../steps.ts';
import type { ReplayedStep, Trace } from '../trace.ts';
import { checkWorld, type StateFinding } from '../verdict.ts';
import type { World } from '../world.ts';
import { replayTrace } from './replay-trace.ts';

const KEYWORDS = new Set([
  'participant', 'actor', 'as', 'end', 'loop', 'alt', 'else', 'opt', 'par', 'and', 'rect', 'critical', 'break',
  'note', 'over', 'left', 'right', 'of', 'title', 'activate', 'deactivate', 'autonumber', 'box', 'create',
  'destroy', 'link', 'links', 'properties', 'details', 'env',
]);
const ESCAPES: Record<string, string> = { '#': '#35;', ';': '#59;', '<': '#lt;', '>': '#gt;', '\n': '<br/>', '\r\n': '<br/>' };

/** Message and note text, with the characters Mermaid would read as syntax written as entities. */
function text(s: string): string {
  return s.replace(/\r\n|[#;<>\n]/g, (c) => ESCAPES[c]);
}

export function exportMermaid(rt: Runtime, trace: Trace): string {
  const replay = replayTrace(rt, trace);
  const id = participantIds(rt);
  const lines = ['sequenceDiagram'];
  if (trace.steps.some((s) => s.do === 'stimulus')) lines.push('  participant env as environment');
  rt.actorNames.forEach((name, a) => lines.push(`  participant ${id[a]}${id[a] === name ? '' : ` as ${text(name)}`}`));
  let before = replay.initial;
  for (const step of replay.steps) {
    for (const line of stepLines(rt, id, before, step)) lines.push(`  ${line}`);
    before = step.world;
  }
  for (const f of checkWorld(rt, replay.final)) lines.push(`  ${findingNote(rt, id, replay.final, f)}`);
  return `${lines.join('\n')}\n`;
}

/** Actor names are used as participant ids when all are plain identifiers; otherwise every actor gets an alias. */
function participantIds(rt: Runtime): string[] {
  const plain = rt.actorNames.every((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n) && !KEYWORDS.has(n.toLowerCase()));
  return rt.actorNames.map((n, a) => (plain ? n : `p${a}`));
}

function stepLines(rt: Runtime, id: string[], before: World, { step, world, happenings }: ReplayedStep): string[] {
  const lines: string[] = [];
  switch (step.kind) {
    case 'stimulus': {
      const s = rt.stimuli[step.index];
      lines.push(`env->>${id[s.to]}: ${text(eventLabel(rt.events.values[s.event]))}`);
      break;
    }
    case 'deliver':
    case 'drop':
    case 'delay':
    case 'fail': {
      const m = rt.messages.values[before.queues[step.link][step.pos]];
      const [from, to, label] = [id[m.from], id[m.to], text(eventLabel(rt.events.values[m.event]))];
      if (step.kind === 'deliver') lines.push(`${from}->>${to}: ${label}`);
      else if (step.kind === 'drop') lines.push(`${from}-x${to}: ${label} (dropped)`);
      else if (step.kind === 'delay') lines.push(`Note over ${from},${to}: ⏳ ${label} delayed: later messages overtake it`);
      else {
        // The call fails on the caller's side: it gets the failure reply instead of an answer.
        lines.push(`${from}--x${to}: ${label} (failed)`, `${from}-->>${from}: ${text(eventLabel(rt.events.values[m.failReply]))}`);
      }
      break;
    }
    case 'timer':
    case 'expire': {
      const timer = rt.timerNames.values[step.timer];
      const early = step.kind === 'expire' ? ' expired early' : '';
      lines.push(`Note over ${id[step.actor]}: ⏰ ${text(timer)}${early} (t=${world.now}ms)`);
      break;
    }
    case 'crash':
      lines.push(`Note over ${id[step.actor]}: 💥 crashed, restarted`);
      break;
  }
  // Sends lost to a full link inside the step never reach a queue, so no later step would show them.
  for (const h of happenings) {
    if (h.kind !== 'send-dropped-full' && h.kind !== 'send-failed-full') continue;
    const [from, to] = [id[rt.actor(h.from)], id[rt.actor(h.to)]];
    const [arrow, what] = h.kind === 'send-dropped-full' ? ['-x', 'dropped'] : ['--x', 'failed'];
    lines.push(`${from}${arrow}${to}: ${text(eventLabel(h.event))} (${what}: link full)`);
  }
  return lines;
}

function findingNote(rt: Runtime, id: string[], world: World, f: StateFinding): string {
  const actors = actorsRead(rt, world, f.property).map((name) => rt.actor(name));
  const over = actors.length > 1 ? `${id[actors[0]]},${id[actors[actors.length - 1]]}` : id[actors[0]];
  const label = f.kind === 'stuck' ? 'STUCK' : 'VIOLATED';
  const verdict = f.verdict === 'inconclusive' ? ' (inconclusive: the search for a way out was cut)' : '';
  return `Note over ${over}: ${label} ${text(f.property)}: ${text(f.message)}${verdict}`;
}
