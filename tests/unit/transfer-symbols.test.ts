// Lesson 11, «tus propios símbolos»: the example store (widgets/lib/transfer/symbols.ts), its
// Spanish texts (widgets/transfer-learning/symbols-core.ts), the slice runner, and a real training
// run with the shipped base on drawn lines (horizontal vs vertical) that leaves no tensor behind.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { enableFastTraining } from '../../widgets/lib/cnn/backend';
import { rasterizeStrokes, type Stroke } from '../../widgets/lib/draw/raster';
import { createRng } from '../../widgets/lib/rng/rng';
import { predict, readBase, type BaseWeights } from '../../widgets/lib/transfer/model';
import { Experiment } from '../../widgets/lib/transfer/run';
import { cleanName, DEFAULT_NAMES, MAX_CLASSES, MIN_CLASSES, SymbolSet } from '../../widgets/lib/transfer/symbols';
import { runInSlices } from '../../widgets/transfer-learning/slices';
import { countText, missingText, predictionText, probRows, symbolConfig } from '../../widgets/transfer-learning/symbols-core';

const blankish = (v: number): Float32Array => new Float32Array(784).fill(v);

describe('SymbolSet', () => {
  it('starts with three named, empty classes and needs 3 drawings each', () => {
    const s = new SymbolSet();
    expect(s.names).toEqual(['círculo', 'cruz', 'triángulo']);
    expect(s.missing()).toEqual([3, 3, 3]);
    expect(s.canTrain()).toBe(false);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s.addExample(i, blankish(0.1 * (i + 1)));
    expect(s.canTrain()).toBe(true);
    s.removeExample(1, 0);
    expect(s.missing()).toEqual([0, 1, 0]);
    expect(s.canTrain()).toBe(false);
  });

  it('keeps between 2 and 4 classes', () => {
    const s = new SymbolSet();
    expect(s.addClass()).toBe(true);
    expect(s.names[3]).toBe(DEFAULT_NAMES[3]);
    expect(s.addClass()).toBe(false);
    expect(s.size).toBe(MAX_CLASSES);
    expect(s.removeClass(0)).toBe(true);
    expect(s.removeClass(0)).toBe(true);
    expect(s.removeClass(0)).toBe(false);
    expect(s.size).toBe(MIN_CLASSES);
    expect(s.names).toEqual(['triángulo', 'estrella']);
    expect(() => s.removeClass(5)).toThrow(RangeError);
  });

  it('renames without touching the data version; empty names fall back to «clase n»', () => {
    const s = new SymbolSet(2);
    const v = s.version;
    s.rename(1, '  raya   larga ');
    expect(s.names[1]).toBe('raya larga');
    s.rename(0, '   ');
    expect(s.names[0]).toBe('clase 1');
    expect(s.version).toBe(v);
    expect(cleanName('x'.repeat(40), 0)).toHaveLength(20);
    s.addExample(0, blankish(0));
    expect(s.version).toBe(v + 1);
  });

  it('copies examples, rejects other sizes, and builds a grouped batch with one-hot targets', () => {
    const s = new SymbolSet(2);
    const img = blankish(0.5);
    s.addExample(1, img);
    s.addExample(0, blankish(0.25));
    s.addExample(1, blankish(0.75));
    img.fill(0);
    expect(s.classes[1]!.examples[0]![0]).toBe(0.5);
    expect(() => s.addExample(0, new Float32Array(10))).toThrow(RangeError);
    const b = s.toBatch();
    expect(b.size).toBe(3);
    expect(Array.from(b.classes)).toEqual([0, 1, 1]);
    expect(Array.from(b.oneHot)).toEqual([1, 0, 0, 1, 0, 1]);
    expect(b.images[0]).toBe(0.25);
    expect(b.images[784]).toBe(0.5);
    expect(b.images[2 * 784]).toBe(0.75);
    s.reset();
    expect(s.totalExamples).toBe(0);
    expect(s.size).toBe(3);
  });
});

