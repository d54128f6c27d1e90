// Course progress kept in this browser only: localStorage 'tinyml:progreso' = JSON array of
// completed lesson slugs. Every element with [data-progress-slug] reflects it.
import { readItem, writeItem } from './local-storage';

const KEY = 'tinyml:progreso';

export function readProgress(): Set<string> {
  try {
    const raw: unknown = JSON.parse(readItem(KEY) ?? '[]');
    return new Set(Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : []);
  } catch {
    return new Set();
  }
}

/** Without storage, progress lasts for this page only. */
const writeProgress = (done: Set<string>): void => void writeItem(KEY, JSON.stringify([...done]));

export function setCompleted(slug: string, completed: boolean): Set<string> {
  const done = readProgress();
  if (completed) done.add(slug);
  else done.delete(slug);
  writeProgress(done);
  return done;
}

/** Marks [data-progress-slug] items, fills [data-progress-count] and wires toggle buttons. */
export function initProgress(): void {
  const render = (done: Set<string>): void => {
    for (const el of document.querySelectorAll<HTMLElement>('[data-progress-slug]')) {
      el.dataset.completed = String(done.has(el.dataset.progressSlug ?? ''));
    }
    for (const el of document.querySelectorAll<HTMLElement>('[data-progress-count]')) {
      const total = Number(el.dataset.progressTotal ?? '0');
      const published = (el.dataset.progressSlugs ?? '').split(' ').filter(Boolean);
      const n = published.filter((s) => done.has(s)).length;
      el.textContent = `${n} de ${total} lecciones completadas`;
    }
    for (const b of document.querySelectorAll<HTMLButtonElement>('[data-complete-toggle]')) {
      const on = done.has(b.dataset.completeToggle ?? '');
      b.setAttribute('aria-pressed', String(on));
      const label = b.querySelector('[data-label]');
      if (label) label.textContent = on ? 'Lección completada' : 'Marcar como completada';
    }
  };
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-complete-toggle]')) {
    b.addEventListener('click', () => {
      const slug = b.dataset.completeToggle ?? '';
      render(setCompleted(slug, b.getAttribute('aria-pressed') !== 'true'));
    });
  }
  window.addEventListener('storage', (e) => {
    if (e.key === KEY) render(readProgress());
  });
  render(readProgress());
}
