/** Notification toasts in the bottom-right corner; errors stay until dismissed, others fade after a while. */
import { useEffect } from 'react';
import { useUiStore, type Notification } from '../state/ui-store.ts';
import { Icon } from './Icon.tsx';

const ICONS = { info: 'info', warning: 'warning', error: 'error' } as const;
const FADE_MS = 6000;

export function Notifications() {
  const notifications = useUiStore((s) => s.notifications);
  return (
    <div className="notifications" aria-label="Notifications">
      {notifications.map((n) => (
        <Toast key={n.id} n={n} />
      ))}
    </div>
  );
}

function Toast({ n }: { n: Notification }) {
  const dismiss = useUiStore((s) => s.dismiss);
  useEffect(() => {
    if (n.severity === 'error') return;
    const t = setTimeout(() => dismiss(n.id), FADE_MS);
    return () => clearTimeout(t);
  }, [n, dismiss]);
  return (
    <div className={`toast toast-${n.severity}`} role={n.severity === 'error' ? 'alert' : 'status'} data-testid={`toast-${n.severity}`}>
      <Icon name={ICONS[n.severity]} className="toast-icon" />
      <span className="toast-message">{n.message}</span>
      <button type="button" className="action-item" aria-label="Dismiss notification" onClick={() => dismiss(n.id)}>
        <Icon name="close" />
      </button>
    </div>
  );
}
