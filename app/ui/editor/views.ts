/**
 * The editor views (app/ui/views/) and the sequence diagram's exports, fed from the workbench.
 * They load on first use, in their own chunk, so the workbench's first paint does not wait for them.
 */
import { lazy } from 'react';
import type { Workbench } from '../state/workbench.ts';
import type { Theme } from '../state/ui-store.ts';
import type { ViewProps } from '../views/index.ts';

const load = () => import('../views/index.ts');

export const StatechartView = lazy(() => load().then((m) => ({ default: m.StatechartView })));
export const SequenceView = lazy(() => load().then((m) => ({ default: m.SequenceView })));
export const StateView = lazy(() => load().then((m) => ({ default: m.StateView })));
export const MetricsView = lazy(() => load().then((m) => ({ default: m.MetricsView })));

/** Props for a view drawn outside React (an export): nothing to focus or jump to. */
function staticProps(wb: Workbench, focusedActor: string | null): ViewProps {
  return {
    rt: wb.rt,
    replay: wb.replay,
    cursor: wb.cursor,
    focusedActor,
    onFocusActor: () => {},
    onJump: () => {},
    explanation: wb.explanation,
    range: null,
  };
}

export async function sequenceSvgOf(wb: Workbench, focusedActor: string | null, theme: Theme): Promise<string> {
  return (await load()).sequenceSvg(staticProps(wb, focusedActor), theme);
}

export async function svgToPng(svg: string): Promise<Blob> {
  return (await load()).svgToPngBlob(svg);
}
