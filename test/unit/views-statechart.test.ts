/** The statechart view's pure parts: graph extraction from XState machines, which edges a step took, and the layout. */
import { describe, expect, it } from 'vitest';
import { replaySteps, Runtime } from '../../app/engine/index.ts';
import { eventTypeLabel, timeLabel, timerLabel, timerName } from '../../app/ui/views/labels.ts';
import { activeStateIds, chartGraph, takenEdges } from '../../app/ui/views/statechart-graph.ts';
import { layoutChart, splinePath, type Box } from '../../app/ui/views/statechart-layout.ts';
import { cleanupDaemon } from '../../machines/order/daemon.ts';
import order from '../../machines/order/index.ts';
import { SEED_TO_DEADLINE } from '../fixtures/order-seed.ts';
import { raMachine } from '../../machines/order/ra.ts';
import { sa } from '../../machines/order/sa.ts';
import { wfe } from '../../machines/order/wfe.ts';

const edgesOf = (graph: ReturnType<typeof chartGraph>) => graph.edges.map((e) => `${e.source} -[${e.label}]-> ${e.target}`);

describe('statechart graph', () => {
  it("lists the RA's states, nested ones included, with their types and initial states", () => {
    const g = chartGraph(raMachine('request-context'));
    expect(g.root).toBe('ra');
    expect(g.nodes.ra.children).toEqual([
      'ra.idle', 'ra.settingProcessing', 'ra.issuing', 'ra.storingCertificate', 'ra.failOrder', 'ra.reportProblem', 'ra.answerValid', 'ra.answerError',
    ]);
    expect(g.nodes.ra.initial).toBe('ra.idle');
    expect(g.nodes['ra.failOrder']).toMatchObject({ type: 'compound', initial: 'ra.failOrder.checkingContext', children: ['ra.failOrder.checkingContext', 'ra.failOrder.settingError'] });
    expect(g.nodes['ra.failOrder.settingError'].parent).toBe('ra.failOrder');
    expect(g.nodes['ra.answerError'].type).toBe('final');
    expect(g.nodes['ra.idle'].type).toBe('atomic');
  });

  it("labels the RA's edges with their events, the request deadline and the eventless checks", () => {
    const edges = edgesOf(chartGraph(raMachine('request-context')));
    expect(edges).toEqual(
      expect.arrayContaining([
        'ra.idle -[FinalizeOrder]-> ra.settingProcessing',
        'ra.settingProcessing -[ctx.deadline]-> ra.answerError',
        'ra.issuing -[ctx.deadline]-> ra.failOrder',
        'ra.storingCertificate -[ctx.deadline]-> ra.failOrder',
        'ra.failOrder.settingError -[ctx.deadline]-> ra.answerError',
        'ra.failOrder.checkingContext -[always [ctxExpired]]-> ra.answerError',
        'ra.failOrder.checkingContext -[always]-> ra.failOrder.settingError',
        'ra.reportProblem -[always]-> ra.answerError',
      ]),
    );
    expect(edges.filter((e) => e.includes('[ctx.deadline]'))).toHaveLength(4);
  });

  it("shows the daemon's `after` transitions as delays", () => {
    const g = chartGraph(cleanupDaemon);
    expect(edgesOf(g)).toEqual([
      'daemon.sleeping -[after 300000 ms]-> daemon.sweeping',
      'daemon.sweeping -[FailStaleOrders.ok]-> daemon.sleeping',
      'daemon.sweeping -[FailStaleOrders.failed]-> daemon.sleeping',
      'daemon.sweeping -[after 10000 ms]-> daemon.sleeping',
    ]);
    expect(g.edges.filter((e) => e.kind === 'after').map((e) => e.eventType)).toEqual([
      'xstate.after.300000.daemon.sleeping',
      'xstate.after.10000.daemon.sweeping',
    ]);
  });

  it('keeps transitions without a target on their state, guarded ones labelled with the guard', () => {
    const g = chartGraph(sa);
    expect(g.nodes.sa.internal.map((e) => e.label)).toEqual(['FailStaleOrders']);
    expect(g.nodes['sa.ready'].internal.map((e) => e.label)).toEqual(['FinalizeOrder']);
    expect(g.nodes['sa.processing'].internal.map((e) => e.label)).toEqual(['SetOrderProcessing', 'FailStaleOrders']);
    expect(edgesOf(g)).toContain('sa.processing -[FailStaleOrders [guard]]-> sa.invalid');
  });

  it('names timers and times for people', () => {
    expect(eventTypeLabel('xstate.after.200.ra.idle', 'ra.idle')).toBe('after 200 ms');
    expect(eventTypeLabel('xstate.after.slow.a.b', 'a.b')).toBe('after slow');
    expect(timerLabel('xstate.after.300000.daemon.sleeping')).toBe('after 300000 ms');
    expect(timerLabel('ctx')).toBe('ctx');
    expect(timerName('ra', 'ctx')).toBe('ra.ctx');
    expect(timerName('daemon', 'xstate.after.10000.daemon.sweeping')).toBe('daemon after 10000 ms');
    expect(timeLabel(201180000)).toBe('t=201,180,000 ms');
    expect(timeLabel(Infinity)).toBe('no deadline');
  });
});

