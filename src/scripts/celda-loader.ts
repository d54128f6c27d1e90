/**
 * Upgrades the <figure data-celda> of Celda.astro: when the first one comes near the viewport,
 * imports widgets/lib/celda/celda-view.ts (CodeMirror, the sandbox client; the sandbox itself starts at the
 * first interaction with a cell) and mounts every cell of the page, so the lesson's cells share
 * one notebook scope. Nothing of it is in the page's initial JavaScript.
 */
const NEAR = '600px 0px';

export function initCeldas(): void {
  const figs = [...document.querySelectorAll<HTMLElement>('figure[data-celda]')];
  if (figs.length === 0) return;
  let started = false;
  const io = new IntersectionObserver(
    (entries) => {
      if (started || !entries.some((e) => e.isIntersecting)) return;
      started = true;
      io.disconnect();
      import('../../widgets/lib/celda/celda-view')
        .then((m) => m.mountCells(figs))
        .catch((e: unknown) => {
          console.warn('[celda]', e);
          for (const f of figs) {
            f.dataset.phase = 'failed';
            const s = f.querySelector<HTMLElement>('[data-celda-status]');
            const bar = f.querySelector<HTMLElement>('[data-celda-toolbar]');
            if (s && bar) {
              bar.hidden = false;
              for (const b of bar.querySelectorAll('button')) b.disabled = true;
              s.textContent = 'No se pudo cargar el editor de la celda; el código de arriba se lee igual.';
            }
          }
        });
    },
    { rootMargin: NEAR },
  );
  for (const f of figs) io.observe(f);
}
