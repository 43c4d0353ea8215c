/** Plain-text pieces shared by the CLI's reports. Nothing here reads a clock, so output is reproducible. */
import {
  canonicalJson,
  describeStep,
  formatTime,
  eventLabel,
  type Bounds,
  type Happening,
  type StateFinding,
  type StepJson,
  type WorldReport,
} from '../engine/index.ts';

/** 2000000 → "2,000,000", independent of the locale. */
export function int(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function boundsLine(b: Bounds): string {
  const faults = b.faults.length > 0 ? b.faults.join(',') : 'none';
  return `max faults ${int(b.maxFaults)}, max depth ${int(b.maxDepth)}, max states ${int(b.maxStates)}, faults ${faults}`;
}

/** "  1. stimulus finalize", numbers right-aligned so the steps line up. */
export function stepLines(steps: readonly StepJson[], indent: string): string[] {
  const width = String(steps.length).length;
  return steps.map((s, i) => `${indent}${String(i + 1).padStart(width)}. ${describeStep(s)}`);
}

export function happeningLine(h: Happening): string {
  switch (h.kind) {
    case 'transition':
      return `${h.actor}: ${h.from} → ${h.to} on ${eventLabel(h.event)}`;
    case 'send':
      return `send ${h.from} → ${h.to}: ${eventLabel(h.event)}`;
    case 'send-blocked':
      return `send ${h.from} → ${h.to}: ${eventLabel(h.event)} waits, the link is full (${h.from} blocks)`;
    case 'send-dropped-full':
      return `send ${h.from} → ${h.to}: ${eventLabel(h.event)} dropped, the link is full`;
    case 'send-failed-full':
      return `send ${h.from} → ${h.to}: ${eventLabel(h.event)} failed, the link is full`;
    case 'timer-set':
      return `timer ${h.actor}.${h.timer} set, due t=${h.due}ms`;
    case 'timer-cancelled':
      return `timer ${h.actor}.${h.timer} cancelled`;
    case 'restart':
      return `${h.actor} restarts${h.overlap ? ', the old instance still running' : ''}`;
    case 'exit':
      return `${h.actor} exits`;
    case 'stale-write':
      return `STALE WRITE ${h.from} → ${h.to}: ${eventLabel(h.event)} (a newer ${h.from.replace(/~old$/, '')} is running)`;
    case 'job-start':
      return `${h.actor} takes a ${h.pool} worker for ${eventLabel(h.event)}${h.waited > 0 ? ` after waiting ${formatTime(h.waited)}` : ''}, busy until t=${h.until}ms`;
    case 'serviced':
      return `timer ${h.actor}.${h.timer} serviced ${h.late > 0 ? `${formatTime(h.late)} late` : 'on time'}`;
  }
}

/** Every actor's state and context, the messages in flight, the timers, the clock and the faults spent. */
export function worldLines(w: WorldReport): string[] {
  const lines = [`final world at t=${w.now}ms, ${w.faults} fault${w.faults === 1 ? '' : 's'} spent:`];
  for (const [name, a] of Object.entries(w.actors)) {
    const notes = [a.status !== 'active' ? a.status : '', a.blocked ? 'blocked on a full link' : ''].filter(Boolean);
    const context = a.context === null ? '' : `  context ${canonicalJson(a.context)}`;
    lines.push(`  ${name}: ${a.state}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}${context}`);
  }
  lines.push('in flight:', ...orNone(w.inFlight.map((m) => `  ${m.from} → ${m.to}: ${eventLabel(m.event)}`)));
  lines.push('timers:', ...orNone(w.timers.map((t) => `  ${t.actor}.${t.timer} due t=${t.due}ms`)));
  return lines;
}

export function stateFindingLine(f: StateFinding): string {
  const label = f.kind === 'stuck' ? 'STUCK' : f.kind === 'stale-write' ? 'STALE WRITE' : 'VIOLATED';
  const verdict = f.verdict === 'inconclusive' ? ' (inconclusive: the search for a way out was cut)' : '';
  return `  ${label} ${f.property}${verdict}: ${f.message}`;
}

function orNone(lines: string[]): string[] {
  return lines.length > 0 ? lines : ['  none'];
}
