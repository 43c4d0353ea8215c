/**
 * What the State view shows of one world, as plain data, and how two worlds differ: each actor's
 * state, status, blocked flag and context (compared leaf by leaf), the messages in flight, the
 * timers and each pool's busy workers and ready queue (compared as multisets), virtual time and
 * faults spent.
 */
import { describeWorld, eventLabel, type Runtime, type SchedulingPolicy, type World } from '../../engine/index.ts';

export interface ActorFacts {
  state: string;
  status: string;
  blocked: boolean;
  context: unknown;
}

export interface MessageFact {
  /** Equal for equal messages: from, to, event and deliver-by time. */
  key: string;
  from: string;
  to: string;
  event: string;
  /** Latest virtual time it may still arrive (Infinity on links without a bound). */
  due: number;
}

export interface TimerFact {
  key: string;
  actor: string;
  timer: string;
  due: number;
}

/** An event a pooled actor got: which actor, which event, and the timer it came from (or null). */
interface WorkFact {
  /** Equal for equal work at the same time. */
  key: string;
  pool: string;
  actor: string;
  event: string;
  timer: string | null;
}

/** A worker busy with an event until `until`. */
export interface JobFact extends WorkFact {
  until: number;
}

/** An event waiting for a worker since `since`. */
export interface ReadyFact extends WorkFact {
  since: number;
}

export interface PoolFacts {
  name: string;
  workers: number;
  policy: SchedulingPolicy;
  busy: JobFact[];
  /** In the order the pool's queue holds them. */
  ready: ReadyFact[];
}

export interface WorldFacts {
  now: number;
  faults: number;
  actors: Record<string, ActorFacts>;
  inFlight: MessageFact[];
  timers: TimerFact[];
  /** Sends waiting for room on a full link, per blocked actor. */
  blockedSends: Array<{ actor: string; to: string; event: string }>;
  stimuliLeft: Array<{ name: string; left: number }>;
  pools: PoolFacts[];
}

export function worldFacts(rt: Runtime, world: World): WorldFacts {
  const report = describeWorld(rt, world);
  const actors: Record<string, ActorFacts> = {};
  for (const [name, a] of Object.entries(report.actors)) actors[name] = { state: a.state, status: a.status, blocked: a.blocked, context: a.context };
  const inFlight: MessageFact[] = [];
  for (const link of rt.links) {
    world.queues[link.index].forEach((id, i) => {
      const m = rt.messages.values[id];
      const [from, to, event, due] = [rt.actorNames[m.from], rt.actorNames[m.to], eventLabel(rt.events.values[m.event]), world.dues[link.index][i]];
      inFlight.push({ key: `${from}>${to}:${event}@${due}`, from, to, event, due });
    });
  }
  const timers = report.timers.map((t) => ({ ...t, key: `${t.actor}.${t.timer}@${t.due}` }));
  const blockedSends = world.outbox.flatMap((out, a) =>
    out.map((id) => {
      const m = rt.messages.values[id];
      return { actor: rt.actorNames[a], to: rt.actorNames[m.to], event: eventLabel(rt.events.values[m.event]) };
    }),
  );
  const stimuliLeft = rt.stimuli.map((s, i) => ({ name: s.name, left: world.stimuli[i] }));
  return { now: report.now, faults: report.faults, actors, inFlight, timers, blockedSends, stimuliLeft, pools: poolFacts(rt, world) };
}

function poolFacts(rt: Runtime, world: World): PoolFacts[] {
  const work = (id: number, at: string): WorkFact => {
    const w = rt.works.values[id];
    const pool = rt.pools[rt.poolOf[w.actor]].name;
    const [actor, event, timer] = [rt.actorNames[w.actor], eventLabel(rt.events.values[w.event]), w.timer >= 0 ? rt.timerNames.values[w.timer] : null];
    return { key: `${pool}:${actor}:${timer ?? event}${at}`, pool, actor, event, timer };
  };
  return rt.pools.map((p, i) => ({
    name: p.name,
    workers: p.workers,
    policy: p.policy,
    busy: world.jobs.filter((j) => rt.poolOf[rt.works.values[j.work].actor] === i).map((j) => ({ ...work(j.work, `<${j.end}`), until: j.end })),
    ready: world.ready[i].map((id, k) => ({ ...work(id, `>${world.readySince[i][k]}`), since: world.readySince[i][k] })),
  }));
}

export interface LeafChange {
  /** "ctxExpired", "order.items[0]"; "" for the whole value. */
  path: string;
  before: unknown;
  after: unknown;
}

