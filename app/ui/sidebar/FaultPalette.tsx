/**
 * The faults the model allows, grouped by kind: the fault steps enabled at the cursor, each taken
 * with one click (a fault spends one unit of the budget; at a past cursor it forks).
 */
import { FAULT_KINDS, type FaultKind, type Runtime } from '../../engine/index.ts';
import { step } from '../session/session.ts';
import { useSessionStore } from '../state/session-store.ts';
import type { Workbench } from '../state/workbench.ts';
import { Icon } from '../widgets/Icon.tsx';

export const FAULT_ICONS: Record<FaultKind, string> = {
  drop: 'trash',
  delay: 'watch',
  fail: 'error',
  expire: 'clock',
  crash: 'flame',
  overlap: 'layers',
};

const FAULT_HINTS: Record<FaultKind, string> = {
  drop: 'lose a message in flight',
  delay: 'let later messages overtake the head of a FIFO link',
  fail: 'fail a call: the caller gets its failure reply',
  expire: 'fire a deadline early',
  crash: 'restart an actor from its initial state, timers lost',
  overlap: "let a restartable actor's next restart leave the old instance running",
};

/** The fault kinds the model declares anywhere: on links, as deadlines, as crashable actors. */
function admittedFaults(rt: Runtime): FaultKind[] {
  const kinds = new Set<FaultKind>();
  for (const link of rt.links) for (const f of link.faults) if (f !== 'delay' || link.ordered) kinds.add(f);
  if (rt.deadlines.some((d) => d.size > 0)) kinds.add('expire');
  if (rt.crashable.some(Boolean)) kinds.add('crash');
  if (rt.ghostOf.some((g) => g >= 0)) kinds.add('overlap');
  return FAULT_KINDS.filter((k) => kinds.has(k));
}

export function FaultPalette({ wb }: { wb: Workbench }) {
  const apply = useSessionStore((s) => s.apply);
  const kinds = admittedFaults(wb.rt);
  if (kinds.length === 0) return <p className="pane-message">This model admits no faults.</p>;
  return (
    <div className="fault-palette" role="group" aria-label="Fault palette">
      {kinds.map((kind) => {
        const steps = wb.enabled.filter((e) => e.fault === kind);
        return (
          <div key={kind} className="fault-group" data-kind={kind}>
            <div className="fault-kind" title={FAULT_HINTS[kind]}>
              <Icon name={FAULT_ICONS[kind]} className={`fault-icon fault-${kind}`} />
              <span>{kind}</span>
              <span className="badge-count">{steps.length}</span>
            </div>
            {steps.length === 0 ? (
              <div className="fault-none">none enabled here</div>
            ) : (
              steps.map((e) => (
                <button
                  key={e.key}
                  type="button"
                  className="list-row fault-step"
                  aria-label={e.label}
                  title={`${e.label}: ${FAULT_HINTS[kind]}`}
                  onClick={() => apply((s) => step(s, e.json))}
                >
                  <Icon name="add" className="fault-add" />
                  <span className="list-label">{e.label.replace(new RegExp(`^${kind} (early )?`), '')}</span>
                </button>
              ))
            )}
          </div>
        );
      })}
    </div>
  );
}
