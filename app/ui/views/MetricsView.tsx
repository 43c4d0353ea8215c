/**
 * The Metrics view: one chart per metric of the variant over virtual time, with the timeline
 * cursor's time marked and clickable, and each metric property drawn and judged: a bound's limit
 * line, a `settles` property's cycles and their peak/mean. It shows the current trace, or, when two
 * variants are compared, one simulated run of each overlaid.
 */
import { lazy, Suspense, useMemo } from 'react';
import { formatTime, type Explanation, type MetricPropertySpec, type MetricSpec, type MetricVerdict, type Replay, type Runtime } from '../../engine/index.ts';
import { ExplanationBanner } from './ExplanationBanner.tsx';
import type { ChartLine, MetricChartProps } from './MetricChart.tsx';
import { displayValue } from './metric-format.ts';
import { cursorAtTime, cursorTimes, cycleStart, propertiesOf, sampleAt, traceMetrics, type RunMetrics } from './metric-series.ts';
import { clampCursor, worldAt } from './replay-cursor.ts';

const MetricChart = lazy(() => import('./MetricChart.tsx'));

/** A variant's simulated run, as the overlay shows it; `metrics` is null until it is computed. */
export interface OverlayRun {
  rt: Runtime;
  metrics: RunMetrics | null;
  error: string | null;
}

export interface MetricsViewProps {
  rt: Runtime;
  replay: Replay;
  cursor: number;
  onJump(cursor: number): void;
  /** Set when the world at the cursor is stuck or breaks an invariant (shown with the trace's charts). */
  explanation: Explanation | null;
  /** Comparing variants: the run of seed `seed` of this variant and of the other, overlaid. */
  overlay: { seed: number; runs: [OverlayRun, OverlayRun] } | null;
}

/** What one chart shows, whichever the source. */
interface Shown {
  label: string;
  rt: Runtime;
  metrics: RunMetrics;
}

export function MetricsView({ rt, replay, cursor, onJump, explanation, overlay }: MetricsViewProps) {
  const at = clampCursor(replay, cursor);
  const cursorTime = worldAt(replay, at).now;
  const times = useMemo(() => cursorTimes(replay), [replay]);
  const trace = useMemo(() => (overlay ? null : traceMetrics(rt, replay)), [overlay, rt, replay]);
  const shown = useMemo<Shown[]>(
    () =>
      overlay
        ? overlay.runs.flatMap((r) => (r.metrics ? [{ label: r.rt.variant, rt: r.rt, metrics: r.metrics }] : []))
        : [{ label: 'this trace', rt, metrics: trace! }],
    [overlay, rt, trace],
  );
  const specs = metricSpecs(overlay ? overlay.runs.map((r) => r.rt) : [rt]);
  const pick = (t: number) => onJump(cursorAtTime(times, t));

  return (
    <div className="iv-view iv-metrics" data-testid="metrics-view">
      <div className="iv-toolbar">
        <span className="iv-stat">
          step <b>{at}</b> / {replay.steps.length}
        </span>
        <span className="iv-stat" title="virtual time at the cursor">
          <i className="codicon codicon-clock" aria-hidden="true" /> {formatTime(cursorTime)}
        </span>
      </div>
      {explanation && !overlay && <ExplanationBanner explanation={explanation} onJump={onJump} />}
      <p className="iv-metrics-source" data-testid="metrics-source">
        {overlay ? (
          <>
            Overlaid: simulated run seed {overlay.seed} (the Simulation seed) of{' '}
            {overlay.runs.map((r, i) => (
              <span key={r.rt.variant} className={`iv-swatch iv-swatch-${i}`}>
                {r.rt.variant}
              </span>
            ))}
            (simulateRun), each to its variant's horizon; the same seed draws the same times for windowed stimuli. The cursor line marks the
            current trace's time; clicking moves its cursor.
          </>
        ) : (
          <>
            The current trace: {replay.steps.length} steps to {formatTime(replay.final.now)}. Click a chart to move the cursor there; drag to
            zoom, double-click to zoom out.
          </>
        )}
      </p>
      {specs.length === 0 ? (
        <NoMetrics />
      ) : (
        <div className="iv-metrics-body">
          {overlay?.runs.map(
            (r) =>
              (r.error || !r.metrics) && (
                <p key={r.rt.variant} className={r.error ? 'iv-empty iv-error' : 'iv-empty'}>
                  {r.error ? (
                    `Run seed ${overlay.seed} of ${r.rt.variant} failed: ${r.error}`
                  ) : (
                    <>
                      <i className="codicon codicon-loading codicon-modifier-spin" aria-hidden="true" /> Simulating run seed {overlay.seed} of{' '}
                      {r.rt.variant}…
                    </>
                  )}
                </p>
              ),
          )}
          {!overlay && replay.steps.length === 0 && (
            <p className="iv-empty">
              The trace has no steps yet: step it, or run a simulation (F8) and replay its worst run (Ctrl+F8) to chart a whole run.
            </p>
          )}
          {shown.length > 0 &&
            specs.map((spec) => <MetricCard key={spec.name} spec={spec} shown={shown} cursorTime={cursorTime} trace={!overlay} onPickTime={pick} />)}
        </div>
      )}
    </div>
  );
}

