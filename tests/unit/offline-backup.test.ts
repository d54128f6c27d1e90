import { describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT, decodeValue, encodeBackup, encodeValue, fromBase64, groupLocalStorage, parseBackup, toBase64, approxBytes, type Backup,
} from '../../src/lib/storage/backup';

const roundTrip = async (v: unknown): Promise<unknown> => decodeValue(JSON.parse(JSON.stringify(await encodeValue(v))));

describe('base64', () => {
  it('matches Node’s Buffer for every length mod 3 and all byte values', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (const n of [0, 1, 2, 3, 4, 5, 255, 256]) {
      const b = all.slice(0, n);
      expect(toBase64(b)).toBe(Buffer.from(b).toString('base64'));
      expect([...fromBase64(Buffer.from(b).toString('base64'))!]).toEqual([...b]);
    }
  });
  it('rejects what is not base64', () => {
    expect(fromBase64('abc')).toBeNull();
    expect(fromBase64('ab$=')).toBeNull();
    expect(fromBase64('a===')).toBeNull();
  });
});

describe('encodeValue / decodeValue', () => {
  it('plain JSON values stay as they are', async () => {
    const v = { a: 1, b: 'x', c: [true, null, 2.5], d: { e: 'ñ' } };
    expect(await encodeValue(v)).toEqual(v);
    expect(await roundTrip(v)).toEqual(v);
  });
  it('special numbers, undefined, bigint, dates, regexps', async () => {
    const out = (await roundTrip([NaN, Infinity, -Infinity, -0, undefined, 12n, new Date('2026-12-04T21:00:00Z'), /a+b/gi])) as unknown[];
    expect(out[0]).toBeNaN();
    expect(out[1]).toBe(Infinity);
    expect(out[2]).toBe(-Infinity);
    expect(Object.is(out[3], -0)).toBe(true);
    expect(out.length).toBe(8);
    expect(out[4]).toBeUndefined();
    expect(out[5]).toBe(12n);
    expect((out[6] as Date).toISOString()).toBe('2026-12-04T21:00:00.000Z');
    expect(out[7]).toEqual(/a+b/gi);
  });
  it('ArrayBuffer, DataView and every typed array keep kind and bytes (views into a larger buffer too)', async () => {
    const big = new ArrayBuffer(64);
    new Uint8Array(big).forEach((_, i, a) => (a[i] = (i * 37) & 255));
    const values: unknown[] = [
      big.slice(0, 7),
      new DataView(big, 3, 5),
      new Int8Array([-128, 0, 127]), new Uint8Array(big, 5, 9), new Uint8ClampedArray([0, 255]),
      new Int16Array([-32768, 1]), new Uint16Array([65535]), new Int32Array([-1, 2 ** 31 - 1]), new Uint32Array([2 ** 32 - 1]),
      new Float32Array([1.5, -0.25, NaN]), new Float64Array([Math.PI]), new BigInt64Array([-5n]), new BigUint64Array([2n ** 64n - 1n]),
    ];
    for (const v of values) {
      const back = await roundTrip(v);
      expect(Object.prototype.toString.call(back)).toBe(Object.prototype.toString.call(v));
      const bytes = (x: unknown) => (x instanceof ArrayBuffer ? new Uint8Array(x) : new Uint8Array((x as ArrayBufferView).buffer, (x as ArrayBufferView).byteOffset, (x as ArrayBufferView).byteLength));
      expect([...bytes(back)]).toEqual([...bytes(v)]);
    }
  });
  it('Blob and File keep type, name and bytes', async () => {
    const blob = (await roundTrip(new Blob([new Uint8Array([1, 2, 3])], { type: 'audio/wav' }))) as Blob;
    expect(blob).toBeInstanceOf(Blob);
    expect(blob.type).toBe('audio/wav');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([1, 2, 3]);
    const file = (await roundTrip(new File(['hola'], 'si-1.wav', { type: 'audio/wav' }))) as File;
    expect(file).toBeInstanceOf(File);
    expect(file.name).toBe('si-1.wav');
    expect(await file.text()).toBe('hola');
  });
  it('Map, Set and objects that have a "$t" key of their own', async () => {
    const m = (await roundTrip(new Map<unknown, unknown>([['a', new Float32Array([1])], [2, 'b']]))) as Map<unknown, unknown>;
    expect(m.get(2)).toBe('b');
    expect(m.get('a')).toEqual(new Float32Array([1]));
    expect(await roundTrip(new Set([1, 'x']))).toEqual(new Set([1, 'x']));
    expect(await roundTrip({ $t: 'Float32Array', b64: 'AAAA' })).toEqual({ $t: 'Float32Array', b64: 'AAAA' });
  });
  it('malformed trees say where and what', () => {
    expect(() => decodeValue({ $t: 'Float32Array', b64: 'AAA' })).toThrow('valor: datos binarios mal codificados (base64 no válido)');
    expect(() => decodeValue({ $t: 'Float32Array', b64: 'AAAAAAA=' })).toThrow('Float32Array con un número de bytes que no es múltiplo de 4');
    expect(() => decodeValue({ x: [{ $t: 'Frobnicator' }] })).toThrow('valor.x[0]: tipo «Frobnicator» desconocido');
    expect(() => decodeValue({ $t: 'number', v: 'mucho' })).toThrow('número especial desconocido');
    expect(() => decodeValue({ $t: 'bigint', v: '1.5' })).toThrow('entero grande mal escrito');
    expect(() => decodeValue({ $t: 'date', v: 'ayer' })).toThrow('fecha mal escrita');
  });
});

