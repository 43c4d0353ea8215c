/**
 * One worker's ids, during one depth of a parallel search, in the coordinator's numbering.
 *
 * A worker starts each depth with a runtime equal to the coordinator's. What it creates meanwhile
 * (a new snapshot, message, timer…) gets the next id in its own runtime, which another worker may
 * have given to something else. The coordinator takes the workers' results in the order a search on
 * one thread would make them, replays each worker's creations on its own runtime (so its ids are the
 * ones that search would give) and renumbers the successors the worker flags as holding such an id.
 *
 * Renumbering is only sound while it keeps the worker's order: the scheduler sorts some lists by id
 * (messages on unordered links, timers, jobs), so a worker that numbered two new messages, timers or
 * work items the other way round may have made different choices. (Snapshot and event ids are only
 * ever compared for equality.) `admits` checks the order before anything is replayed; a worker that
 * fails it has its remaining states of the depth expanded by the coordinator instead.
 */
import { renumberIds, type IdRenumbering, type Shape } from '../codec.ts';
import type { Creation, Runtime, Sizes } from '../runtime.ts';

export class IdMap implements IdRenumbering {
  /** Per table (snapshots of each role, then events, timers, messages, work items): the first id the worker created this depth. */
  private readonly base: number[];
  /** Per table: the coordinator's id for each id the worker created, in order. */
  private readonly ids: number[][];
  private readonly events: number;
  private readonly timers: number;
  private readonly messages: number;
  private readonly works: number;

  constructor(
    private readonly rt: Runtime,
    private readonly shape: Shape,
    sizes: Sizes,
  ) {
    const roles = sizes.snaps.length;
    [this.events, this.timers, this.messages, this.works] = [roles, roles + 1, roles + 2, roles + 3];
    this.base = [...sizes.snaps, sizes.events, sizes.timers, sizes.messages, sizes.works];
    this.ids = this.base.map(() => []);
  }

  /**
   * Predicts the coordinator's ids for what the worker created expanding one state, without
   * creating anything, and keeps the prediction if it preserves the worker's order.
   */
  admits(creations: readonly Creation[]): boolean {
    const lengths = this.ids.map((l) => l.length);
    const sizes = this.rt.sizes();
    const next = [...sizes.snaps, sizes.events, sizes.timers, sizes.messages, sizes.works];
    for (const c of creations) {
      if (c.kind === 'step') continue;
      const table = this.tableOf(c);
      const id = this.existing(c) ?? next[table]++;
      const list = this.ids[table];
      if (table >= this.timers && list.length > 0 && id <= list[list.length - 1]) {
        lengths.forEach((n, t) => (this.ids[t].length = n));
        return false;
      }
      list.push(id);
    }
    return true;
  }

  /** Creates on the coordinator's runtime what `admits` predicted, and checks each id is the one predicted. */
  apply(creations: readonly Creation[]): void {
    const { rt } = this;
    const at = this.ids.map(() => 0);
    // Where this state's creations start in each table: after those of earlier states.
    const counts = this.ids.map(() => 0);
    for (const c of creations) if (c.kind !== 'step') counts[this.tableOf(c)]++;
    this.ids.forEach((l, t) => (at[t] = l.length - counts[t]));
    for (const c of creations) {
      if (c.kind === 'step') {
        rt.localStep(c.actor, this.snap(c.actor, c.snap), this.event(c.event));
        continue;
      }
      const table = this.tableOf(c);
      let id: number | undefined;
      if (c.kind === 'message') id = rt.messageId(c.from, c.to, this.event(c.event), this.event(c.failReply));
      else if (c.kind === 'work') id = rt.workId(c.actor, this.event(c.event), this.timer(c.timer));
      else id = this.existing(c);
      if (id !== this.ids[table][at[table]++]) throw new Error(`internal: a worker's ${c.kind} got another id than predicted`);
    }
  }

  /** Renumbers a successor's vector in place. */
  renumber(v: Int32Array): void {
    renumberIds(v, this.shape, this.rt.roleOf, this);
  }

  snap(role: number, id: number): number {
    return this.to(role, id);
  }

  event(id: number): number {
    return this.to(this.events, id);
  }

  timer(id: number): number {
    return this.to(this.timers, id);
  }

  message(id: number): number {
    return this.to(this.messages, id);
  }

  work(id: number): number {
    return this.to(this.works, id);
  }

  private to(table: number, id: number): number {
    // Ids below the base (and -1, "none") mean the same on both sides.
    if (id < this.base[table]) return id;
    const mapped = this.ids[table][id - this.base[table]];
    if (mapped === undefined) throw new Error(`internal: a worker used an id it never reported creating (table ${table}, id ${id})`);
    return mapped;
  }

  private tableOf(c: Exclude<Creation, { kind: 'step' }>): number {
    switch (c.kind) {
      case 'snap':
        return c.role;
      case 'event':
        return this.events;
      case 'timer':
        return this.timers;
      case 'message':
        return this.messages;
      case 'work':
        return this.works;
    }
  }

  /** The coordinator's id for the thing created, if it has one already. */
  private existing(c: Exclude<Creation, { kind: 'step' }>): number | undefined {
    const { rt } = this;
    switch (c.kind) {
      case 'snap':
        return rt.snapId(c.role, c.key);
      case 'event':
        return rt.events.lookup(c.key);
      case 'timer':
        return rt.timerNames.lookup(c.key);
      case 'message':
        return rt.findMessage(c.from, c.to, this.event(c.event), this.event(c.failReply));
      case 'work':
        return rt.findWork(c.actor, this.event(c.event), this.timer(c.timer));
    }
  }
}
