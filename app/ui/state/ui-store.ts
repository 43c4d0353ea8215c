/**
 * UI state only: theme, open editor tabs, the active panel and side view, the focused actor, the
 * steps selected for a range diff, the palette and quick inputs, notifications and the Output log.
 * Pane sizes are remembered by react-resizable-panels itself (parts/Workbench.tsx).
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Bounds } from '../../engine/index.ts';
import type { SearchLimits } from './explore-runs.ts';

/** The most workers one search may be spread over (each holds a runtime of the model). */
export const MAX_SEARCH_WORKERS = 16;

/** Every core the machine offers: one keeps the search's visited set, the others expand states. */
function defaultSearchWorkers(): number {
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1;
  return Math.max(1, Math.min(MAX_SEARCH_WORKERS, cores - 1));
}

export type Theme = 'dark' | 'light';
export type SideView = 'explorer' | 'run';
export type EditorTab = 'statecharts' | 'sequence' | 'state' | 'metrics' | 'compare';
export type PanelTab = 'timeline' | 'next' | 'problems' | 'simulation' | 'output';

export interface PickItem {
  id: string;
  label: string;
  description?: string;
  icon?: string;
}

/** What the quick input at the top shows: the command palette, a list to pick from, or a text box. */
export type QuickInput =
  | { kind: 'commands' }
  | { kind: 'pick'; title: string; items: PickItem[]; onPick(id: string): void }
  | { kind: 'input'; title: string; placeholder: string; onSubmit(value: string): void };

export interface Notification {
  id: number;
  severity: 'info' | 'warning' | 'error';
  message: string;
}

export interface OutputEntry {
  id: number;
  time: string;
  text: string;
}

/** The text of the last export, shown in the Output panel. */
export interface Artefact {
  title: string;
  text: string;
}

export interface RunSettings {
  seed: number;
  maxSteps: number;
  maxFaults: number;
}

/** Simulation inputs: run i uses seed `seed + i`; the Metrics overlay of two variants shows run `seed`. */
export interface SimulationSettings {
  runs: number;
  seed: number;
}

export interface UiState {
  theme: Theme;
  sideView: SideView;
  openTabs: EditorTab[];
  activeTab: EditorTab;
  activePanel: PanelTab;
  focusedActor: string | null;
  /** Cursors shift-clicked in the Timeline; two of them make the State view's diff range. */
  selection: number[];
  /** The canonical JSON of the step highlighted in Next step (F10 takes it). */
  highlightedStep: string | null;
  quickInput: QuickInput | null;
  notifications: Notification[];
  output: OutputEntry[];
  artefact: Artefact | null;
  /** Explorer bounds edited per "model/variant". */
  bounds: Record<string, Bounds>;
  /**
   * Workers one search is spread over: 1, its own worker alone; n > 1, n that expand states beside it.
   * The result is the same. By default one per core but the one the search's own worker keeps.
   */
  searchWorkers: number;
  /** Every search's limits of time and memory (tables past a GB would crowd a browser tab). */
  searchLimits: SearchLimits;
  run: RunSettings;
  /** Simulation inputs edited per "model/variant". */
  simulation: Record<string, SimulationSettings>;
  /** The variant the Compare tab replays the current schedule on. */
  compareWith: string | null;

  set(patch: Partial<UiState>): void;
  openTab(tab: EditorTab): void;
  closeTab(tab: EditorTab): void;
  showPanel(tab: PanelTab): void;
  notify(severity: Notification['severity'], message: string): void;
  dismiss(id: number): void;
  log(text: string): void;
}

let counter = 0;
const nextId = () => ++counter;

export const useUiStore = create<UiState>()(
  persist(
    (set, get) => ({
      theme: 'dark',
      sideView: 'explorer',
      openTabs: ['statecharts', 'sequence', 'state', 'metrics'],
      activeTab: 'sequence',
      activePanel: 'next',
      focusedActor: null,
      selection: [],
      highlightedStep: null,
      quickInput: null,
      notifications: [],
      output: [],
      artefact: null,
      bounds: {},
      searchWorkers: defaultSearchWorkers(),
      searchLimits: { maxSeconds: 0, maxMemoryMb: 1024 },
      run: { seed: 1, maxSteps: 100, maxFaults: 0 },
      simulation: {},
      compareWith: null,

      set: (patch) => set(patch),
      openTab: (tab) => {
        const { openTabs } = get();
        set({ openTabs: openTabs.includes(tab) ? openTabs : [...openTabs, tab], activeTab: tab });
      },
      closeTab: (tab) => {
        const openTabs = get().openTabs.filter((t) => t !== tab);
        const activeTab = get().activeTab === tab ? (openTabs[openTabs.length - 1] ?? get().activeTab) : get().activeTab;
        set({ openTabs, activeTab });
      },
      showPanel: (tab) => set({ activePanel: tab }),
      notify: (severity, message) => {
        const n = { id: nextId(), severity, message };
        set({ notifications: [...get().notifications.slice(-3), n] });
      },
      dismiss: (id) => set({ notifications: get().notifications.filter((n) => n.id !== id) }),
      log: (text) => {
        const entry = { id: nextId(), time: new Date().toLocaleTimeString(), text };
        set({ output: [...get().output.slice(-199), entry] });
      },
    }),
    {
      name: 'interleave.ui',
      storage: createJSONStorage(() => localStorage),
      partialize: ({ theme, sideView, openTabs, activeTab, activePanel, focusedActor, bounds, searchWorkers, searchLimits, run, simulation, compareWith }) => ({
        theme,
        sideView,
        openTabs,
        activeTab,
        activePanel,
        focusedActor,
        bounds,
        searchWorkers,
        searchLimits,
        run,
        simulation,
        compareWith,
      }),
    },
  ),
);
