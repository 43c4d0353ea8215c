/**
 * Every actor's machine as a statechart, one card per actor (the focused one across the whole row,
 * large charts over several columns): its current state(s) filled, the transition the step at the
 * cursor took drawn in the accent colour, and the state of an actor that waits forever outlined in
 * red. Loaded lazily (it pulls in dagre).
 */
import { useRef } from 'react';
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { Waiting } from '../../engine/index.ts';
import { isRunning, valueLabel } from '../../engine/index.ts';
import { ExplanationBanner } from './ExplanationBanner.tsx';
import { stepAt, worldAt } from './replay-cursor.ts';
import { activeStateIds, chartGraph, takenEdges, type ChartGraph, type ChartNode, type Taken } from './statechart-graph.ts';
import { compoundTitle, layoutChart, METRICS, splinePath, type Box, type ChartLayout } from './statechart-layout.ts';
import { arrowheadPoints, px } from './shapes.ts';
import type { ViewProps } from './types.ts';
import { useElementWidth } from './use-element-width.ts';

interface Chart {
  graph: ChartGraph;
  layout: ChartLayout;
}

/** Machine definitions never change, so each is laid out once. */
const charts = new WeakMap<AnyStateMachine, Chart>();

function chartOf(machine: AnyStateMachine): Chart {
  let chart = charts.get(machine);
  if (!chart) {
    const graph = chartGraph(machine);
    chart = { graph, layout: layoutChart(graph) };
    charts.set(machine, chart);
  }
  return chart;
}

const NOTHING_TAKEN: Taken = { edges: new Set(), internal: new Set() };

/** Narrowest grid column, and how far a chart may shrink before its card asks for more columns. */
const COLUMN = 340;
const GAP = 12;
const MIN_SCALE = 0.65;

export default function StatechartDiagrams({ rt, replay, cursor, focusedActor, onFocusActor, onJump, explanation }: ViewProps) {
  const gridRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(gridRef) - 2 * GAP;
  const columns = Math.max(1, Math.floor((width + GAP) / (COLUMN + GAP)));
  const columnWidth = (width - (columns - 1) * GAP) / columns;
  const world = worldAt(replay, cursor);
  const step = stepAt(replay, cursor);
  const before = cursor > 0 ? worldAt(replay, cursor - 1) : null;
  return (
    <div className="iv-view iv-statechart" data-testid="statechart-view">
      {explanation && <ExplanationBanner explanation={explanation} onJump={onJump} />}
      <div className="iv-sc-grid" ref={gridRef} style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
        {rt.actorNames.map((name, a) => {
          // A superseded instance gets a card only while it runs.
          if (!isRunning(world, a)) return null;
          const snapshot = rt.snapshot(a, world.snaps[a]);
          const chart = chartOf(snapshot.machine);
          const active = activeStateIds(snapshot);
          const events = new Set(step?.happenings.flatMap((h) => (h.kind === 'transition' && h.actor === name ? [h.event.type] : [])));
          const ranBefore = before !== null && isRunning(before, a);
          const taken = ranBefore && events.size > 0 ? takenEdges(chart.graph, activeStateIds(rt.snapshot(a, before!.snaps[a])), active, events) : NOTHING_TAKEN;
          // A large chart spans as many columns as keep it readable; the focused one the whole row.
          const span = name === focusedActor ? columns : Math.min(columns, Math.ceil((chart.layout.width * MIN_SCALE + 2 * GAP) / (columnWidth + GAP)));
          return (
            <ActorCard
              key={name}
              name={name}
              snapshot={snapshot}
              blocked={world.outbox[a].length > 0}
              chart={chart}
              active={active}
              taken={taken}
              previous={ranBefore && events.size > 0 ? valueLabel(rt.snapshot(a, before!.snaps[a]).value) : null}
              focused={name === focusedActor}
              waiting={explanation?.waiting.find((w) => w.actor === name) ?? null}
              span={span}
              onFocus={() => onFocusActor(name)}
            />
          );
        })}
      </div>
    </div>
  );
}

