// Live keyword detection (widgets/kws-live, lesson 17) on Chromium's fake microphone playing
// tests/e2e/assets/fake-mic-si.wav in a loop (1,5 s of silence, «sí», 1,5 s of silence: one
// word every 4 s), with the widget's default settings (micro_speech's: 1000 ms average, 0,78,
// 1500 ms, 3; one inference every 100 ms).
// - Microphone → detection (goal ≤ 150 ms): from the arrival in the page of the 20 ms audio chunk
//   that made the recognizer fire (the worklet's message) to the next painted frame showing it.
//   Not included: the audio stack's capture buffering before the worklet and the ≤ 20 ms a chunk
//   waits to fill, which no page code can shorten.
// - End of the word → detection: from the arrival of the last loud chunk of the word (RMS above a
//   tenth of the loudest chunk) to the detection; this is mostly the recognizer waiting for its
//   average to pass the threshold, and it changes with the settings.
// - Longest main-thread task while listening (goal: none > 50 ms): main-thread-trace.mjs (thread
//   CPU per task from a trace, and the wall time of long tasks the page saw).
// Printed, never asserted (the machine is shared; timings are not tests).
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from '@playwright/test';
import { launchOptions } from '../browser.mjs';
import { measureMainThread, watchLongTasks } from './main-thread-trace.mjs';

export const name = 'Detección en directo (kws-live): micrófono falso de Chromium → detección';

const FAKE_MIC = fileURLToPath(new URL('../../tests/e2e/assets/fake-mic-si.wav', import.meta.url));
const LISTEN_MS = 13_000;

/** In the page, before any script: timestamps of every audio chunk and of every detection. */
function instrument() {
  const w = window;
  w.__kl = { chunks: [], detections: [] };
  const Orig = w.AudioWorkletNode;
  if (!Orig) return;
  let nodes = 0;
  w.AudioWorkletNode = class extends Orig {
    constructor(...args) {
      super(...args);
      const node = ++nodes;
      // Registered before MicSource's onmessage handler, so it runs first for each message.
      this.port.addEventListener('message', (ev) => {
        const s = ev.data?.samples;
        if (!s) return;
        let e = 0;
        for (let i = 0; i < s.length; i++) e += s[i] * s[i];
        w.__kl.chunks.push({ t: performance.now(), rms: Math.sqrt(e / s.length), n: s.length, node });
      });
    }
  };
  const watch = () => {
    const root = document.querySelector('tinyml-kws-live');
    if (!root) return void requestAnimationFrame(watch);
    new MutationObserver(() => {
      const t = performance.now();
      const rec = { t, painted: null, label: root.dataset.last, chunk: w.__kl.chunks.length - 1 };
      w.__kl.detections.push(rec);
      requestAnimationFrame(() => { rec.painted = performance.now(); });
    }).observe(root, { attributes: true, attributeFilter: ['data-detections'] });
  };
  document.addEventListener('DOMContentLoaded', watch);
}

export async function run({ baseUrl }) {
  const base = launchOptions();
  const browser = await chromium.launch({ ...base, args: [...base.args, '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${FAKE_MIC}`] });
  try {
    const ctx = await browser.newContext({ permissions: ['microphone'], viewport: { width: 1280, height: 900 }, locale: 'es-ES' });
    const page = await ctx.newPage();
    await page.addInitScript(instrument);
    await watchLongTasks(page);
    await page.goto(`${baseUrl}/lecciones/deteccion-de-palabras-clave/`);
    const fig = page.locator('figure#en-directo');
    await fig.scrollIntoViewIfNeeded();
    const root = fig.locator('tinyml-kws-live');
    await root.waitFor();
    for (let i = 0; i < 600 && (await root.getAttribute('data-model')) !== 'defecto'; i++) await sleep(200);
    await root.getByLabel('Micrófono', { exact: true }).check();
    let t0 = 0;
    const mt = await measureMainThread(browser, page, async () => {
      t0 = await page.evaluate(() => performance.now());
      await root.getByRole('button', { name: 'Usar el micrófono' }).click();
    }, LISTEN_MS);
    // Only what happened inside the measured window (stopping the trace takes a while).
    const all = await page.evaluate(() => window.__kl);
    const t1 = t0 + LISTEN_MS;
    const chunks = all.chunks;
    const detections = all.detections.filter((d) => d.t <= t1);
    const heard = chunks.filter((c) => c.t <= t1).length;
    const lat = [];
    const afterWord = [];
    for (const d of detections) {
      if (d.label !== 'sí' || d.chunk < 0 || d.painted === null) continue;
      lat.push(d.painted - chunks[d.chunk].t);
      // The word: the loud chunks in the 2 s before the detection; its end is the last of them.
      const from = chunks.findIndex((c) => c.t >= chunks[d.chunk].t - 2000);
      const win = chunks.slice(from, d.chunk + 1);
      const peak = Math.max(...win.map((c) => c.rms));
      let end = -1;
      win.forEach((c, i) => { if (c.rms > peak / 10) end = i; });
      if (end >= 0) afterWord.push(d.t - win[end].t);
    }
    const f = (v) => v.toLocaleString('es-ES', { maximumFractionDigits: 1 });
    const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
    const stat = (xs) => (xs.length ? `${f(median(xs))} (máx. ${f(Math.max(...xs))})` : 'sin detecciones');
    await ctx.close();
    return {
      columns: ['medida', 'valor', 'objetivo'],
      rows: [
        [`detecciones de «sí» en ${LISTEN_MS / 1000} s (una palabra cada 4 s)`, String(lat.length), '≈ ' + Math.floor(LISTEN_MS / 4000)],
        ['micrófono → detección pintada: llegada del trozo de 20 ms → fotograma (ms, mediana)', stat(lat), '≤ 150 ms'],
        ['fin de la palabra → detección (ms, mediana; lo decide el promedio de 1000 ms)', stat(afterWord), '—'],
        ['tarea más larga del hilo principal escuchando: CPU (ms)', f(mt.maxCpu), '≤ 50 ms'],
        ['tarea más larga del hilo principal escuchando: reloj, Long Tasks (ms)', mt.longCount ? f(mt.maxWall) : 'ninguna > 50 ms', '≤ 50 ms'],
        ['tareas del hilo principal medidas / p95 de CPU (ms)', `${mt.tasks} / ${f(mt.p95Cpu)}`, '—'],
      ],
      note: `Trozos de audio recibidos en la ventana: ${heard} (${f(heard * 20 / 1000)} s de audio en ${LISTEN_MS / 1000} s). Carga media de la máquina: ${mt.load.toFixed(1)} con ${mt.cores} núcleos ` +
        '(el tiempo de reloj solo significa algo si la carga no pasa del número de núcleos).',
    };
  } finally {
    await browser.close();
  }
}
