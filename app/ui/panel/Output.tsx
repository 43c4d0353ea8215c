/** Output: the export actions, the text of the last export (to read or copy by hand) and a log. */
import type { CommandContext } from '../commands/types.ts';
import { CommandButton } from '../widgets/CommandButton.tsx';

const EXPORTS: Array<[string, string]> = [
  ['interleave.copyShareLink', 'Share link'],
  ['interleave.copyVitest', 'Vitest'],
  ['interleave.downloadVitest', 'Vitest file'],
  ['interleave.downloadJson', 'JSON'],
  ['interleave.copyMermaid', 'Mermaid'],
  ['interleave.downloadSvg', 'SVG'],
  ['interleave.downloadPng', 'PNG'],
  ['interleave.openFile', 'Open file…'],
  ['interleave.openLink', 'Open link…'],
];

export function Output({ ctx }: { ctx: CommandContext }) {
  const { artefact, output } = ctx.ui;
  return (
    <div className="output">
      <div className="output-actions" role="toolbar" aria-label="Export and import">
        {EXPORTS.map(([id, text]) => (
          <CommandButton key={id} id={id} ctx={ctx} text={text} className="secondary" />
        ))}
      </div>
      {artefact && (
        <section className="artefact" aria-label={artefact.title}>
          <div className="artefact-title">{artefact.title}</div>
          <pre data-testid="output-artefact" tabIndex={0}>
            {artefact.text}
          </pre>
        </section>
      )}
      <ol className="output-log" aria-label="Output log">
        {output.map((e) => (
          <li key={e.id}>
            <span className="muted">[{e.time}]</span> {e.text}
          </li>
        ))}
      </ol>
    </div>
  );
}