const sample = (): Backup => ({
  format: BACKUP_FORMAT,
  version: 1,
  exportedAt: '2026-12-04T21:00:00.000Z',
  localStorage: { 'tinyml:progreso': '["que-es-tinyml"]', 'tinyml:tema': 'dark', 'tinyml:celda:l04:a': 'x = 1' },
  indexedDB: [
    { name: 'tinyml-kws', version: 1, stores: [{ name: 'recordings', keyPath: 'id', autoIncrement: false, records: [{ value: { id: 'r1', word: 'sí', samples: new Float32Array([0.5, -0.5]) } }] }] },
    { name: 'tinyml-otra', version: 3, stores: [{ name: 'kv', keyPath: null, autoIncrement: false, records: [{ key: 'k', value: new Blob(['z']) }] }] },
  ],
  tfjsModels: [{ modelPath: 'tinyml-tu-modelo', model: { modelPath: 'tinyml-tu-modelo', modelArtifacts: { weightData: new Uint8Array([9, 8]).buffer } }, info: { modelPath: 'tinyml-tu-modelo', modelArtifactsInfo: { weightDataBytes: 2 } } }],
});

describe('encodeBackup / parseBackup', () => {
  it('round-trips a whole backup', async () => {
    const back = parseBackup(await encodeBackup(sample()));
    if ('error' in back) throw new Error(back.error);
    expect(back.localStorage).toEqual(sample().localStorage);
    expect((back.indexedDB[0]!.stores[0]!.records[0]!.value as { samples: Float32Array }).samples).toEqual(new Float32Array([0.5, -0.5]));
    expect(back.indexedDB[1]!.stores[0]!.records[0]!.key).toBe('k');
    expect(await (back.indexedDB[1]!.stores[0]!.records[0]!.value as Blob).text()).toBe('z');
    const w = (back.tfjsModels[0]!.model as { modelArtifacts: { weightData: ArrayBuffer } }).modelArtifacts.weightData;
    expect([...new Uint8Array(w)]).toEqual([9, 8]);
  });

  const reject = async (edit: (d: Record<string, any>) => unknown, message: string): Promise<void> => {
    const d = JSON.parse(await encodeBackup(sample()));
    const r = parseBackup(typeof edit === 'function' ? JSON.stringify(edit(d) ?? d) : '');
    expect(r).toEqual({ error: expect.stringContaining(message) });
    expect((r as { error: string }).error).toMatch(/No se ha cambiado nada\.$/);
  };

  it('rejects, each with its own Spanish message', async () => {
    expect(parseBackup('{"format": ')).toEqual({ error: expect.stringContaining('no es un JSON válido') });
    expect(parseBackup('PK\u0003\u0004')).toEqual({ error: expect.stringContaining('no es un JSON válido') });
    await reject(() => ({ format: 'tinyml-motion-dataset', version: 1 }), 'no es un respaldo del curso de TinyML');
    await reject(() => [1, 2], 'no es un respaldo del curso de TinyML');
    await reject((d) => { d.version = 2; }, 'versión más nueva del curso (2; esta página lee hasta la 1)');
    await reject((d) => { delete d.version; }, 'no dice de qué versión es');
    await reject((d) => { d.version = 0; }, 'versión no válida');
    await reject((d) => { delete d.localStorage; }, 'falta la sección «localStorage»');
    await reject((d) => { d.localStorage['otro-sitio'] = 'x'; }, 'la clave «otro-sitio» no es del curso');
    await reject((d) => { d.localStorage['tinyml:tema'] = 3; }, 'el valor de «tinyml:tema» no es texto');
    await reject((d) => { d.indexedDB = {}; }, 'falta la sección «indexedDB»');
    await reject((d) => { delete d.tfjsModels; }, 'falta la sección «tfjsModels»');
    await reject((d) => { d.indexedDB[0].name = 'ajena'; }, 'la base de datos «ajena» no es del curso');
    await reject((d) => { d.indexedDB[1].name = 'tinyml-kws'; }, '«tinyml-kws» aparece dos veces');
    await reject((d) => { d.indexedDB[0].version = 1.5; }, '«tinyml-kws» tiene una versión no válida');
    await reject((d) => { d.indexedDB[0].stores[0].keyPath = 5; }, 'un almacén de «tinyml-kws» está mal escrito');
    await reject((d) => { delete d.indexedDB[1].stores[0].records[0].key; }, 'el registro nº 1 de tinyml-otra/kv no tiene clave');
    await reject((d) => { d.indexedDB[0].stores[0].records[0].value.samples.b64 = '***'; }, 'tinyml-kws/recordings nº 1.samples: datos binarios mal codificados');
    await reject((d) => { d.tfjsModels[0].modelPath = 'mnist'; }, 'el modelo «mnist» no es del curso');
    await reject((d) => { d.tfjsModels[0].info = {}; }, 'el modelo «tinyml-tu-modelo» está incompleto');
  });
});

