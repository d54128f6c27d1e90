// Pure helpers of the cnn-trainer and cnn-try views: texts, thinning, contrast, feature maps.
import { describe, expect, it } from 'vitest';
import {
  bytesText, configOf, contrastRatio, statusText, describeMatrix, gapNote, intText, luminance, pct, phaseControls, summaryTable, textOn,
} from '../../widgets/cnn-trainer/core';
import { describeMaps, isBlank, layerTitle, mapCssSize, mapImages, ranking, sum, verdict } from '../../widgets/cnn-try/core';
import { SMALL_CNN } from '../../widgets/lib/conv/shapes';
import { thin } from '../../widgets/lib/widget/series';

describe('cnn-trainer core', () => {
  it('state → training settings', () => {
    expect(configOf({ conv1: 8, conv2: 16, hidden: 0, epochs: 3, lr: '0.003', batch: '64', examples: '500', optimizer: 'sgd', seed: 9 }))
      .toEqual({ epochs: 3, batchSize: 64, learningRate: 0.003, optimizer: 'sgd', trainSize: 500, seed: 9 });
  });

  it('Spanish numbers', () => {
    expect(pct(0.9753)).toBe('97,5 %');
    expect(pct(Number.NaN)).toBe('—');
    expect(intText(12544)).toBe('12\u202f544');
    expect(intText(999)).toBe('999');
    expect(intText(-1234)).toBe('−1\u202f234');
    expect(bytesText(36392)).toBe('35,5 KB');
    expect(bytesText(512)).toBe('512 B');
  });

  it('status line', () => {
    const p = { epoch: 1, batch: 20, per: 125, epochs: 5, samples: 9280, speed: 1234.4 };
    expect(statusText('training', 'WebAssembly (procesador)', p))
      .toBe('Motor: WebAssembly (procesador). Entrenando: época 2 de 5, lote 20 de 125, 1\u202f234 ejemplos por segundo.');
    expect(statusText('paused', '', { ...p, speed: 0 })).toBe('En pausa tras 9\u202f280 ejemplos.');
    expect(statusText('loading', '', p)).toMatch(/Preparando/);
  });

  it('thin keeps the first and last points and at most max', () => {
    const xs = Array.from({ length: 1001 }, (_, i) => i);
    const t = thin(xs, 11);
    expect(t).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(thin([1, 2], 5)).toEqual([1, 2]);
  });

  it('summary table of the course CNN', () => {
    const t = summaryTable(SMALL_CNN, ['conv1', 'pool1', 'conv2', 'pool2', 'flatten', 'output']);
    expect(t.rows.map((r) => r.shape)).toEqual(['28 × 28 × 8', '14 × 14 × 8', '14 × 14 × 16', '7 × 7 × 16', '784', '10']);
    expect(t.rows[2]!.params).toBe('1\u202f168');
    expect(t.total).toBe('9\u202f098 parámetros (35,5 KB en float32) y 290\u202f080 multiplicaciones-sumas por imagen.');
    expect(t.error).toBeNull();
  });

  it('text on a cell: the colour with the better WCAG contrast', () => {
    expect(luminance(255, 255, 255)).toBeCloseTo(1, 6);
    expect(contrastRatio(1, 0)).toBeCloseTo(21, 6);
    expect(textOn(15, 118, 110)).toBe('#ffffff'); // --c1 of the light theme
    expect(textOn(253, 253, 251)).toBe('#000000');
    expect(textOn(45, 212, 191)).toBe('#000000'); // --c1 of the dark theme
  });

  it('describes the matrix and the train/test gap', () => {
    const m = [[5, 0, 1], [0, 4, 0], [2, 0, 3]];
    expect(describeMatrix(m)).toBe('Matriz de confusión sobre 15 dígitos de prueba: acertó 12 (80 %). ' +
      'Las confusiones más frecuentes: 2 tomado por 0 (2 veces); 0 tomado por 2 (1 vez).');
    expect(describeMatrix(m, 'validacion')).toMatch(/^Matriz de confusión sobre 15 dígitos de validación: acertó 12 \(80 %\)\. /);
    expect(gapNote({ epoch: 3, trainLoss: 0.01, trainAcc: 1, valLoss: 0.4, valAcc: 0.9 })).toBe('La exactitud de entrenamiento supera a la de validación en 10 puntos: el modelo empieza a memorizar (sobreajuste).');
    expect(gapNote({ epoch: 1, trainLoss: 0.3, trainAcc: 0.9, valLoss: 0.2, valAcc: 0.95 })).toMatch(/^La exactitud de validación supera a la de entrenamiento: normal al principio/);
    expect(gapNote(undefined)).toBe('');
  });
});

