/**
 * The sweep of the int8-scaling widget, in the browser (only view.ts imports this module). For
 * each width k: build the seeded random model (core.ts), calibrate it on the fixed noise images in
 * slices (lib/time/slice runSlice, one image per step, then a pause), write the float32 and int8
 * (float32 I/O) .tflite files with lib/convert, compile both in LiteRT.js (wasm, XNNPACK), time
 * them, check that they choose the same class, and that LiteRT's outputs equal the TS reference
 * interpreters' on the first REF_CHECKS images (the engine check of tests/e2e/litert.spec.ts). The clock is injected (`now`); an aborted
 * signal rejects with lib/convert's Cancelled and leaves nothing compiled.
 *
 * Timing, as int8-vs-fp32 does: WARMUP untimed runs of each, then GROUPS groups per model,
 * alternating which goes first; a group repeats the same input until groupDone(elapsed, step)
 * (≥ 20 ms and ≥ 20 clock steps) and gives one sample, its mean ms per run; the point keeps the
 * median of the samples. A run includes copying the input into wasm and the output back.
 */
import {
  Tally, calibrate, convertFloat32, convertInt8, mergeCalibration, nextTask, planModel, throwIfCancelled, type Calibration,
} from '../lib/convert';
import { compileTflite, type CompiledTflite } from '../lib/litert';
import { runModel } from '../lib/int8ref/run';
import { runSlice } from '../lib/time/slice';
import { clockStep, groupDone, median, noiseImages, randomModel, sizeOf, type Point } from './core';
import { intText } from '../lib/format/number';

export const SHAPE = [1, 28, 28, 1] as const;
export const CALIBRATION = 16;
export const CHECKS = 16;
export const WARMUP = 20;
export const GROUPS = 6;
/** Check images also run through the TS reference interpreters (lib/int8ref), to compare engines. */
export const REF_CHECKS = 2;
/** Time budget of one slice of calibration on the main thread, ms. */
export const SLICE_MS = 30;

export interface Progress {
  /** Index of the width in the sweep, 0-based, and how many there are. */
  index: number;
  total: number;
  phase: 'convirtiendo' | 'midiendo';
  /** Fraction of this width's step done, 0…1. */
  done: number;
  text: string;
}

async function pause(signal: AbortSignal): Promise<void> {
  await nextTask();
  throwIfCancelled(signal);
}

/** Step of `now`: the smallest positive difference between successive readings (until 6 changes, or 1 ms if none). */
export function measureClockStep(now: () => number): number {
  const r: number[] = [now()];
  for (let i = 0, changes = 0; i < 200_000 && changes < 6; i++) {
    const t = now();
    if (t !== r[r.length - 1]) {
      r.push(t);
      changes++;
    }
  }
  const s = clockStep(r);
  return Number.isFinite(s) ? s : 1;
}

export async function sweep(
  widths: readonly number[], o: { signal: AbortSignal; now: () => number; onProgress: (p: Progress) => void; onPoint: (p: Point) => void },
): Promise<Point[]> {
  const { signal, now } = o;
  const cals = noiseImages(CALIBRATION);
  const checks = noiseImages(CHECKS, 99);
  const step = measureClockStep(now);
  const points: Point[] = [];
  for (const [index, k] of widths.entries()) {
    const total = widths.length;
    const { params, macs } = sizeOf(k);
    const label = `${intText(params)} parámetros`;
    const report = (phase: Progress['phase'], done: number, text: string): void => o.onProgress({ index, total, phase, done, text });
    report('convirtiendo', 0, `Modelo ${index + 1} de ${total} (${label}): calibrando…`);
    await pause(signal);
    const plan = planModel(randomModel(k));
    let cal: Calibration | null = null;
    let i = 0;
    while (i < cals.length) {
      runSlice(() => {
        cal = mergeCalibration(cal, calibrate(plan, [cals[i]!]));
        i++;
        return i < cals.length;
      }, { budgetMs: SLICE_MS, now });
      report('convirtiendo', (0.9 * i) / cals.length, `Modelo ${index + 1} de ${total} (${label}): calibrando, ${i} de ${cals.length} imágenes…`);
      await pause(signal);
    }
    const fp32 = convertFloat32(plan);
    await pause(signal);
    const int8 = convertInt8(plan, cal!, 'float32');
    report('convirtiendo', 1, `Modelo ${index + 1} de ${total} (${label}): archivos escritos.`);
    await pause(signal);
    const compiled: CompiledTflite[] = [];
    try {
      compiled.push(await compileTflite(fp32.bytes));
      compiled.push(await compileTflite(int8.bytes));
      const [mf, mi] = compiled as [CompiledTflite, CompiledTflite];
      const x = checks[0]!;
      for (const m of [mf, mi]) for (let w = 0; w < WARMUP; w++) await m.run(x, SHAPE);
      const samples = { fp32: [] as number[], int8: [] as number[] };
      for (let g = 0; g < GROUPS; g++) {
        await pause(signal);
        for (const key of g % 2 ? (['int8', 'fp32'] as const) : (['fp32', 'int8'] as const)) {
          const m = key === 'fp32' ? mf : mi;
          const t0 = now();
          let runs = 0;
          let elapsed = 0;
          do {
            await m.run(x, SHAPE);
            runs++;
            elapsed = now() - t0;
          } while (!groupDone(elapsed, step));
          samples[key].push(elapsed / runs);
        }
        report('midiendo', (g + 1) / (GROUPS + 1), `Modelo ${index + 1} de ${total} (${label}): midiendo, grupo ${g + 1} de ${GROUPS}…`);
      }
      const t = new Tally(['fp32', 'int8'] as const);
      const ref = new Tally(['litertFp32', 'refFp32', 'litertInt8', 'refInt8'] as const);
      for (const [j, c] of checks.entries()) {
        const a = await mf.run(c, SHAPE);
        const b = await mi.run(c, SHAPE);
        t.add({ fp32: a, int8: b }, 0);
        if (j < REF_CHECKS) {
          ref.add({ litertFp32: a, refFp32: runModel(fp32.model, c).output, litertInt8: b, refInt8: runModel(int8.model, c).output }, 0);
          await pause(signal);
        }
      }
      const point: Point = {
        k, params, macs, fp32Bytes: fp32.bytes.length, int8Bytes: int8.bytes.length,
        fp32Ms: median(samples.fp32), int8Ms: median(samples.int8), agree: t.agree('fp32', 'int8') / t.n, checked: t.n, maxDiff: t.maxAbsDiff('fp32', 'int8'),
        refFp32: ref.maxAbsDiff('litertFp32', 'refFp32'), refInt8: ref.maxAbsDiff('litertInt8', 'refInt8'),
      };
      points.push(point);
      o.onPoint(point);
      report('midiendo', 1, `Modelo ${index + 1} de ${total} (${label}): medido.`);
    } finally {
      compiled.forEach((m) => m.delete());
    }
  }
  return points;
}
