/**
 * Applying a step: a pure function from a world to the next. The actor that receives an event takes
 * its (cached) local step; the effects XState returned as data (sends, delayed events, cancels) are
 * carried out here, under the link semantics the model declared.
 */
import type { EventObject } from 'xstate';
import { ModelError } from './errors.ts';
import type { Runtime } from './runtime.ts';
import type { Step } from './steps.ts';
import { compareJobs, compareTimers, emptyWorld, type Job, type Timer, type World } from './world.ts';

/** What happened inside one step, for replay, the UI and exports (not kept while exploring). */
export type Happening =
  | { kind: 'transition'; actor: string; event: EventObject; from: string; to: string }
  | { kind: 'send'; from: string; to: string; event: EventObject }
  | { kind: 'send-blocked'; from: string; to: string; event: EventObject }
  | { kind: 'send-dropped-full'; from: string; to: string; event: EventObject }
  | { kind: 'send-failed-full'; from: string; to: string; event: EventObject }
  | { kind: 'timer-set'; actor: string; timer: string; due: number }
  | { kind: 'timer-cancelled'; actor: string; timer: string }
  | { kind: 'restart'; actor: string; overlap: boolean }
  | { kind: 'exit'; actor: string }
  | { kind: 'stale-write'; from: string; to: string; event: EventObject }
  /** A worker took a pooled event after `waited` ms in the ready queue; it is busy until `until`. */
  | { kind: 'job-start'; actor: string; event: EventObject; pool: string; waited: number; until: number }
  /** A timer's event began to be handled `late` ms after it was due (0 unless it waited for a worker). */
  | { kind: 'serviced'; actor: string; timer: string; late: number };

/**
 * A mutable working copy of a world. Nothing is copied until it is about to change: a step touches
 * one or two links and one or two actors, and most of the world is shared with its parent.
 */
class Draft {
  snaps: number[];
  queues: number[][];
  dues: number[][];
  timers: Timer[];
  outbox: number[][];
  stimuli: readonly number[];
  faults: number;
  armed: number;
  stale: number;
  ready: number[][];
  readySince: number[][];
  jobs: Job[];
  now: number;
  private ownSnaps = false;
  private ownReady = false;
  private ownQueue: boolean[] | null = null;
  private ownOutbox: boolean[] | null = null;

  constructor(w: World) {
    this.snaps = w.snaps as number[];
    this.queues = w.queues as number[][];
    this.dues = w.dues as number[][];
    this.timers = w.timers as Timer[];
    this.outbox = w.outbox as number[][];
    this.stimuli = w.stimuli;
    this.faults = w.faults;
    this.armed = w.armed;
    this.stale = w.stale;
    this.ready = w.ready as number[][];
    this.readySince = w.readySince as number[][];
    this.jobs = w.jobs as Job[];
    this.now = w.now;
  }

  /** Makes every pool's ready queue safe to change (pools are few; copying them all is cheap). */
  ownPools(): void {
    if (this.ownReady) return;
    this.ready = this.ready.map((r) => r.slice());
    this.readySince = this.readySince.map((r) => r.slice());
    this.ownReady = true;
  }

  setSnap(actor: number, snap: number): void {
    if (this.snaps[actor] === snap) return;
    if (!this.ownSnaps) {
      this.snaps = this.snaps.slice();
      this.ownSnaps = true;
    }
    this.snaps[actor] = snap;
  }

  /** Makes the link's message ids and deliver-by times (`queues[link]`, `dues[link]`) safe to change. */
  own(link: number): void {
    if (this.ownQueue === null) {
      this.queues = this.queues.slice();
      this.dues = this.dues.slice();
      this.ownQueue = [];
    } else if (this.ownQueue[link]) return;
    this.queues[link] = this.queues[link].slice();
    this.dues[link] = this.dues[link].slice();
    this.ownQueue[link] = true;
  }

  outboxOf(actor: number): number[] {
    if (this.ownOutbox === null) {
      this.outbox = this.outbox.slice();
      this.ownOutbox = [];
    }
    if (!this.ownOutbox[actor]) {
      this.outbox[actor] = this.outbox[actor].slice();
      this.ownOutbox[actor] = true;
    }
    return this.outbox[actor];
  }

