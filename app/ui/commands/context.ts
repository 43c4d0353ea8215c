/** The context commands run in, built from the stores: fresh for a key press, reactive for buttons. */
import { useMemo } from 'react';
import { browserServices } from '../browser/services.ts';
import { useExploreStore } from '../state/explore-store.ts';
import { useSimulationStore } from '../state/simulation-store.ts';
import { useSessionStore } from '../state/session-store.ts';
import { useUiStore } from '../state/ui-store.ts';
import { deriveWorkbench } from '../state/workbench.ts';
import type { Session } from '../session/session.ts';
import type { CommandContext } from './types.ts';

function apply(op: (s: Session) => Session): void {
  useSessionStore.getState().apply(op);
}

function selectVariant(model: string, variant: string): void {
  useSessionStore.getState().selectVariant(model, variant);
}

/** The context as it is now, for the keyboard handler and the palette. */
export function currentContext(): CommandContext {
  return {
    wb: deriveWorkbench(useSessionStore.getState().session),
    ui: useUiStore.getState(),
    explore: useExploreStore.getState(),
    simulation: useSimulationStore.getState(),
    apply,
    selectVariant,
    services: browserServices,
  };
}

/** The context for rendering: re-evaluated when the session, UI state or explorer changes. */
export function useCommandContext(): CommandContext {
  const session = useSessionStore((s) => s.session);
  const ui = useUiStore();
  const explore = useExploreStore();
  const simulation = useSimulationStore();
  return useMemo(
    () => ({ wb: deriveWorkbench(session), ui, explore, simulation, apply, selectVariant, services: browserServices }),
    [session, ui, explore, simulation],
  );
}
