import { describe, expect, it } from 'vitest';
import {
  LineSplitter, MAX_LINE_BYTES, detectStream, formatLine, isNumericToken, parseLine, snapRate, type SplitItem,
} from '../../widgets/lib/sensors/line-protocol';

const enc = new TextEncoder();
const linesOf = (items: SplitItem[]): string[] => items.flatMap((i) => (i.type === 'line' ? [i.text] : []));
const SAMPLE = '-0.12,-6.20,7.90\n0.05,-6.18,7.93\r\n1\t2\t3\n  4  5   6 \nñ,1,2\n';
const SAMPLE_LINES = ['-0.12,-6.20,7.90', '0.05,-6.18,7.93', '1\t2\t3', '  4  5   6 ', 'ñ,1,2'];

describe('LineSplitter', () => {
  it('splits a clean stream, accepts CRLF, keeps the unterminated tail for end()', () => {
    const s = new LineSplitter();
    expect(linesOf(s.push('1.00,2.00,3.00\n4,5,6\r\n7,8'))).toEqual(['1.00,2.00,3.00', '4,5,6']);
    expect(s.pendingBytes).toBe(3);
    expect(s.end()).toBe('7,8');
    expect(s.end()).toBeNull();
  });

  it('gives the same lines for every split point of a sample stream (multi-byte UTF-8 included)', () => {
    const bytes = enc.encode(SAMPLE);
    for (let i = 0; i <= bytes.length; i++) {
      const s = new LineSplitter();
      const got = [...s.push(bytes.slice(0, i)), ...s.push(bytes.slice(i))];
      expect(linesOf(got), `split at byte ${i}`).toEqual(SAMPLE_LINES);
    }
    for (let i = 0; i <= bytes.length; i++) {
      for (let j = i; j <= bytes.length; j += 3) {
        const s = new LineSplitter();
        const got = [...s.push(bytes.slice(0, i)), ...s.push(bytes.slice(i, j)), ...s.push(bytes.slice(j))];
        expect(linesOf(got)).toEqual(SAMPLE_LINES);
      }
    }
    const s = new LineSplitter();
    const oneByOne = Array.from(bytes, (b) => s.push(new Uint8Array([b]))).flat();
    expect(linesOf(oneByOne)).toEqual(SAMPLE_LINES);
  });

  it('decodes invalid UTF-8 to U+FFFD, which parseLine calls garbage', () => {
    const s = new LineSplitter();
    const lines = linesOf(s.push(new Uint8Array([0x31, 0x2c, 0xff, 0xfe, 0x00, 0x0a, 0x31, 0x2c, 0x32, 0x2c, 0x33, 0x0a])));
    expect(lines).toHaveLength(2);
    const p = parseLine(lines[0]!, 3, 9);
    expect(p.ok).toBe(false);
    if (!p.ok) {
      expect(p.reason).toBe('garbage');
      expect(p.problem.code).toBe('garbage');
      expect(p.problem.message).toMatch(/^La línea 9 trae bytes que no son texto/);
      expect(p.problem.message).toContain('baudios');
    }
    expect(parseLine(lines[1]!, 3)).toEqual({ ok: true, values: [1, 2, 3] });
  });

  it('drops a 64 KB line without a newline, reports it once, holds at most 4 KB, resynchronises', () => {
    for (const chunkSize of [65536, 1024, 7]) {
      const s = new LineSplitter();
      const items: SplitItem[] = [...s.push('1,2,3\n')];
      const long = enc.encode('1.23,'.repeat(13108).slice(0, 65536));
      for (let i = 0; i < long.length; i += chunkSize) {
        items.push(...s.push(long.slice(i, i + chunkSize)));
        expect(s.pendingBytes).toBeLessThanOrEqual(MAX_LINE_BYTES);
      }
      items.push(...s.push('4,5,6\n7,8,9\n'));
      const overflows = items.filter((i) => i.type === 'overflow');
      expect(overflows, `chunks of ${chunkSize}`).toHaveLength(1);
      expect(overflows[0]).toMatchObject({ type: 'overflow', head: expect.stringMatching(/^1\.23,1\.23,/) });
      // the tail of the long line up to its newline ("…4,5,6") is dropped with it
      expect(linesOf(items)).toEqual(['1,2,3', '7,8,9']);
    }
  });

  it('accepts a line of exactly 4096 bytes and drops one of 4097', () => {
    const s = new LineSplitter();
    const ok = 'x'.repeat(MAX_LINE_BYTES);
    expect(s.push(`${ok}\n`)).toEqual([{ type: 'line', text: ok }]);
    const items = s.push(`${ok}y\n1,2,3\n`);
    expect(items.map((i) => i.type)).toEqual(['overflow', 'line']);
  });
});

