import { describe, expect, it } from 'vitest';
import {
  EI_HEADER, datasetFromJson, datasetToJson, edgeImpulseFileName, parseMotionCsv, toEdgeImpulseCsv,
} from '../../widgets/lib/sensors/csv';
import { resampleRows, validateRecording, type Recording } from '../../widgets/lib/sensors/recording';
import { exampleDataset, simulate } from '../../widgets/lib/sensors/simulator';
import type { MotionRow } from '../../widgets/lib/sensors/types';

const rec = (hz: number, rows: MotionRow[]): Recording => ({ id: 'r1', label: 'lado a lado', hz, rows, source: 'simulated', createdAt: 1 });

describe('Edge Impulse CSV', () => {
  it('round-trips a recording exactly at 100, 62.5 and 50 Hz', () => {
    for (const hz of [100, 62.5, 50]) {
      const rows = simulate({ gesture: 'wave', seconds: 2, hz, seed: 4 });
      const csv = toEdgeImpulseCsv(rec(hz, rows));
      expect(csv.split('\n')[0]).toBe(EI_HEADER);
      const back = parseMotionCsv(csv);
      expect(back.ok).toBe(true);
      if (back.ok) {
        expect(back.hz).toBe(hz);
        expect(back.columns).toEqual(['timestamp', 'accX', 'accY', 'accZ']);
        expect(back.rows).toEqual(rows);
      }
    }
  });

  it('starts timestamps at 0 and writes ms', () => {
    const csv = toEdgeImpulseCsv({ rows: [[500, 1, 2, 3], [510, 4, 5, 6]] });
    expect(csv).toBe('timestamp,accX,accY,accZ\n0,1,2,3\n10,4,5,6\n');
    const third = toEdgeImpulseCsv(rec(30, simulate({ gesture: 'idle', seconds: 0.1, hz: 30, seed: 1 })));
    expect(third.split('\n')[2]!.split(',')[0]).toBe('33.333');
    const back = parseMotionCsv(third);
    expect(back.ok && Math.abs(back.hz - 30) < 0.01).toBe(true);
  });

  it('three bare columns need hz; four bare columns are timestamp + axes', () => {
    const bare = '1,2,3\n4,5,6\n7,8,9\n';
    expect(parseMotionCsv(bare)).toMatchObject({ ok: false, line: 1, message: expect.stringMatching(/^Línea 1: .*frecuencia de muestreo/) });
    expect(parseMotionCsv(bare, { hz: 100 })).toEqual({ ok: true, hz: 100, columns: ['accX', 'accY', 'accZ'], rows: [[0, 1, 2, 3], [10, 4, 5, 6], [20, 7, 8, 9]] });
    expect(parseMotionCsv('100,1,2,3\n120,4,5,6\n')).toMatchObject({ ok: true, hz: 50, rows: [[0, 1, 2, 3], [20, 4, 5, 6]] });
    expect(parseMotionCsv('100,1,2,3\n120,4,5,6\n', { hz: 62.5 })).toMatchObject({ ok: true, hz: 62.5, rows: [[0, 1, 2, 3], [20, 4, 5, 6]] });
  });

  it('finds the columns by name, ignores extra ones, reads ; with decimal commas and a BOM', () => {
    expect(parseMotionCsv('timestamp,accX,accY,accZ,gyrX\n0,1,2,3,9\n10,4,5,6,9\n')).toMatchObject({ ok: true, hz: 100, rows: [[0, 1, 2, 3], [10, 4, 5, 6]] });
    expect(parseMotionCsv('accZ,accY,accX,timestamp\n3,2,1,0\n6,5,4,20\n')).toMatchObject({ ok: true, hz: 50, rows: [[0, 1, 2, 3], [20, 4, 5, 6]] });
    expect(parseMotionCsv('x,y,z\n1,2,3\n', { hz: 10 })).toMatchObject({ ok: true, rows: [[0, 1, 2, 3]] });
    expect(parseMotionCsv('\uFEFFtimestamp;accX;accY;accZ\r\n0;0,5;-1,25;9,81\r\n10;1;2;3\r\n\r\n')).toMatchObject({ ok: true, hz: 100, rows: [[0, 0.5, -1.25, 9.81], [10, 1, 2, 3]] });
    expect(parseMotionCsv('"timestamp","accX","accY","accZ"\n0,1,2,3\n10,1,2,3\n')).toMatchObject({ ok: true, hz: 100 });
  });

  it('malformed files: ok false, the 1-based line, a Spanish message', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['timestamp,accX,accY,accZ\n0,1,2,3\n10,1,2\n', 3, /^Línea 3: esperaba 4 valores y hay 3: "10,1,2"/],
      ['timestamp,accX,accY,accZ\n0,1,2,3\n10,1,abc,3\n', 3, /^Línea 3: «abc» no es un número \(columna accY\)/],
      ['timestamp,accX,accY,accZ\n0,1,2,3\n10,1,NaN,3\n', 3, /«NaN» no es un número/],
      ['timestamp,accX,accY,accZ\n0,1,2,3\n20,1,2,3\n\n20,1,2,3\n', 5, /^Línea 5: la marca de tiempo 20 no es mayor que la anterior \(20\)/],
      ['timestamp,accX,accY,accZ\n', 1, /no tiene ninguna fila de datos/],
      ['timestamp,accX,accY,accZ\n0,1,2,3\n', 2, /una sola fila/],
      ['timestamp,accX\n0,1\n', 1, /hacen falta 3/],
      ['1,2\n3,4\n', 1, /^Línea 1: hay 2 valores y hacen falta 3/],
      ['', 1, /vacío/],
    ];
    for (const [text, line, re] of cases) {
      const r = parseMotionCsv(text);
      expect(r, JSON.stringify(text)).toMatchObject({ ok: false, line });
      if (!r.ok) expect(r.message).toMatch(re);
    }
    expect(parseMotionCsv('1,2,3\n', { hz: -5 })).toMatchObject({ ok: false, message: expect.stringMatching(/no es válida/) });
  });

  it('file names carry the label for Edge Impulse', () => {
    expect(edgeImpulseFileName({ label: 'lado a lado', id: 'ej.1' })).toBe('lado_a_lado.ej_1.csv');
  });
});

