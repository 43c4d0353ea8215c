/**
 * What the variants disagree about, as knobs the actors read, and the sizes the model keeps small.
 *
 * The seed is the review of omicron PR #9403 (trust quorum: proxying Nexus-related requests). A
 * caller proxies a request through the node's main task (`NodeTask`), which hands it to the task of
 * the established connection to the peer over a bounded channel (`h.send(req).await`), returns
 * `ProxyConnState::Connected` and records the request in its `proxy_tracker`. The answer comes back
 * through the connection task; a `Disconnected` message from that task fails every tracked request.
 */

/** The two proxied operations of the seed: `proxy.commit(...)` and `proxy.status(...)`. */
export type Req = 'commit' | 'status';
export const REQS: readonly Req[] = ['commit', 'status'];

/** What the caller finally gets: the peer's answer, or one of the errors `proxy_request` can return. */
export type Outcome = 'answered' | 'disconnected' | 'busy';

export interface Design {
  /**
   * What `send` does when the channel to the connection task already holds its capacity:
   * - `block`: "The channel being used in send is an mpsc::bounded channel and blocks on send" (the author).
   * - `drop`: "the send method silently discards the message" (the reviewer's fear).
   * - `busy`: "I'd feel way more comfortable if this returned a ProxyConnState::Busy" (the reviewer's fix).
   */
  whenFull: 'block' | 'drop' | 'busy';
  /**
   * What a send into the channel of a task that has gone does:
   * - `ignored`: "The error that is discarded is when the channel itself gets disconnected" (the code):
   *   `Connected` is returned and the request is tracked anyway.
   * - `disconnected`: "have send indicate whether the task is still there so that we could return
   *   ProxyConnState::Disconnected and not insert into proxy_tracker" (a second reviewer).
   */
  closedChannel: 'ignored' | 'disconnected';
  /**
   * Who tells the main task that a connection task ended:
   * - `task`: the task itself sends `Disconnected` when it closes; a panic sends nothing.
   * - `manager`: "signal to NodeTask from the ConnectionManager::step method when an
   *   EstablishedConnection exits", covering "both the successful exit and panic cases" (the author).
   */
  exitReport: 'task' | 'manager';
  /**
   * Can the connection task panic on its own (`panic!("Connection to main task channel full")` when
   * `try_send` to the main task fails)? "I believe that we use panic = abort in production, and so
   * this isn't actually a problem in practice" (the author): with panic = abort the whole node goes
   * down with it, so the variants of the code as described leave this out.
   */
  taskPanics: boolean;
  /**
   * A second connection accepted for the same peer:
   * - `none`: the peer never reconnects.
   * - `replace`: "If a new connection is accepted for the same peer it will trigger an abort of the
   *   old connection" (the author).
   * - `reject`: "always reject a new accepted connection for the same peer if one is already
   *   established. Eventually the old one will go away, and the remote peer will retry" (the author).
   */
  reconnect: 'none' | 'replace' | 'reject';
  /**
   * Does the main task check that a disconnect comes from the task it has established before acting
   * on it? "I should gate it the Node::on_disconnect task by looking to see if the task_id matches
   * the current established task ID, as is done for the connection manager on_disconnected
   * callback" (the author). The connection manager's own map is gated in every variant.
   */
  gateStale: boolean;
  /** The proxied calls the caller makes (each at most once). */
  requests: readonly Req[];
}

/**
 * The channel to the connection task holds one message. The code's `CHANNEL_BOUND` is 10 ("with 10
 * pending requests"); one is the smallest bound at which two requests can find it full.
 */
export const CHANNEL_CAPACITY = 1;

/** The longest any message stays in flight (virtual ms). The model has no timers, so it only bounds. */
export const LINK_LATENCY = 10;

/** The task id of the connection established at the start; a reconnect spawns task `FIRST_TASK + 1`. */
export const FIRST_TASK = 1;
