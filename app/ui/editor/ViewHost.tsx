/** Hands the workbench's state (cursor, focus, range, explanation) to one of the three editor views. */
import { memo, Suspense, type ComponentType } from 'react';
import { jump } from '../session/session.ts';
import { useSessionStore } from '../state/session-store.ts';
import { useUiStore } from '../state/ui-store.ts';
import type { Workbench } from '../state/workbench.ts';
import type { ViewProps } from '../views/types.ts';

/** Memoised: the workbench re-renders often (explorer progress); a view only when its inputs change. */
export const ViewHost = memo(function ViewHost({ wb, view: View }: { wb: Workbench; view: ComponentType<ViewProps> }) {
  const apply = useSessionStore((s) => s.apply);
  const focusedActor = useUiStore((s) => s.focusedActor);
  const selection = useUiStore((s) => s.selection);
  const setUi = useUiStore((s) => s.set);
  return (
    <Suspense
      fallback={
        <div className="view-loading">
          <span className="codicon codicon-loading codicon-modifier-spin" aria-hidden="true" /> Loading the view…
        </div>
      }
    >
      <View
        rt={wb.rt}
        replay={wb.replay}
        cursor={wb.cursor}
        focusedActor={focusedActor}
        onFocusActor={(actor) => setUi({ focusedActor: actor === focusedActor ? null : actor })}
        onJump={(cursor) => apply((s) => jump(s, cursor))}
        explanation={wb.explanation}
        range={selection.length === 2 ? [selection[0], selection[1]] : null}
      />
    </Suspense>
  );
});
