// JavaScript (gzip) each page loads before any widget is near the viewport.
// Budget (DESIGN.md): 100 KB per page. Measured at 1280x800 without scrolling; widgets whose
// figure already sits within the loader's 600 px margin are counted too (honest worst case).
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync } from 'node:fs';

export const name = 'JavaScript inicial por página (gzip, antes de acercarse a ningún widget)';
const BUDGET_KB = 100;
const SW_BUDGET_KB = 10;

function paths() {
  const lessons = readdirSync('content/lessons').filter((f) => f.endsWith('.mdx')).sort()
    .map((f) => `/lecciones/${/^slug:\s*(\S+)/m.exec(readFileSync(`content/lessons/${f}`, 'utf8'))[1]}/`);
  return ['/', ...lessons];
}

export async function run({ browser, baseUrl }) {
  const rows = [];
  for (const path of paths()) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    const scripts = [];
    page.on('response', async (res) => {
      if (res.request().resourceType() === 'script' || res.url().endsWith('.js')) scripts.push(res);
    });
    await page.goto(baseUrl + path, { waitUntil: 'networkidle' });
    let raw = 0;
    let gz = 0;
    let swGz = 0;
    for (const res of scripts) {
      const body = await res.body().catch(() => Buffer.alloc(0));
      raw += body.length;
      const g = gzipSync(body, { level: 9 }).length;
      gz += g;
      // The service worker's registration (workbox-window), loaded after the load event.
      if (/\/sw-client\.[^/]+\.js$/.test(new URL(res.url()).pathname)) swGz += g;
    }
    const early = await page.locator('figure[data-widget][data-state="ready"]').count();
    rows.push([path, scripts.length, (raw / 1024).toFixed(1), (gz / 1024).toFixed(1), (swGz / 1024).toFixed(1), early, gz / 1024 <= BUDGET_KB ? 'sí' : 'NO']);
    await ctx.close();
  }
  // The worker itself (sw.js with its precache list, plus sw-cleanup.js): fetched once by the
  // browser in the background, never by the page; issue 13's budget: ≤ 10 KB gzip.
  let swFile = 0;
  for (const f of ['/sw.js', '/sw-cleanup.js']) {
    const res = await fetch(baseUrl + f);
    if (res.ok) swFile += gzipSync(Buffer.from(await res.arrayBuffer()), { level: 9 }).length;
  }
  const swReg = Math.max(0, ...rows.map((r) => Number(r[4])));
  return {
    columns: ['página', 'archivos JS', 'KB sin comprimir', 'KB gzip', 'de ello, registro del SW', 'widgets ya cargados', `≤ ${BUDGET_KB} KB`],
    rows,
    note: `Service worker: registro en la página ${swReg.toFixed(1)} KB gzip (${swReg <= SW_BUDGET_KB ? 'sí' : 'NO'} ≤ ${SW_BUDGET_KB} KB); ` +
      `sw.js + sw-cleanup.js ${(swFile / 1024).toFixed(1)} KB gzip (${swFile / 1024 <= SW_BUDGET_KB ? 'sí' : 'NO'} ≤ ${SW_BUDGET_KB} KB; lo baja el navegador aparte, no la página).`,
  };
}
