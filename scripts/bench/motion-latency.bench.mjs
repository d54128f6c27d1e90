// Line-to-screen latency of lesson 15's capture widget (widgets/motion-capture) through the fake
// Web Serial board (widgets/lib/sensors/fake-serial.ts) at 100 Hz, in headless Chromium on the
// built page: the fake records when it produces each line (performance.now, as a board prints
// it; the line's first value is its index), and the widget's paint probe
// (__tinymlMotionProbe, called right after the canvas is drawn) says which line is the newest
// on screen. Latency of a paint = paint time − production time of that newest line; p50, p95 and
// max over LISTEN_MS of streaming. Includes the fake port's USB-like delivery (bytes every 10 ms,
// up to 24 held back), the line splitter and parser, the source and the frame coalescing.
// The goal: p95 ≤ 50 ms. Printed, never asserted.
import { build } from 'esbuild';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpus, loadavg } from 'node:os';
import { longestSince, watchLongTasks } from './main-thread-trace.mjs';

export const name = 'Captura de movimiento (lección 15): línea del puerto serie → pantalla';

const LISTEN_MS = 10_000;

const fakeBoard = async () =>
  (await build({
    stdin: {
      contents: `import { installFakeSerial } from './widgets/lib/sensors/fake-serial';
        window.__gen = [];
        window.__paints = [];
        installFakeSerial(window, { hz: 100, lines: (i) => { window.__gen[i] = performance.now(); return i + ',0,9.81'; } });
        window.__tinymlMotionProbe = (p) => {
          if (p.kind === 'paint' && p.widget === 'capture') window.__paints.push({ idx: Math.round(p.last[1]), at: p.at });
        };`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true, format: 'iife', write: false, target: 'es2022', logLevel: 'silent',
  })).outputFiles[0].text;

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

export async function run({ browser, baseUrl }) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-ES' });
  try {
    const page = await ctx.newPage();
    await page.addInitScript(await fakeBoard());
    await watchLongTasks(page);
    await page.goto(`${baseUrl}/lecciones/clasificacion-de-movimiento/`);
    const fig = page.locator('figure#captura');
    await fig.scrollIntoViewIfNeeded();
    const root = fig.locator('tinyml-motion-capture');
    await root.waitFor();
    for (let i = 0; i < 300 && (await root.getAttribute('data-store')) !== 'ready'; i++) await sleep(100);
    await root.getByLabel('Placa por Web Serial').check();
    await root.getByRole('button', { name: 'Conectar' }).click();
    const picker = root.locator('.motion-picker');
    for (let i = 0; i < 300 && (await picker.getAttribute('data-status')) !== 'streaming'; i++) await sleep(100);
    const since = await page.evaluate(() => { window.__paints = []; return performance.now(); });
    await sleep(LISTEN_MS);
    const { paints, gen } = await page.evaluate(() => ({ paints: window.__paints, gen: window.__gen }));
    const longest = await longestSince(page, since);
    const lat = paints.filter((p) => gen[p.idx] !== undefined).map((p) => p.at - gen[p.idx]);
    const bad = Number(await picker.getAttribute('data-bad-lines') ?? 0);
    const f = (v) => v.toLocaleString('es-ES', { maximumFractionDigits: 1 });
    return {
      columns: ['medida', 'valor', 'objetivo'],
      rows: [
        ['fotogramas medidos', String(lat.length), '—'],
        ['latencia línea → pantalla, mediana', `${f(quantile(lat, 0.5))} ms`, '—'],
        ['latencia línea → pantalla, p95', `${f(quantile(lat, 0.95))} ms`, '≤ 50 ms'],
        ['latencia línea → pantalla, máxima', `${f(Math.max(...lat))} ms`, '—'],
        ['líneas descartadas', String(bad), '0'],
        ['tarea más larga del hilo principal', longest > 0 ? `${f(longest)} ms` : '< 50 ms', '< 50 ms'],
      ],
      note: `${LISTEN_MS / 1000} s a 100 Hz por el puerto falso. Carga media de la máquina al terminar: ${loadavg()[0].toFixed(1)} con ${cpus().length} núcleos.`,
    };
  } finally {
    await ctx.close();
  }
}
