/** The collapsible panes, registered by the workbench so commands can open and close them. */
import type { PanelImperativeHandle } from 'react-resizable-panels';

export const layoutHandles: { sideBar: PanelImperativeHandle | null; panel: PanelImperativeHandle | null } = {
  sideBar: null,
  panel: null,
};

export function togglePane(pane: PanelImperativeHandle | null): void {
  if (!pane) return;
  if (pane.isCollapsed()) pane.expand();
  else pane.collapse();
}
