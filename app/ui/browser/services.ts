/** The browser side of commands: the explorer worker, clipboard, downloads, files, panes, views. */
import type { Services } from '../commands/types.ts';
import { cancelExplore, startExplore, type ExploreState } from '../state/explore-store.ts';
import { useSessionStore } from '../state/session-store.ts';
import { useUiStore } from '../state/ui-store.ts';
import { deriveWorkbench } from '../state/workbench.ts';
import { sequenceSvgOf, svgToPng } from '../editor/views.ts';
import { layoutHandles, togglePane } from './layout-handles.ts';
import { openFile, openLink } from './open-input.ts';

function ui() {
  return useUiStore.getState();
}

function exploreDone(s: ExploreState): void {
  if (s.status === 'error') {
    ui().notify('error', `The explorer failed: ${s.error}`);
    return;
  }
  const r = s.result;
  if (!r) return;
  const found = r.findings.length;
  const summary =
    `Explored ${r.model} / ${r.variant}: ${r.states.toLocaleString('en')} states in ${r.ms} ms, ` +
    `${found === 0 ? 'no problems' : `${found} problem${found === 1 ? '' : 's'}`}` +
    `${r.inconclusive.length > 0 ? `, ${r.inconclusive.length} inconclusive` : ''}` +
    `${r.complete ? '' : ' (the search was cut by a bound)'}.`;
  ui().log(summary);
  ui().notify(found > 0 ? 'warning' : 'info', summary);
  ui().showPanel('problems');
  revealPanel();
}

function revealPanel(): void {
  if (layoutHandles.panel?.isCollapsed()) layoutHandles.panel.expand();
}

async function copy(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    ui().notify('info', `${what} copied to the clipboard.`);
  } catch {
    ui().notify('warning', `${what} could not be copied (the browser refused); it is shown in the Output panel.`);
  }
  ui().showPanel('output');
  revealPanel();
}

function download(fileName: string, data: string | Blob, mime: string): void {
  const blob = typeof data === 'string' ? new Blob([data], { type: mime }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  ui().log(`Downloaded ${fileName}`);
}

function chooseFile(): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.json,application/json';
  input.onchange = () => {
    const file = input.files?.[0];
    if (file) void openFile(file);
  };
  input.click();
}

export const browserServices: Services = {
  explore: (bounds) => {
    const { model, variant } = useSessionStore.getState().session;
    startExplore(model, variant, bounds, exploreDone);
  },
  stopExploring: () => {
    cancelExplore();
    ui().log('Exploration stopped; its partial result was discarded.');
  },
  copy: (text, what) => void copy(text, what),
  download,
  chooseFile,
  openLink,
  toggleSideBar: () => togglePane(layoutHandles.sideBar),
  togglePanel: () => togglePane(layoutHandles.panel),
  revealPanel,
  shareBase: () => `${location.origin}${location.pathname}`,
  sequenceSvg: () => {
    const wb = deriveWorkbench(useSessionStore.getState().session);
    const state = ui();
    return sequenceSvgOf(wb, state.focusedActor, state.theme);
  },
  svgToPngBlob: svgToPng,
};