  clearOutbox(actor: number): void {
    this.outboxOf(actor).length = 0;
  }

  setTimers(timers: Timer[]): void {
    this.timers = timers;
  }

  freeze(): World {
    return {
      snaps: this.snaps,
      queues: this.queues,
      dues: this.dues,
      timers: this.timers,
      outbox: this.outbox,
      stimuli: this.stimuli,
      faults: this.faults,
      armed: this.armed,
      stale: this.stale,
      ready: this.ready,
      readySince: this.readySince,
      jobs: this.jobs,
      now: this.now,
    };
  }
}

class Stepper {
  private readonly work: Array<[number, number]> = [];

  constructor(
    private readonly rt: Runtime,
    private readonly d: Draft,
    private readonly log: Happening[] | null,
  ) {}

  /** The actor processes an event, then any events its own sends bounce back at it (full links, failed calls). */
  receive(actor: number, event: number): void {
    this.work.push([actor, event]);
    while (this.work.length > 0) {
      const [a, e] = this.work.shift()!;
      const before = this.d.snaps[a];
      // A superseded instance that has exited hears nothing more (a failure reply, say).
      if (before < 0) continue;
      const local = this.rt.localStep(a, before, e);
      if (this.log && local.snap !== before) {
        this.log.push({
          kind: 'transition',
          actor: this.rt.actorNames[a],
          event: this.rt.events.values[e],
          from: stateLabel(this.rt, a, before),
          to: stateLabel(this.rt, a, local.snap),
        });
      }
      this.d.setSnap(a, local.snap);
      this.effects(a, local.effects);
    }
  }

  /**
   * An event reaches an actor from outside its own handler (a delivery, a timer, a stimulus). A
   * pooled actor's event waits for a worker; any other is handled now. `timer` is its timer or -1.
   */
  arrive(actor: number, event: number, timer: number): void {
    const pool = this.rt.poolOf[actor];
    if (pool < 0) {
      if (timer >= 0) this.log?.push({ kind: 'serviced', actor: this.rt.actorNames[actor], timer: this.rt.timerNames.values[timer], late: 0 });
      this.receive(actor, event);
      return;
    }
    this.d.ownPools();
    this.d.ready[pool].push(this.rt.workId(actor, event, timer));
    this.d.readySince[pool].push(this.d.now);
  }

  /**
   * Free workers take ready events, in the order the pool's policy says. A zero-length job is
   * handled at once; its sends may make more work ready, so this runs until nothing changes.
   */
  dispatch(): void {
    const { rt, d } = this;
    for (let p = 0; p < rt.pools.length; p++) {
      for (;;) {
        const queue = d.ready[p];
        if (queue.length === 0) break;
        let busy = 0;
        for (const j of d.jobs) if (rt.poolOf[rt.works.values[j.work].actor] === p) busy++;
        if (busy >= rt.pools[p].workers) break;
        d.ownPools();
        const pick = this.pick(p);
        const work = d.ready[p].splice(pick, 1)[0];
        const since = d.readySince[p].splice(pick, 1)[0];
        this.start(p, work, since);
      }
    }
  }

  /** The ready item a free worker of pool `p` takes: the oldest, or with timers-first the oldest timer. */
  private pick(p: number): number {
    const queue = this.d.ready[p];
    if (this.rt.pools[p].policy === 'timers-first') {
      const i = queue.findIndex((w) => this.rt.works.values[w].timer >= 0);
      if (i >= 0) return i;
    }
    return 0;
  }

  private start(p: number, work: number, since: number): void {
    const { rt, d } = this;
    const w = rt.works.values[work];
    const waited = d.now - since;
    if (w.timer >= 0) this.log?.push({ kind: 'serviced', actor: rt.actorNames[w.actor], timer: rt.timerNames.values[w.timer], late: waited });
    const ms = rt.duration(w.actor, d.snaps[w.actor], w.event);
    this.log?.push({
      kind: 'job-start',
      actor: rt.actorNames[w.actor],
      event: rt.events.values[w.event],
      pool: rt.pools[p].name,
      waited,
      until: d.now + ms,
    });
    if (ms === 0) {
      this.receive(w.actor, w.event);
      this.flushOutboxes();
      return;
    }
    const job: Job = { work, end: d.now + ms };
    const jobs = d.jobs.slice();
    let i = jobs.length;
    while (i > 0 && compareJobs(jobs[i - 1], job) > 0) i--;
    jobs.splice(i, 0, job);
    d.jobs = jobs;
  }

