/**
 * A work queue with a fixed number of slots: items start in order, at most `slots` at once, and the
 * next queued item starts as soon as a running one finishes. Plain logic with no workers in it: the
 * explore store gives it a function that starts a search in a Web Worker and calls `finished` once
 * that worker has answered.
 */

export interface WorkQueue<T> {
  /** Takes the items not started yet off the queue and returns them; started ones run to their end. */
  drain(): T[];
}

/** How many workers explore `items` variants at once: one per core, no more than there are variants. */
export function poolSize(cores: number | undefined, items: number): number {
  return Math.max(1, Math.min(cores || 2, items));
}

/**
 * Starts the first `slots` items and each next one as one finishes. `onIdle` is called once, when
 * nothing is running and nothing is queued (at once for no items; after `drain`, when the last
 * started item finishes).
 */
export function startQueue<T>(
  items: readonly T[],
  slots: number,
  run: (item: T, finished: () => void) => void,
  onIdle: () => void,
): WorkQueue<T> {
  const queued = [...items];
  let running = 0;
  let idle = false;

  const settle = () => {
    if (idle || running > 0 || queued.length > 0) return;
    idle = true;
    onIdle();
  };
  const startNext = () => {
    const item = queued.shift();
    if (item === undefined) return;
    running++;
    let done = false;
    run(item, () => {
      if (done) return;
      done = true;
      running--;
      startNext();
      settle();
    });
  };

  for (let i = 0; i < Math.max(1, slots) && queued.length > 0; i++) startNext();
  settle();
  return {
    drain: () => {
      const left = queued.splice(0);
      settle();
      return left;
    },
  };
}
