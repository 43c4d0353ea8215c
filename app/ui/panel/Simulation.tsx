/**
 * Simulation: many seeded runs of the current variant in a worker (runs and seed editable; run i uses
 * seed + i), with progress, then what they showed: the worst run (replayable), each metric's
 * mean/p50/p95/max in display units, each property's failed runs, and the statechart coverage.
 */
import type { MetricReport, PropertyReport, SimulationResult } from '../../engine/index.ts';
import { formatTime } from '../../engine/index.ts';
import { simulationSettings } from '../commands/simulation-commands.ts';
import type { CommandContext } from '../commands/types.ts';
import type { SimulationState } from '../state/simulation-store.ts';
import { formatValue } from '../views/metric-format.ts';
import { CommandButton } from '../widgets/CommandButton.tsx';
import { Icon } from '../widgets/Icon.tsx';
import { NumberField } from '../widgets/NumberField.tsx';

export function Simulation({ ctx }: { ctx: CommandContext }) {
  const { wb, simulation: sim } = ctx;
  const { model, variant } = wb.session;
  const key = `${model}/${variant}`;
  const settings = simulationSettings(ctx.ui.simulation, model, wb.rt);
  const busy = sim.status === 'running' || sim.status === 'stopping';
  const update = (patch: Partial<typeof settings>) => ctx.ui.set({ simulation: { ...ctx.ui.simulation, [key]: { ...settings, ...patch } } });
  const horizon = wb.rt.simulation?.horizon;
  const replay = (seed: number, name: string) => {
    if (sim.result) ctx.services.replayRun(sim.result.model, sim.result.variant, seed, name);
  };

  return (
    <div className="simulation" data-testid="simulation">
      <form className="sim-form" aria-label="Simulation" onSubmit={(e) => e.preventDefault()}>
        <label className="sim-field">
          <span>Runs</span>
          <NumberField value={settings.runs} min={1} disabled={busy} onChange={(runs) => update({ runs })} />
        </label>
        <label className="sim-field">
          <span>Seed</span>
          <NumberField value={settings.seed} min={0} disabled={busy} onChange={(seed) => update({ seed })} />
        </label>
        <CommandButton id="interleave.simulate" ctx={ctx} text="Run" className="primary" />
        <CommandButton id="interleave.stopSimulation" ctx={ctx} text="Stop" className="secondary" />
        <span className="muted sim-note">
          Run <i>i</i> uses seed {settings.seed} + <i>i</i>; each covers {horizon === undefined ? 'until nothing is enabled (the model sets no horizon)' : `${formatTime(horizon)} of virtual time`}.
        </span>
      </form>
      <Progress sim={sim} />
      {sim.result && (sim.result.model !== model || sim.result.variant !== variant) && (
        <p className="panel-hint">
          <Icon name="info" /> This result is for {sim.result.model} / {sim.result.variant}; replaying a run switches to that variant.
        </p>
      )}
      {sim.result && <Result result={sim.result} requested={sim.runs} onReplay={replay} ctx={ctx} />}
      {sim.status === 'idle' && (
        <p className="panel-message">
          Simulation runs the variant many times, each run a seeded random schedule with timed stimuli drawn from their windows, and
          reports each metric's distribution, how often each property failed, the states covered and the worst run, which you can
          replay and step (F8 runs, Shift+F8 stops).
        </p>
      )}
      {sim.status === 'error' && <p className="panel-message error-text">The simulation failed: {sim.error}</p>}
      {sim.status === 'stopped' && <p className="panel-message">Stopped during a run, at once: the runs done were discarded.</p>}
    </div>
  );
}

function Progress({ sim }: { sim: SimulationState }) {
  if (sim.status !== 'running' && sim.status !== 'stopping') return null;
  const p = sim.progress;
  const done = p?.done ?? 0;
  return (
    <div className="sim-progress" role="status" aria-live="polite" data-testid="simulation-progress">
      <div className="sim-bar" role="progressbar" aria-label="Simulating" aria-valuemin={0} aria-valuemax={sim.runs} aria-valuenow={done}>
        <div className="sim-bar-done" style={{ width: `${(100 * done) / Math.max(1, sim.runs)}%` }} />
      </div>
      <span>
        <Icon name="sync" className="spin" /> {sim.status === 'stopping' ? 'Stopping after the run in progress (Stop again to stop at once, without a result): ' : 'Simulating: '}
        {done} / {sim.runs} runs
        {p ? ` · ${p.steps.toLocaleString('en')} steps · ${p.stepsPerSecond.toLocaleString('en')} steps/s · ${formatTime(Math.round(p.ms))}` : ''}
      </span>
    </div>
  );
}

