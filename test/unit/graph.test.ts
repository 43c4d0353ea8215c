/** Cross-check: on a single machine the explorer finds exactly the states xstate/graph finds. */
import { describe, expect, it } from 'vitest';
import { getAdjacencyMap } from 'xstate/graph';
import { COUNTER_EVENTS, counterMachine, counterSystem } from '../fixtures/single-machine.ts';
import { exploreAll } from './helpers.ts';

describe('explorer vs xstate/graph getAdjacencyMap', () => {
  for (const limit of [0, 5, 40]) {
    it(`counts the same reachable states (counter limit ${limit})`, () => {
      const adjacency = getAdjacencyMap(counterMachine(limit), { events: COUNTER_EVENTS });
      const ours = exploreAll(counterSystem(limit), { maxFaults: 0 });
      expect(ours.complete).toBe(true);
      expect(ours.states).toBe(Object.keys(adjacency).length);
      // Every (state, event) pair is a transition in both, handled or not.
      expect(ours.transitions).toBe(Object.keys(adjacency).length * COUNTER_EVENTS.length);
    });
  }
});
