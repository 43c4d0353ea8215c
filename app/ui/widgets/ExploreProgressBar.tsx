/** VS Code's thin indeterminate progress bar, shown while the explorer runs. */
import { isExploring, useExploreStore } from '../state/explore-store.ts';

export function ExploreProgressBar() {
  const running = useExploreStore((s) => isExploring(s.status));
  if (!running) return null;
  return (
    <div className="progress-bar" role="progressbar" aria-label="Exploring" aria-busy="true">
      <div className="progress-bit" />
    </div>
  );
}