function Result(props: { result: SimulationResult; requested: number; onReplay(seed: number, name: string): void; ctx: CommandContext }) {
  const { result: r, requested, onReplay, ctx } = props;
  const seeds = r.runs === 1 ? `seed ${r.seed}` : `seeds ${r.seed}–${r.seed + r.runs - 1}`;
  return (
    <div className="sim-result" data-testid="simulation-result">
      <p className="sim-summary" data-testid="simulation-summary">
        <b>
          {r.model} / {r.variant}
        </b>
        : {r.cancelled ? `${r.runs} of ${requested} runs, stopped by you` : `${r.runs} run${r.runs === 1 ? '' : 's'}`} ({seeds}) ·{' '}
        {Number.isFinite(r.horizon) ? `${formatTime(r.horizon)} each` : 'no horizon'} · {r.steps.toLocaleString('en')} steps in {formatTime(r.ms)} (
        {r.stepsPerSecond.toLocaleString('en')} steps/s)
        {r.cutRuns > 0 && <span className="warning-text"> · {r.cutRuns} cut by the step limit before the horizon</span>}
      </p>
      {r.worst && (
        <div className="sim-worst" data-testid="worst-run">
          <Icon name="flame" className="sim-worst-icon" />
          <span className="sim-worst-text">
            Worst run: <b>seed {r.worst.seed}</b>. {r.worst.why}
          </span>
          <CommandButton id="interleave.replayWorstRun" ctx={ctx} text="Replay worst run" className="primary" />
        </div>
      )}
      <div className="sim-tables">
        <MetricTable metrics={r.metrics} onReplay={onReplay} />
        <Coverage coverage={r.coverage} />
        <PropertyTable properties={r.properties} runs={r.runs} onReplay={onReplay} />
      </div>
    </div>
  );
}

function SeedLink({ seed, onReplay, why }: { seed: number; onReplay(seed: number, name: string): void; why: string }) {
  return (
    <button type="button" className="link-button" title={`Replay run seed ${seed} (${why})`} onClick={() => onReplay(seed, `run seed ${seed}: ${why}`)}>
      seed {seed}
    </button>
  );
}

function MetricTable({ metrics, onReplay }: { metrics: MetricReport[]; onReplay(seed: number, name: string): void }) {
  if (metrics.length === 0) return <section className="sim-card"><h3>Metrics</h3><p className="muted">This variant declares no metrics.</p></section>;
  const v = (m: MetricReport, x: number) => formatValue(x / m.scale);
  return (
    <section className="sim-card">
      <h3>Metrics <span className="muted">(over every sample of every run, in display units)</span></h3>
      <table className="sim-table" aria-label="Metric summary">
        <thead>
          <tr>
            <th>metric</th>
            <th>unit</th>
            <th className="num">samples</th>
            <th className="num">mean</th>
            <th className="num">p50</th>
            <th className="num">p95</th>
            <th className="num">max</th>
            <th>largest in</th>
          </tr>
        </thead>
        <tbody>
          {metrics.map((m) => (
            <tr key={m.metric}>
              <td>{m.metric}</td>
              <td className="muted">{m.unit}</td>
              <td className="num">{m.count.toLocaleString('en')}</td>
              <td className="num">{v(m, m.mean)}</td>
              <td className="num">{v(m, m.p50)}</td>
              <td className="num">{v(m, m.p95)}</td>
              <td className="num">{v(m, m.max)}</td>
              <td>{m.worstSeed === null ? '—' : <SeedLink seed={m.worstSeed} onReplay={onReplay} why={`largest ${m.metric}`} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PropertyTable({ properties, runs, onReplay }: { properties: PropertyReport[]; runs: number; onReplay(seed: number, name: string): void }) {
  if (properties.length === 0) return <section className="sim-card"><h3>Properties</h3><p className="muted">No invariant or metric property to check along runs.</p></section>;
  const settles = properties.some((p) => p.cycles);
  return (
    <section className="sim-card sim-wide">
      <h3>Properties</h3>
      <table className="sim-table" aria-label="Properties">
        <thead>
          <tr>
            <th>property</th>
            <th>failed</th>
            <th>first failure</th>
            {settles && <th>peak/mean per cycle (mean over runs)</th>}
          </tr>
        </thead>
        <tbody>
          {properties.map((p) => (
            <tr key={p.property} title={p.description}>
              <td>
                <Icon name={p.failedRuns > 0 ? 'error' : 'pass'} className={p.failedRuns > 0 ? 'error-text' : 'ok-text'} /> {p.property}{' '}
                <span className="muted">{p.kind}</span>
              </td>
              <td className={`sim-failed${p.failedRuns > 0 ? ' error-text' : ''}`}>
                {p.failedRuns} of {runs} runs
                {p.undecidedRuns > 0 && <span className="muted"> ({p.undecidedRuns} too short to decide)</span>}
              </td>
              <td className="sim-message">
                {p.firstFailure ? (
                  <>
                    <SeedLink seed={p.firstFailure.seed} onReplay={onReplay} why={`${p.property} failed`} />: {p.firstFailure.message}
                  </>
                ) : (
                  '—'
                )}
              </td>
              {settles && <td>{p.cycles ? <span className="sim-cycles">{p.cycles.length === 0 ? 'no full cycle' : p.cycles.map((c) => c.toFixed(2)).join(' · ')}</span> : ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Coverage({ coverage: c }: { coverage: SimulationResult['coverage'] }) {
  const { reached, total } = c.stateNodes;
  return (
    <section className="sim-card" aria-label="Coverage">
      <h3>Coverage</h3>
      <p>
        {c.distinctStates.toLocaleString('en')} distinct states · {reached} of {total} state nodes reached ({total > 0 ? Math.round((100 * reached) / total) : 100}%)
      </p>
      {c.unreached.length > 0 ? (
        <details>
          <summary>{c.unreached.length} state node{c.unreached.length === 1 ? '' : 's'} never reached</summary>
          <ul className="sim-unreached">
            {c.unreached.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      ) : (
        <p className="ok-text">
          <Icon name="pass" /> Every state node was reached.
        </p>
      )}
    </section>
  );
}
