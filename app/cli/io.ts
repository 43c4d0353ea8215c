/** The CLI's only contact with the outside world, so tests can run it in-process on in-memory files. */
import { InputError } from '../engine/index.ts';

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
  /** Progress lines go to stderr when it is a terminal (or with --progress). */
  stderrIsTTY?: boolean;
  /** True once the user asked a long command to stop (Ctrl-C): it stops and reports what it has done. */
  stopRequested?: () => boolean;
}

export function readText(io: Io, path: string): string {
  try {
    return io.readFile(path);
  } catch (e) {
    throw new InputError(`cannot read: ${(e as Error).message}`);
  }
}

export function writeText(io: Io, path: string, text: string): void {
  try {
    io.writeFile(path, text);
  } catch (e) {
    throw new InputError(`cannot write: ${(e as Error).message}`);
  }
}
