import { useEffect } from 'react';
import { useUiStore } from '../state/ui-store.ts';

/** The theme is a data attribute on <html>; theme.css maps it to VS Code's colour tokens. */
export function useTheme(): void {
  const theme = useUiStore((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