describe('texts', () => {
  it('says how many drawings are missing, in Spanish', () => {
    expect(missingText([0, 0], ['a', 'b'])).toBeNull();
    expect(missingText([1, 0], ['a', 'b'])).toBe('Falta 1 dibujo de «a» para poder entrenar (mínimo 3 por clase).');
    expect(missingText([2, 0, 3], ['a', 'b', 'c'])).toBe('Faltan 2 dibujos de «a» y 3 dibujos de «c» para poder entrenar (mínimo 3 por clase).');
    expect(missingText([1, 1, 1], ['a', 'b', 'c'])).toBe('Faltan 1 dibujo de «a», 1 dibujo de «b» y 1 dibujo de «c» para poder entrenar (mínimo 3 por clase).');
    expect(countText(1)).toBe('1 dibujo');
  });

  it('marks the most likely class', () => {
    const rows = probRows([0.2, 0.7, 0.1], ['a', 'b', 'c']);
    expect(rows.map((r) => r.best)).toEqual([false, true, false]);
    expect(rows[1]!.text).toBe('70,0 %');
    expect(predictionText([0.2, 0.7, 0.1], ['a', 'b', 'c'])).toBe('La red con la base congelada cree que es «b» (70,0 %).');
  });
});

describe('runInSlices', () => {
  it('runs every unit and reports finished; stops when told', async () => {
    let n = 0;
    function* units(): Generator<void> { for (let i = 0; i < 50; i++) { n++; yield; } }
    const frame = (): Promise<void> => Promise.resolve();
    const all = await runInSlices(units(), { sliceMs: 30, stopped: () => false, afterSlice: () => {}, nextFrame: frame });
    expect(all.finished).toBe(true);
    expect(n).toBe(50);
    n = 0;
    const some = await runInSlices(units(), { sliceMs: 30, stopped: () => n >= 5, afterSlice: () => {}, nextFrame: frame });
    expect(some.finished).toBe(false);
    expect(n).toBe(5);
  });
});

describe('training on drawn symbols with the shipped base', () => {
  let base: BaseWeights;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
    enableFastTraining(tf, 'cpu');
    const dir = 'public/models/base-0-4';
    const json = JSON.parse(readFileSync(`${dir}/model.json`, 'utf8'));
    const bin = readFileSync(`${dir}/weights.bin`);
    const model = await tf.loadLayersModel(tf.io.fromMemory({
      modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights,
      weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    }));
    base = readBase(model);
    model.dispose();
  });

  // A slightly wobbly line from (x0, y0) to (x1, y1), in pad units.
  const line = (rng: ReturnType<typeof createRng>, x0: number, y0: number, x1: number, y1: number): Stroke[] => {
    const j = (): number => rng.uniform(-0.05, 0.05);
    return [[{ x: x0 + j(), y: y0 + j() }, { x: (x0 + x1) / 2 + j(), y: (y0 + y1) / 2 + j() }, { x: x1 + j(), y: y1 + j() }]];
  };

  it('tells a horizontal line from a vertical one after 3 drawings each, and frees every tensor', () => {
    const start = tf.memory().numTensors;
    const rng = createRng(11);
    const s = new SymbolSet(2);
    s.rename(0, 'horizontal');
    s.rename(1, 'vertical');
    for (let i = 0; i < 3; i++) {
      s.addExample(0, rasterizeStrokes(line(rng, 0.2, 0.5, 0.8, 0.5)));
      s.addExample(1, rasterizeStrokes(line(rng, 0.5, 0.2, 0.5, 0.8)));
    }
    for (let cycle = 0; cycle < 2; cycle++) {
      const b = s.toBatch();
      const exp = new Experiment(tf, base, b, b, s.size, symbolConfig());
      exp.runAll();
      expect(exp.lastTest('transfer')!.accuracy).toBe(1);
      const h = predict(tf, exp.nets.transfer.model, rasterizeStrokes(line(rng, 0.15, 0.45, 0.85, 0.5)), 1);
      const v = predict(tf, exp.nets.transfer.model, rasterizeStrokes(line(rng, 0.45, 0.15, 0.5, 0.85)), 1);
      expect(h[0]!).toBeGreaterThan(h[1]!);
      expect(v[1]!).toBeGreaterThan(v[0]!);
      expect(h[0]! + h[1]!).toBeCloseTo(1, 5);
      exp.dispose();
      expect(tf.memory().numTensors, `ciclo ${cycle}`).toBe(start);
    }
  });
});
