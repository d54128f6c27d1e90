// Light/dark theme: follows the system until the reader picks one; the choice is kept in
// localStorage under 'tinyml:tema'.
import { readItem, writeItem } from './local-storage';

const KEY = 'tinyml:tema';
type Theme = 'light' | 'dark';

function stored(): Theme | null {
  const v = readItem(KEY);
  return v === 'light' || v === 'dark' ? v : null;
}

function apply(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
    b.setAttribute('aria-label', theme === 'dark' ? 'Cambiar a tema claro' : 'Cambiar a tema oscuro');
    b.title = b.getAttribute('aria-label') ?? '';
  }
  document.dispatchEvent(new CustomEvent('tinyml:theme', { detail: theme }));
}

export function initThemeToggle(): void {
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  apply(stored() ?? (media.matches ? 'dark' : 'light'));
  media.addEventListener('change', (e) => {
    if (!stored()) apply(e.matches ? 'dark' : 'light');
  });
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
    b.addEventListener('click', () => {
      const next: Theme = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
      writeItem(KEY, next); // private mode: the choice lasts for this page only
      apply(next);
    });
  }
}
