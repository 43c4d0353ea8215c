/** The title bar's menus: command ids from the registry, grouped; separators between groups. */
export const MENUS: Array<{ title: string; groups: string[][] }> = [
  {
    title: 'File',
    groups: [
      ['interleave.openFile', 'interleave.openLink'],
      ['interleave.copyShareLink', 'interleave.downloadJson'],
      ['interleave.copyVitest', 'interleave.downloadVitest', 'interleave.copyMermaid'],
      ['interleave.downloadSvg', 'interleave.downloadPng'],
    ],
  },
  {
    title: 'Model',
    groups: [
      ['interleave.selectVariant', 'interleave.switchBranch', 'interleave.focusActor', 'workbench.action.clearFocus'],
      ['interleave.compareVariants'],
      ['interleave.resetSession'],
    ],
  },
  {
    title: 'Run',
    groups: [
      ['interleave.explore', 'interleave.exploreAllVariants', 'interleave.stopExploring', 'interleave.resetBounds'],
      ['interleave.step', 'interleave.back', 'interleave.forward', 'interleave.start', 'interleave.end'],
      ['interleave.run', 'interleave.newSeed'],
      ['interleave.simulate', 'interleave.stopSimulation', 'interleave.replayWorstRun'],
    ],
  },
  {
    title: 'View',
    groups: [
      ['workbench.action.showCommands'],
      ['workbench.view.explorer', 'workbench.view.run'],
      ['workbench.open.statecharts', 'workbench.open.sequence', 'workbench.open.state', 'workbench.open.metrics'],
      ['workbench.panel.timeline', 'workbench.panel.next', 'workbench.panel.problems', 'workbench.panel.simulation', 'workbench.panel.output'],
      ['workbench.action.toggleSidebar', 'workbench.action.togglePanel', 'workbench.action.toggleTheme'],
    ],
  },
];
