/**
 * The statechart view, loaded on first use: the diagrams and dagre, which lays them out, live in
 * their own chunk so the workbench's main chunk stays small.
 */
import { lazy, Suspense } from 'react';
import type { ViewProps } from './types.ts';

const StatechartDiagrams = lazy(() => import('./StatechartDiagrams.tsx'));

export function StatechartView(props: ViewProps) {
  return (
    <Suspense
      fallback={
        <div className="iv-view iv-loading">
          <i className="codicon codicon-loading codicon-modifier-spin" aria-hidden="true" /> Laying out statecharts…
        </div>
      }
    >
      <StatechartDiagrams {...props} />
    </Suspense>
  );
}
