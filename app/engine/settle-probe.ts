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
const SLOT_BYTES = HEADER * 4 + TEXT_BYTES;
/** Slots in a probe buffer: the thread that runs a command, and up to 32 threads one search is spread over. */
export const PROBE_SLOTS = 33;

/** A probe in shared memory: its buffer and slot, so a thread can hand other slots to threads it starts. */
export interface SharedProbe extends SettleProbe {
  buffer: SharedArrayBuffer;
  slot: number;
}

/** Shared memory threads write (a slot each) and their host reads. */
export function createProbeBuffer(slots = PROBE_SLOTS): SharedArrayBuffer {
  return new SharedArrayBuffer(slots * SLOT_BYTES);
}

export function probeSlots(buffer: SharedArrayBuffer): number {
  return buffer.byteLength / SLOT_BYTES;
}

/** A thread's side: records each call in its slot of the shared buffer. */
export function sharedProbe(buffer: SharedArrayBuffer, slot = 0): SharedProbe {
  const header = new Int32Array(buffer, slot * SLOT_BYTES, HEADER);
  const text = new Uint8Array(buffer, slot * SLOT_BYTES + HEADER * 4, TEXT_BYTES);
  const encoder = new TextEncoder();
  return {
    buffer,
    slot,
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

/** The host's side: which call is running now in a slot, if any. */
export function readProbe(buffer: SharedArrayBuffer, slot = 0): { calls: number; inCall: boolean; actor: string; what: string } {
  const header = new Int32Array(buffer, slot * SLOT_BYTES, HEADER);
  const bytes = new Uint8Array(buffer, slot * SLOT_BYTES + HEADER * 4, TEXT_BYTES).slice();
  const end = bytes.lastIndexOf(0) === -1 ? bytes.length : bytes.findLastIndex((b) => b !== 0) + 1;
  const [actor = '', what = ''] = new TextDecoder().decode(bytes.subarray(0, end)).split('\u0000');
  return { calls: Atomics.load(header, 0), inCall: Atomics.load(header, 1) === 1, actor, what };
}
