import type { Explanation, Replay, Runtime } from '../../engine/index.ts';
export interface ViewProps {
  rt: Runtime;              // the compiled model variant (actor names: rt.actorNames; snapshots: rt.snapshot(actorIndex, world.snaps[actorIndex]))
  replay: Replay;           // the current trace, replayed
  cursor: number;           // 0 = the initial world, k = the world after step k (replay.steps[k-1].world)
  focusedActor: string | null;
  onFocusActor(name: string): void;
  onJump(cursor: number): void;
  explanation: Explanation | null;  // set when the world at the cursor is stuck or breaks an invariant
  /** State view only: diff the world at range[0] against range[1] (shift-click two steps). */
  range?: [number, number] | null;
}
