/**
 * Failures are said, not swallowed (issue 10, item 7): the backend choice keeps each backend's
 * reason for the error it throws; a storage that cannot be read is reported, not taken for
 * «no model», both for the lesson-10 CNN (lib/cnn/load) and the keyword model (lib/kws/load).
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { chooseBackend } from '../../widgets/lib/cnn/backend';
import { storedModelStatus } from '../../widgets/lib/cnn/load';
import { loadOwnKws, ownKwsStatus } from '../../widgets/lib/kws/load';

type Tf = typeof tf;

const fakeTf = (over: Record<string, unknown>): Tf => ({ ...tf, ...over }) as unknown as Tf;

describe('failures are said', () => {
  it('chooseBackend names why each backend was passed over', async () => {
    const t = fakeTf({
      setBackend: async (name: string) => {
        if (name === 'cpu') throw new Error('sin memoria');
        return false;
      },
      ready: async () => undefined,
    });
    const err = await chooseBackend(t, ['webgl', 'wasm', 'cpu'], null, () => false).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe(
      'Ningún motor de cálculo de TensorFlow.js funciona en este navegador (WebGL: sin aceleración por hardware; WebAssembly: no se indicaron sus archivos; JavaScript: sin memoria).',
    );
  });

  it('chooseBackend returns the first backend that starts', async () => {
    const tried: string[] = [];
    const t = fakeTf({ setBackend: async (n: string) => (tried.push(n), n === 'wasm'), ready: async () => undefined });
    const wasm = { setWasmPaths: () => undefined, paths: {} };
    expect(await chooseBackend(t, ['webgl', 'wasm', 'cpu'], wasm, () => true)).toBe('wasm');
    expect(tried).toEqual(['webgl', 'wasm']);
  });

  it('an unreadable storage is an error, not «no model»', async () => {
    const broken = fakeTf({ io: { ...tf.io, listModels: async () => { throw new Error('IndexedDB bloqueada'); } } });
    expect(await storedModelStatus(broken)).toEqual({ stored: false, error: 'No se pudo leer el almacenamiento de este navegador (IndexedDB bloqueada).' });
    const k = await ownKwsStatus(broken);
    expect(k.stored).toBe(false);
    expect(k.error).toMatch(/IndexedDB bloqueada/);
    const own = await loadOwnKws(broken);
    expect(own.loaded).toBeNull();
    expect(own.error).toMatch(/No se pudo leer el almacenamiento.*IndexedDB bloqueada/);
  });

  it('an empty storage is «no model» with no error', async () => {
    const empty = fakeTf({ io: { ...tf.io, listModels: async () => ({}) } });
    expect(await storedModelStatus(empty)).toEqual({ stored: false, error: null });
    expect(await ownKwsStatus(empty)).toEqual({ stored: false, error: null });
  });
});
