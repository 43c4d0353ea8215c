/** A codicon (https://microsoft.github.io/vscode-codicons/), decorative unless given a label. */
export function Icon({ name, label, className = '' }: { name: string; label?: string; className?: string }) {
  return label ? (
    <span className={`codicon codicon-${name} ${className}`} role="img" aria-label={label} />
  ) : (
    <span className={`codicon codicon-${name} ${className}`} aria-hidden="true" />
  );
}
