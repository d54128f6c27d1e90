// `npm run bench`: builds the site if needed, serves it, runs every benchmark in
// scripts/bench/*.bench.mjs in headless Chromium and prints their tables.
// Each benchmark module exports `name` and `run({ browser, baseUrl })` -> { columns, rows, note? }.
import { spawn, execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from '@playwright/test';
import { launchOptions, chromiumPath } from '../browser.mjs';

const PORT = 4323;
const baseUrl = `http://127.0.0.1:${PORT}`;
const only = process.argv[2];

if (!chromiumPath()) {
  console.error('No hay Chromium: instala el de Debian con `apt-get install -y chromium`.');
  process.exit(1);
}
if (!existsSync('dist/index.html') || process.env.BENCH_REBUILD) execSync('npx astro build', { stdio: 'inherit' });

const server = spawn('npx', ['astro', 'preview', '--port', String(PORT), '--host', '127.0.0.1', '--ignore-lock'], {
  stdio: 'ignore',
  env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  detached: true,
});
const stop = () => { try { process.kill(-server.pid); } catch { /* already gone */ } };
process.on('exit', stop);

for (let i = 0; i < 100; i++) {
  try { if ((await fetch(baseUrl + '/')).ok) break; } catch { /* not up yet */ }
  await sleep(200);
}

function printTable(title, { columns, rows, note }) {
  const cells = [columns, ...rows.map((r) => r.map(String))];
  const widths = columns.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r) => '| ' + r.map((v, c) => (v ?? '').padEnd(widths[c])).join(' | ') + ' |';
  console.log(`\n## ${title}\n`);
  console.log(line(columns));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r.map(String)));
  if (note) console.log(`\n${note}`);
}

const browser = await chromium.launch(launchOptions());
const files = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.bench.mjs')).sort();
let failed = false;
for (const f of files) {
  if (only && !f.includes(only)) continue;
  const mod = await import(new URL(f, import.meta.url).href);
  try {
    printTable(mod.name, await mod.run({ browser, baseUrl }));
  } catch (e) {
    failed = true;
    console.error(`\n## ${mod.name}: falló: ${e?.stack ?? e}`);
  }
}
await browser.close();
stop();
process.exit(failed ? 1 : 0);
