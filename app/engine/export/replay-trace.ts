/** Replays a trace on the runtime the exporter was given, refusing one built for another model or variant. */
import { InputError } from '../errors.ts';
import type { Runtime } from '../runtime.ts';
import { replaySteps, type Replay, type Trace } from '../trace.ts';

export function replayTrace(rt: Runtime, trace: Trace): Replay {
  if (trace.model !== rt.model.id || trace.variant !== rt.variant) {
    throw new InputError(
      `the trace is for model "${trace.model}" variant "${trace.variant}", not "${rt.model.id}" variant "${rt.variant}"`,
    );
  }
  return replaySteps(rt, trace.steps);
}
