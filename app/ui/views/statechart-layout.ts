/**
 * Lays out a statechart with dagre, one compound state at a time: each compound's children (sized
 * by their own layouts) are placed by dagre, then nested as boxes inside it. An edge is laid out at
 * the level of its endpoints' nearest common ancestor, between the children that contain them, and
 * its ends are then moved to the real source and target boxes. (dagre's own compound mode refuses
 * edges that touch a compound state, which statecharts have all the time.)
 */
import dagre from '@dagrejs/dagre';
import type { ChartGraph } from './statechart-graph.ts';

export interface Point {
  x: number;
  y: number;
}
export interface Box extends Point {
  width: number;
  height: number;
}
export interface PlacedEdge {
  points: Point[];
  /** Centre of the edge's label. */
  label: Point;
}
export interface ChartLayout {
  width: number;
  height: number;
  boxes: Record<string, Box>;
  edges: Record<string, PlacedEdge>;
  /** Per compound state: the initial-state dot, left of its initial child, and the arrow from it. */
  initials: Array<{ parent: string; dot: Point; points: Point[] }>;
  /** Edges from the machine's root (transitions declared for every state): listed, not drawn. */
  unplaced: string[];
}

/** Text metrics shared with the renderer (px). */
export const METRICS = {
  nodeFont: 12,
  nodeChar: 7,
  nodeHeight: 30,
  internalLine: 15,
  labelFont: 11,
  labelChar: 6.8,
  labelHeight: 16,
  header: 24,
  pad: 18,
  margin: 20,
  initDot: 4,
};

function textWidth(text: string, perChar: number): number {
  return Math.ceil(text.length * perChar);
}

/** A compound state's header: its name, and the events it handles without leaving (if any). */
export function compoundTitle(graph: ChartGraph, id: string): string {
  const node = graph.nodes[id];
  const kind = node.type === 'parallel' ? ' (parallel)' : '';
  return node.internal.length ? `${node.key}${kind} · ↻ ${node.internal.map((e) => e.label).join(', ')}` : `${node.key}${kind}`;
}

function leafSize(graph: ChartGraph, id: string): { width: number; height: number } {
  const node = graph.nodes[id];
  if (node.type === 'history') return { width: 28, height: 28 };
  const lines = node.internal.map((e) => textWidth(`↻ ${e.label}`, METRICS.labelChar) + 20);
  const width = Math.max(76, textWidth(node.key, METRICS.nodeChar) + 28, ...lines);
  const height = METRICS.nodeHeight + (node.internal.length ? node.internal.length * METRICS.internalLine + 4 : 0);
  return { width, height };
}

/** The path from the root to a node, both included. */
function pathTo(graph: ChartGraph, id: string): string[] {
  const out: string[] = [];
  for (let n: string | null = id; n !== null; n = graph.nodes[n].parent) out.unshift(n);
  return out;
}

interface Lifted {
  edge: string;
  level: string;
  from: string;
  to: string;
}

/** Where each edge is laid out: the compound that holds both ends, and the children standing in for them. */
function liftEdges(graph: ChartGraph): { lifted: Lifted[]; unplaced: string[] } {
  const lifted: Lifted[] = [];
  const unplaced: string[] = [];
  for (const e of graph.edges) {
    const ps = pathTo(graph, e.source);
    const pt = pathTo(graph, e.target);
    let i = 0;
    while (i < ps.length && i < pt.length && ps[i] === pt[i]) i++;
    if (i < ps.length && i < pt.length) {
      lifted.push({ edge: e.id, level: ps[i - 1], from: ps[i], to: pt[i] });
      continue;
    }
    // One end contains the other (or they are the same state): a loop on the outer one.
    const outer = ps.length <= pt.length ? e.source : e.target;
    const parent = graph.nodes[outer].parent;
    if (parent === null) unplaced.push(e.id);
    else lifted.push({ edge: e.id, level: parent, from: outer, to: outer });
  }
  return { lifted, unplaced };
}

interface LevelLayout {
  width: number;
  height: number;
  /** Child centres, relative to the level's content origin. */
  centres: Record<string, Point>;
  edges: Record<string, PlacedEdge>;
}