  /** The job ends: its transition lands and the worker is free. */
  finish(work: number): void {
    const i = this.d.jobs.findIndex((j) => j.work === work && j.end === this.d.jobs[0].end);
    if (i < 0) throw new ModelError(`internal: no job ${work} ends next`);
    const job = this.d.jobs[i];
    this.d.jobs = this.d.jobs.filter((_, k) => k !== i);
    this.d.now = Math.max(this.d.now, job.end);
    const w = this.rt.works.values[work];
    this.receive(w.actor, w.event);
  }

  /** A crashed actor's waiting and running work is lost with it. */
  dropWork(actor: number): void {
    const { rt, d } = this;
    const p = rt.poolOf[actor];
    if (p < 0) return;
    d.jobs = d.jobs.filter((j) => rt.works.values[j.work].actor !== actor);
    d.ownPools();
    const keep = d.ready[p].map((w) => rt.works.values[w].actor !== actor);
    d.ready[p] = d.ready[p].filter((_, i) => keep[i]);
    d.readySince[p] = d.readySince[p].filter((_, i) => keep[i]);
  }

  effects(actor: number, effects: ReadonlyArray<import('./runtime.ts').Effect>): void {
    for (const eff of effects) {
      // A superseded instance runs its role's machine; what it sends comes from it, not the new one.
      if (eff.kind === 'send') this.send(actor, this.rt.isGhost(actor) ? this.rt.sentBy(eff.msg, actor) : eff.msg);
      else if (eff.kind === 'schedule') this.schedule(actor, eff.timer, eff.event, eff.delay);
      else if (eff.kind === 'cancel') this.cancel(actor, eff.timer);
      else this.restart(eff.actor);
    }
  }

  /**
   * A new instance of `role` starts from its initial state and the current one is superseded. Its
   * messages in flight now come from the superseded slot. With an `overlap` armed, that instance
   * keeps running (its timers, its mail); otherwise it stops here and what was on its way to it is lost.
   */
  restart(role: number): void {
    const { rt, d } = this;
    const ghost = rt.ghostOf[role];
    if (d.snaps[ghost] >= 0) this.exit(ghost); // one superseded instance at a time
    const overlap = (d.armed & (1 << role)) !== 0;
    d.armed &= ~(1 << role);
    for (const link of rt.links) {
      if (link.from === role) this.rewrite(link.index, (msg) => rt.sentBy(msg, ghost));
      if (link.to === role) this.rewrite(link.index, (msg) => (overlap ? rt.sentTo(msg, ghost) : -1));
    }
    const timers = d.timers.flatMap((t) => (t.actor !== role ? [t] : overlap ? [{ ...t, actor: ghost }] : []));
    d.setTimers(timers.sort(compareTimers));
    const pending = d.outbox[role];
    if (pending.length > 0) {
      d.clearOutbox(role);
      if (overlap) d.outboxOf(ghost).push(...pending.map((msg) => rt.sentBy(msg, ghost)));
    }
    if (overlap) d.setSnap(ghost, d.snaps[role]);
    this.log?.push({ kind: 'restart', actor: rt.actorNames[role], overlap });
    d.setSnap(role, rt.initial[role].snap);
    this.effects(role, rt.initial[role].effects);
  }

  /** A superseded instance stops: its timers and the mail on its way to it go with it. */
  exit(ghost: number): void {
    const { rt, d } = this;
    d.setSnap(ghost, -1);
    d.setTimers(d.timers.filter((t) => t.actor !== ghost));
    d.clearOutbox(ghost);
    for (const link of rt.links) this.rewrite(link.index, (msg) => (rt.messages.values[msg].to === ghost ? -1 : msg));
    this.log?.push({ kind: 'exit', actor: rt.actorNames[ghost] });
  }