export interface ActorChange {
  state?: [string, string];
  status?: [string, string];
  blocked?: [boolean, boolean];
  context: LeafChange[];
}

export interface WorldDiff {
  now?: [number, number];
  faults?: [number, number];
  /** Only actors with a change. */
  actors: Record<string, ActorChange>;
  added: { inFlight: MessageFact[]; timers: TimerFact[]; jobs: JobFact[]; ready: ReadyFact[] };
  removed: { inFlight: MessageFact[]; timers: TimerFact[]; jobs: JobFact[]; ready: ReadyFact[] };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Leaves of a JSON value by path; empty objects and arrays count as leaves. */
export function leaves(value: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (isObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) leaves(v, Array.isArray(value) ? `${path}[${k}]` : path ? `${path}.${k}` : k, out);
  } else out.set(path, value);
  return out;
}

export function diffContext(before: unknown, after: unknown): LeafChange[] {
  const a = leaves(before);
  const b = leaves(after);
  const out: LeafChange[] = [];
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    if (JSON.stringify(a.get(path)) !== JSON.stringify(b.get(path))) out.push({ path, before: a.get(path), after: b.get(path) });
  }
  return out.sort((x, y) => x.path.localeCompare(y.path));
}

/** Items of `a` not matched one for one by an item of `b` with the same key. */
function minus<T extends { key: string }>(a: readonly T[], b: readonly T[]): T[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(x.key, (left.get(x.key) ?? 0) + 1);
  return a.filter((x) => {
    const n = left.get(x.key) ?? 0;
    if (n > 0) left.set(x.key, n - 1);
    return n === 0;
  });
}

export function diffWorlds(before: WorldFacts, after: WorldFacts): WorldDiff {
  const actors: Record<string, ActorChange> = {};
  for (const [name, b] of Object.entries(after.actors)) {
    const a = before.actors[name];
    if (!a) continue;
    const change: ActorChange = { context: diffContext(a.context, b.context) };
    if (a.state !== b.state) change.state = [a.state, b.state];
    if (a.status !== b.status) change.status = [a.status, b.status];
    if (a.blocked !== b.blocked) change.blocked = [a.blocked, b.blocked];
    if (change.state || change.status || change.blocked || change.context.length) actors[name] = change;
  }
  const jobs = (f: WorldFacts) => f.pools.flatMap((p) => p.busy);
  const ready = (f: WorldFacts) => f.pools.flatMap((p) => p.ready);
  const diff: WorldDiff = {
    actors,
    added: {
      inFlight: minus(after.inFlight, before.inFlight),
      timers: minus(after.timers, before.timers),
      jobs: minus(jobs(after), jobs(before)),
      ready: minus(ready(after), ready(before)),
    },
    removed: {
      inFlight: minus(before.inFlight, after.inFlight),
      timers: minus(before.timers, after.timers),
      jobs: minus(jobs(before), jobs(after)),
      ready: minus(ready(before), ready(after)),
    },
  };
  if (before.now !== after.now) diff.now = [before.now, after.now];
  if (before.faults !== after.faults) diff.faults = [before.faults, after.faults];
  return diff;
}

export function isEmptyDiff(d: WorldDiff): boolean {
  const changes = [d.added, d.removed].reduce((n, x) => n + x.inFlight.length + x.timers.length + x.jobs.length + x.ready.length, 0);
  return !d.now && !d.faults && Object.keys(d.actors).length === 0 && changes === 0;
}

export interface JsonLine {
  text: string;
  depth: number;
  /** The leaf path this line shows (as in `leaves`), or null for brackets. */
  path: string | null;
}

/** Pretty JSON, one entry per line, each tagged with the leaf it shows so changed lines can be marked. */
export function jsonLines(value: unknown): JsonLine[] {
  const out: JsonLine[] = [];
  const walk = (v: unknown, path: string, prefix: string, depth: number, comma: string) => {
    if (isObject(v) && Object.keys(v).length > 0) {
      const array = Array.isArray(v);
      out.push({ text: `${prefix}${array ? '[' : '{'}`, depth, path: null });
      const entries = Object.entries(v);
      entries.forEach(([k, child], i) => {
        const childPath = array ? `${path}[${k}]` : path ? `${path}.${k}` : k;
        walk(child, childPath, array ? '' : `${JSON.stringify(k)}: `, depth + 1, i < entries.length - 1 ? ',' : '');
      });
      out.push({ text: `${array ? ']' : '}'}${comma}`, depth, path: null });
    } else out.push({ text: `${prefix}${JSON.stringify(v) ?? 'undefined'}${comma}`, depth, path });
  };
  walk(value, '', '', 0, '');
  return out;
}
