/** The primary side bar: the Explorer (models, faults, branches) or Run and Explore (explorer, random walk, compare). */
import type { CommandContext } from '../commands/types.ts';
import { BranchList } from '../sidebar/BranchList.tsx';
import { CompareSection } from '../sidebar/CompareSection.tsx';
import { ExploreSection } from '../sidebar/ExploreSection.tsx';
import { FaultPalette } from '../sidebar/FaultPalette.tsx';
import { ModelTree } from '../sidebar/ModelTree.tsx';
import { RunSection } from '../sidebar/RunSection.tsx';
import { CommandButton } from '../widgets/CommandButton.tsx';
import { Section } from '../widgets/Section.tsx';

export function SideBar({ ctx }: { ctx: CommandContext }) {
  const explorer = ctx.ui.sideView === 'explorer';
  return (
    <aside className="sidebar" aria-label={explorer ? 'Explorer' : 'Run and Explore'}>
      <header className="sidebar-title">
        <h2>{explorer ? 'Explorer' : 'Run and Explore'}</h2>
        <div className="title-actions">
          {explorer ? (
            <>
              <CommandButton id="interleave.openFile" ctx={ctx} />
              <CommandButton id="interleave.openLink" ctx={ctx} />
            </>
          ) : (
            <>
              <CommandButton id="interleave.explore" ctx={ctx} />
              <CommandButton id="interleave.exploreAllVariants" ctx={ctx} />
            </>
          )}
        </div>
      </header>
      <div className="sidebar-content">
        {explorer ? (
          <>
            <Section title="Models">
              <ModelTree wb={ctx.wb} />
              <p className="variant-description">{ctx.wb.model.variants[ctx.wb.session.variant]?.description}</p>
            </Section>
            <Section title="Faults">
              <FaultPalette wb={ctx.wb} />
            </Section>
            <Section title="Branches" actions={<CommandButton id="interleave.switchBranch" ctx={ctx} />}>
              <BranchList wb={ctx.wb} />
            </Section>
          </>
        ) : (
          <>
            <Section title="Explore">
              <ExploreSection ctx={ctx} />
            </Section>
            <Section title="Run">
              <RunSection ctx={ctx} />
            </Section>
            <Section title="Compare Variants">
              <CompareSection ctx={ctx} />
            </Section>
          </>
        )}
      </div>
    </aside>
  );
}
