/** The read-only view of a world that properties, replay reports and the UI read. */
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import type { WorldView } from './model.ts';
import type { Runtime } from './runtime.ts';
import type { World } from './world.ts';

export function viewOf(rt: Runtime, world: World): WorldView {
  return {
    actor(name: string): AnyMachineSnapshot {
      const a = rt.actor(name);
      return rt.snapshot(a, world.snaps[a]);
    },
    inFlight(from?: string, to?: string) {
      const out: Array<{ from: string; to: string; event: EventObject }> = [];
      for (const link of rt.links) {
        for (const msg of world.queues[link.index]) {
          const m = rt.messages.values[msg];
          const f = rt.actorNames[m.from];
          const t = rt.actorNames[m.to];
          if ((from === undefined || from === f) && (to === undefined || to === t)) {
            out.push({ from: f, to: t, event: rt.events.values[m.event] });
          }
        }
      }
      return out;
    },
    now: world.now,
    faultsSpent: world.faults,
  };
}
