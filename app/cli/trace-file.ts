/** Reading a trace file for replay and export: every problem is reported as "FILE: what is wrong". */
import { InputError, ModelError, parseTrace, Runtime, type Trace } from '../engine/index.ts';
import { readText, type Io } from './io.ts';
import { loadModel } from './models.ts';

/** Runs `f`, naming the file in any input or model error it throws. */
export async function inFile<T>(file: string, f: () => T | Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof InputError || e instanceof ModelError) throw new InputError(`${file}: ${e.message}`);
    throw e;
  }
}

export function readTrace(io: Io, file: string): Promise<Trace> {
  return inFile(file, () => parseTrace(readText(io, file)));
}

/** The trace and a runtime for the model and variant it names. */
export function openTrace(io: Io, file: string): Promise<{ trace: Trace; rt: Runtime }> {
  return inFile(file, async () => {
    const trace = parseTrace(readText(io, file));
    return { trace, rt: new Runtime(await loadModel(trace.model), trace.variant) };
  });
}