function layoutLevel(graph: ChartGraph, id: string, sizes: Record<string, { width: number; height: number }>, lifted: Lifted[]): LevelLayout {
  const node = graph.nodes[id];
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 34, edgesep: 14, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const c of node.children) g.setNode(c, { ...sizes[c] });
  const labels = new Map(graph.edges.map((e) => [e.id, e.label]));
  for (const l of lifted) {
    const label = labels.get(l.edge) ?? '';
    g.setEdge(l.from, l.to, { width: textWidth(label, METRICS.labelChar) + 8, height: METRICS.labelHeight, labelpos: 'c', minlen: 1 }, l.edge);
  }
  dagre.layout(g);
  const centres: Record<string, Point> = {};
  for (const c of node.children) centres[c] = { x: g.node(c).x!, y: g.node(c).y! };
  const edges: Record<string, PlacedEdge> = {};
  for (const e of g.edges()) {
    const label = g.edge(e);
    const points = (label.points ?? []).map((p: Point) => ({ x: p.x, y: p.y }));
    edges[e.name!] = { points, label: { x: label.x ?? points[0].x, y: label.y ?? points[0].y } };
  }
  const { width = 0, height = 0 } = g.graph();
  return { width, height, centres, edges };
}

const shift = (p: Point, dx: number, dy: number): Point => ({ x: p.x + dx, y: p.y + dy });

/** Where the segment from a box's centre towards `toward` leaves the box. */
function clipToBox(box: Box, toward: Point): Point {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: box.y + box.height };
  const sx = dx === 0 ? Infinity : box.width / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : box.height / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: cx + dx * s, y: cy + dy * s };
}

/**
 * dagre routes edges between the same two lifted boxes without knowing which states inside them
 * they really join, so their routes can cross. Hand the routes out again, left to right, in the
 * order of the real endpoints.
 */
