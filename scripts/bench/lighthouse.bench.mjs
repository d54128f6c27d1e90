// Lighthouse (the npm package, in our Chromium) against the built site: performance,
// accessibility, best practices and SEO of the home page and every lesson, each ≥ 95 (issue 13).
// Run: `npm run bench -- lighthouse`. LIGHTHOUSE_FORM=desktop for the desktop profile (default:
// mobile, Lighthouse's own: a mid-range phone, 4× CPU slowdown and slow 4G, simulated);
// LIGHTHOUSE_PATHS=que-es,ajustes to audit only the pages whose path contains one of them.
// Chromium is launched by chrome-launcher with the flags of scripts/browser.mjs, headless.
// A loaded machine lowers the performance score (the simulation starts from measured CPU
// times): the note prints the load average next to the numbers.
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import lighthouse, { desktopConfig } from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { CHROMIUM_ARGS, chromiumPath } from '../browser.mjs';

export const name = 'Lighthouse: rendimiento, accesibilidad, buenas prácticas y SEO (≥ 95)';
const BUDGET = 95;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

function paths() {
  const lessons = readdirSync('content/lessons').filter((f) => f.endsWith('.mdx')).sort()
    .map((f) => `/lecciones/${/^slug:\s*(\S+)/m.exec(readFileSync(`content/lessons/${f}`, 'utf8'))[1]}/`);
  const only = process.env.LIGHTHOUSE_PATHS;
  const all = ['/', '/ajustes/', ...lessons];
  return only ? all.filter((p) => only.split(',').some((o) => p.includes(o))) : all;
}

export async function run({ baseUrl }) {
  const form = process.env.LIGHTHOUSE_FORM === 'desktop' ? 'desktop' : 'mobile';
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath() ?? undefined,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  const rows = [];
  const low = [];
  try {
    for (const path of paths()) {
      const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES };
      const result = await lighthouse(baseUrl + path, flags, form === 'desktop' ? desktopConfig : undefined);
      const lhr = result.lhr;
      const scores = CATEGORIES.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
      for (const [i, c] of CATEGORIES.entries()) {
        if (scores[i] >= BUDGET) continue;
        const failing = lhr.categories[c].auditRefs
          .map((r) => lhr.audits[r.id])
          .filter((a) => a && a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable')
          .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
        low.push(`${path} ${c} ${scores[i]}: ${failing.slice(0, 6).join(', ')}`);
      }
      const m = (id) => lhr.audits[id]?.displayValue ?? '—';
      rows.push([path, ...scores, m('first-contentful-paint'), m('largest-contentful-paint'), m('total-blocking-time'), m('cumulative-layout-shift'), scores.every((s) => s >= BUDGET) ? 'sí' : 'NO']);
    }
  } finally {
    await chrome.kill();
  }
  return {
    columns: ['página', 'rendimiento', 'accesibilidad', 'buenas prácticas', 'SEO', 'FCP', 'LCP', 'TBT', 'CLS', `todas ≥ ${BUDGET}`],
    rows,
    note: `Perfil ${form === 'desktop' ? 'escritorio' : 'móvil (simulado: 4× CPU, 4G lenta)'}; carga media ${loadavg()[0].toFixed(1)} con ${cpus().length} núcleos.` +
      (low.length ? `\nPor debajo de ${BUDGET}:\n- ${low.join('\n- ')}` : ''),
  };
}
