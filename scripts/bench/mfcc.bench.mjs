// Speed of the KWS audio pipeline (widgets/lib/audio) in headless Chromium: the library is bundled
// with esbuild into one script, injected into about:blank and timed there (main thread, no Node).
// Measures, each the median of 201 runs after 100 warm-up runs, on 1 s of a seeded speech-like
// 16 kHz signal: computeFeatures (49 frames: window, 512-point FFT on fft.js, power, 40 mel, ln,
// 13-coefficient DCT; the goal is ≤ 3,5 ms), the incremental FeatureProvider fed 20 ms
// chunks, the same with the 257-bin power spectrum kept, and the streaming resampler
// (44,1 kHz → 16 kHz and 48 kHz → 16 kHz, 1 s in 128-sample render quanta, as the AudioWorklet
// runs it). Side by side in the same page: Meyda 5.6 (`meyda`, a devDependency of this bench only)
// doing the same work per 1 s: 49 frames, each 480 samples zero-padded to its 512-sample buffer,
// Hann window, 40 mel bands, 13 MFCC (Meyda windows the whole padded buffer; same FFT size and
// counts, so the work is comparable). The ratio Meyda / ours is printed; the goal is ≥ 2×.
import { bundleForPage, measureInPage } from './in-page.mjs';
import { cpus, loadavg } from 'node:os';

export const name = 'Audio para palabras clave (widgets/lib/audio) en Chromium sin interfaz';

const bundle = () =>
  bundleForPage(
    "export { computeFeatures, FeatureProvider, AUDIO_DEFAULTS } from './widgets/lib/audio/features.ts';" +
        "export { MicChunker } from './widgets/lib/audio/mic-chunker.ts';" +
        "export { createRng } from './widgets/lib/rng/rng.ts';" +
        "export { default as Meyda } from 'meyda';",
    'AUDIO',
  );

/** Runs inside the page; AUDIO is the bundled library. */
function measure() {
  const { computeFeatures, FeatureProvider, MicChunker, createRng, Meyda } = window.AUDIO;
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = (fn, runs = 201, warm = 100) => {
    for (let k = 0; k < warm; k++) fn();
    const ts = [];
    for (let k = 0; k < runs; k++) {
      const t0 = performance.now();
      fn();
      ts.push(performance.now() - t0);
    }
    return { median: median(ts), max: Math.max(...ts) };
  };
  const rng = createRng(11);
  const speech = (fs, n) => {
    const x = new Float32Array(n);
    let ph = 0;
    for (let i = 0; i < n; i++) {
      const t = i / fs;
      ph += (2 * Math.PI * (120 + 60 * Math.sin(2 * Math.PI * 1.3 * t))) / fs;
      let v = 0;
      for (let h = 1; h <= 12; h++) v += Math.sin(h * ph) / h;
      x[i] = 0.2 * v * (0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t) ** 2) + 0.01 * rng.uniform(-1, 1);
    }
    return x;
  };
  const x = speech(16000, 16000);
  let frames = 0;
  const rows = [];
  const batch = time(() => {
    frames = computeFeatures(x).mfcc.length;
  });
  rows.push({ what: `computeFeatures, 1 s a 16 kHz (${frames} ventanas, 40 mel, 13 MFCC); objetivo ≤ 3,5 ms`, ...batch });
  // Meyda on the same 1 s: the same 49 frames, each padded to a 512-sample buffer.
  Meyda.bufferSize = 512;
  Meyda.sampleRate = 16000;
  Meyda.melBands = 40;
  Meyda.numberOfMFCCCoefficients = 13;
  Meyda.windowingFunction = 'hanning';
  const padded = Array.from({ length: frames }, (_, t) => {
    const b = new Float32Array(512);
    b.set(x.subarray(t * 320, t * 320 + 480));
    return b;
  });
  let meydaOut = 0;
  const meyda = time(() => {
    for (const b of padded) meydaOut += Meyda.extract('mfcc', b).length;
  });
  if (!(meydaOut > 0)) throw new Error('Meyda no devolvió MFCC');
  rows.push({ what: `Meyda 5.6, las mismas ${frames} ventanas (512 muestras, Hann, 40 mel, 13 MFCC)`, ...meyda });
  rows.push({ what: `razón Meyda / computeFeatures (mediana; objetivo ≥ 2)`, median: meyda.median / batch.median, max: NaN, ratio: true });
  rows.push({
    what: 'FeatureProvider, 1 s en trozos de 20 ms (320 muestras)',
    ...time(() => {
      const fp = new FeatureProvider();
      for (let at = 0; at < x.length; at += 320) fp.push(x.subarray(at, at + 320));
    }),
  });
  rows.push({ what: 'computeFeatures con el espectro de potencia (257 bins) por ventana', ...time(() => computeFeatures(x, {}, { power: true })) });
  for (const fs of [44100, 48000]) {
    const y = speech(fs, fs);
    rows.push({
      what: `remuestreo en flujo ${fs.toLocaleString('es-ES')} Hz → 16 kHz, 1 s en cuantos de 128 (mono)`,
      ...time(() => {
        const c = new MicChunker(fs);
        for (let at = 0; at < y.length; at += 128) c.push([y.subarray(at, at + 128)]);
      }, 21, 3),
    });
  }
  return { rows, userAgent: navigator.userAgent };
}

export async function run({ browser }) {
  const code = await bundle();
  const { rows, userAgent } = await measureInPage(browser, code, measure);
  const fmt = (v) => v.toLocaleString('es-ES', { maximumFractionDigits: 3 });
  return {
    columns: ['medida', 'mediana (ms)', 'máximo (ms)'],
    rows: rows.map((r) => (r.ratio ? [r.what, `${fmt(r.median)}×`, '—'] : [r.what, fmt(r.median), fmt(r.max)])),
    note:
      `Biblioteca empaquetada con esbuild (${(code.length / 1024).toFixed(1)} KB sin minificar) e inyectada en about:blank. ` +
      'Meyda (devDependency solo del banco de pruebas) se mide en la misma página y la misma ejecución. ' +
      `${userAgent}. Carga media de la máquina al terminar: ${loadavg()[0].toFixed(1)} con ${cpus().length} núcleos.`,
  };
}
