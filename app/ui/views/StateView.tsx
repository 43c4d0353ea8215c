/**
 * The world at the cursor, in full: each actor's state, status, blocked flag and context, the
 * messages in flight, the timers, each pool's busy workers and ready queue, virtual time and faults spent. What the step at the cursor changed
 * is marked in place (old → new); with a range, a list of everything that differs between the two
 * steps comes first.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { describeStep, formatTime, type Explanation } from '../../engine/index.ts';
import { ExplanationBanner } from './ExplanationBanner.tsx';
import { timeLabel, timerName } from './labels.ts';
import { clampCursor, stepAt, worldAt } from './replay-cursor.ts';
import { diffWorlds, isEmptyDiff, jsonLines, worldFacts, type ActorChange, type ActorFacts, type JobFact, type PoolFacts, type ReadyFact, type WorldDiff, type WorldFacts } from './state-diff.ts';
import type { ViewProps } from './types.ts';

const json = (v: unknown): string => (v === undefined ? '—' : JSON.stringify(v));

export function StateView({ rt, replay, cursor, focusedActor, onFocusActor, onJump, explanation, range }: ViewProps) {
  const at = clampCursor(replay, cursor);
  const facts = useMemo(() => worldFacts(rt, worldAt(replay, at)), [rt, replay, at]);
  const diff = useMemo(() => (at > 0 ? diffWorlds(worldFacts(rt, worldAt(replay, at - 1)), facts) : null), [rt, replay, at, facts]);
  const [lo, hi] = range ? [Math.min(...range), Math.max(...range)].map((k) => clampCursor(replay, k)) : [0, 0];
  const rangeDiff = useMemo(
    () => (range ? diffWorlds(worldFacts(rt, worldAt(replay, lo)), worldFacts(rt, worldAt(replay, hi))) : null),
    [rt, replay, range, lo, hi],
  );
  const step = stepAt(replay, at);

  return (
    <div className="iv-view iv-state" data-testid="state-view">
      <div className="iv-toolbar">
        <span className="iv-stat">
          step <b>{at}</b> / {replay.steps.length}
        </span>
        <span className="iv-stat iv-stat-text">{step ? describeStep(step.json) : 'initial world'}</span>
        <span className={`iv-stat${diff?.now ? ' is-changed' : ''}`} title="virtual time">
          <i className="codicon codicon-clock" aria-hidden="true" /> {timeLabel(facts.now)}
          {diff?.now && <span className="iv-was"> (was {timeLabel(diff.now[0])})</span>}
        </span>
        <span className={`iv-stat${diff?.faults ? ' is-changed' : ''}`} title="faults spent">
          <i className="codicon codicon-zap" aria-hidden="true" /> {facts.faults} fault{facts.faults === 1 ? '' : 's'} spent
        </span>
      </div>
      {explanation && <ExplanationBanner explanation={explanation} onJump={onJump} />}
      <div className="iv-state-body">
        {rangeDiff && <RangeDiff from={lo} to={hi} diff={rangeDiff} onJump={onJump} />}
        <Section title="Actors" icon="symbol-class" count={rt.actorNames.length}>
          <div className="iv-state-actors">
            {rt.actorNames.filter((name) => facts.actors[name] !== undefined).map((name) => (
              <ActorPanel
                key={name}
                name={name}
                facts={facts.actors[name]}
                change={diff?.actors[name]}
                focused={name === focusedActor}
                waiting={explanation?.waiting.find((w) => w.actor === name)}
                onFocus={() => onFocusActor(name)}
              />
            ))}
          </div>
        </Section>
        {facts.pools.length > 0 && (
          <Section title="Pools" icon="server-process" count={facts.pools.reduce((n, p) => n + p.busy.length + p.ready.length, 0)}>
            <div className="iv-pools">
              {facts.pools.map((p) => (
                <PoolPanel key={p.name} pool={p} now={facts.now} diff={diff} />
              ))}
            </div>
          </Section>
        )}
        <Section title="Messages in flight" icon="mail" count={facts.inFlight.length}>
          <MessagesTable facts={facts} diff={diff} />
        </Section>
        <Section title="Timers" icon="watch" count={facts.timers.length}>
          <TimersTable facts={facts} diff={diff} />
        </Section>
        {facts.blockedSends.length > 0 && (
          <Section title="Sends waiting for a full link" icon="debug-pause" count={facts.blockedSends.length}>
            <table className="iv-table">
              <tbody>
                {facts.blockedSends.map((s, i) => (
                  <tr key={i}>
                    <td>{s.actor}</td>
                    <td className="iv-arrow">→</td>
                    <td>{s.to}</td>
                    <td className="iv-mono">{s.event}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        )}
        {facts.stimuliLeft.length > 0 && (
          <Section title="Stimuli left" icon="globe" count={facts.stimuliLeft.reduce((n, s) => n + (Number.isFinite(s.left) ? s.left : 0), 0)}>
            <div className="iv-state-stimuli">
              {facts.stimuliLeft.map((s) => (
                <span key={s.name} className={`iv-chip${s.left === 0 ? ' is-spent' : ''}`}>
                  {s.name} × {Number.isFinite(s.left) ? s.left : '∞'}
                </span>
              ))}
            </div>
          </Section>
        )}
      </div>
    </div>
  );
}

function Section({ title, icon, count, children }: { title: string; icon: string; count: number; children: ReactNode }) {
  return (
    <section className="iv-section">
      <h3 className="iv-section-title">
        <i className={`codicon codicon-${icon}`} aria-hidden="true" /> {title} <span className="iv-count">{count}</span>
      </h3>
      {children}
    </section>
  );
}

interface ActorPanelProps {
  name: string;
  facts: ActorFacts;
  change: ActorChange | undefined;
  focused: boolean;
  waiting: Explanation['waiting'][number] | undefined;
  onFocus(): void;
}

function ActorPanel({ name, facts, change, focused, waiting, onFocus }: ActorPanelProps) {
  const changed = new Map(change?.context.map((c) => [c.path, c]));
  const lines = jsonLines(facts.context);
  const cls = ['iv-actor', focused && 'is-focused', waiting && 'is-waiting', change && 'is-changed'].filter(Boolean).join(' ');
  return (
    <div className={cls} data-actor={name}>
      <div className="iv-actor-head">
        <button type="button" className="iv-actor-name" onClick={onFocus} title={`focus ${name}`}>
          <i className="codicon codicon-symbol-class" aria-hidden="true" /> {name}
        </button>
        {change?.state && (
          <>
            <span className="iv-chip iv-chip-old">{change.state[0]}</span>
            <i className="codicon codicon-arrow-small-right" aria-hidden="true" />
          </>
        )}
        <span className={`iv-chip iv-chip-state${change?.state ? ' is-changed' : ''}`}>{facts.state}</span>
        <span className={`iv-chip${facts.status === 'done' ? ' is-done' : ''}${change?.status ? ' is-changed' : ''}`} title="status">
          {facts.status}
        </span>
        {facts.blocked && (
          <span className={`iv-chip iv-chip-warn${change?.blocked ? ' is-changed' : ''}`}>
            <i className="codicon codicon-debug-pause" aria-hidden="true" /> blocked
          </span>
        )}
        {!facts.blocked && change?.blocked && <span className="iv-chip is-changed">unblocked</span>}
      </div>
      {waiting && (
        <div className="iv-actor-waiting">
          <i className="codicon codicon-watch" aria-hidden="true" /> waiting forever for: {waiting.waitsFor.join(', ')}
        </div>
      )}
      {facts.context !== null && (
        <pre className="iv-json" aria-label={`${name} context`}>
          {lines.map((l, i) => {
            const c = l.path !== null ? changed.get(l.path) : undefined;
            return (
              <div key={i} className={c ? 'iv-json-line is-changed' : 'iv-json-line'} style={{ paddingLeft: `${l.depth * 2}ch` }}>
                {l.text}
                {c && <span className="iv-was"> was {json(c.before)}</span>}
              </div>
            );
          })}
          {change?.context
            .filter((c) => c.after === undefined)
            .map((c) => (
              <div key={c.path} className="iv-json-line is-removed">
                {c.path}: {json(c.before)} (removed)
              </div>
            ))}
        </pre>
      )}
    </div>
  );
}

function MessagesTable({ facts, diff }: { facts: WorldFacts; diff: WorldDiff | null }) {
  const added = new Set(diff?.added.inFlight);
  const removed = diff?.removed.inFlight ?? [];
  if (facts.inFlight.length + removed.length === 0) return <p className="iv-empty">No message in flight.</p>;
  return (
    <table className="iv-table">
      <tbody>
        {facts.inFlight.map((m, i) => (
          <tr key={`${m.key}#${i}`} className={added.has(m) ? 'is-added' : undefined}>
            <td className="iv-diff-sign">{added.has(m) ? '+' : ''}</td>
            <td>{m.from}</td>
            <td className="iv-arrow">→</td>
            <td>{m.to}</td>
            <td className="iv-mono">{m.event}</td>
            <td className="iv-muted">{Number.isFinite(m.due) ? `arrives by ${timeLabel(m.due)}` : ''}</td>
          </tr>
        ))}
        {removed.map((m, i) => (
          <tr key={`gone:${m.key}#${i}`} className="is-removed" title="taken off its link by this step">
            <td className="iv-diff-sign">−</td>
            <td>{m.from}</td>
            <td className="iv-arrow">→</td>
            <td>{m.to}</td>
            <td className="iv-mono">{m.event}</td>
            <td className="iv-muted">left the link</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TimersTable({ facts, diff }: { facts: WorldFacts; diff: WorldDiff | null }) {
  const added = new Set(diff?.added.timers);
  const removed = diff?.removed.timers ?? [];
  if (facts.timers.length + removed.length === 0) return <p className="iv-empty">No timer pending.</p>;
  return (
    <table className="iv-table">
      <tbody>
        {facts.timers.map((t) => (
          <tr key={t.key} className={added.has(t) ? 'is-added' : undefined}>
            <td className="iv-diff-sign">{added.has(t) ? '+' : ''}</td>
            <td className="iv-mono">{timerName(t.actor, t.timer)}</td>
            <td>due {timeLabel(t.due)}</td>
            <td className="iv-muted">in {t.due - facts.now} ms</td>
          </tr>
        ))}
        {removed.map((t) => (
          <tr key={`gone:${t.key}`} className="is-removed" title="fired or cancelled by this step">
            <td className="iv-diff-sign">−</td>
            <td className="iv-mono">{timerName(t.actor, t.timer)}</td>
            <td>due {timeLabel(t.due)}</td>
            <td className="iv-muted">fired or cancelled</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What a pooled event is: the timer it came from, or the event. */
