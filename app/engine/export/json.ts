/** The canonical trace file: sorted keys, two-space indent, trailing newline. */
import { traceJson, type Trace } from '../trace.ts';

export function exportJson(trace: Trace): string {
  return traceJson(trace);
}