describe('cnn-try core', () => {
  it('one grey image per channel on one scale for the layer', () => {
    // 1×2 map with 2 channels: values (y, x, k) at x·2 + k.
    const m = mapImages([0, 2, -1, 4], 1, 2, 2);
    expect(m.max).toBe(4);
    expect([...m.images[0]!]).toEqual([0, 0]);
    expect([...m.images[1]!]).toEqual([128, 255]);
    expect(m.strongest).toBe(1);
    expect(mapImages([0, 0], 1, 1, 2).max).toBe(0);
    expect(() => mapImages([1, 2, 3], 1, 2, 2)).toThrow(RangeError);
  });

  it('titles and texts', () => {
    const l = { name: 'conv1', kind: 'Conv2D', shape: [28, 28, 8] };
    expect(layerTitle(l)).toBe('conv1: convolución + ReLU → 8 mapas de 28 × 28');
    expect(layerTitle({ name: 'flatten', kind: 'Flatten', shape: [784] })).toBe('flatten: aplanado → un vector de 784 números');
    expect(describeMaps(l, { images: [], max: 2.5, strongest: 3 })).toMatch(/más activo es el 4; el valor más alto de la capa es 2,5/);
    expect(describeMaps(l, { images: [], max: 0, strongest: 0 })).toMatch(/Todos los valores son cero/);
  });

  it('ranking, sum and verdict', () => {
    const p = [0.01, 0.02, 0.9, 0.03, 0.01, 0.01, 0.01, 0.005, 0.005, 0.0];
    expect(ranking(p).slice(0, 2)).toEqual([{ digit: 2, p: 0.9 }, { digit: 3, p: 0.03 }]);
    expect(sum(p)).toBeCloseTo(1, 12);
    expect(verdict(p)).toBe('El modelo está bastante seguro: dice 2 (90 %); la segunda opción es 3 (3 %).');
    expect(isBlank(new Float32Array(784))).toBe(true);
    expect(isBlank(Float32Array.from({ length: 784 }, (_, i) => (i === 400 ? 0.5 : 0)))).toBe(false);
    expect(mapCssSize(28)).toBe(56);
    expect(mapCssSize(7)).toBe(35);
  });
});

describe('phaseControls (the trainer view only applies it)', () => {
  it('locks what each phase must lock', () => {
    const all = (['loading', 'ready', 'training', 'pausing', 'paused', 'done', 'error'] as const).map((p) => [p, phaseControls(p, 5, 5)] as const);
    const pick = (k: keyof ReturnType<typeof phaseControls>) => Object.fromEntries(all.map(([p, c]) => [p, c[k]]));
    expect(pick('startDisabled')).toEqual({ loading: true, ready: false, training: true, pausing: true, paused: false, done: true, error: true });
    expect(pick('pauseDisabled')).toEqual({ loading: true, ready: true, training: false, pausing: true, paused: true, done: true, error: true });
    expect(pick('resetDisabled')).toEqual({ loading: true, ready: false, training: false, pausing: true, paused: false, done: false, error: true });
    expect(pick('busy')).toEqual({ loading: false, ready: false, training: true, pausing: true, paused: false, done: false, error: false });
    expect(pick('hasModel')).toEqual({ loading: false, ready: false, training: true, pausing: true, paused: true, done: true, error: false });
  });

  it('a finished run can go on once the epochs are raised; labels say what «Entrenar» does', () => {
    expect(phaseControls('done', 5, 8).startDisabled).toBe(false);
    expect(phaseControls('done', 5, 8).startLabel).toBe('▶ Seguir (sube las épocas)');
    expect(phaseControls('paused', 2, 5).startLabel).toBe('▶ Seguir');
    expect(phaseControls('ready', 0, 5).startLabel).toBe('▶ Entrenar');
    expect(phaseControls('ready', 0, 5).note).toBe('');
    expect(phaseControls('paused', 2, 5).note).toMatch(/Reiniciar/);
  });
});
