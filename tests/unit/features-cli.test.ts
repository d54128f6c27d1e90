// scripts/features.mjs: stdout is only the JSON of the 33 features (equal to spectralFeatures on
// the same rows); a malformed CSV exits 1 with a Spanish message naming the line on stderr.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spectralFeatures } from '../../widgets/lib/dsp';

const dir = mkdtempSync(join(tmpdir(), 'features-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = (...args: string[]) => spawnSync(process.execPath, ['scripts/features.mjs', ...args], { encoding: 'utf8' });
const ax = (i: number): [number, number, number] => [2 * Math.sin((2 * Math.PI * 2.34375 * i) / 100), 0.5 * Math.cos(i / 7), 9.81 + 0.1 * Math.sin(i)];

describe('npm run features', () => {
  it('an Edge Impulse CSV (rate from the timestamps): 33 labels and numbers, JSON only on stdout', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [i * 10, ...ax(i)]);
    const f = join(dir, 'ok.csv');
    writeFileSync(f, `timestamp,accX,accY,accZ\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const out = JSON.parse(execFileSync(process.execPath, ['scripts/features.mjs', f], { encoding: 'utf8' }));
    expect(out.labels).toHaveLength(33);
    expect(out.params.hz).toBe(100);
    const want = spectralFeatures([0, 1, 2].map((c) => rows.map((r) => r[c + 1]!)), 100).features;
    expect(out.features).toEqual(want);
  });

  it('three bare columns need --hz', () => {
    const f = join(dir, 'bare.csv');
    writeFileSync(f, Array.from({ length: 100 }, (_, i) => ax(i).join(',')).join('\n'));
    const no = run(f);
    expect(no.status).toBe(1);
    expect(no.stdout).toBe('');
    expect(no.stderr).toMatch(/Línea 1: .*--hz/);
    const yes = run(f, '--hz', '62.5');
    expect(yes.status).toBe(0);
    expect(JSON.parse(yes.stdout).params.hz).toBe(62.5);
  });

  it('a malformed CSV exits 1 and names the line', () => {
    const f = join(dir, 'bad.csv');
    writeFileSync(f, 'timestamp,accX,accY,accZ\n0,1,2,3\n10,1,dos,3\n');
    const r = run(f);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Línea 3');
    expect(run(join(dir, 'missing.csv')).stderr).toContain('no existe');
    expect(run(f, '--hz', 'cero').status).toBe(1);
  });
});
