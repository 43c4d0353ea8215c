/** Sharing and exporting the current branch: Vitest, JSON, share link, Mermaid, SVG and PNG; importing. */
import { exportJson, exportMermaid, exportVitest, type Trace } from '../../engine/index.ts';
import { shareLink, sessionTrace } from '../session/share-link.ts';
import type { Command, CommandContext } from './types.ts';

function trace(ctx: CommandContext): Trace {
  return sessionTrace(ctx.wb.session, ctx.wb.branch.name);
}

/** "order-buggy-main": a file name for the current branch. */
function baseName(ctx: CommandContext): string {
  const { session, branch } = ctx.wb;
  return [session.model, session.variant, branch.name].join('-').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-+/g, '-');
}

/** Shows what was exported in the Output panel and logs it. */
function show(ctx: CommandContext, title: string, text: string): void {
  ctx.ui.set({ artefact: { title, text } });
  ctx.ui.log(`${title}: ${ctx.wb.session.model} / ${ctx.wb.session.variant}, branch "${ctx.wb.branch.name}" (${ctx.wb.branch.steps.length} steps)`);
}

const hasSteps = (ctx: CommandContext) => ctx.wb.branch.steps.length > 0;

function failed(ctx: CommandContext, what: string, e: unknown): void {
  ctx.ui.notify('error', `Could not draw the ${what}: ${e instanceof Error ? e.message : String(e)}`);
}

export const exportCommands: Command[] = [
  {
    id: 'interleave.copyShareLink',
    label: 'Copy Share Link',
    category: 'Share',
    icon: 'link',
    run: (ctx) => {
      const link = shareLink(ctx.services.shareBase(), ctx.wb.session);
      show(ctx, 'Share link', link);
      ctx.services.copy(link, 'Share link');
    },
  },
  {
    id: 'interleave.copyVitest',
    label: 'Copy Vitest Test',
    category: 'Export',
    icon: 'beaker',
    when: hasSteps,
    run: (ctx) => {
      const text = exportVitest(ctx.wb.rt, trace(ctx));
      show(ctx, 'Vitest test', text);
      ctx.services.copy(text, 'Vitest test');
    },
  },
  {
    id: 'interleave.downloadVitest',
    label: 'Download Vitest Test',
    category: 'Export',
    icon: 'desktop-download',
    when: hasSteps,
    run: (ctx) => {
      const text = exportVitest(ctx.wb.rt, trace(ctx));
      show(ctx, 'Vitest test', text);
      ctx.services.download(`${baseName(ctx)}.test.ts`, text, 'text/typescript');
    },
  },
  {
    id: 'interleave.downloadJson',
    label: 'Download Trace JSON',
    category: 'Export',
    icon: 'json',
    run: (ctx) => {
      const text = exportJson(trace(ctx));
      show(ctx, 'Trace JSON', text);
      ctx.services.download(`${baseName(ctx)}.trace.json`, text, 'application/json');
    },
  },
  {
    id: 'interleave.copyMermaid',
    label: 'Copy Mermaid Diagram',
    category: 'Export',
    icon: 'type-hierarchy-sub',
    run: (ctx) => {
      const text = exportMermaid(ctx.wb.rt, trace(ctx));
      show(ctx, 'Mermaid diagram', text);
      ctx.services.copy(text, 'Mermaid diagram');
    },
  },
  {
    id: 'interleave.downloadSvg',
    label: 'Download Sequence Diagram as SVG',
    category: 'Export',
    icon: 'file-media',
    run: (ctx) => {
      const name = `${baseName(ctx)}.svg`;
      ctx.services.sequenceSvg().then(
        (svg) => ctx.services.download(name, svg, 'image/svg+xml'),
        (e: unknown) => failed(ctx, 'SVG', e),
      );
    },
  },
  {
    id: 'interleave.downloadPng',
    label: 'Download Sequence Diagram as PNG',
    category: 'Export',
    icon: 'device-camera',
    run: (ctx) => {
      const name = `${baseName(ctx)}.png`;
      ctx.services
        .sequenceSvg()
        .then((svg) => ctx.services.svgToPngBlob(svg))
        .then(
          (png) => ctx.services.download(name, png, 'image/png'),
          (e: unknown) => failed(ctx, 'PNG', e),
        );
    },
  },
  {
    id: 'interleave.openFile',
    label: 'Open Trace File…',
    category: 'File',
    icon: 'folder-opened',
    keybinding: 'CtrlCmd+O',
    run: (ctx) => ctx.services.chooseFile(),
  },
  {
    id: 'interleave.openLink',
    label: 'Open Share Link or Trace JSON…',
    category: 'File',
    icon: 'link-external',
    run: (ctx) =>
      ctx.ui.set({
        quickInput: {
          kind: 'input',
          title: 'Paste a share link (or the JSON of a trace) and press Enter',
          placeholder: 'http://…/#trace=…',
          onSubmit: (text) => ctx.services.openLink(text),
        },
      }),
  },
];