  /** Maps every message on a link (-1 removes it), keeping an unordered link sorted. */
  private rewrite(l: number, f: (msg: number) => number): void {
    const q = this.d.queues[l];
    if (q.length === 0) return;
    const dues = this.d.dues[l];
    const next = q.map(f);
    if (next.every((m, i) => m === q[i])) return;
    this.d.own(l);
    const entries = next.flatMap((msg, i) => (msg < 0 ? [] : [[msg, dues[i]] as const]));
    if (!this.rt.links[l].ordered) entries.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    this.d.queues[l] = entries.map((e) => e[0]);
    this.d.dues[l] = entries.map((e) => e[1]);
  }

  private send(actor: number, msg: number): void {
    const { link: l } = this.rt.messages.values[msg];
    const link = this.rt.links[l];
    const out = this.d.outbox[actor];
    if (out.length > 0) {
      // The actor is already blocked on an earlier send: this one waits behind it.
      this.d.outboxOf(actor).push(msg);
      return;
    }
    if (this.d.queues[l].length >= link.capacity) {
      if (link.whenFull === 'block') {
        this.d.outboxOf(actor).push(msg);
        this.note('send-blocked', msg);
      } else if (link.whenFull === 'drop') {
        this.note('send-dropped-full', msg);
      } else {
        this.note('send-failed-full', msg);
        this.work.push([actor, link.fullReply]);
      }
      return;
    }
    this.enqueue(l, msg);
    this.note('send', msg);
  }

  private enqueue(l: number, msg: number): void {
    this.d.own(l);
    const q = this.d.queues[l];
    const dues = this.d.dues[l];
    const link = this.rt.links[l];
    const due = this.d.now + link.maxLatency;
    if (link.ordered) {
      q.push(msg);
      dues.push(due);
      return;
    }
    let i = q.length;
    while (i > 0 && (q[i - 1] > msg || (q[i - 1] === msg && dues[i - 1] > due))) i--;
    q.splice(i, 0, msg);
    dues.splice(i, 0, due);
  }

  private schedule(actor: number, id: number, event: number, delay: number): void {
    const timer: Timer = { actor, id, event, due: this.d.now + delay };
    const timers = this.d.timers.filter((t) => t.actor !== actor || t.id !== id);
    let i = timers.length;
    while (i > 0 && compareTimers(timers[i - 1], timer) > 0) i--;
    timers.splice(i, 0, timer);
    this.d.setTimers(timers);
    this.log?.push({ kind: 'timer-set', actor: this.rt.actorNames[actor], timer: this.rt.timerNames.values[id], due: timer.due });
  }

  private cancel(actor: number, id: number): void {
    const i = this.d.timers.findIndex((t) => t.actor === actor && t.id === id);
    if (i < 0) return;
    this.d.setTimers(this.d.timers.filter((_, j) => j !== i));
    this.log?.push({ kind: 'timer-cancelled', actor: this.rt.actorNames[actor], timer: this.rt.timerNames.values[id] });
  }

  /** Takes the message at `pos` off its link and returns its id. */
  takeMessage(l: number, pos: number): number {
    if (pos >= this.d.queues[l].length) throw new ModelError(`internal: no message at ${pos} on ${this.rt.links[l].name}`);
    this.d.own(l);
    const msg = this.d.queues[l][pos];
    removeAt(this.d.queues[l], pos);
    removeAt(this.d.dues[l], pos);
    return msg;
  }

  removeTimer(actor: number, id: number): Timer {
    const i = this.d.timers.findIndex((t) => t.actor === actor && t.id === id);
    if (i < 0) throw new ModelError(`internal: ${this.rt.actorNames[actor]} has no timer ${this.rt.timerNames.values[id]}`);
    const timer = this.d.timers[i];
    this.d.setTimers(this.d.timers.filter((_, j) => j !== i));
    return timer;
  }

  /** Sends waiting on a full link go out, in order, as soon as it has room. */
  flushOutboxes(): void {
    for (let a = 0; a < this.d.outbox.length; a++) {
      if (this.d.outbox[a].length === 0) continue;
      const out = this.d.outboxOf(a);
      while (out.length > 0) {
        const l = this.rt.messages.values[out[0]].link;
        if (this.d.queues[l].length >= this.rt.links[l].capacity) break;
        const msg = out.shift()!;
        this.enqueue(l, msg);
        this.note('send', msg);
      }
    }
  }