const workLabel = (w: JobFact | ReadyFact) => (w.timer === null ? w.event : `timer ${timerName(w.actor, w.timer)}`);

/** Ready events listed before a "show all" (a storm queues a hundred). */
const READY_SHOWN = 12;

function PoolPanel({ pool, now, diff }: { pool: PoolFacts; now: number; diff: WorldDiff | null }) {
  const [all, setAll] = useState(false);
  const ready = all ? pool.ready : pool.ready.slice(0, READY_SHOWN);
  const started = new Set(diff?.added.jobs);
  const queued = new Set(diff?.added.ready);
  const finished = (diff?.removed.jobs ?? []).filter((j) => j.pool === pool.name);
  const taken = (diff?.removed.ready ?? []).filter((r) => r.pool === pool.name);
  const idle = pool.workers - pool.busy.length;
  return (
    <div className="iv-pool" data-pool={pool.name}>
      <div className="iv-pool-head">
        <b>{pool.name}</b>
        <span className={`iv-chip${idle === 0 ? ' iv-chip-warn' : ''}`}>
          {pool.busy.length} of {pool.workers} worker{pool.workers === 1 ? '' : 's'} busy
        </span>
        <span className={`iv-chip${pool.ready.length > 0 ? ' iv-chip-warn' : ''}`}>{pool.ready.length} waiting</span>
        <span className="iv-muted">{pool.policy === 'fifo' ? 'first ready, first served' : 'a due timer goes first'}</span>
      </div>
      <table className="iv-table" aria-label={`Busy workers of ${pool.name}`}>
        <tbody>
          {pool.busy.map((j, i) => (
            <tr key={`${j.key}#${i}`} className={started.has(j) ? 'is-added' : undefined}>
              <td className="iv-diff-sign">{started.has(j) ? '+' : ''}</td>
              <td className="iv-muted">busy</td>
              <td>{j.actor}</td>
              <td className="iv-mono">{workLabel(j)}</td>
              <td>until {timeLabel(j.until)}</td>
              <td className="iv-muted">{formatTime(j.until - now)} left</td>
            </tr>
          ))}
          {finished.map((j, i) => (
            <tr key={`done:${j.key}#${i}`} className="is-removed" title="finished by this step">
              <td className="iv-diff-sign">−</td>
              <td className="iv-muted">done</td>
              <td>{j.actor}</td>
              <td className="iv-mono">{workLabel(j)}</td>
              <td>until {timeLabel(j.until)}</td>
              <td className="iv-muted">finished</td>
            </tr>
          ))}
          {idle > 0 && (
            <tr>
              <td className="iv-diff-sign" />
              <td className="iv-muted" colSpan={5}>
                {idle} idle worker{idle === 1 ? '' : 's'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {pool.ready.length + taken.length > 0 && (
        <table className="iv-table iv-ready" aria-label={`Ready queue of ${pool.name}`}>
          <tbody>
            {ready.map((r, i) => (
              <tr key={`${r.key}#${i}`} className={queued.has(r) ? 'is-added' : undefined}>
                <td className="iv-diff-sign">{queued.has(r) ? '+' : ''}</td>
                <td className="iv-muted">{i + 1}.</td>
                <td>{r.actor}</td>
                <td className="iv-mono">{workLabel(r)}</td>
                <td>ready since {timeLabel(r.since)}</td>
                <td className="iv-muted">waiting {formatTime(now - r.since)}</td>
              </tr>
            ))}
            {ready.length < pool.ready.length && (
              <tr>
                <td className="iv-diff-sign" />
                <td colSpan={5}>
                  <button type="button" className="iv-link" onClick={() => setAll(true)}>
                    and {pool.ready.length - ready.length} more waiting: show all
                  </button>
                </td>
              </tr>
            )}
            {taken.map((r, i) => (
              <tr key={`taken:${r.key}#${i}`} className="is-removed" title="a worker took it in this step">
                <td className="iv-diff-sign">−</td>
                <td className="iv-muted" />
                <td>{r.actor}</td>
                <td className="iv-mono">{workLabel(r)}</td>
                <td>ready since {timeLabel(r.since)}</td>
                <td className="iv-muted">taken after {formatTime(now - r.since)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function RangeDiff({ from, to, diff, onJump }: { from: number; to: number; diff: WorldDiff; onJump(cursor: number): void }) {
  const items: ReactNode[] = [];
  if (diff.now) items.push(<li key="now">virtual time: {timeLabel(diff.now[0])} → {timeLabel(diff.now[1])}</li>);
  if (diff.faults) items.push(<li key="faults">faults spent: {diff.faults[0]} → {diff.faults[1]}</li>);
  for (const [actor, c] of Object.entries(diff.actors)) {
    if (c.state) items.push(<li key={`${actor}:state`}><b>{actor}</b>: {c.state[0]} → {c.state[1]}</li>);
    if (c.status) items.push(<li key={`${actor}:status`}><b>{actor}</b> status: {c.status[0]} → {c.status[1]}</li>);
    if (c.blocked) items.push(<li key={`${actor}:blocked`}><b>{actor}</b>: {c.blocked[1] ? 'now blocked' : 'no longer blocked'}</li>);
    for (const l of c.context) {
      items.push(
        <li key={`${actor}:${l.path}`}>
          <b>{actor}</b>.<span className="iv-mono">{l.path || 'context'}</span>: {json(l.before)} → {json(l.after)}
        </li>,
      );
    }
  }
  for (const m of diff.added.inFlight) items.push(<li key={`+m${items.length}`} className="is-added">+ in flight {m.from} → {m.to}: {m.event}</li>);
  for (const m of diff.removed.inFlight) items.push(<li key={`-m${items.length}`} className="is-removed">− in flight {m.from} → {m.to}: {m.event}</li>);
  for (const t of diff.added.timers) items.push(<li key={`+t${items.length}`} className="is-added">+ timer {timerName(t.actor, t.timer)} due {timeLabel(t.due)}</li>);
  for (const t of diff.removed.timers) items.push(<li key={`-t${items.length}`} className="is-removed">− timer {timerName(t.actor, t.timer)} due {timeLabel(t.due)}</li>);
  for (const j of diff.added.jobs) items.push(<li key={`+j${items.length}`} className="is-added">+ {j.pool} worker busy with {j.actor}: {workLabel(j)} until {timeLabel(j.until)}</li>);
  for (const j of diff.removed.jobs) items.push(<li key={`-j${items.length}`} className="is-removed">− {j.pool} worker done with {j.actor}: {workLabel(j)}</li>);
  for (const r of diff.added.ready) items.push(<li key={`+r${items.length}`} className="is-added">+ waiting for {r.pool}: {r.actor}: {workLabel(r)}</li>);
  for (const r of diff.removed.ready) items.push(<li key={`-r${items.length}`} className="is-removed">− no longer waiting for {r.pool}: {r.actor}: {workLabel(r)}</li>);
  return (
    <section className="iv-section iv-range" data-testid="range-diff">
      <h3 className="iv-section-title">
        <i className="codicon codicon-diff" aria-hidden="true" /> Changes from
        <button type="button" className="iv-link" onClick={() => onJump(from)}>step {from}</button> to
        <button type="button" className="iv-link" onClick={() => onJump(to)}>step {to}</button>
      </h3>
      {isEmptyDiff(diff) ? <p className="iv-empty">The two worlds are the same.</p> : <ul className="iv-changes">{items}</ul>}
    </section>
  );
}
