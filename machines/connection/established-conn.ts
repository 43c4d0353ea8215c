/**
 * The task of an established connection (`EstablishedConn`). It pulls requests off its bounded
 * channel and writes them to the peer's socket, and hands the peer's answers to the main task with
 * `try_send`. It ends when the socket breaks: a failed write, or the peer closing it.
 *
 * - Closing: as the code is, the task sends `Disconnected` to the main task ("a disconnection detected
 *   by the established connection actor will be eventually relayed to the tracker"). With the exit
 *   reported by the connection manager instead, what reaches the main task is `TaskExited`: the
 *   task's join handle finishing, modelled as the task's last message.
 * - Panicking: "if let Err(_) = self.main_tx.try_send(...) { ... panic!("Connection to main task
 *   channel full") }". A `fail` fault on an answer to the main task is that `try_send` failing; the
 *   task dies without a word ("the one place where the Disconnected message doesn't get sent"),
 *   unless the manager reports its exit.
 * - Gone (closed or panicked): its receiver is dropped, so what the main task still sends into the
 *   channel is lost, and the send's error is discarded, or (one fix) comes back as `SendFailed`.
 *
 * The task's write queue (`MSG_WRITE_QUEUE_CAPACITY`, closing the connection when full) is larger
 * than the channel, as the author says, so two requests never fill it; it is left out.
 */
import { assign, setup } from 'xstate';
import { send } from '../../app/engine/index.ts';
import type { Design, Req } from './design.ts';

export type ConnEvent =
  | { type: 'Spawned'; task: number }
  | { type: 'Request'; req: Req }
  | { type: 'Response'; req: Req }
  | { type: 'Eof' }
  | { type: 'WriteFailed' }
  | { type: 'MainChannelFull' };

export function establishedConn(design: Design, initialTask: number) {
  // What the main task hears when this task ends.
  const ended = send('main', ({ context }: { context: { task: number } }) => ({
    type: design.exitReport === 'task' ? 'Disconnected' : 'TaskExited',
    task: context.task,
  }));
  // A request sent into the channel after the task has gone.
  const gone = {
    on:
      design.closedChannel === 'disconnected'
        ? { Request: { actions: send('main', ({ event }: { event: ConnEvent }) => ({ type: 'SendFailed', req: (event as { req: Req }).req })) } }
        : {},
  };

  return setup({
    types: { context: {} as { task: number }, events: {} as ConnEvent },
  }).createMachine({
    id: 'conn',
    context: { task: initialTask },
    initial: 'established',
    states: {
      established: {
        on: {
          // A task spawned for a new connection learns its id from the manager that spawned it.
          Spawned: { actions: assign({ task: ({ event }) => event.task }) },
          // The write to the socket; a `fail` fault on it is the socket breaking.
          Request: {
            actions: send('peer', ({ context, event }) => ({ type: 'Request', req: event.req, via: context.task }), {
              failReply: { type: 'WriteFailed' },
            }),
          },
          // `self.main_tx.try_send(ProxyResponseReceived { .. })`; its failure is a panic.
          Response: {
            actions: send('main', ({ context, event }) => ({ type: 'ProxyResponse', req: event.req, task: context.task }), {
              failReply: { type: 'MainChannelFull' },
            }),
          },
          WriteFailed: 'closed',
          // The peer closed its end of the socket (it has reconnected).
          Eof: 'closed',
          ...(design.taskPanics ? { MainChannelFull: 'panicked' as const } : {}),
        },
      },
      closed: { entry: ended, ...gone },
      panicked: { ...(design.exitReport === 'manager' ? { entry: ended } : {}), ...gone },
    },
  });
}
