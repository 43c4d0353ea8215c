/**
 * The workbench's editor views (statechart, sequence, state, each a React component taking
 * ViewProps; metrics, which also overlays simulated runs) and the sequence diagram's exports. The
 * statechart view loads its layout engine, and the metrics view its charting library, on first use.
 */
import '@vscode/codicons/dist/codicon.css';
import './views.css';

export type { ViewProps } from './types.ts';
export { StatechartView } from './StatechartView.tsx';
export { SequenceView } from './SequenceView.tsx';
export { StateView } from './StateView.tsx';
export { MetricsView, type MetricsViewProps, type OverlayRun } from './MetricsView.tsx';
export { sequenceSvg, type SvgTheme } from './sequence-svg.ts';
export { svgToPngBlob } from './png.ts';
