/**
 * The motion sketch's plain C++ core (public/firmware/motion_forwarder/forwarder_core.h), built
 * on the host with g++ -std=c++17 -Wall -Wextra -Werror and run: scaling, exact line bytes,
 * rounding, locale, the 100 Hz scheduler (32-bit micros() wrap, no bursts), ERR lines. Its lines
 * must parse with the site's own line parser, and its rounding must equal JavaScript's toFixed.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLine } from '../../widgets/lib/sensors/line-protocol';
import { FIRMWARE_DIR, compile, hasGpp, linesOf, run, tempDir } from '../firmware/gpp';

const dir = tempDir();
const bin = join(dir, 'core_test');
const schedulerBin = join(dir, 'scheduler_test');
const canLocaledef = run('sh', ['-c', 'command -v localedef && test -d /usr/share/i18n/locales']).status === 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  if (!hasGpp()) throw new Error('g++ is needed for the firmware tests (.ci/run installs it: apt-get install g++)');
  for (const [src, out] of [['core_test', bin], ['scheduler_test', schedulerBin]] as const) {
    const r = compile(`tests/firmware/${src}.cpp`, out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }
});

describe('forwarder_core.h on the host', () => {
  it('scales g to m/s², formats exact bytes, rounds and writes ERR lines (core_test.cpp)', () => {
    const r = run(bin, []);
    expect(r.stdout).not.toMatch(/^FAIL/m);
    expect(r.status).toBe(0);
    const summary = /^core: (\d+) checks passed, 0 failed$/m.exec(r.stdout);
    expect(summary).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThanOrEqual(70);
  });

  it('keeps 100 Hz across the 32-bit micros() wrap and never bursts after a late loop (scheduler_test.cpp)', () => {
    const r = run(schedulerBin, []);
    expect(r.stdout).not.toMatch(/^FAIL/m);
    expect(r.status).toBe(0);
    const summary = /^scheduler: (\d+) checks passed, 0 failed$/m.exec(r.stdout);
    expect(summary).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThanOrEqual(40);
  });

  it.skipIf(!canLocaledef)('prints "." as the decimal separator under a Spanish (comma) locale', () => {
    const loc = join(dir, 'locale');
    const made = run('sh', ['-c', `mkdir -p "${loc}" && localedef -i es_ES -f UTF-8 "${loc}/es_ES.UTF-8"`]);
    expect(made.status).toBe(0);
    const r = run(bin, [], { ...process.env, LOCPATH: loc });
    expect(r.stdout).toMatch(/^locale: es_ES\.UTF-8$/m); // the locale was really active (printf gave "1,50")
    expect(r.status).toBe(0);
  });

  it('its lines are what the site parser reads: 3 numbers each, and the ERR line is a device error', () => {
    const r = run(bin, ['--emit']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      '0.00,0.00,0.00\n-0.12,-6.20,7.90\n9.81,-9.81,4.90\n0.00,0.13,-156.91\n999999.88,-999999.88,0.00\n' +
        'ERR: no se pudo iniciar el acelerómetro BMI270\n',
    );
    const lines = linesOf(r.stdout);
    const data = lines.slice(0, -1).map((l) => parseLine(l, 3));
    expect(data.map((p) => (p.ok ? p.values : p.reason))).toEqual([
      [0, 0, 0], [-0.12, -6.2, 7.9], [9.81, -9.81, 4.9], [0, 0.13, -156.91], [999999.88, -999999.88, 0],
    ]);
    const err = parseLine(lines.at(-1)!, 3);
    expect(err.ok).toBe(false);
    if (!err.ok) {
      expect(err.reason).toBe('device-error');
      expect(err.problem.message).toContain('no se pudo iniciar el acelerómetro BMI270');
    }
  });

  it('rounds exactly like JavaScript toFixed(2) on the same float (ties included), never "-0.00"', () => {
    const r = run(bin, ['--random', '5000']);
    expect(r.status).toBe(0);
    const rows = linesOf(r.stdout).map((l) => l.split(' ') as [string, string]);
    expect(rows).toHaveLength(5000);
    let ties = 0;
    for (const [value, formatted] of rows) {
      const v = Number(value); // %.17g: the float's exact value, as a double
      if (Math.abs((v * 100) % 1) === 0.5) ties++;
      const expected = v.toFixed(2) === '-0.00' ? '0.00' : v.toFixed(2);
      expect(formatted, value).toBe(expected);
    }
    expect(ties).toBeGreaterThan(10);
  });

  it('stays plain C++: no Arduino, printf or locale in the core header', () => {
    const src = readFileSync(join(FIRMWARE_DIR, 'forwarder_core.h'), 'utf8');
    const includes = [...src.matchAll(/^#include\s+(\S+)/gm)].map((m) => m[1]);
    expect(includes).toEqual(['<stddef.h>', '<stdint.h>']);
    const code = src.replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/Arduino|printf|locale|String\b|Serial/);
  });
});
