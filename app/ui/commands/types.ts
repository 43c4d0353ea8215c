/**
 * A command is a plain object: the palette lists it, menus and toolbar buttons show it, the keyboard
 * handler runs it. `when` says whether it can run now; `run` does it through the context.
 */
import type { Bounds } from '../../engine/index.ts';
import type { Session } from '../session/session.ts';
import type { ExploreTarget } from '../state/explore-runs.ts';
import type { ExploreState } from '../state/explore-store.ts';
import type { SimulationState } from '../state/simulation-store.ts';
import type { UiState } from '../state/ui-store.ts';
import type { Workbench } from '../state/workbench.ts';

export interface Command {
  id: string;
  label: string;
  /** Shown before the label in the palette: "Run: Step". */
  category: string;
  /** A codicon name (without the `codicon-` prefix). */
  icon: string;
  /** One or more VS Code-style bindings: "F10", "Alt+Left", "CtrlCmd+Shift+P" (CtrlCmd: Ctrl, or ⌘ on a Mac). */
  keybinding?: string | string[];
  when?(ctx: CommandContext): boolean;
  run(ctx: CommandContext): void;
}

/** What a command sees and may change. Built fresh from the stores whenever a command runs. */
export interface CommandContext {
  wb: Workbench;
  ui: UiState;
  explore: ExploreState;
  simulation: SimulationState;
  /** Changes the session with one of the session module's pure operations. */
  apply(op: (s: Session) => Session): void;
  /** Switches the session to another model variant. */
  selectVariant(model: string, variant: string): void;
  services: Services;
}

/** The side effects commands need from the browser, kept out of the commands themselves. */
export interface Services {
  /** Explores the current variant within the bounds, in a worker. */
  explore(bounds: Bounds): void;
  /** Explores each target in a pool of workers, one per core, one variant per worker at a time. */
  exploreAll(targets: ExploreTarget[]): void;
  /** Stops every search running; each keeps what it covered. */
  stopExploring(): void;
  /** Simulates the current variant in the worker: `runs` runs from `seed`. */
  simulate(runs: number, seed: number): void;
  /** Stops the simulation after the run in progress, keeping the runs done. */
  stopSimulation(): void;
  /** Regenerates one seeded run of a variant and opens its steps as a branch, at step 0. */
  replayRun(model: string, variant: string, seed: number, name: string): void;
  copy(text: string, what: string): void;
  download(fileName: string, data: string | Blob, mime: string): void;
  /** Asks for a trace or session file and opens it. */
  chooseFile(): void;
  /** Opens a pasted share link or trace JSON; a bad one is reported and changes nothing. */
  openLink(text: string): void;
  toggleSideBar(): void;
  togglePanel(): void;
  /** Makes sure the bottom panel is open. */
  revealPanel(): void;
  /** The app's address without a hash, for share links. */
  shareBase(): string;
  /** The sequence diagram of the current trace as SVG markup (the views load on first use). */
  sequenceSvg(): Promise<string>;
  svgToPngBlob(svg: string): Promise<Blob>;
}
