// Which built files the service worker precaches at the first visit (light) and which it caches
// on first use (heavy), plus the download list the «Descargar el curso» control reads.
// Pure functions over { path, bytes } (path relative to the output folder, '/' separators).
import { createHash } from 'node:crypto';

/** JavaScript or WebAssembly above this many bytes is heavy (tfjs, its workers, LiteRT). */
export const HEAVY_CODE_BYTES = 200 * 1024;

/** The runtime cache's name prefix; the full name adds a hash of the heavy files' contents. */
export const HEAVY_CACHE_PREFIX = 'tinyml-pesados-';

/** The JSON written next to sw.js: the heavy list with sizes, for the download control. */
export const OFFLINE_LIST = 'offline-assets.json';
export const OFFLINE_LIST_FORMAT = 'tinyml-offline-assets';

// Files nobody requests from a page: Pagefind's ready-made UIs and highlighter (we use
// pagefind.js only), the legacy KaTeX font formats (every browser we support takes woff2),
// repository dotfiles, the test-harness pages under pruebas/ (no lesson links them).
const NEVER = [/^pagefind\/pagefind-(component-|modular-)?ui\./, /^pagefind\/pagefind-highlight\./, /^pruebas\//, /\.(woff|ttf|md|map)$/, /(^|\/)\.git/, /^sw\.js$/, /^sw-cleanup\.js$/, /^workbox-[^/]+\.js$/];
const LIGHT_EXT = /\.(html|css|js|mjs|json|svg|png|webmanifest|woff2|pagefind|pf_fragment|pf_index|pf_meta|ino|h|txt)$/;

/**
 * @param {{ path: string, bytes: number }} f
 * @returns {'heavy' | 'light' | 'skip'}
 */
export function classify(f) {
  if (NEVER.some((re) => re.test(f.path))) return 'skip';
  if (/^(data|models|litert)\//.test(f.path)) return 'heavy';
  if (/\.wasm$/.test(f.path)) return 'heavy';
  if (/\.m?js$/.test(f.path) && f.bytes > HEAVY_CODE_BYTES) return 'heavy';
  if (f.path === OFFLINE_LIST) return 'light';
  return LIGHT_EXT.test(f.path) ? 'light' : 'skip';
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Everything the build hook needs. `hashOf(path)` returns a content hash of one file.
 * @param {{ path: string, bytes: number }[]} files
 * @param {(path: string) => string} hashOf
 */
export function offlinePlan(files, hashOf) {
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
  const heavy = sorted.filter((f) => classify(f) === 'heavy');
  const light = sorted.filter((f) => classify(f) === 'light');
  const h = createHash('sha256');
  for (const f of heavy) h.update(`${f.path}\0${hashOf(f.path)}\0`);
  const cacheName = HEAVY_CACHE_PREFIX + h.digest('hex').slice(0, 10);
  const items = heavy.map((f) => ({ url: `/${f.path}`, bytes: f.bytes }));
  const list = {
    format: OFFLINE_LIST_FORMAT,
    version: 1,
    cacheName,
    totalBytes: items.reduce((s, i) => s + i.bytes, 0),
    items,
  };
  // Matches a heavy file's URL on this origin (query string allowed, e.g. tfjs's cache busters).
  const heavyPattern = heavy.length === 0 ? '(?!)' : `^[a-z]+://[^/]+/(?:${heavy.map((f) => escapeRe(f.path)).join('|')})(?:\\?.*)?$`;
  return { heavy, light, list, cacheName, heavyPattern };
}