describe('parseLine', () => {
  it('reads commas, tabs, spaces, a trailing separator and empty tokens', () => {
    for (const l of ['1.0,2.0,3.0', '1.0\t2.0\t3.0', '1.0 2.0  3.0', '  1.0, 2.0 ,3.0  ', '1.0,2.0,3.0,', '1.0,,2.0,3.0', '1.0,2.0,3.0\r']) {
      const p = parseLine(l, 3);
      expect(p.ok, JSON.stringify(l)).toBe(true);
    }
    expect(parseLine('1.0,,2.0,3.0', 3)).toEqual({ ok: true, values: [1, 2, 3] });
    expect(parseLine('-0.12,+6.2e1,.5', 3)).toEqual({ ok: true, values: [-0.12, 62, 0.5] });
    expect(parseLine('1,2,3,4,5,6', null)).toEqual({ ok: true, values: [1, 2, 3, 4, 5, 6] });
  });

  it('says how many values came and how many it expected', () => {
    const p = parseLine('1.0,2.0', 3, 37);
    expect(p).toMatchObject({ ok: false, reason: 'wrong-count', problem: { code: 'wrong-count', fatal: false, line: '1.0,2.0' } });
    if (!p.ok) expect(p.problem.message).toBe('La línea 37 tiene 2 valores y esperaba 3: "1.0,2.0"');
    const q = parseLine('1,2,3,4', 3, 2);
    if (!q.ok) expect(q.problem.message).toBe('La línea 2 tiene 4 valores y esperaba 3: "1,2,3,4"');
  });

  it('gives NaN, Infinity, other text, garbage, blank and ERR each their own reason', () => {
    const reason = (l: string) => {
      const p = parseLine(l, 3, 5);
      return p.ok ? 'ok' : `${p.reason}/${p.problem.code}`;
    };
    expect(reason('1.0,NaN,3.0')).toBe('nan/not-numeric');
    expect(reason('1.0,-nan,3.0')).toBe('nan/not-numeric');
    expect(reason('1.0,inf,3.0')).toBe('infinite/not-numeric');
    expect(reason('Infinity,1,2')).toBe('infinite/not-numeric');
    expect(reason('1e999,1,2')).toBe('infinite/not-numeric');
    expect(reason('1.0,abc,3.0')).toBe('not-a-number/not-numeric');
    expect(reason('0x1A,1,2')).toBe('not-a-number/not-numeric');
    expect(reason('1.2.3,1,2')).toBe('not-a-number/not-numeric');
    expect(reason('1,\u0007,2')).toBe('garbage/garbage');
    expect(reason('')).toBe('blank/blank');
    expect(reason('   ')).toBe('blank/blank');
    expect(reason('ERR: IMU not found')).toBe('device-error/device-error');
    expect(reason('<err> sensor')).toBe('device-error/device-error');
    expect(reason('err')).toBe('device-error/device-error');
    const nan = parseLine('1.0,NaN,3.0', 3, 12);
    if (!nan.ok) expect(nan.problem.message).toMatch(/^La línea 12 tiene «NaN» \(no es un número\) en el valor 2: "1\.0,NaN,3\.0"/);
    const err = parseLine('ERR: IMU not found', 3, 4);
    if (!err.ok) expect(err.problem.message).toBe('La placa informó de un error en la línea 4: "ERR: IMU not found"');
    const txt = parseLine('1,abc,2', 3, 8);
    if (!txt.ok) expect(txt.problem.message).toBe('La línea 8 tiene «abc» en el valor 2, que no es un número: "1,abc,2"');
  });

  it('isNumericToken is strict', () => {
    expect(['1', '-1', '+1.5', '.5', '5.', '1e-3', '1E+3'].every(isNumericToken)).toBe(true);
    expect(['', ' ', 'NaN', 'Infinity', '0x10', '1,5', '1e', 'e1', '--1'].some(isNumericToken)).toBe(false);
  });
});

