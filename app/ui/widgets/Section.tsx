/** A collapsible side bar section with a VS Code-style header and optional header actions. */
import { useId, useState, type ReactNode } from 'react';
import { Icon } from './Icon.tsx';

export function Section({ title, actions, children, grow = false }: { title: string; actions?: ReactNode; children: ReactNode; grow?: boolean }) {
  const [open, setOpen] = useState(true);
  const id = useId();
  return (
    <section className={`pane-section ${open && grow ? 'grow' : ''}`} aria-labelledby={`${id}-title`}>
      <div className="pane-header">
        <button type="button" className="pane-toggle" aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen(!open)}>
          <Icon name={open ? 'chevron-down' : 'chevron-right'} />
          <h3 id={`${id}-title`}>{title}</h3>
        </button>
        {open && actions && <div className="pane-actions">{actions}</div>}
      </div>
      {open && (
        <div className="pane-body" id={`${id}-body`}>
          {children}
        </div>
      )}
    </section>
  );
}
