/** The read-only view of a world that properties, replay reports and the UI read. */
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import { ModelError } from './errors.ts';
import type { WorldView } from './model.ts';
import type { Runtime } from './runtime.ts';
import type { World } from './world.ts';

/** A view that can be pointed at another world, so the explorer checks properties without allocating. */
export class View implements WorldView {
  constructor(
    private readonly rt: Runtime,
    private world: World,
  ) {}

  at(world: World): this {
    this.world = world;
    return this;
  }

  get now(): number {
    return this.world.now;
  }

  get faultsSpent(): number {
    return this.world.faults;
  }

  actor(name: string): AnyMachineSnapshot {
    const a = this.rt.actor(name);
    return this.rt.snapshot(a, this.world.snaps[a]);
  }

  pool(name: string): { busy: number; waiting: number } {
    const { rt, world } = this;
    const p = rt.pools.findIndex((x) => x.name === name);
    if (p < 0) throw new ModelError(`model "${rt.model.id}" has no pool "${name}"`);
    let busy = 0;
    for (const j of world.jobs) if (rt.poolOf[rt.works.values[j.work].actor] === p) busy++;
    return { busy, waiting: world.ready[p].length };
  }

  inFlight(from?: string, to?: string): Array<{ from: string; to: string; event: EventObject }> {
    const { rt, world } = this;
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
  }
}

export function viewOf(rt: Runtime, world: World): WorldView {
  return new View(rt, world);
}
