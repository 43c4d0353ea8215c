/** Exploring every interleaving in workers, and comparing the schedule with another variant. */
import { variantBounds, type Bounds, type Model } from '../../engine/index.ts';
import { runKey } from '../state/explore-runs.ts';
import { isExploring } from '../state/explore-store.ts';
import type { UiState } from '../state/ui-store.ts';
import type { Command, CommandContext } from './types.ts';

/** The bounds the explorer uses for a variant: as edited, or as the variant states them. */
export function boundsOf(edited: UiState['bounds'], model: Model, variant: string): Bounds {
  return edited[runKey(model.id, variant)] ?? variantBounds(model, variant);
}

/** The bounds the explorer uses for the current variant. */
export function boundsFor(ctx: Pick<CommandContext, 'wb' | 'ui'>): Bounds {
  return boundsOf(ctx.ui.bounds, ctx.wb.model, ctx.wb.session.variant);
}

export const exploreCommands: Command[] = [
  {
    id: 'interleave.explore',
    label: 'Explore Every Interleaving',
    category: 'Explore',
    icon: 'debug-start',
    keybinding: 'F5',
    when: (ctx) => !isExploring(ctx.explore.status),
    run: (ctx) => ctx.services.explore(boundsFor(ctx)),
  },
  {
    id: 'interleave.exploreAllVariants',
    label: 'Explore All Variants',
    category: 'Explore',
    icon: 'debug-all',
    // Ctrl+F5 is Run Random Walk (VS Code's Run Without Debugging).
    keybinding: 'CtrlCmd+Shift+F5',
    when: (ctx) => !isExploring(ctx.explore.status),
    run: (ctx) => {
      const { model } = ctx.wb;
      ctx.services.exploreAll(Object.keys(model.variants).map((variant) => ({ model: model.id, variant, bounds: boundsOf(ctx.ui.bounds, model, variant) })));
    },
  },
  {
    id: 'interleave.stopExploring',
    label: 'Stop Exploring',
    category: 'Explore',
    icon: 'debug-stop',
    keybinding: 'Shift+F5',
    when: (ctx) => ctx.explore.status === 'running',
    run: (ctx) => ctx.services.stopExploring(),
  },
  {
    id: 'interleave.resetBounds',
    label: 'Reset Bounds to the Variant’s Own',
    category: 'Explore',
    icon: 'discard',
    run: (ctx) => {
      const { [`${ctx.wb.session.model}/${ctx.wb.session.variant}`]: _dropped, ...rest } = ctx.ui.bounds;
      ctx.ui.set({ bounds: rest });
    },
  },
  {
    id: 'interleave.compareVariants',
    label: 'Compare With Another Variant…',
    category: 'Explore',
    icon: 'git-compare',
    when: (ctx) => Object.keys(ctx.wb.model.variants).length > 1,
    run: (ctx) => {
      const { model, session } = ctx.wb;
      ctx.ui.set({
        quickInput: {
          kind: 'pick',
          title: `Replay the current schedule of ${session.variant} on another variant`,
          items: Object.entries(model.variants)
            .filter(([v]) => v !== session.variant)
            .map(([v, spec]) => ({ id: v, label: v, description: spec.description, icon: 'git-compare' })),
          onPick: (variant) => {
            ctx.ui.set({ compareWith: variant });
            ctx.ui.openTab('compare');
          },
        },
      });
    },
  },
];