describe('groupLocalStorage', () => {
  it('groups by prefix with Spanish labels, unknown tinyml: keys apart, others ignored', () => {
    const g = groupLocalStorage({ 'tinyml:celda:a': 'xx', 'tinyml:progreso': '[]', 'tinyml:nuevo': 'v', 'tinyml:celda:b': 'y', 'otra:cosa': 'z', 'tinyml:predice:l05': '1', 'tinyml:ejercicios:l03': '{}', 'tinyml:preguntas:l01': '{}' });
    expect(g.map((x) => [x.label, x.keys])).toEqual([
      ['Lecciones completadas', ['tinyml:progreso']],
      ['Código que has editado en las celdas', ['tinyml:celda:a', 'tinyml:celda:b']],
      ['Respuestas de los ejercicios', ['tinyml:ejercicios:l03']],
      ['Tus predicciones («¿qué crees que pasará?»)', ['tinyml:predice:l05']],
      ['Cómo te salieron las preguntas de repaso', ['tinyml:preguntas:l01']],
      ['Otros datos del curso', ['tinyml:nuevo']],
    ]);
    expect(g[1]!.bytes).toBe('tinyml:celda:a'.length + 2 + 'tinyml:celda:b'.length + 1);
  });
  it('approxBytes counts UTF-8 text and binary lengths', () => {
    expect(approxBytes('ñ')).toBe(2);
    expect(approxBytes({ a: new Float32Array(4) })).toBe(1 + 16);
  });
});