describe('the transition a step took', () => {
  const steps = SEED_TO_DEADLINE;
  const rt = new Runtime(order, 'buggy');
  const replay = replaySteps(rt, steps);
  const ra = rt.actor('ra');
  const graph = chartGraph(rt.snapshot(ra, replay.initial.snaps[ra]).machine);
  const activeAt = (k: number) => activeStateIds(rt.snapshot(ra, (k === 0 ? replay.initial : replay.steps[k - 1].world).snaps[ra]));

  it('follows the deadline into failOrder and through its eventless check to answerError', () => {
    expect([...activeAt(5)].sort()).toEqual(['ra', 'ra.issuing']);
    expect([...activeAt(6)].sort()).toEqual(['ra', 'ra.answerError']);
    const taken = takenEdges(graph, activeAt(5), activeAt(6), new Set(['ctx.deadline']));
    expect([...taken.edges].sort()).toEqual(['ra.failOrder.checkingContext||0|0', 'ra.issuing|ctx.deadline|0|0']);
  });

  it('marks an ordinary transition, and nothing for an event no active state handles', () => {
    expect([...takenEdges(graph, activeAt(1), activeAt(2), new Set(['FinalizeOrder'])).edges]).toEqual(['ra.idle|FinalizeOrder|0|0']);
    expect(takenEdges(graph, activeAt(5), activeAt(5), new Set(['FinalizeOrder'])).edges.size).toBe(0);
  });

  it('marks an internal transition when the state stays', () => {
    const saGraph = chartGraph(sa);
    const taken = takenEdges(saGraph, new Set(['sa', 'sa.ready']), new Set(['sa', 'sa.ready']), new Set(['FinalizeOrder']));
    expect(taken.edges.size).toBe(0);
    expect([...taken.internal]).toEqual(['sa.ready|FinalizeOrder']);
  });
});

describe('statechart layout', () => {
  const inside = (inner: Box, outer: Box) =>
    inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
  const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  for (const [name, machine] of [['ra', raMachine('request-context')], ['wfe', wfe], ['sa', sa], ['daemon', cleanupDaemon]] as const) {
    it(`nests and separates the boxes of ${name}, and routes every edge`, () => {
      const graph = chartGraph(machine);
      const layout = layoutChart(graph);
      const nodes = Object.values(graph.nodes).filter((n) => n.id !== graph.root);
      for (const n of nodes) {
        const box = layout.boxes[n.id];
        expect(Object.values(box).every(Number.isFinite), n.id).toBe(true);
        expect(inside(box, { x: 0, y: 0, width: layout.width, height: layout.height }), n.id).toBe(true);
        if (n.parent !== graph.root) expect(inside(box, layout.boxes[n.parent!]), `${n.id} in ${n.parent}`).toBe(true);
        for (const sibling of (n.parent ? graph.nodes[n.parent].children : [])) {
          if (sibling !== n.id) expect(overlap(box, layout.boxes[sibling]), `${n.id} / ${sibling}`).toBe(false);
        }
      }
      for (const e of graph.edges) {
        const placed = layout.edges[e.id];
        expect(placed.points.length, e.id).toBeGreaterThanOrEqual(2);
        expect(placed.points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)), e.id).toBe(true);
        expect(splinePath(placed.points)).toMatch(/^M[\d.-]+,[\d.-]+(C[\d., -]+)+$/);
      }
      expect(layout.initials.map((i) => i.parent)).toContain(graph.root);
      expect(layoutChart(graph)).toEqual(layout);
    });
  }

  it('draws an edge into a nested state from that state, not from its parent', () => {
    const graph = chartGraph(raMachine('request-context'));
    const layout = layoutChart(graph);
    const check = layout.boxes['ra.failOrder.checkingContext'];
    const start = layout.edges['ra.failOrder.checkingContext||0|0'].points[0];
    // The eventless check leaves checkingContext's own border.
    expect(start.x).toBeGreaterThanOrEqual(check.x - 0.5);
    expect(start.x).toBeLessThanOrEqual(check.x + check.width + 0.5);
    expect(start.y).toBeGreaterThanOrEqual(check.y - 0.5);
    expect(start.y).toBeLessThanOrEqual(check.y + check.height + 0.5);
  });
});
