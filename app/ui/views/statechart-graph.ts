/**
 * A statechart as a drawable graph, read from an XState machine definition: every state node
 * (nested ones included) and every transition with a target as a labelled edge. Transitions without
 * a target (actions only) stay on their node as "internal" events. Pure: no layout, no DOM.
 */
import type { AnyMachineSnapshot, AnyStateMachine, AnyStateNode } from 'xstate';
import { eventTypeLabel, isAfterEvent } from './labels.ts';

export type ChartNodeType = AnyStateNode['type'];
export type EdgeKind = 'event' | 'after' | 'always';

/** A transition that changes no state: drawn as a line inside its node. */
export interface InternalEvent {
  eventType: string;
  label: string;
}

export interface ChartNode {
  id: string;
  key: string;
  type: ChartNodeType;
  parent: string | null;
  children: string[];
  /** The child entered first (compound states only). */
  initial: string | null;
  internal: InternalEvent[];
}

export interface ChartEdge {
  id: string;
  source: string;
  target: string;
  eventType: string;
  kind: EdgeKind;
  /** "FinalizeOrder", "after 200 ms", "always [ctxExpired]". */
  label: string;
}

export interface ChartGraph {
  root: string;
  nodes: Record<string, ChartNode>;
  edges: ChartEdge[];
}

type Transition = NonNullable<AnyStateNode['always']>[number];

function guardLabel(guard: Transition['guard']): string {
  if (guard === undefined) return '';
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') return guard.name && guard.name !== 'guard' ? guard.name : 'guard';
  const type = (guard as { type?: unknown }).type;
  return typeof type === 'string' ? type : 'guard';
}

function transitionLabel(eventType: string, kind: EdgeKind, t: Transition, source: string): string {
  const guard = guardLabel(t.guard);
  const event = kind === 'always' ? 'always' : eventTypeLabel(eventType, source);
  return guard ? `${event} [${guard}]` : event;
}

export function chartGraph(machine: AnyStateMachine): ChartGraph {
  const nodes: Record<string, ChartNode> = {};
  const edges: ChartEdge[] = [];

  const addTransitions = (node: AnyStateNode, eventType: string, list: readonly Transition[], kind: EdgeKind) => {
    list.forEach((t, i) => {
      const label = transitionLabel(eventType, kind, t, node.id);
      if (!t.target || t.target.length === 0) {
        const own = nodes[node.id].internal;
        if (!own.some((e) => e.label === label)) own.push({ eventType, label });
        return;
      }
      t.target.forEach((target, j) => {
        edges.push({ id: `${node.id}|${eventType}|${i}|${j}`, source: node.id, target: target.id, eventType, kind, label });
      });
    });
  };

  const visit = (node: AnyStateNode, parent: string | null) => {
    const children = Object.values(node.states) as AnyStateNode[];
    const initial = node.type === 'compound' ? node.initial.target[0]?.id ?? null : null;
    nodes[node.id] = { id: node.id, key: node.key, type: node.type, parent, children: children.map((c) => c.id), initial, internal: [] };
    for (const [eventType, list] of node.transitions) {
      addTransitions(node, eventType, list, isAfterEvent(eventType) ? 'after' : 'event');
    }
    if (node.always) addTransitions(node, '', node.always, 'always');
    for (const child of children) visit(child, node.id);
  };
  visit(machine.root, null);
  return { root: machine.root.id, nodes, edges };
}

/** Ids of the state nodes a snapshot is in, ancestors included. */
export function activeStateIds(snapshot: AnyMachineSnapshot): Set<string> {
  const nodes = (snapshot as unknown as { _nodes: ReadonlyArray<{ id: string }> })._nodes;
  return new Set(nodes.map((n) => n.id));
}

export interface Taken {
  edges: Set<string>;
  /** `${nodeId}|${eventType}` of internal events that fired. */
  internal: Set<string>;
}

/**
 * Which edges a step took, from the states active before and after it and the events the actor
 * processed: an event edge whose source was active, followed through any eventless (`always`)
 * edges of transient states until it lands in a state active afterwards.
 */
export function takenEdges(graph: ChartGraph, before: ReadonlySet<string>, after: ReadonlySet<string>, events: ReadonlySet<string>): Taken {
  const always = new Map<string, ChartEdge[]>();
  for (const e of graph.edges) if (e.kind === 'always') always.set(e.source, [...(always.get(e.source) ?? []), e]);

  // The always-edges that lead from an entered state into the configuration after the step.
  const settle = (target: string, depth: number): ChartEdge[] | null => {
    if (after.has(target)) return [];
    if (depth > 8) return null;
    for (let n: string | null = target; n !== null; n = graph.nodes[n].initial) {
      for (const e of always.get(n) ?? []) {
        const rest = settle(e.target, depth + 1);
        if (rest) return [e, ...rest];
      }
    }
    return null;
  };

  const taken: Taken = { edges: new Set(), internal: new Set() };
  for (const e of graph.edges) {
    if (e.kind === 'always' || !events.has(e.eventType) || !before.has(e.source)) continue;
    const path = settle(e.target, 0);
    if (path) for (const p of [e, ...path]) taken.edges.add(p.id);
  }
  if (taken.edges.size === 0) {
    for (const id of before) {
      for (const ev of graph.nodes[id]?.internal ?? []) if (events.has(ev.eventType)) taken.internal.add(`${id}|${ev.eventType}`);
    }
  }
  return taken;
}
