/** The workbench's layout: palette, side bar, panel, editor tabs, panel tabs, theme. */
import type { EditorTab, PanelTab } from '../state/ui-store.ts';
import type { Command } from './types.ts';

const editorTab = (tab: EditorTab, label: string, icon: string): Command => ({
  id: `workbench.open.${tab}`,
  label: `Open ${label}`,
  category: 'View',
  icon,
  run: (ctx) => ctx.ui.openTab(tab),
});

const panelTab = (tab: PanelTab, label: string, icon: string, keybinding?: string): Command => ({
  id: `workbench.panel.${tab}`,
  label: `Show ${label}`,
  category: 'View',
  icon,
  keybinding,
  run: (ctx) => {
    ctx.ui.showPanel(tab);
    ctx.services.revealPanel();
  },
});

export const viewCommands: Command[] = [
  {
    id: 'workbench.action.showCommands',
    label: 'Show All Commands',
    category: 'View',
    icon: 'search',
    keybinding: ['F1', 'CtrlCmd+Shift+P'],
    run: (ctx) => ctx.ui.set({ quickInput: ctx.ui.quickInput?.kind === 'commands' ? null : { kind: 'commands' } }),
  },
  {
    id: 'workbench.action.toggleSidebar',
    label: 'Toggle Primary Side Bar',
    category: 'View',
    icon: 'layout-sidebar-left',
    keybinding: 'CtrlCmd+B',
    run: (ctx) => ctx.services.toggleSideBar(),
  },
  {
    id: 'workbench.action.togglePanel',
    label: 'Toggle Panel',
    category: 'View',
    icon: 'layout-panel',
    keybinding: 'CtrlCmd+J',
    run: (ctx) => ctx.services.togglePanel(),
  },
  {
    id: 'workbench.view.explorer',
    label: 'Show Explorer',
    category: 'View',
    icon: 'files',
    keybinding: 'CtrlCmd+Shift+E',
    run: (ctx) => ctx.ui.set({ sideView: 'explorer' }),
  },
  {
    id: 'workbench.view.run',
    label: 'Show Run and Explore',
    category: 'View',
    icon: 'debug-alt',
    keybinding: 'CtrlCmd+Shift+D',
    run: (ctx) => ctx.ui.set({ sideView: 'run' }),
  },
  editorTab('statecharts', 'Statecharts', 'type-hierarchy'),
  editorTab('sequence', 'Sequence Diagram', 'arrow-swap'),
  editorTab('state', 'State', 'symbol-structure'),
  panelTab('timeline', 'Timeline', 'history'),
  panelTab('next', 'Next Step', 'debug-step-over'),
  panelTab('problems', 'Problems', 'warning', 'CtrlCmd+Shift+M'),
  panelTab('simulation', 'Simulation', 'graph-line'),
  panelTab('output', 'Output', 'output', 'CtrlCmd+Shift+U'),
  {
    id: 'workbench.action.toggleTheme',
    label: 'Toggle Light/Dark Theme',
    category: 'Preferences',
    icon: 'color-mode',
    run: (ctx) => ctx.ui.set({ theme: ctx.ui.theme === 'dark' ? 'light' : 'dark' }),
  },
  {
    id: 'workbench.action.clearFocus',
    label: 'Clear Actor Focus',
    category: 'View',
    icon: 'clear-all',
    when: (ctx) => ctx.ui.focusedActor !== null,
    run: (ctx) => ctx.ui.set({ focusedActor: null }),
  },
];
