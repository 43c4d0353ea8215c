/**
 * The VS Code-style window: title bar, activity bar, side bar, editor area, bottom panel and status
 * bar. Pane sizes are resizable and remembered (react-resizable-panels writes them to localStorage).
 */
import { useEffect, useState } from 'react';
import { Group, Panel, Separator, useDefaultLayout, usePanelCallbackRef } from 'react-resizable-panels';
import { layoutHandles } from '../browser/layout-handles.ts';
import { useCommandContext } from '../commands/context.ts';
import { useFileDrop } from '../hooks/use-file-drop.ts';
import { useKeyboard } from '../hooks/use-keyboard.ts';
import { useStartup } from '../hooks/use-startup.ts';
import { useTheme } from '../hooks/use-theme.ts';
import { Icon } from '../widgets/Icon.tsx';
import { Notifications } from '../widgets/Notifications.tsx';
import { QuickInput } from '../widgets/QuickInput.tsx';
import { ActivityBar } from './ActivityBar.tsx';
import { BottomPanel } from './BottomPanel.tsx';
import { EditorArea } from './EditorArea.tsx';
import { SideBar } from './SideBar.tsx';
import { StatusBar } from './StatusBar.tsx';
import { TitleBar } from './TitleBar.tsx';

export function Workbench() {
  const ctx = useCommandContext();
  useStartup();
  useTheme();
  useKeyboard();
  const dragging = useFileDrop();
  const [sideBarOpen, setSideBarOpen] = useState(true);
  const [sideBar, setSideBar] = usePanelCallbackRef();
  const [panel, setPanel] = usePanelCallbackRef();
  useEffect(() => {
    layoutHandles.sideBar = sideBar;
    layoutHandles.panel = panel;
  }, [sideBar, panel]);
  const outer = useDefaultLayout({ id: 'interleave.layout.outer', storage: localStorage });
  const inner = useDefaultLayout({ id: 'interleave.layout.inner', storage: localStorage });

  return (
    <div className="workbench" data-testid="workbench">
      <TitleBar ctx={ctx} />
      <div className="workbench-body">
        <ActivityBar ctx={ctx} sideBarOpen={sideBarOpen} />
        <Group orientation="horizontal" id="interleave-outer" className="split" defaultLayout={outer.defaultLayout} onLayoutChanged={outer.onLayoutChanged}>
          <Panel
            id="sidebar"
            panelRef={setSideBar}
            defaultSize="300px"
            minSize="180px"
            maxSize="50%"
            collapsible
            groupResizeBehavior="preserve-pixel-size"
            onResize={(size) => setSideBarOpen(size.inPixels > 0)}
          >
            <SideBar ctx={ctx} />
          </Panel>
          <Separator className="sash sash-vertical" />
          <Panel id="main" minSize="30%">
            <Group orientation="vertical" id="interleave-inner" className="split" defaultLayout={inner.defaultLayout} onLayoutChanged={inner.onLayoutChanged}>
              <Panel id="editor" minSize="120px">
                <EditorArea ctx={ctx} />
              </Panel>
              <Separator className="sash sash-horizontal" />
              <Panel id="panel" panelRef={setPanel} defaultSize="38%" minSize="100px" collapsible>
                <BottomPanel ctx={ctx} />
              </Panel>
            </Group>
          </Panel>
        </Group>
      </div>
      <StatusBar ctx={ctx} />
      <QuickInput ctx={ctx} />
      <Notifications />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <Icon name="cloud-upload" />
          Drop a trace or session JSON file to open it
        </div>
      )}
    </div>
  );
}
