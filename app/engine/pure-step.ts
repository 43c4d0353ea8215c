/**
 * XState's pure step, without its per-call cost. The public `transition()` builds a throwaway actor
 * for every call (≈32 µs); calling `machine.transition(snapshot, event, scope)` with one reused scope
 * whose `actionExecutor` collects the actions does the same work in a fraction of that. The scope's
 * shape mirrors xstate's internal `createInertActorScope`; xstate is pinned to an exact version and
 * test/unit/pure-step.test.ts checks both paths agree.
 */
import { createActor, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';

export interface ExecutableAction {
  type: string;
  params?: unknown;
}

export type PureStep = [AnyMachineSnapshot, ExecutableAction[]];

export class PureStepper {
  private collected: ExecutableAction[] = [];
  private readonly scope: unknown;

  constructor(private readonly machine: AnyStateMachine) {
    const self = createActor(machine);
    this.scope = {
      self,
      defer: () => {},
      id: '',
      logger: () => {},
      sessionId: '',
      stopChild: () => {},
      system: self.system,
      emit: () => {},
      actionExecutor: (action: ExecutableAction) => this.collected.push(action),
    };
  }

  initial(input: unknown): PureStep {
    this.collected = [];
    const snapshot = this.machine.getInitialSnapshot(this.scope as never, input) as AnyMachineSnapshot;
    return [snapshot, this.collected];
  }

  step(snapshot: AnyMachineSnapshot, event: EventObject): PureStep {
    this.collected = [];
    const next = this.machine.transition(snapshot, event, this.scope as never) as AnyMachineSnapshot;
    return [next, this.collected];
  }
}
