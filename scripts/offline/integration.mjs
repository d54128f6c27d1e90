// Astro integration: after the build (and after Pagefind, so its index is precached) writes
// <outDir>/offline-assets.json, <outDir>/sw-cleanup.js and <outDir>/sw.js (Workbox generateSW).
// - precache: every HTML page and the light assets (offlinePlan's `light`), revisioned, fetched
//   at the first visit; a new build with changed files installs a new worker that WAITS until the
//   page asks it to take over (SKIP_WAITING message, sent by «actualizar»): never two builds in
//   one tab.
// - runtime: heavy files (tfjs/LiteRT wasm and workers, models, data sets) CacheFirst in the cache
//   named in offline-assets.json (`tinyml-pesados-<hash of their contents>`), filled on first use
//   or by «Descargar el curso». sw-cleanup.js deletes older `tinyml-pesados-*` caches when a new
//   worker activates (their files changed).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { offlinePlan, OFFLINE_LIST, HEAVY_CACHE_PREFIX } from './assets.mjs';

function walk(dir, root = dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, root, out);
    else out.push({ path: relative(root, p).split(sep).join('/'), bytes: st.size });
  }
  return out;
}

/** @returns {import('astro').AstroIntegration} */
export function offlineWorker() {
  return {
    name: 'offline-worker',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const { generateSW } = await import('workbox-build');
        const outDir = fileURLToPath(dir);
        const hashOf = (p) => createHash('sha256').update(readFileSync(join(outDir, p))).digest('hex');
        const plan = offlinePlan(walk(outDir), hashOf);
        writeFileSync(join(outDir, OFFLINE_LIST), JSON.stringify(plan.list));
        writeFileSync(
          join(outDir, 'sw-cleanup.js'),
          `// Deletes heavy-asset caches of older builds (written by scripts/offline/integration.mjs).\n` +
            `self.addEventListener('activate',function(e){e.waitUntil(caches.keys().then(function(k){return Promise.all(k.filter(function(n){return n.indexOf(${JSON.stringify(HEAVY_CACHE_PREFIX)})===0&&n!==${JSON.stringify(plan.cacheName)}}).map(function(n){return caches.delete(n)}))}))});\n`,
        );
        const { count, size, warnings } = await generateSW({
          swDest: join(outDir, 'sw.js'),
          globDirectory: outDir,
          globPatterns: [...plan.light.map((f) => f.path), OFFLINE_LIST],
          maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
          // Content-hashed names (Astro's _astro/, Pagefind's fragments and index chunks) need no
          // revision in the precache list (keeps sw.js ≤ 10 KB gzip).
          dontCacheBustURLsMatching: /^(_astro\/|pagefind\/(fragment|index)\/)/,
          // Query strings (?proyector=1, shared widget state) never change the static page.
          ignoreURLParametersMatching: [/.*/],
          cleanupOutdatedCaches: true,
          clientsClaim: true,
          skipWaiting: false,
          inlineWorkboxRuntime: true,
          mode: 'production',
          sourcemap: false,
          importScripts: ['/sw-cleanup.js'],
          runtimeCaching: [
            {
              urlPattern: new RegExp(plan.heavyPattern),
              handler: 'CacheFirst',
              // ignoreVary: servers that send «Vary: Origin» (astro preview does) would make a module
              // import (sent with Origin) miss what a plain fetch stored.
              options: { cacheName: plan.cacheName, cacheableResponse: { statuses: [200] }, matchOptions: { ignoreVary: true } },
            },
          ],
        });
        for (const w of warnings) logger.warn(w);
        const mb = (n) => (n / 1048576).toLocaleString('es-ES', { maximumFractionDigits: 1 });
        logger.info(`service worker: ${count} archivos precargados (${mb(size)} MB); ${plan.list.items.length} pesados bajo demanda (${mb(plan.list.totalBytes)} MB, caché ${plan.cacheName})`);
      },
    },
  };
}