describe('data set JSON', () => {
  it('round-trips the example data set', () => {
    const ds = exampleDataset({ seed: 15, perClass: 3, seconds: 2, hz: 100 });
    ds[0]!.partial = true;
    const back = datasetFromJson(datasetToJson(ds));
    expect(back).toEqual({ ok: true, recordings: ds });
    expect(datasetFromJson(JSON.stringify(ds))).toEqual({ ok: true, recordings: ds }); // a bare array too
  });

  it('rejects what is not a data set, naming the recording and the field', () => {
    const good = exampleDataset({ seed: 1, perClass: 1, seconds: 0.1, hz: 100 });
    const wrap = (recordings: unknown) => JSON.stringify({ format: 'tinyml-motion-dataset', version: 1, recordings });
    const msg = (t: string) => { const r = datasetFromJson(t); return r.ok ? 'ok' : r.message; };
    expect(msg('{nope')).toMatch(/^El archivo no es un JSON válido/);
    expect(msg('{"a":1}')).toMatch(/no es un conjunto de datos de movimiento/);
    expect(msg(JSON.stringify({ format: 'tinyml-motion-dataset', version: 2, recordings: [] }))).toMatch(/versión 1/);
    expect(msg(wrap([good[0], { ...good[1], rows: [[0, 1, 2]] }]))).toBe('La grabación 2 tiene la fila 1 mal: debe ser [t_ms, ax, ay, az] con cuatro números.');
    expect(msg(wrap([{ ...good[0], hz: 0 }]))).toMatch(/^La grabación 1 no tiene una frecuencia válida/);
    expect(msg(wrap([{ ...good[0], source: 'usb' }]))).toMatch(/fuente desconocida/);
    expect(msg(wrap([{ ...good[0], rows: [] }]))).toMatch(/no tiene filas/);
    expect(msg(wrap([good[0], good[0]]))).toMatch(/^La grabación 2 repite el id/);
    expect(validateRecording(null)).toMatchObject({ ok: false, message: 'La grabación no es un objeto.' });
  });
});

describe('resampleRows', () => {
  it('interpolates irregular phone rows onto an even grid', () => {
    const rows: MotionRow[] = [[100, 0, 0, 0], [117, 17, 34, 9.8], [133, 33, 66, 9.8], [150, 50, 100, 9.8]];
    const out = resampleRows(rows, 100);
    expect(out.map((r) => r[0])).toEqual([0, 10, 20, 30, 40, 50]);
    out.forEach((r) => { expect(r[1]).toBeCloseTo(r[0], 9); expect(r[2]).toBeCloseTo(2 * r[0], 9); });
    expect(resampleRows([], 100)).toEqual([]);
  });
});