interface CardProps {
  name: string;
  snapshot: AnyMachineSnapshot;
  blocked: boolean;
  chart: Chart;
  active: ReadonlySet<string>;
  taken: Taken;
  /** The state before the step at the cursor, when the actor took part in it. */
  previous: string | null;
  focused: boolean;
  waiting: Waiting | null;
  /** Grid columns the card spans. */
  span: number;
  onFocus(): void;
}

function ActorCard({ name, snapshot, blocked, chart, active, taken, previous, focused, waiting, span, onFocus }: CardProps) {
  const state = valueLabel(snapshot.value);
  const root = chart.graph.nodes[chart.graph.root];
  const everywhere = [...root.internal.map((e) => e.label), ...chart.layout.unplaced.map((id) => edgeText(chart.graph, id))];
  const classes = ['iv-sc-card', focused && 'is-focused', waiting && 'is-waiting'].filter(Boolean).join(' ');
  return (
    <section
      className={classes}
      data-actor={name}
      style={{ gridColumn: `span ${span}` }}
      role="button"
      tabIndex={0}
      aria-pressed={focused}
      aria-label={`${name}: ${state}`}
      onClick={onFocus}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onFocus();
        }
      }}
    >
      <header className="iv-sc-head">
        <i className="codicon codicon-symbol-class" aria-hidden="true" />
        <span className="iv-sc-name">{name}</span>
        <span className="iv-sc-state" title="current state">
          {previous !== null && previous !== state && (
            <>
              <span className="iv-sc-prev">{previous}</span>
              <i className="codicon codicon-arrow-small-right" aria-hidden="true" />
            </>
          )}
          <span className="iv-chip iv-chip-state">{state}</span>
        </span>
        {snapshot.status === 'done' && <span className="iv-chip">final</span>}
        {blocked && (
          <span className="iv-chip iv-chip-warn" title="blocked on a full link">
            <i className="codicon codicon-debug-pause" aria-hidden="true" /> blocked
          </span>
        )}
      </header>
      {waiting && (
        <div className="iv-sc-waiting" data-testid="waiting-badge">
          <i className="codicon codicon-watch" aria-hidden="true" /> waiting forever for: {waiting.waitsFor.join(', ')}
        </div>
      )}
      <ChartSvg chart={chart} active={active} taken={taken} waiting={waiting !== null} />
      {everywhere.length > 0 && (
        <footer className="iv-sc-foot" title="transitions declared on the machine itself, taken in any state">
          in every state: {everywhere.join(' · ')}
        </footer>
      )}
    </section>
  );
}

function edgeText(graph: ChartGraph, id: string): string {
  const e = graph.edges.find((x) => x.id === id)!;
  return `${e.label} → ${graph.nodes[e.target].key}`;
}

interface ChartSvgProps {
  chart: Chart;
  active: ReadonlySet<string>;
  taken: Taken;
  waiting: boolean;
}