function untangle(graph: ChartGraph, lifted: Lifted[], boxes: Record<string, Box>, edges: Record<string, PlacedEdge>): void {
  const groups = new Map<string, Lifted[]>();
  for (const l of lifted) {
    if (l.from === l.to || !edges[l.edge]) continue;
    const key = `${l.from}\u0000${l.to}`;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  const centre = (id: string) => boxes[id].x + boxes[id].width / 2;
  const byId = new Map(graph.edges.map((e) => [e.id, e]));
  for (const group of groups.values()) {
    // Edges that join exactly the boxes dagre saw are already untangled.
    if (group.length < 2 || group.every((l) => byId.get(l.edge)!.source === l.from && byId.get(l.edge)!.target === l.to)) continue;
    const routes = group.map((l) => edges[l.edge]).sort((a, b) => a.label.x - b.label.x);
    const ends = group
      .map((l) => ({ id: l.edge, x: centre(byId.get(l.edge)!.source) + centre(byId.get(l.edge)!.target) }))
      .sort((a, b) => a.x - b.x);
    ends.forEach((end, i) => (edges[end.id] = routes[i]));
  }
}

export function layoutChart(graph: ChartGraph): ChartLayout {
  const { lifted, unplaced } = liftEdges(graph);
  const byLevel = new Map<string, Lifted[]>();
  for (const l of lifted) byLevel.set(l.level, [...(byLevel.get(l.level) ?? []), l]);

  // Bottom-up: lay out each compound's content, which gives its size.
  const sizes: Record<string, { width: number; height: number }> = {};
  const levels: Record<string, LevelLayout> = {};
  const measure = (id: string) => {
    const node = graph.nodes[id];
    if (node.children.length === 0) {
      sizes[id] = leafSize(graph, id);
      return;
    }
    node.children.forEach(measure);
    const level = layoutLevel(graph, id, sizes, byLevel.get(id) ?? []);
    levels[id] = level;
    const title = textWidth(compoundTitle(graph, id), METRICS.nodeChar) + 2 * METRICS.pad;
    sizes[id] = { width: Math.max(title, level.width + 2 * METRICS.pad), height: level.height + METRICS.header + METRICS.pad };
  };
  measure(graph.root);

  // Top-down: absolute boxes, then edges at each level moved by the level's origin.
  const boxes: Record<string, Box> = {};
  const edges: Record<string, PlacedEdge> = {};
  const initials: ChartLayout['initials'] = [];
  const place = (id: string, ox: number, oy: number) => {
    const level = levels[id];
    if (!level) return;
    for (const c of graph.nodes[id].children) {
      const { width, height } = sizes[c];
      const centre = level.centres[c];
      boxes[c] = { x: ox + centre.x - width / 2, y: oy + centre.y - height / 2, width, height };
      place(c, boxes[c].x + METRICS.pad, boxes[c].y + METRICS.header);
    }
    for (const [edge, placed] of Object.entries(level.edges)) {
      edges[edge] = { points: placed.points.map((p) => shift(p, ox, oy)), label: shift(placed.label, ox, oy) };
    }
    const first = graph.nodes[id].initial;
    if (first) {
      const b = boxes[first];
      const y = b.y + Math.min(b.height / 2, METRICS.nodeHeight / 2);
      initials.push({ parent: id, dot: { x: b.x - 14, y }, points: [{ x: b.x - 14 + METRICS.initDot, y }, { x: b.x, y }] });
    }
  };
  place(graph.root, METRICS.margin, METRICS.margin);

  untangle(graph, lifted, boxes, edges);
  for (const l of lifted) {
    const e = graph.edges.find((x) => x.id === l.edge)!;
    const pts = edges[l.edge]?.points;
    if (!pts || pts.length < 2) continue;
    if (e.source !== l.from) pts[0] = clipToBox(boxes[e.source], pts[1]);
    if (e.target !== l.to) pts[pts.length - 1] = clipToBox(boxes[e.target], pts[pts.length - 2]);
  }

  return fitToMargin({ width: 0, height: 0, boxes, edges, initials, unplaced }, graph);
}

/** Moves everything so the drawing, labels and loops included, starts at the margin, and sizes it. */
function fitToMargin(layout: ChartLayout, graph: ChartGraph): ChartLayout {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  const cover = (x: number, y: number, w = 0, h = 0) => {
    [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x + w), Math.max(maxY, y + h)];
  };
  for (const b of Object.values(layout.boxes)) cover(b.x, b.y, b.width, b.height);
  for (const e of graph.edges) {
    const placed = layout.edges[e.id];
    if (!placed) continue;
    for (const p of placed.points) cover(p.x, p.y);
    const w = textWidth(e.label, METRICS.labelChar) + 8;
    cover(placed.label.x - w / 2, placed.label.y - METRICS.labelHeight / 2, w, METRICS.labelHeight);
  }
  for (const i of layout.initials) cover(i.dot.x - METRICS.initDot, i.dot.y - METRICS.initDot, 2 * METRICS.initDot, 2 * METRICS.initDot);
  if (minX === Infinity) return { ...layout, width: 2 * METRICS.margin, height: 2 * METRICS.margin };
  const [dx, dy] = [METRICS.margin - minX, METRICS.margin - minY];
  const move = (p: Point) => shift(p, dx, dy);
  return {
    width: maxX - minX + 2 * METRICS.margin,
    height: maxY - minY + 2 * METRICS.margin,
    boxes: Object.fromEntries(Object.entries(layout.boxes).map(([id, b]) => [id, { ...b, ...move(b) }])),
    edges: Object.fromEntries(Object.entries(layout.edges).map(([id, e]) => [id, { points: e.points.map(move), label: move(e.label) }])),
    initials: layout.initials.map((i) => ({ parent: i.parent, dot: move(i.dot), points: i.points.map(move) })),
    unplaced: layout.unplaced,
  };
}

/** A smooth SVG path through every point (a Catmull-Rom spline), so an edge passes through its label. */
export function splinePath(points: readonly Point[]): string {
  const f = (n: number) => Math.round(n * 10) / 10;
  if (points.length === 0) return '';
  let d = `M${f(points[0].x)},${f(points[0].y)}`;
  for (let i = 0; i < points.length - 1; i++) {
    const [p0, p1, p2, p3] = [points[Math.max(0, i - 1)], points[i], points[i + 1], points[Math.min(points.length - 1, i + 2)]];
    const c1 = { x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6 };
    const c2 = { x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6 };
    d += `C${f(c1.x)},${f(c1.y)} ${f(c2.x)},${f(c2.y)} ${f(p2.x)},${f(p2.y)}`;
  }
  return d;
}
