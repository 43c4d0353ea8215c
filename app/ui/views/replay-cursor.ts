/** Reading a replay at a cursor: 0 is the initial world, k the world after step k. */
import type { Replay, World } from '../../engine/index.ts';

export function clampCursor(replay: Replay, cursor: number): number {
  return Math.max(0, Math.min(replay.steps.length, Math.floor(cursor)));
}

export function worldAt(replay: Replay, cursor: number): World {
  const k = clampCursor(replay, cursor);
  return k === 0 ? replay.initial : replay.steps[k - 1].world;
}

/** The step that led to the world at the cursor, or null at the initial world. */
export function stepAt(replay: Replay, cursor: number): Replay['steps'][number] | null {
  const k = clampCursor(replay, cursor);
  return k === 0 ? null : replay.steps[k - 1];
}
