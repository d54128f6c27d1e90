/**
 * lib/kws/load.ts: the checks that decide whether a keyword model can be used (shape against its
 * meta, meta problems), and the Spanish reasons when the default files or «tu modelo» fail. The
 * browser-only paths (IndexedDB save/load) are exercised by the lesson-17 browser tests.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildKwsModel, DEFAULT_KWS_ARCH } from '../../widgets/lib/kws/model';
import { kwsShapeProblem, loadDefaultKws, loadKws, loadOwnKws } from '../../widgets/lib/kws/load';
import type { KwsMeta } from '../../widgets/lib/kws/contract';

const meta = (over: Partial<KwsMeta> = {}): KwsMeta => ({
  format: 'tinyml-kws-model', version: 1, classes: ['sí', 'no', 'silencio', 'desconocido'], feature: 'mfcc',
  frames: 49, bins: 13, params: {}, mean: Array(13).fill(0), std: Array(13).fill(1), ...over,
});

const response = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status });

describe('kws load', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  it('accepts a model whose shapes match its meta and names the mismatch otherwise', () => {
    const m = buildKwsModel(tf, DEFAULT_KWS_ARCH, 49, 13, 4, 1);
    expect(kwsShapeProblem(m, meta())).toBeNull();
    expect(kwsShapeProblem(m, meta({ bins: 40, mean: Array(40).fill(0), std: Array(40).fill(1) }))).toMatch(/\[49, 13, 1\]/);
    expect(kwsShapeProblem(m, meta({ classes: ['sí', 'no', 'silencio'] }))).toMatch(/4 salidas para 3 clases/);
    m.dispose();
  });

  it('says in Spanish when the default files cannot be fetched or are damaged', async () => {
    await expect(loadDefaultKws(tf, async () => response(404, {}))).rejects.toThrow(/No se pudo descargar.*HTTP 404/);
    await expect(loadDefaultKws(tf, async () => response(200, { format: 'otro' }))).rejects.toThrow(/dañado: no es un modelo de palabras clave/);
    await expect(loadDefaultKws(tf, async () => response(200, meta({ std: Array(13).fill(0) })))).rejects.toThrow(/desviación típica no positiva/);
  });

  it('without a saved model, «tu modelo» reports why and loadKws falls back (reason only when asked for)', async () => {
    const fake = { ...tf, io: { ...tf.io, listModels: async () => ({}) } } as unknown as typeof tf;
    const own = await loadOwnKws(fake);
    expect(own.loaded).toBeNull();
    expect(own.error).toMatch(/Todavía no has entrenado tu modelo/);
    const broken = async () => response(500, {});
    await expect(loadKws(fake, 'propio', broken)).rejects.toThrow(/HTTP 500/);
  });
});
