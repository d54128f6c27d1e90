// Service worker registration (production builds only; loaded after the page's load event by
// components/OfflineStatus.astro). Contract for tests and the rest of the page:
// <html data-sw="…">: 'registrando' → 'listo' (a worker controls this page: every page and light
// asset is precached) · 'nueva' (a newer build is installed and waiting: the notice shows) ·
// 'actualizando' (the user asked for it; the page reloads once the new worker controls it) ·
// 'sin-soporte' · 'error'.
// A page never runs two builds: the new worker waits until «actualizar» sends SKIP_WAITING; when
// the controller changes under a page that had one (this tab or another asked), it reloads.
import { Workbox } from 'workbox-window';

export type SwState = 'registrando' | 'listo' | 'nueva' | 'actualizando' | 'sin-soporte' | 'error';

export function startServiceWorker(url = '/sw.js'): void {
  const root = document.documentElement;
  const set = (s: SwState): void => {
    root.dataset.sw = s;
  };
  if (!('serviceWorker' in navigator)) {
    set('sin-soporte');
    return;
  }
  const notice = document.querySelector<HTMLElement>('[data-sw-update]');
  const button = notice?.querySelector<HTMLButtonElement>('button');
  const wb = new Workbox(url);
  const hadController = navigator.serviceWorker.controller !== null;
  let reloading = false;
  set('registrando');

  wb.addEventListener('waiting', () => {
    set('nueva');
    if (notice) notice.hidden = false;
  });
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (hadController || root.dataset.sw === 'actualizando') {
      if (!reloading) {
        reloading = true;
        location.reload();
      }
    } else set('listo'); // first visit: the first worker just claimed this page
  });
  button?.addEventListener('click', () => {
    set('actualizando');
    button.disabled = true;
    wb.messageSkipWaiting();
  });
  wb.register()
    .then((reg) => {
      if (!reg) return set('error');
      if (navigator.serviceWorker.controller && root.dataset.sw === 'registrando') set('listo');
    })
    .catch(() => set('error'));
}
