// Header search over Pagefind's static index (<site>/pagefind/, written at build time by the
// pagefind-index integration in astro.config.mjs). The index and its JS are loaded from our
// own origin the first time the box gets focus, so the search also works offline afterwards.

interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
}
interface PagefindData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results?: PagefindSubResult[];
}
interface PagefindResult {
  data(): Promise<PagefindData>;
}
interface PagefindApi {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(q: string): Promise<{ results: PagefindResult[] } | null>;
}

const MAX_PAGES = 8;
const MAX_SUBS = 3;
const PAGEFIND_URL = '/pagefind/pagefind.js';

type State = 'idle' | 'loading' | 'ready' | 'results' | 'empty' | 'unavailable';

let api: Promise<PagefindApi | null> | null = null;

function loadPagefind(): Promise<PagefindApi | null> {
  api ??= (async () => {
    try {
      // A runtime URL on our own origin: Vite must not try to bundle it (it does not exist
      // until the build is done, and not at all under `astro dev`).
      const url = new URL(PAGEFIND_URL, window.location.origin).href;
      const pf = (await import(/* @vite-ignore */ url)) as PagefindApi;
      await pf.options({ excerptLength: 18 });
      await pf.init();
      return pf;
    } catch {
      return null;
    }
  })();
  return api;
}

/** Pagefind's excerpt is HTML with <mark> around hits: keep only its text and the marks. */
function excerptNodes(html: string): Node[] {
  const tpl = document.createElement('template');
  tpl.innerHTML = html;
  const out: Node[] = [];
  for (const n of tpl.content.childNodes) {
    if (n.nodeType === Node.ELEMENT_NODE && (n as Element).tagName === 'MARK') {
      const m = document.createElement('mark');
      m.textContent = n.textContent;
      out.push(m);
    } else {
      out.push(document.createTextNode(n.textContent ?? ''));
    }
  }
  return out;
}

function span(cls: string, children: (Node | string)[]): HTMLSpanElement {
  const s = document.createElement('span');
  s.className = cls;
  s.append(...children);
  return s;
}

function pageItem(d: PagefindData): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'sr-page';
  const title = d.meta.title ?? d.url;
  const subs = (d.sub_results ?? []).filter((s) => s.url !== d.url && s.url.includes('#')).slice(0, MAX_SUBS);
  const top = document.createElement('a');
  top.href = d.url;
  top.className = 'sr-link';
  top.append(span('sr-lesson', [title]));
  if (subs.length === 0) top.append(span('sr-excerpt', excerptNodes(d.excerpt)));
  li.append(top);
  if (subs.length > 0) {
    const ul = document.createElement('ul');
    for (const s of subs) {
      const sli = document.createElement('li');
      sli.className = 'sr-sub';
      const a = document.createElement('a');
      a.href = s.url;
      a.className = 'sr-link';
      a.append(span('sr-section', [s.title]), span('sr-excerpt', excerptNodes(s.excerpt)));
      sli.append(a);
      ul.append(sli);
    }
    li.append(ul);
  }
  return li;
}

function typingElsewhere(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  return t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT';
}

export function initSiteSearch(): void {
  const root = document.querySelector<HTMLElement>('[data-site-search]');
  const input = root?.querySelector<HTMLInputElement>('[data-search-input]');
  const panel = root?.querySelector<HTMLElement>('[data-search-panel]');
  const status = root?.querySelector<HTMLElement>('[data-search-status]');
  const list = root?.querySelector<HTMLUListElement>('[data-search-results]');
  if (!root || !input || !panel || !status || !list) return;

  let seq = 0;
  const setState = (s: State, query = ''): void => {
    root.dataset.searchState = s;
    root.dataset.query = query;
  };
  const open = (yes: boolean): void => {
    panel.hidden = !yes;
  };
  const links = (): HTMLAnchorElement[] => [...list.querySelectorAll<HTMLAnchorElement>('a.sr-link')];

  const run = async (): Promise<void> => {
    const my = ++seq;
    const q = input.value.trim();
    if (q === '') {
      list.replaceChildren();
      status.textContent = '';
      open(false);
      setState('ready');
      return;
    }
    const pf = await loadPagefind();
    if (my !== seq) return;
    if (!pf) {
      list.replaceChildren();
      status.textContent = 'La búsqueda funciona en el sitio construido (npm run build); aquí no hay índice.';
      open(true);
      setState('unavailable', q);
      return;
    }
    const found = await pf.search(q);
    if (my !== seq || !found) return;
    const data = await Promise.all(found.results.slice(0, MAX_PAGES).map((r) => r.data()));
    if (my !== seq) return;
    list.replaceChildren(...data.map(pageItem));
    const n = found.results.length;
    status.textContent =
      n === 0 ? `Sin resultados para «${q}».` : n === 1 ? '1 lección encontrada.' : `${n} lecciones encontradas.`;
    open(true);
    setState(n === 0 ? 'empty' : 'results', q);
  };

  input.addEventListener('focus', () => {
    if (root.dataset.searchState !== 'idle') return;
    setState('loading');
    void loadPagefind().then((pf) => {
      if (root.dataset.searchState === 'loading') setState(pf ? 'ready' : 'unavailable');
    });
  });
  input.addEventListener('input', () => void run());

  root.addEventListener('keydown', (e) => {
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (e.key === 'Escape') {
      if (!panel.hidden) {
        e.preventDefault();
        open(false);
        input.focus();
      } else if (document.activeElement === input && input.value !== '') {
        e.preventDefault();
        input.value = '';
        void run();
      }
    } else if (e.key === 'ArrowDown' && !panel.hidden && all.length > 0) {
      e.preventDefault();
      all[Math.min(at + 1, all.length - 1)]?.focus();
    } else if (e.key === 'ArrowUp' && at >= 0) {
      e.preventDefault();
      if (at === 0) input.focus();
      else all[at - 1]?.focus();
    } else if (e.key === 'Enter' && document.activeElement === input && all.length > 0) {
      // Enter in the box opens the first result.
      e.preventDefault();
      all[0]?.click();
    }
  });
  // A click on a result must not close the panel first (Safari does not focus links on click).
  panel.addEventListener('mousedown', (e) => e.preventDefault());
  // Reopen what was there when the box gets focus again; close when focus leaves the search.
  input.addEventListener('click', () => {
    if (input.value.trim() !== '' && list.childElementCount + status.textContent.length > 0) open(true);
  });
  root.addEventListener('focusout', (e) => {
    const to = e.relatedTarget;
    if (!(to instanceof Node) || !root.contains(to)) open(false);
  });

  document.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (typingElsewhere(e.target)) return;
    e.preventDefault();
    input.focus();
    input.select();
  });
}
