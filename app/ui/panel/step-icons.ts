/** The codicon for each kind of step, shared by the Timeline and Next step lists. */
import type { StepJson } from '../../engine/index.ts';
import { FAULT_ICONS } from '../sidebar/FaultPalette.tsx';

export function stepIcon(json: StepJson): string {
  switch (json.do) {
    case 'stimulus':
      return 'person';
    case 'deliver':
      return 'mail';
    case 'timer':
      return 'clock';
    case 'exit':
      return 'debug-stop';
    case 'finish':
      return 'pass';
    default:
      return FAULT_ICONS[json.do];
  }
}
