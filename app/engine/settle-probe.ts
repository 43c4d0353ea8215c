/**
 * A machine whose eventless transitions loop forever never returns from XState's transition(), and
 * JavaScript cannot interrupt a running call. A host that runs the engine in a worker shares a probe
 * with it: the runtime marks the start and end of every XState call, so the host can see a call that
 * never ends, stop the worker and say which actor and event did not settle.
 */
export interface SettleProbe {
  begin(actor: string, what: string): void;
  end(): void;
}

let probe: SettleProbe | null = null;

export function setSettleProbe(p: SettleProbe | null): void {
  probe = p;
}

export function settleProbe(): SettleProbe | null {
  return probe;
}

const HEADER = 2; // [calls begun, in a call (0/1)]
const TEXT_BYTES = 512;

/** Shared memory a worker writes and its host reads. */
export function createProbeBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER * 4 + TEXT_BYTES);
}

/** The worker's side: records each call in the shared buffer. */
export function sharedProbe(buffer: SharedArrayBuffer): SettleProbe {
  const header = new Int32Array(buffer, 0, HEADER);
  const text = new Uint8Array(buffer, HEADER * 4, TEXT_BYTES);
  const encoder = new TextEncoder();
  return {
    begin(actor, what) {
      text.fill(0);
      encoder.encodeInto(`${actor}\u0000${what}`.slice(0, TEXT_BYTES / 4), text);
      Atomics.add(header, 0, 1);
      Atomics.store(header, 1, 1);
    },
    end() {
      Atomics.store(header, 1, 0);
    },
  };
}

/** The host's side: which call is running now, if any. */
export function readProbe(buffer: SharedArrayBuffer): { calls: number; inCall: boolean; actor: string; what: string } {
  const header = new Int32Array(buffer, 0, HEADER);
  const bytes = new Uint8Array(buffer, HEADER * 4, TEXT_BYTES).slice();
  const end = bytes.lastIndexOf(0) === -1 ? bytes.length : bytes.findLastIndex((b) => b !== 0) + 1;
  const [actor = '', what = ''] = new TextDecoder().decode(bytes.subarray(0, end)).split('\u0000');
  return { calls: Atomics.load(header, 0), inCall: Atomics.load(header, 1) === 1, actor, what };
}
