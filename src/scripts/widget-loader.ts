import { widgetLoader } from '../../widgets/registry';
import { stateParam } from '../../widgets/lib/state/codec';

/**
 * Upgrades every <figure data-widget> rendered by Widget.astro: imports the widget's view when
 * the figure is near the viewport (or at once when the URL carries its state), mounts
 * <tinyml-<name>>, wires the share/reset toolbar and turns failures into a message with a
 * retry button. A failing widget never breaks the rest of the page.
 */
interface ShareableElement extends HTMLElement {
  shareUrl(): string;
  resetState(): void;
}

const NEAR = '600px 0px';

function setStatus(fig: HTMLElement, text: string): void {
  const s = fig.querySelector<HTMLElement>('[data-widget-status]');
  if (s) s.textContent = text;
}

function showError(fig: HTMLElement, detail: string): void {
  const body = fig.querySelector<HTMLElement>('[data-widget-body]');
  if (!body) return;
  fig.dataset.state = 'error';
  fig.querySelector<HTMLElement>('[data-widget-toolbar]')?.setAttribute('hidden', '');
  body.replaceChildren();
  const box = document.createElement('div');
  box.className = 'widget-error';
  box.setAttribute('role', 'alert');
  const p = document.createElement('p');
  p.textContent = `Esta demostración ha fallado (${detail}). El resto de la lección sigue funcionando.`;
  const retry = document.createElement('button');
  retry.type = 'button';
  retry.className = 'btn widget-retry';
  retry.textContent = 'Reintentar';
  retry.addEventListener('click', () => void mount(fig));
  box.append(p, retry);
  body.append(box);
}

function describe(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'error desconocido';
}

async function mount(fig: HTMLElement): Promise<void> {
  const name = fig.dataset.widget ?? '';
  const body = fig.querySelector<HTMLElement>('[data-widget-body]');
  if (!body) return;
  fig.dataset.state = 'loading';
  const load = widgetLoader(name);
  try {
    if (!load) throw new Error(`no existe el widget «${name}»`);
    await load();
    await customElements.whenDefined(`tinyml-${name}`);
  } catch (error) {
    console.warn(`[widget ${name}]`, error);
    showError(fig, `no se pudo cargar: ${describe(error)}`);
    return;
  }
  const el = document.createElement(`tinyml-${name}`) as ShareableElement;
  el.dataset.widgetId = fig.dataset.widgetId ?? name;
  if (fig.dataset.config) el.dataset.config = fig.dataset.config;
  el.classList.add('widget-root');
  let failed = false;
  el.addEventListener('widget-error', (e) => {
    if (failed) return;
    failed = true;
    const err = (e as CustomEvent<{ error: unknown }>).detail?.error;
    el.remove(); // disconnectedCallback releases whatever the widget had started
    showError(fig, describe(err));
  });
  body.replaceChildren(el);
  if (failed) return;
  fig.dataset.state = 'ready';
  fig.querySelector<HTMLElement>('[data-widget-toolbar]')?.removeAttribute('hidden');
}

async function share(fig: HTMLElement): Promise<void> {
  const el = fig.querySelector<ShareableElement>('.widget-root');
  if (!el) return;
  const url = el.shareUrl();
  try {
    await navigator.clipboard.writeText(url);
    setStatus(fig, 'Enlace copiado: abre la demostración exactamente así.');
  } catch {
    setStatus(fig, `Copia este enlace: ${url}`);
  }
  fig.dataset.shareUrl = url;
}

export function initWidgets(root: ParentNode = document): void {
  const figs = [...root.querySelectorAll<HTMLElement>('figure[data-widget]')];
  const params = new URLSearchParams(location.search);
  const io = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        io.unobserve(entry.target);
        void mount(entry.target as HTMLElement);
      }
    },
    { rootMargin: NEAR },
  );
  for (const fig of figs) {
    fig.querySelector('[data-widget-share]')?.addEventListener('click', () => void share(fig));
    fig.querySelector('[data-widget-reset]')?.addEventListener('click', () => {
      fig.querySelector<ShareableElement>('.widget-root')?.resetState();
      setStatus(fig, 'Valores iniciales restablecidos.');
    });
    if (params.has(stateParam(fig.dataset.widgetId ?? ''))) void mount(fig);
    else io.observe(fig);
  }
}