const lines100 = (n: number, sep = ',', eol = '\n') =>
  Array.from({ length: n }, (_, i) => formatLine([i / 100, -6.2, 7.9], 2, sep)).join(eol) + eol;

describe('detectStream (the data forwarder’s detection)', () => {
  it('drops a partial first and last line and counts the rest over the window', () => {
    const text = `81\n${lines100(100)}0.12,-6`;
    expect(detectStream(text, 1)).toMatchObject({ ok: true, hz: 100, axes: 3, lines: 100, example: [0, -6.2, 7.9] });
    expect(detectStream(lines100(100), 1)).toMatchObject({ ok: true, hz: 100, axes: 3 });
    expect(detectStream(lines100(100), 2)).toMatchObject({ ok: true, hz: 50 });
  });

  it('handles CRLF, tabs and spaces', () => {
    expect(detectStream(lines100(62, ',', '\r\n'))).toMatchObject({ ok: true, hz: 62, axes: 3 });
    expect(detectStream(lines100(50, '\t'))).toMatchObject({ ok: true, hz: 50, axes: 3 });
    expect(detectStream(`\n\n${lines100(20, '  ')}\n\n`)).toMatchObject({ ok: true, hz: 20, axes: 3 });
  });

  it('takes the axis count from the second line, not the first', () => {
    expect(detectStream('9\n1,2,3,4,5,6\n1,2,3,4,5,6\n1,2,3,4,5,6\n')).toMatchObject({ ok: true, axes: 6, hz: 3 });
  });

  it('reports ERR anywhere, one reading, no valid readings, and a non-numeric reference', () => {
    const code = (t: string) => {
      const r = detectStream(t);
      return r.ok ? 'ok' : r.problem.code;
    };
    expect(code(`${lines100(10)}ERR: IMU no responde\n${lines100(10)}`)).toBe('device-error');
    expect(code('<err init failed>\n')).toBe('device-error');
    expect(code('1.00,2.00,3.00\n')).toBe('one-line');
    expect(code('')).toBe('no-data');
    expect(code('\n\n  \n')).toBe('no-data');
    expect(code('Iniciando\n')).toBe('no-data');
    expect(code('Hola\nIniciando IMU\n1,2,3\n')).toBe('not-numeric');
    expect(code('1,2,3\n1,NaN,3\n1,2,3\n')).toBe('not-numeric');
    expect(code('\uFFFD\uFFFD\n\uFFFD1\u0003\n')).toBe('garbage');
    const one = detectStream('1.00,2.00,3.00\n');
    if (!one.ok) {
      expect(one.problem.fatal).toBe(true);
      expect(one.problem.message).toMatch(/^En 1 s solo llegó una lectura/);
    }
    const none = detectStream('');
    if (!none.ok) expect(none.problem.message).toMatch(/^En 1 s no llegó ninguna lectura válida/);
  });

  it('snapRate: one line added back, then the nearest common rate, else rounded', () => {
    expect([98, 99, 100, 101].map((h) => snapRate(h))).toEqual([100, 100, 100, 100]);
    expect([61, 62, 63].map((h) => snapRate(h))).toEqual([62.5, 62.5, 62.5]);
    expect([60, 59, 58, 49, 48, 998, 117, 7.34, 4, 3].map((h) => snapRate(h))).toEqual([60, 60, 60, 50, 50, 1000, 119, 7.3, 5, 3]);
    expect(snapRate(60, 0.5)).toBe(62.5); // 30 lines in a half-second window: one line is 2 Hz
  });

  it('formatLine prints like the sketch', () => {
    expect(formatLine([-0.123, 6.2, 9.80665])).toBe('-0.12,6.20,9.81');
    expect(formatLine([1, 2], 1, '\t')).toBe('1.0\t2.0');
  });
});