  private note(kind: 'send' | 'send-blocked' | 'send-dropped-full' | 'send-failed-full', msg: number): void {
    if (!this.log) return;
    const m = this.rt.messages.values[msg];
    this.log.push({ kind, from: this.rt.actorNames[m.from], to: this.rt.actorNames[m.to], event: this.rt.events.values[m.event] });
  }
}

/** Removes `a[pos]` in place (splice would also build an array of what it removed, once per delivery). */
function removeAt(a: number[], pos: number): void {
  for (let i = pos + 1; i < a.length; i++) a[i - 1] = a[i];
  a.pop();
}

export function stateLabel(rt: Runtime, actor: number, snap: number): string {
  return valueLabel(rt.snapshot(actor, snap).value);
}

/** "processing", or "active.waiting" for nested states, "{a: x, b: y}" for parallel ones. */
export function valueLabel(value: unknown): string {
  if (typeof value === 'string') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [k, v] = entries[0];
    return typeof v === 'object' && v !== null && Object.keys(v).length === 0 ? k : `${k}.${valueLabel(v)}`;
  }
  return `{${entries.map(([k, v]) => `${k}: ${valueLabel(v)}`).join(', ')}}`;
}

/** The world before any step: every actor started, its entry sends and timers in place. */
export function initialWorld(rt: Runtime, log: Happening[] | null = null): World {
  const d = new Draft(emptyWorld(rt));
  const s = new Stepper(rt, d, log);
  rt.initial.forEach((init, actor) => s.effects(actor, init.effects)); // declared actors only: no superseded ones yet
  s.flushOutboxes();
  s.dispatch();
  return d.freeze();
}

/** The world after one enabled step. The caller guarantees the step is enabled in `world`. */
export function applyStep(rt: Runtime, world: World, step: Step, log: Happening[] | null = null): World {
  const d = new Draft(world);
  const s = new Stepper(rt, d, log);
  switch (step.kind) {
    case 'stimulus': {
      const stimuli = world.stimuli.slice();
      stimuli[step.index]--;
      d.stimuli = stimuli;
      const st = rt.stimuli[step.index];
      if (step.at !== undefined) d.now = Math.max(d.now, step.at);
      s.arrive(st.to, st.event, -1);
      break;
    }
    case 'deliver': {
      const m = rt.messages.values[s.takeMessage(step.link, step.pos)];
      if (rt.links[step.link].writes && rt.isGhost(m.from)) {
        d.stale = 1;
        log?.push({ kind: 'stale-write', from: rt.actorNames[m.from], to: rt.actorNames[m.to], event: rt.events.values[m.event] });
      }
      s.arrive(m.to, m.event, -1);
      break;
    }
    case 'timer': {
      const t = s.removeTimer(step.actor, step.timer);
      d.now = Math.max(d.now, t.due);
      s.arrive(t.actor, t.event, t.id);
      break;
    }
    case 'finish':
      s.finish(step.work);
      break;
    case 'drop':
      d.faults++;
      s.takeMessage(step.link, step.pos);
      break;
    case 'delay': {
      // The head of a FIFO link is overtaken by everything behind it.
      d.faults++;
      d.own(step.link);
      const q = d.queues[step.link];
      const dues = d.dues[step.link];
      q.push(q.shift()!);
      dues.push(dues.shift()!);
      break;
    }
    case 'fail': {
      d.faults++;
      const m = rt.messages.values[s.takeMessage(step.link, step.pos)];
      s.arrive(m.from, m.failReply, -1);
      break;
    }
    case 'expire': {
      d.faults++;
      const t = s.removeTimer(step.actor, step.timer);
      s.arrive(t.actor, t.event, t.id);
      break;
    }
    case 'overlap':
      d.faults++;
      d.armed |= 1 << step.actor;
      break;
    case 'exit':
      s.exit(step.actor);
      break;
    case 'crash': {
      d.faults++;
      const a = step.actor;
      d.setSnap(a, rt.initial[a].snap);
      d.setTimers(d.timers.filter((t) => t.actor !== a));
      d.clearOutbox(a);
      s.dropWork(a);
      s.effects(a, rt.initial[a].effects);
      break;
    }
  }
  s.flushOutboxes();
  s.dispatch();
  return d.freeze();
}
