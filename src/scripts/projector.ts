import { describeTarget, keyAction, kindOf, STEP_ATTR, type KeyAction } from '../../widgets/lib/widget/keys';
import { writeItem } from './local-storage';

/**
 * Projector mode and widget full screen (client side; the mode itself is applied before paint by
 * ProjectorInit.astro as html[data-proyector]).
 * - The header toggle (aria-pressed) and the key P switch the mode; the choice is kept in
 *   localStorage 'tinyml:proyector' ('1' on, '0' off). Switching dispatches 'tinyml:theme' so
 *   every widget redraws with the projector palette.
 * - «Pantalla completa» in every widget frame (Widget.astro) puts that figure full screen; the
 *   button or Escape leaves.
 * - → / ← / Space in a focused or full-screen widget click its data-step buttons (keys.ts).
 * - `?proyector=1#<widget-id>`: the widget is scrolled into view and focused, and a one-click
 *   «Pantalla completa» prompt covers it (browsers refuse full screen without a user gesture).
 */
const KEY = 'tinyml:proyector';
const root = document.documentElement;

export const projectorOn = (): boolean => root.hasAttribute('data-proyector');

export function setProjector(on: boolean): void {
  if (on) root.dataset.proyector = '';
  else delete root.dataset.proyector;
  writeItem(KEY, on ? '1' : '0'); // private mode: the choice lasts for this page only
  sync();
  document.dispatchEvent(new CustomEvent('tinyml:theme', { detail: root.dataset.theme }));
}

function sync(): void {
  const on = projectorOn();
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-proyector-toggle]')) {
    b.setAttribute('aria-pressed', String(on));
    b.title = on ? 'Salir del modo proyector (tecla P)' : 'Modo proyector (tecla P)';
  }
}

/** The widget figure a key event is about: the one holding the target, else the full-screen one. */
function widgetOf(target: EventTarget | null): HTMLElement | null {
  const el = target instanceof Element ? target : null;
  const fig = el?.closest<HTMLElement>('figure[data-widget]');
  if (fig) return fig;
  const fs = document.fullscreenElement;
  return fs instanceof HTMLElement && fs.matches('figure[data-widget]') ? fs : null;
}

/** Clicks the first enabled data-step button for `action` in `fig`; false when there is none. */
function runStep(fig: HTMLElement, action: Exclude<KeyAction, 'projector' | null>): boolean {
  const b = [...fig.querySelectorAll<HTMLButtonElement>(`button[${STEP_ATTR}="${action}"]`)].find((x) => !x.disabled && x.offsetParent !== null);
  if (!b) return false;
  b.click();
  return true;
}

function onKey(e: KeyboardEvent): void {
  if (e.defaultPrevented || (e.repeat && e.key.toLowerCase() === 'p')) return;
  if (e.key === 'Escape' && document.fullscreenElement) {
    void document.exitFullscreen().catch(() => {});
    return;
  }
  const fig = widgetOf(e.target);
  const action = keyAction(e, kindOf(describeTarget(e.target instanceof Element ? e.target : null)), fig !== null);
  if (!action) return;
  if (action === 'projector') {
    e.preventDefault();
    setProjector(!projectorOn());
    return;
  }
  if (fig && runStep(fig, action)) e.preventDefault();
}

async function enterFullscreen(fig: HTMLElement): Promise<void> {
  const status = fig.querySelector<HTMLElement>('[data-widget-status]');
  try {
    await fig.requestFullscreen();
    fig.focus({ preventScroll: true });
  } catch {
    if (status) status.textContent = 'Tu navegador no ha dejado abrir la pantalla completa.';
  }
}

function toggleFullscreen(fig: HTMLElement): void {
  if (document.fullscreenElement === fig) void document.exitFullscreen().catch(() => {});
  else void enterFullscreen(fig);
}

function syncFullscreen(): void {
  const fs = document.fullscreenElement;
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-widget-fullscreen]')) {
    const on = fs !== null && b.closest('figure[data-widget]') === fs;
    b.setAttribute('aria-pressed', String(on));
    b.textContent = on ? 'Salir de pantalla completa' : 'Pantalla completa';
  }
}

/** The one-click prompt over a deep-linked widget (full screen needs a user gesture). */
function fullscreenPrompt(fig: HTMLElement): void {
  const box = document.createElement('div');
  box.className = 'fs-prompt';
  box.dataset.fsPrompt = '';
  const title = fig.querySelector('.widget-title')?.textContent ?? 'la demostración';
  box.innerHTML = '<div class="fs-prompt-box" role="group" aria-label="Pantalla completa"><p></p><p class="fs-prompt-note">El navegador solo abre la pantalla completa tras un clic tuyo.</p><div class="fs-prompt-actions"><button type="button" class="btn" data-fs-go>Pantalla completa</button><button type="button" class="btn btn-quiet" data-fs-close>Seguir sin pantalla completa</button></div></div>';
  box.querySelector('p')!.textContent = `«${title}» está lista para proyectar.`;
  const close = (): void => {
    box.remove();
    delete fig.dataset.fsPrompt;
    fig.focus({ preventScroll: true });
  };
  box.querySelector('[data-fs-go]')!.addEventListener('click', () => {
    close();
    void enterFullscreen(fig);
  });
  box.querySelector('[data-fs-close]')!.addEventListener('click', close);
  fig.dataset.fsPrompt = '';
  fig.append(box);
}

function openDeepLink(): void {
  const params = new URLSearchParams(location.search);
  if (params.get('proyector') !== '1' || location.hash.length < 2) return;
  const fig = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!(fig instanceof HTMLElement) || !fig.matches('figure[data-widget]')) return;
  fig.scrollIntoView({ block: 'start' });
  fig.focus({ preventScroll: true });
  fullscreenPrompt(fig);
  fig.dataset.deepLinked = '';
}

let started = false;
export function initProjector(): void {
  if (started) return;
  started = true;
  sync();
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-proyector-toggle]')) {
    b.addEventListener('click', () => setProjector(!projectorOn()));
  }
  document.addEventListener('keydown', onKey);
  document.addEventListener('click', (e) => {
    const b = e.target instanceof Element ? e.target.closest<HTMLButtonElement>('[data-widget-fullscreen]') : null;
    const fig = b?.closest<HTMLElement>('figure[data-widget]');
    if (fig) toggleFullscreen(fig);
  });
  document.addEventListener('fullscreenchange', syncFullscreen);
  if (!document.fullscreenEnabled) {
    for (const b of document.querySelectorAll<HTMLElement>('[data-widget-fullscreen]')) b.hidden = true;
  }
  openDeepLink();
}
