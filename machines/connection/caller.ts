/**
 * The caller of the proxy API: Nexus, through the sled-agent, asking an existing member to commit a
 * new node or to report its status. Each call waits for the answer or an error and has no timeout:
 * "The proxy APIs defined in another file expect either a response from the server or a
 * Disconnected error before returning: if it receives nothing it will block forever" (the reviewer).
 */
import { setup } from 'xstate';
import { send } from '../../app/engine/index.ts';
import { REQS, type Outcome, type Req } from './design.ts';

type CallerEvent = { type: 'Call'; req: Req } | { type: 'Reply'; req: Req; outcome: Outcome };

/** One proxied call: idle until made, then waiting (tagged `waiting`) until answered one way or another. */
function call(req: Req) {
  const ends = (outcome: Outcome) => ({
    guard: ({ event }: { event: CallerEvent }) => event.type === 'Reply' && event.req === req && event.outcome === outcome,
    target: outcome,
  });
  return {
    initial: 'idle',
    states: {
      idle: {
        on: {
          Call: {
            guard: ({ event }: { event: CallerEvent }) => event.req === req,
            target: 'waiting',
            actions: send('main', { type: 'Proxy', req }),
          },
        },
      },
      waiting: {
        tags: ['waiting'],
        on: { Reply: [ends('answered'), ends('disconnected'), ends('busy')] },
      },
      /** The peer's answer came back: `CommitStatus::Committed`, or the node's status. */
      answered: {},
      /** `ProxyError::Disconnected`: the request was refused or failed by the Disconnected callback. */
      disconnected: {},
      /** `ProxyConnState::Busy`, in the variant that has it. */
      busy: {},
    },
  } as const;
}

export const caller = setup({
  types: { events: {} as CallerEvent },
}).createMachine({
  id: 'caller',
  type: 'parallel',
  states: Object.fromEntries(REQS.map((req) => [req, call(req)])) as Record<Req, ReturnType<typeof call>>,
});
