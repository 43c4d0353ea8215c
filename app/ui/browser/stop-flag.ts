/**
 * Stopping a worker busy in a synchronous loop (simulate() between two runs) so that it still
 * answers with what it has. A busy worker receives no message, and SharedArrayBuffer needs a
 * cross-origin-isolated page, so the flag is a blob URL: the host creates it and revokes it to say
 * stop; the worker polls it with a synchronous request (allowed in workers), which fails once it is
 * revoked.
 */

export interface StopFlag {
  url: string;
  raise(): void;
}

/** The host's side. */
export function createStopFlag(): StopFlag {
  const url = URL.createObjectURL(new Blob(['go']));
  return { url, raise: () => URL.revokeObjectURL(url) };
}

/** The worker's side: true once the flag is raised; polled at most every `everyMs` of wall time. */
export function pollStopFlag(url: string, everyMs = 100): () => boolean {
  let raised = false;
  let checked = -Infinity;
  return () => {
    const now = performance.now();
    if (raised || now - checked < everyMs) return raised;
    checked = now;
    try {
      const xhr = new XMLHttpRequest();
      xhr.open('GET', url, false);
      xhr.send();
      raised = xhr.status !== 200;
    } catch {
      raised = true;
    }
    return raised;
  };
}
