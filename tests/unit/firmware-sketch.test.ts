/**
 * The whole motion sketch (motion_forwarder.ino) compiled on the host for each board revision
 * against the stand-ins in tests/firmware/host/ (simulated micros(), captured Serial, scripted
 * IMU), and its output read with the site's own line protocol (LineSplitter, parseLine,
 * detectStream). Not a substitute for compiling it with the board package, which the hardware
 * page and the sketch's README say has not been done.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineSplitter, detectStream, parseLine, snapRate } from '../../widgets/lib/sensors/line-protocol';
import { FIRMWARE_DIR, ROOT, compile, hasGpp, run, tempDir } from '../firmware/gpp';

const dir = tempDir();
const HOST = ['-Itests/firmware/host'];
const bins = { 1: join(dir, 'sketch_rev1'), 2: join(dir, 'sketch_rev2'), default: join(dir, 'sketch_default') };
const SCENARIOS = ['normal', 'wrap', 'init-fails', 'init-recovers', 'read-fails', 'bad-values', 'slow-host', 'one-stall'];

const dump = (rev: 1 | 2, scenario: string, fromUs?: number, toUs?: number): string => {
  const args = ['--dump', scenario, ...(fromUs === undefined ? [] : [String(fromUs), String(toUs)])];
  const r = run(bins[rev], args);
  expect(r.status).toBe(0);
  return r.stdout;
};
const splitLines = (text: string): string[] => {
  const s = new LineSplitter();
  const items = s.push(new TextEncoder().encode(text));
  expect(s.end()).toBeNull(); // every write ends with '\n'
  return items.map((i) => (i.type === 'line' ? i.text : `<overflow ${i.bytes}>`));
};

afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  if (!hasGpp()) throw new Error('g++ is needed for the firmware tests (.ci/run installs it: apt-get install g++)');
  for (const [rev, out] of [[1, bins[1]], [2, bins[2]]] as const) {
    const r = compile('tests/firmware/sketch_test.cpp', out, [...HOST, `-DBOARD_REV=${rev}`]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }
  expect(compile('tests/firmware/sketch_test.cpp', bins.default, HOST).status).toBe(0);
});

describe.each([1, 2] as const)('motion_forwarder.ino, BOARD_REV %i, on the host', (rev) => {
  it('passes every scenario (normal, micros() wrap, init/read failures, slow host, a stall)', () => {
    const r = run(bins[rev], []);
    expect(r.stdout).not.toMatch(/FAIL/);
    for (const s of SCENARIOS) expect(r.stdout).toMatch(new RegExp(`^${s}: \\d+ passed, 0 failed$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^sketch rev ${rev}: \\d+ checks passed, 0 failed$`, 'm'));
    expect(r.status).toBe(0);
  });

  it('the site detects 3 axes at 100 Hz from its first second, and every line parses', () => {
    const first = dump(rev, 'normal', 0, 1_000_000);
    const d = detectStream(first, 1);
    expect(d).toMatchObject({ ok: true, axes: 3, hz: 100, example: [0.1, -4.9, 9.81] });
    if (d.ok) expect(snapRate(d.hz, 1)).toBe(100);
    const lines = splitLines(dump(rev, 'normal'));
    expect(lines.length).toBeGreaterThanOrEqual(999);
    for (const l of lines) expect(parseLine(l, 3)).toEqual({ ok: true, values: [0.1, -4.9, 9.81] });
  });

  it('a sensor that does not start gives only ERR lines, which the site shows as the board error', () => {
    const chip = rev === 1 ? 'LSM9DS1' : 'BMI270';
    const other = rev === 1 ? 2 : 1;
    const text = dump(rev, 'init-fails');
    const d = detectStream(text.split('\n').slice(0, 2).join('\n') + '\n', 1);
    expect(d.ok).toBe(false);
    if (!d.ok) {
      expect(d.problem.code).toBe('device-error');
      expect(d.problem.message).toContain(`no se pudo iniciar el acelerómetro ${chip}`);
    }
    const lines = splitLines(text);
    expect(lines).toHaveLength(11);
    for (const l of lines) {
      expect(l).toBe(
        `ERR: no se pudo iniciar el acelerómetro ${chip} (BOARD_REV ${rev}). Si tu placa es la Rev${other}, ` +
          `pon BOARD_REV ${other} en el sketch y vuelve a subirlo.`,
      );
      const p = parseLine(l, 3);
      expect(p.ok ? 'ok' : p.reason).toBe('device-error');
    }
  });

  it('a failed read is one ERR line between intact data lines (no NaN ever reaches the port)', () => {
    const lines = splitLines(dump(rev, 'read-fails', 2_950_000, 5_600_000));
    const kinds = lines.map((l) => {
      const p = parseLine(l, 3);
      return p.ok ? 'data' : p.reason;
    });
    expect(kinds.filter((k) => k === 'device-error')).toHaveLength(3);
    expect(kinds.every((k) => k === 'data' || k === 'device-error')).toBe(true);
    expect(splitLines(dump(rev, 'bad-values')).some((l) => /nan|inf/i.test(l) && !l.startsWith('ERR'))).toBe(false);
  });
});

describe('the revision switch', () => {
  it('defaults to Rev2 and refuses any other value with #error', () => {
    expect(run(bins.default, []).stdout).toMatch(/^sketch rev 2: \d+ checks passed, 0 failed$/m);
    const bad = compile('tests/firmware/sketch_test.cpp', join(dir, 'sketch_rev3'), [...HOST, '-DBOARD_REV=3']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('#error "BOARD_REV tiene que ser 1 (Nano 33 BLE Sense Rev1, LSM9DS1) o 2 (Rev2, BMI270)."');
  });

  it('the sketch names each library exactly, prints only through Serial.write and never waits for the port', () => {
    const ino = readFileSync(join(FIRMWARE_DIR, 'motion_forwarder.ino'), 'utf8');
    expect(ino).toMatch(/^#define BOARD_REV 2 {2}\/\/ /m);
    expect(ino).toContain('#include <Arduino_LSM9DS1.h>');
    expect(ino).toContain('#include <Arduino_BMI270_BMM150.h>');
    expect(ino).toContain('kBaudRate = 115200');
    const code = ino.replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/Serial\.print|while\s*\(\s*!\s*Serial\s*\)|delay\s*\(/);
  });

  it('the hardware page links only to sketch files that exist', () => {
    const page = readFileSync(join(ROOT, 'src/pages/hardware.astro'), 'utf8');
    const base = /const mf = '([^']+)'/.exec(page)?.[1];
    expect(base).toBe('/firmware/motion_forwarder');
    const files = [...page.matchAll(/href=\{`\$\{mf\}\/([^`]+)`\}/g)].map((m) => m[1]!);
    expect([...new Set(files)].sort()).toEqual(['README.md', 'forwarder_core.h', 'motion_forwarder.ino']);
    for (const f of files) expect(existsSync(join(ROOT, 'public', base!, f)), f).toBe(true);
  });
});