function ChartSvg({ chart, active, taken, waiting }: ChartSvgProps) {
  const { graph, layout } = chart;
  const nodes = Object.values(graph.nodes).filter((n) => n.id !== graph.root);
  const edges = graph.edges.filter((e) => layout.edges[e.id]);
  // Taken edges last, so they are drawn over the others.
  edges.sort((x, y) => Number(taken.edges.has(x.id)) - Number(taken.edges.has(y.id)));
  return (
    <div className="iv-sc-canvas">
      <svg
        className="iv-sc-svg"
        viewBox={`0 0 ${px(layout.width)} ${px(layout.height)}`}
        style={{ maxWidth: layout.width, aspectRatio: `${layout.width} / ${layout.height}` }}
        role="img"
        aria-label={`statechart of ${graph.root}`}
      >
        {nodes.map((n) => (
          <StateBox key={n.id} node={n} box={layout.boxes[n.id]} graph={graph} active={active} taken={taken} waiting={waiting} />
        ))}
        {layout.initials.map((init) => (
          <g key={init.parent} className="iv-sc-initial">
            <circle cx={px(init.dot.x)} cy={px(init.dot.y)} r={METRICS.initDot} />
            <polygon points={arrowheadPoints(init.points[0].x, init.points[0].y, init.points[1].x, init.points[1].y, 6, 3)} />
          </g>
        ))}
        {edges.map((e) => {
          const { points } = layout.edges[e.id];
          const n = points.length;
          const cls = ['iv-sc-edge', `is-${e.kind}`, taken.edges.has(e.id) && 'is-taken'].filter(Boolean).join(' ');
          return (
            <g key={e.id} className={cls} data-edge={e.id}>
              <path d={splinePath(points)} />
              <polygon points={arrowheadPoints(points[n - 2].x, points[n - 2].y, points[n - 1].x, points[n - 1].y)} />
            </g>
          );
        })}
        {edges.map((e) => {
          const { label } = layout.edges[e.id];
          const w = Math.ceil(e.label.length * METRICS.labelChar) + 8;
          return (
            <g key={e.id} className={`iv-sc-label${taken.edges.has(e.id) ? ' is-taken' : ''}`}>
              <rect x={px(label.x - w / 2)} y={px(label.y - 8)} width={px(w)} height={16} rx={3} />
              <text x={px(label.x)} y={px(label.y + 3.5)} textAnchor="middle">
                {e.label}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

interface StateBoxProps {
  node: ChartNode;
  box: Box;
  graph: ChartGraph;
  active: ReadonlySet<string>;
  taken: Taken;
  waiting: boolean;
}

function StateBox({ node, box, graph, active, taken, waiting }: StateBoxProps) {
  const isActive = active.has(node.id);
  const leaf = node.children.length === 0;
  const region = node.parent !== null && graph.nodes[node.parent].type === 'parallel';
  const cls = [
    'iv-sc-node',
    leaf ? 'is-leaf' : 'is-compound',
    region && 'is-region',
    node.type === 'final' && 'is-final',
    isActive && 'is-active',
    isActive && leaf && waiting && 'is-waiting',
  ]
    .filter(Boolean)
    .join(' ');
  const { x, y, width, height } = box;
  if (node.type === 'history') {
    return (
      <g className={cls} data-state={node.id}>
        <circle cx={px(x + width / 2)} cy={px(y + height / 2)} r={width / 2} />
        <text x={px(x + width / 2)} y={px(y + height / 2 + 4)} textAnchor="middle">
          H
        </text>
      </g>
    );
  }
  return (
    <g className={cls} data-state={node.id}>
      <rect x={px(x)} y={px(y)} width={px(width)} height={px(height)} rx={leaf ? 6 : 9} />
      {node.type === 'final' && <rect className="iv-sc-final-inner" x={px(x + 3)} y={px(y + 3)} width={px(width - 6)} height={px(height - 6)} rx={4} />}
      {leaf ? (
        <text className="iv-sc-node-label" x={px(x + width / 2)} y={px(y + 19)} textAnchor="middle">
          {node.key}
        </text>
      ) : (
        <text className="iv-sc-compound-label" x={px(x + 10)} y={px(y + 16)}>
          {compoundTitle(graph, node.id)}
        </text>
      )}
      {leaf && node.internal.map((e, i) => (
        <text
          key={e.eventType + e.label}
          className={`iv-sc-internal${taken.internal.has(`${node.id}|${e.eventType}`) ? ' is-taken' : ''}`}
          x={px(x + 10)}
          y={px(y + METRICS.nodeHeight + 8 + i * METRICS.internalLine)}
        >
          ↻ {e.label}
        </text>
      ))}
    </g>
  );
}
