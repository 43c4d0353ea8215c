/** The Interleave workbench. */
import { Workbench } from './parts/Workbench.tsx';

export function App() {
  return <Workbench />;
}