/** Every metric of the variants shown, by name, in declaration order (the first variant's first). */
function metricSpecs(rts: Runtime[]): MetricSpec[] {
  const seen = new Map<string, MetricSpec>();
  for (const r of rts) for (const m of r.metrics) if (!seen.has(m.name)) seen.set(m.name, m);
  return [...seen.values()];
}

function NoMetrics() {
  return (
    <div className="iv-metrics-body">
      <p className="iv-empty" data-testid="no-metrics">
        This variant declares no metrics. A model measures quantities over virtual time by listing <code>metrics</code> in its system: a
        gauge read from the world (threads busy, signatures per hour) or the lateness of an actor's timers, with properties over them (a
        bound, a peak/mean that settles). Models with pools and metrics chart here.
      </p>
    </div>
  );
}

interface CardProps {
  spec: MetricSpec;
  shown: Shown[];
  cursorTime: number;
  /** Showing the trace: the value at the cursor is meaningful. */
  trace: boolean;
  onPickTime(t: number): void;
}

function MetricCard({ spec, shown, cursorTime, trace, onPickTime }: CardProps) {
  const scale = spec.scale ?? 1;
  const lines = useMemo<ChartLine[]>(
    () => shown.flatMap((s) => s.metrics.series.filter((x) => x.metric === spec.name).map((x) => ({ label: s.label, points: x.points }))),
    [shown, spec.name],
  );
  const properties = shown.length > 0 ? propertiesOf(shown[0].rt, spec.name) : [];
  const bound = properties.find((p) => p.spec.kind === 'bound')?.spec;
  const settles = properties.find((p) => p.spec.kind === 'settles');
  const start = settles && shown.length === 1 ? cycleStart(settles.spec, shown[0].metrics.stimuli) : null;
  const cycleLength = settles?.spec.kind === 'settles' ? settles.spec.cycle : 0;
  const cycles = useMemo(() => (start === null ? null : { start, length: cycleLength }), [start, cycleLength]);
  const end = Math.max(0, ...shown.map((s) => s.metrics.end));
  const chart: MetricChartProps = {
    name: spec.name,
    kind: spec.kind,
    unit: spec.unit,
    scale,
    lines,
    end,
    bound: bound?.kind === 'bound' ? bound.max : null,
    cycles,
    cursorTime,
    onPickTime,
  };

  return (
    <section className="iv-metric" aria-label={`Metric ${spec.name}`} data-metric={spec.name}>
      <header className="iv-metric-head">
        <h3 className="iv-metric-name">{spec.name}</h3>
        <span className="iv-chip">{spec.kind}</span>
        <span className="iv-muted">
          {spec.unit}
          {scale !== 1 ? ` (raw values ÷ ${scale.toLocaleString('en')})` : ''}
        </span>
        {trace && lines[0] && <AtCursor kind={spec.kind} points={lines[0].points} t={cursorTime} scale={scale} unit={spec.unit} />}
      </header>
      <p className="iv-metric-desc">{spec.description}</p>
      <Suspense fallback={<div className="iv-metric-chart is-loading">Loading the chart…</div>}>
        <MetricChart {...chart} />
      </Suspense>
      {properties.length > 0 && (
        <ul className="iv-metric-props" aria-label={`Properties of ${spec.name}`}>
          {properties.map(({ spec: p, index }) => (
            <PropertyLine key={p.name} spec={p} verdicts={shown.map((s) => ({ label: s.label, verdict: s.metrics.verdicts[index] }))} scale={scale} unit={spec.unit} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The metric at the cursor's time: a gauge's value then, or the last timer serviced by then. */
function AtCursor({ kind, points, t, scale, unit }: { kind: MetricSpec['kind']; points: ChartLine['points']; t: number; scale: number; unit: string }) {
  const sample = sampleAt(points, t);
  const text =
    sample === null
      ? kind === 'gauge'
        ? 'no sample yet'
        : 'no timer serviced yet'
      : kind === 'gauge'
        ? displayValue(sample[1], scale, unit)
        : `last ${displayValue(sample[1], scale, unit)} late, at ${formatTime(sample[0])}`;
  return (
    <span className="iv-metric-at" data-testid="metric-at-cursor">
      at {formatTime(t)}: <b>{text}</b>
    </span>
  );
}

function PropertyLine({ spec, verdicts, scale, unit }: { spec: MetricPropertySpec; verdicts: Array<{ label: string; verdict: MetricVerdict | undefined }>; scale: number; unit: string }) {
  const rule =
    spec.kind === 'bound'
      ? `never above ${displayValue(spec.max, scale, unit)}`
      : `after ${spec.after}${spec.settle ? ` + ${formatTime(spec.settle)}` : ''}, in cycles of ${formatTime(spec.cycle)}: peak/${spec.mean ?? 'mean'} ≤ ${spec.ratio} from cycle ${spec.within}`;
  return (
    <li className="iv-metric-prop" title={spec.description}>
      <span className="iv-metric-prop-name">
        <i className={`codicon codicon-${spec.kind === 'bound' ? 'arrow-up' : 'pulse'}`} aria-hidden="true" /> {spec.name}
      </span>
      <span className="iv-muted">{rule}</span>
      {verdicts.map(({ label, verdict }) =>
        verdict ? (
          <span key={label} className="iv-metric-verdict" data-testid="metric-verdict">
            {verdicts.length > 1 && <span className="iv-muted">{label}: </span>}
            <span className={verdict.holds ? (verdict.undecided ? 'iv-muted' : 'iv-ok') : 'iv-error'}>
              <i className={`codicon codicon-${verdict.holds ? (verdict.undecided ? 'question' : 'pass') : 'error'}`} aria-hidden="true" />{' '}
              {verdict.holds ? (verdict.undecided ? 'undecided' : 'holds') : 'broken'}
            </span>
            {spec.kind === 'settles' && verdict.cycles && verdict.cycles.length > 0 ? (
              <span className="iv-cycles" aria-label="peak/mean per cycle">
                {verdict.cycles.map((c, k) => (
                  <span key={k} className={`iv-cycle${k + 1 < spec.within ? ' is-settling' : c > spec.ratio ? ' is-over' : ''}`} title={`cycle ${k + 1}: peak/${spec.mean ?? 'mean'} ${c.toFixed(2)}`}>
                    {c.toFixed(2)}
                  </span>
                ))}
              </span>
            ) : (
              <span className="iv-muted"> {verdict.message}</span>
            )}
          </span>
        ) : null,
      )}
    </li>
  );
}
