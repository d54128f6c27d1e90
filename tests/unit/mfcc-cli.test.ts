// scripts/mfcc.mjs: stdout is only the JSON {params, logmel, mfcc} (equal to computeFeatures on the
// decoded samples); 1 s at 16 kHz → 49 frames; a file that is not a PCM WAV exits 1 with a Spanish
// message on stderr and nothing on stdout.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AUDIO_DEFAULTS, computeFeatures } from '../../widgets/lib/audio/features';
import { decodeWav, encodeWav16 } from '../../widgets/lib/audio/wav';

const dir = mkdtempSync(join(tmpdir(), 'mfcc-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = (...args: string[]) => spawnSync(process.execPath, ['scripts/mfcc.mjs', ...args], { encoding: 'utf8' });

const tone = (n: number, fs: number): Float32Array => Float32Array.from({ length: n }, (_, i) => 0.4 * Math.sin((2 * Math.PI * 440 * i) / fs) * (1 + Math.sin(i / 900)) / 2);

describe('npm run mfcc', () => {
  it('1 s of 16 kHz 16-bit PCM → 49 frames of 40 log-mel and 13 MFCC, JSON only on stdout', () => {
    const f = join(dir, 'one.wav');
    const bytes = encodeWav16(tone(16000, 16000), 16000);
    writeFileSync(f, bytes);
    const out = JSON.parse(execFileSync(process.execPath, ['scripts/mfcc.mjs', f], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    expect(Object.keys(out)).toEqual(['params', 'logmel', 'mfcc']);
    expect(out.params).toEqual({ ...AUDIO_DEFAULTS });
    expect(out.logmel).toHaveLength(49);
    expect(out.mfcc).toHaveLength(49);
    expect(out.logmel[0]).toHaveLength(40);
    expect(out.mfcc[48]).toHaveLength(13);
    const want = computeFeatures(decodeWav(bytes).channels[0]!);
    expect(out.mfcc).toEqual(want.mfcc.map((r) => Array.from(r)));
    expect(out.logmel).toEqual(want.logmel.map((r) => Array.from(r)));
  });

  it('another rate is resampled to 16 kHz (and says so on stderr)', () => {
    const f = join(dir, 'cd.wav');
    writeFileSync(f, encodeWav16(tone(44100, 44100), 44100));
    const r = run(f);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).mfcc).toHaveLength(49);
    expect(r.stderr).toContain('remuestreado de 44100 Hz a 16000 Hz');
  });

  it('a text file, a missing file and no argument exit 1 with a Spanish message', () => {
    const f = join(dir, 'notes.wav');
    writeFileSync(f, 'esto no es audio\n');
    const r = run(f);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no es un WAV');
    const missing = run(join(dir, 'nada.wav'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no existe');
    expect(run().status).toBe(1);
  });
});
