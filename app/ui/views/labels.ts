/** Short labels for XState's generated names and for virtual times. */

const AFTER = 'xstate.after.';

/** An event type as a person reads it; `source` is the id of the state node that declares it. */
export function eventTypeLabel(eventType: string, source: string): string {
  if (eventType.startsWith(AFTER)) {
    const rest = eventType.slice(AFTER.length);
    const delay = rest.endsWith(`.${source}`) ? rest.slice(0, -(source.length + 1)) : rest.split('.')[0];
    return /^\d+$/.test(delay) ? `after ${delay} ms` : `after ${delay}`;
  }
  if (eventType.startsWith('xstate.done.state.')) return `done: ${eventType.slice('xstate.done.state.'.length)}`;
  if (eventType === '*') return 'any event';
  return eventType;
}

export const isAfterEvent = (eventType: string): boolean => eventType.startsWith(AFTER);

/** A timer id: XState names an `after` timer by its event type ("xstate.after.200.ra.idle" reads "after 200 ms"). */
export function timerLabel(timer: string): string {
  return isAfterEvent(timer) ? eventTypeLabel(timer, '') : timer;
}

/** Virtual milliseconds with thousands grouped: "t=300,000 ms". */
export function timeLabel(ms: number): string {
  return Number.isFinite(ms) ? `t=${String(ms).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} ms` : 'no deadline';
}

/** "ra.ctx", or "daemon after 300000 ms" for an `after` timer. */
export function timerName(actor: string, timer: string): string {
  return isAfterEvent(timer) ? `${actor} ${timerLabel(timer)}` : `${actor}.${timer}`;
}
