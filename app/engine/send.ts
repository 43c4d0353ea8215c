/**
 * The one way an actor talks to another. `send` is an ordinary XState action (an `emit` of a
 * marked event), so XState's pure `transition()` hands it back as data and the scheduler, not
 * XState, decides when and whether it is delivered.
 */
import { emit, type ActionFunction, type AnyEventObject, type EventObject } from 'xstate';

export const SEND_MARK = '@interleave.send';

export interface SendOptions {
  /** The event the sender gets when a `fail` fault fails this call (an RPC error). */
  failReply?: EventObject;
}

export interface SendEnvelope {
  type: typeof SEND_MARK;
  to: string;
  event: EventObject;
  failReply?: EventObject;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the action only emits, so it may sit in any machine's
   config whatever that machine's context and events are; `any` is what lets XState's types accept it. */
type Args = { context: any; event: any };
type LooseAction = ActionFunction<any, any, any, any, never, never, never, never, any>;

/**
 * `send('sa', { type: 'SetOrderError' }, { failReply: { type: 'SetOrderError.failed' } })`.
 * The target and the event may be computed, as a server does when it answers whoever called it.
 */
export function send(
  to: string | ((args: Args) => string),
  event: AnyEventObject | ((args: Args) => AnyEventObject),
  options: SendOptions = {},
): LooseAction {
  return emit((args: Args): SendEnvelope => {
    const target = typeof to === 'function' ? to(args) : to;
    const resolved = typeof event === 'function' ? event(args) : event;
    return options.failReply
      ? { type: SEND_MARK, to: target, event: resolved, failReply: options.failReply }
      : { type: SEND_MARK, to: target, event: resolved };
  }) as LooseAction;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export const RESTART_MARK = '@interleave.restart';

/** `restart('watcher')`: the watcher's current instance is superseded by a fresh one. */
export function restart(actor: string): LooseAction {
  return emit({ type: RESTART_MARK, actor }) as LooseAction;
}

export function isRestart(e: unknown): e is { type: typeof RESTART_MARK; actor: string } {
  return typeof e === 'object' && e !== null && (e as { type?: unknown }).type === RESTART_MARK;
}

export function isSendEnvelope(e: unknown): e is SendEnvelope {
  return typeof e === 'object' && e !== null && (e as { type?: unknown }).type === SEND_MARK;
}
