/** The session's branches as a tree (a fork under the branch it came from); click one to switch to it. */
import { switchBranch, type Branch } from '../session/session.ts';
import { useSessionStore } from '../state/session-store.ts';
import type { Workbench } from '../state/workbench.ts';
import { Icon } from '../widgets/Icon.tsx';

/** Branches in tree order with their depth: each fork right after the branch it forked from. */
function treeOrder(branches: Branch[]): Array<{ branch: Branch; depth: number }> {
  const out: Array<{ branch: Branch; depth: number }> = [];
  const ids = new Set(branches.map((b) => b.id));
  const visit = (b: Branch, depth: number) => {
    out.push({ branch: b, depth });
    for (const child of branches) if (child.forkOf?.branch === b.id) visit(child, depth + 1);
  };
  for (const b of branches) if (!b.forkOf || !ids.has(b.forkOf.branch)) visit(b, 0);
  return out;
}

export function BranchList({ wb }: { wb: Workbench }) {
  const apply = useSessionStore((s) => s.apply);
  return (
    <ul className="list branch-list" aria-label="Branches">
      {treeOrder(wb.session.branches).map(({ branch, depth }) => {
        const current = branch.id === wb.session.current;
        return (
          <li key={branch.id}>
            <button
              type="button"
              className={`list-row ${current ? 'selected' : ''}`}
              style={{ paddingLeft: 12 + depth * 14 }}
              aria-current={current ? 'true' : undefined}
              aria-label={`Branch ${branch.name}`}
              onClick={() => apply((s) => switchBranch(s, branch.id))}
            >
              <Icon name={current ? 'git-branch' : branch.forkOf ? 'git-merge' : 'git-commit'} />
              <span className="list-label">{branch.name}</span>
              <span className="list-description">
                {branch.steps.length} step{branch.steps.length === 1 ? '' : 's'}
                {branch.forkOf ? ` · from step ${branch.forkOf.at}` : ''}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
