/** Stepping through a schedule: step, back, forward, start, end, branches, variants, actors, Run. */
import { models } from '../models.ts';
import { randomSeed, randomWalk } from '../session/random-walk.ts';
import { back, forward, jump, newSession, step, steps, switchBranch } from '../session/session.ts';
import { highlightedStep } from '../state/workbench.ts';
import type { Command } from './types.ts';

export const stepCommands: Command[] = [
  {
    id: 'interleave.step',
    label: 'Step',
    category: 'Run',
    icon: 'debug-step-over',
    keybinding: 'F10',
    when: (ctx) => highlightedStep(ctx.wb, ctx.ui.highlightedStep) !== undefined,
    run: (ctx) => {
      const next = highlightedStep(ctx.wb, ctx.ui.highlightedStep);
      if (next) ctx.apply((s) => step(s, next.json));
    },
  },
  {
    id: 'interleave.back',
    label: 'Step Back',
    category: 'Run',
    icon: 'arrow-left',
    keybinding: 'Alt+Left',
    when: (ctx) => ctx.wb.cursor > 0,
    run: (ctx) => ctx.apply(back),
  },
  {
    id: 'interleave.forward',
    label: 'Step Forward',
    category: 'Run',
    icon: 'arrow-right',
    keybinding: 'Alt+Right',
    when: (ctx) => ctx.wb.cursor < ctx.wb.branch.steps.length,
    run: (ctx) => ctx.apply(forward),
  },
  {
    id: 'interleave.start',
    label: 'Go to Initial World',
    category: 'Run',
    icon: 'debug-restart',
    keybinding: 'Alt+Home',
    when: (ctx) => ctx.wb.cursor > 0,
    run: (ctx) => ctx.apply((s) => jump(s, 0)),
  },
  {
    id: 'interleave.end',
    label: 'Go to End of Branch',
    category: 'Run',
    icon: 'debug-continue',
    keybinding: 'Alt+End',
    when: (ctx) => ctx.wb.cursor < ctx.wb.branch.steps.length,
    run: (ctx) => ctx.apply((s) => jump(s, ctx.wb.branch.steps.length)),
  },
  {
    id: 'interleave.run',
    label: 'Run Random Walk',
    category: 'Run',
    icon: 'run-all',
    keybinding: 'CtrlCmd+F5',
    when: (ctx) => ctx.wb.enabled.length > 0,
    run: (ctx) => {
      const { seed, maxSteps, maxFaults } = ctx.ui.run;
      const walk = randomWalk(ctx.wb.rt, ctx.wb.world, { seed, maxSteps, maxFaults });
      ctx.apply((s) => steps(s, walk.steps));
      ctx.ui.showPanel('timeline');
      const why = walk.stopped === 'quiescent' ? 'nothing more is enabled' : `the limit of ${maxSteps} steps`;
      ctx.ui.log(`Run with seed ${seed}: ${walk.steps.length} steps from step ${ctx.wb.cursor}, stopped at ${why}.`);
      ctx.ui.notify('info', `Run with seed ${seed}: ${walk.steps.length} steps; stopped: ${why}.`);
    },
  },
  {
    id: 'interleave.newSeed',
    label: 'New Random Seed',
    category: 'Run',
    icon: 'refresh',
    run: (ctx) => ctx.ui.set({ run: { ...ctx.ui.run, seed: randomSeed() } }),
  },
  {
    id: 'interleave.selectVariant',
    label: 'Select Model Variant…',
    category: 'Model',
    icon: 'beaker',
    run: (ctx) =>
      ctx.ui.set({
        quickInput: {
          kind: 'pick',
          title: 'Select a model variant',
          items: catalogItems(),
          onPick: (id) => {
            const [model, variant] = id.split('/');
            ctx.selectVariant(model, variant);
          },
        },
      }),
  },
  {
    id: 'interleave.switchBranch',
    label: 'Switch Branch…',
    category: 'Model',
    icon: 'git-branch',
    when: (ctx) => ctx.wb.session.branches.length > 1,
    run: (ctx) =>
      ctx.ui.set({
        quickInput: {
          kind: 'pick',
          title: 'Switch to a branch',
          items: ctx.wb.session.branches.map((b) => ({
            id: b.id,
            label: b.name,
            description: `${b.steps.length} steps${b.id === ctx.wb.session.current ? ' · current' : ''}`,
            icon: 'git-branch',
          })),
          onPick: (id) => ctx.apply((s) => switchBranch(s, id)),
        },
      }),
  },
  {
    id: 'interleave.focusActor',
    label: 'Focus Actor…',
    category: 'Model',
    icon: 'symbol-object',
    run: (ctx) =>
      ctx.ui.set({
        quickInput: {
          kind: 'pick',
          title: 'Focus an actor in every view',
          items: ctx.wb.rt.actorNames.map((name) => ({ id: name, label: name, icon: 'symbol-object' })),
          onPick: (id) => ctx.ui.set({ focusedActor: id }),
        },
      }),
  },
  {
    id: 'interleave.resetSession',
    label: 'Start Over (Discard All Branches)',
    category: 'Model',
    icon: 'clear-all',
    run: (ctx) => {
      ctx.apply((s) => newSession(s.model, s.variant));
      ctx.ui.notify('info', `Started over on ${ctx.wb.session.model} / ${ctx.wb.session.variant}.`);
    },
  },
];

/** Every variant of every bundled model. */
function catalogItems() {
  return models.flatMap((model) =>
    Object.entries(model.variants).map(([variant, spec]) => ({
      id: `${model.id}/${variant}`,
      label: `${model.id} / ${variant}`,
      description: spec.description,
      icon: 'beaker',
    })),
  );
}
