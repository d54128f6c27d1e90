import { describe, expect, it } from 'vitest';
import { createFakeSerial, installFakeSerial, type FakeSerialOptions } from '../../widgets/lib/sensors/fake-serial';
import { formatLine } from '../../widgets/lib/sensors/line-protocol';
import { createManualScheduler } from '../../widgets/lib/sensors/scheduler';
import { createSerialSource, serialSupport, type SerialSourceOptions } from '../../widgets/lib/sensors/serial-source';
import { simulate } from '../../widgets/lib/sensors/simulator';
import { problemOf } from '../../widgets/lib/sensors/source-error';
import type { MotionRow, SourceProblem, SourceStatus } from '../../widgets/lib/sensors/types';

function rig(fakeOpts: FakeSerialOptions = {}, srcOpts: SerialSourceOptions = {}) {
  const sched = createManualScheduler(5000);
  const fake = createFakeSerial({ seed: 7, gesture: 'wave', scheduler: sched, ...fakeOpts });
  const src = createSerialSource({ serial: fake, scheduler: sched, ...srcOpts });
  const rows: MotionRow[] = [];
  const problems: SourceProblem[] = [];
  const statuses: SourceStatus[] = [];
  src.on('samples', (r) => rows.push(...r));
  src.on('problem', (p) => problems.push(p));
  src.on('status', (s) => statuses.push(s));
  /** start() and run the detection window; resolves to the start() outcome. */
  const connect = async (): Promise<SourceProblem | null> => {
    let outcome: SourceProblem | null | undefined;
    src.start().then(() => { outcome = null; }, (e) => { outcome = problemOf(e); });
    for (let i = 0; i < 40 && outcome === undefined; i++) await sched.advance(100);
    if (outcome === undefined) throw new Error('start() did not settle in 4 s');
    return outcome;
  };
  return { sched, fake, src, rows, problems, statuses, connect };
}

/** The values the fake sends for data line i (simulator, 2 decimals). */
function expectedLines(n: number, hz: number, seed = 7): number[][] {
  return simulate({ gesture: 'wave', seconds: n / hz, hz, seed }).map((r) => formatLine(r.slice(1), 2).split(',').map(Number));
}

/** Index of the data line rows[0] came from; checks that the rows are consecutive lines from it. */
function checkConsecutive(rows: MotionRow[], expected: number[][]): number {
  const same = (r: MotionRow, e: number[] | undefined) => !!e && r[1] === e[0] && r[2] === e[1] && r[3] === e[2];
  const k0 = expected.findIndex((e) => same(rows[0]!, e));
  expect(k0).toBeGreaterThanOrEqual(0);
  for (let j = 0; j < rows.length; j++) {
    if (!same(rows[j]!, expected[k0 + j])) throw new Error(`row ${j} is not data line ${k0 + j}`);
  }
  return k0;
}

describe('serial source against the fake port (manual clock)', () => {
  it('connects, detects 100 Hz and 3 axes, streams rows [t, ax, ay, az] every 10 ms', async () => {
    const { src, sched, rows, problems, statuses, connect, fake } = rig();
    expect(await connect()).toBeNull();
    expect(statuses).toEqual(['connecting', 'detecting', 'streaming']);
    expect(src.rateHz).toBe(100);
    expect(src.detectedHz).toBeGreaterThanOrEqual(95);
    expect(src.detectedHz).toBeLessThanOrEqual(100);
    expect(src.axes).toBe(3);
    await sched.advance(3000);
    expect(rows.length).toBeGreaterThan(295);
    expect(rows.length).toBeLessThan(320);
    rows.forEach((r, i) => expect(r[0]).toBeCloseTo(i * 10, 9));
    checkConsecutive(rows, expectedLines(600, 100));
    expect(src.badLines).toBe(0);
    expect(problems).toEqual([]);
    await src.stop();
    expect(src.status).toBe('stopped');
    expect(fake.port.readable).toBeNull(); // closed
    const n = rows.length;
    await sched.advance(1000);
    expect(rows.length).toBe(n);
  });

  it('counts garbage, ERR, wrong counts, NaN, blanks, inf and a 64 KB line, and keeps every sample around them', async () => {
    const faults = [
      { at: 150, kind: 'garbage' }, { at: 160, kind: 'err' }, { at: 170, kind: 'wrong-count' }, { at: 180, kind: 'nan' },
      { at: 190, kind: 'blank' }, { at: 200, kind: 'infinity' }, { at: 210, kind: 'long-line' }, { at: 220, kind: 'text', text: 'hola' },
    ] as const;
    const { src, sched, rows, problems, connect } = rig({ faults: [...faults] });
    expect(await connect()).toBeNull();
    await sched.advance(2000);
    expect(src.badLines).toBe(8);
    expect(problems.map((p) => p.code)).toEqual(['garbage', 'device-error', 'wrong-count', 'not-numeric', 'blank', 'not-numeric', 'line-too-long', 'not-numeric']);
    expect(problems.every((p) => !p.fatal)).toBe(true);
    expect(problems[1]!.message).toContain('ERR: IMU no responde');
    expect(problems[2]!.message).toMatch(/tiene 2 valores y esperaba 3: "0\.12,-0\.34"$/);
    const k0 = checkConsecutive(rows, expectedLines(400, 100)); // no data line lost or merged
    expect(k0 + rows.length).toBeGreaterThan(250);
    expect(src.status).toBe('streaming');
  });

  it('keeps the rows when the board is unplugged mid-stream, and says how many', async () => {
    const { src, sched, rows, problems, statuses, connect, fake } = rig();
    expect(await connect()).toBeNull();
    await sched.advance(1500);
    const before = rows.length;
    expect(before).toBeGreaterThan(140);
    fake.unplug();
    await sched.settle();
    expect(src.status).toBe('stopped');
    expect(statuses.at(-1)).toBe('stopped');
    const p = problems.find((q) => q.code === 'disconnected');
    expect(p).toMatchObject({ fatal: true });
    expect(p!.message).toContain(`Las ${before} lecturas que ya habían llegado se conservan`);
    expect(problems.filter((q) => q.code === 'disconnected')).toHaveLength(1);
    await sched.advance(1000);
    expect(rows.length).toBe(before);
    checkConsecutive(rows, expectedLines(400, 100));
  });

  it('reports a change of device on reconnection: another rate, another axis count', async () => {
    const { src, problems, connect, fake } = rig();
    expect(await connect()).toBeNull();
    fake.unplug();
    fake.replug({ hz: 50 });
    expect(await connect()).toBeNull();
    expect(src.rateHz).toBe(50);
    expect(problems.map((p) => p.code)).toEqual(['disconnected', 'rate-changed']);
    expect(problems[1]!.message).toMatch(/antes llegaban 100 Hz y ahora 50 Hz/);
    await src.stop();
    fake.replug({ hz: 50, lines: () => '1.00,2.00,3.00,4.00,5.00,6.00' });
    expect(await connect()).toBeNull();
    expect(src.axes).toBe(6);
    expect(problems.slice(2).map((p) => p.code)).toEqual(['wrong-count', 'axes-changed']);
    expect(problems[3]!.message).toMatch(/antes eran 3 y ahora 6/);
  });

  it('warns when the rate is not the expected one', async () => {
    const { src, problems, connect } = rig({ hz: 50 }, { expectedHz: 100 });
    expect(await connect()).toBeNull();
    expect(src.rateHz).toBe(50);
    expect(problems.map((p) => p.code)).toEqual(['rate-changed']);
    expect(problems[0]!.message).toMatch(/^Se esperaban unos 100 Hz y la placa envía 50 Hz/);
  });

  it('retries detection once after a boot message; a device error at connection is fatal', async () => {
    const data = (i: number) => (i < 3 ? 'Iniciando IMU...' : formatLine([i / 100, 1, 9.81]));
    const a = rig({ lines: data, startMidLine: false });
    expect(await a.connect()).toBeNull();
    expect(a.src.rateHz).toBe(100);
    const b = rig({ lines: (i) => (i === 5 ? 'ERR: no se encontró la IMU' : formatLine([0, 0, 9.81])) });
    const p = await b.connect();
    expect(p).toMatchObject({ code: 'device-error', fatal: true });
    expect(p!.message).toContain('ERR: no se encontró la IMU');
    expect(b.src.status).toBe('error');
    expect(b.fake.port.readable).toBeNull(); // the port was closed again
  });

  it('a wrong baud rate gives garbage and a message about the baud rate', async () => {
    const { connect, src } = rig({}, { baudRate: 9600 });
    const p = await connect();
    expect(p).toMatchObject({ code: 'garbage', fatal: true });
    expect(p!.message).toContain('115200 baudios');
    expect(src.status).toBe('error');
  });

  it('a silent port or a 1 Hz board cannot be detected', async () => {
    expect(await rig({ lines: () => null }).connect()).toMatchObject({ code: 'no-data' });
    expect(await rig({ hz: 1, startMidLine: false, tickMs: 100 }).connect()).toMatchObject({ code: 'one-line' });
  });

  it('unplugged during detection: start() rejects with "disconnected"', async () => {
    const { src, sched, fake } = rig();
    const p = src.start().then(() => null, (e) => problemOf(e));
    await sched.advance(300);
    fake.unplug();
    expect(await p).toMatchObject({ code: 'disconnected', fatal: true });
    expect(src.status).toBe('error');
  });

  it('picker cancelled, permission denied, busy port: each its own problem', async () => {
    const cases: Array<[FakeSerialOptions, string, RegExp]> = [
      [{ requestPortError: 'NotFoundError' }, 'no-port', /^No se eligió ningún puerto/],
      [{ requestPortError: 'SecurityError' }, 'permission', /^El navegador no dejó usar el puerto serie/],
      [{ openError: 'NetworkError' }, 'busy', /lo está usando otro programa.*dialout/],
      [{ openError: 'InvalidStateError' }, 'busy', /InvalidStateError/],
    ];
    for (const [opts, code, re] of cases) {
      const r = rig(opts);
      const p = await r.connect();
      expect(p, code).toMatchObject({ code, fatal: true });
      expect(p!.message).toMatch(re);
      expect(r.src.status).toBe('error');
      expect(r.problems).toEqual([p]);
    }
  });

  it('without navigator.serial: "unsupported", naming the browsers that work', async () => {
    const src = createSerialSource({ serial: null });
    const p = await src.start().then(() => null, (e) => problemOf(e));
    expect(p).toMatchObject({ code: 'unsupported', fatal: true });
    for (const s of ['Chrome', 'Edge', 'Opera', 'ordenador', 'móvil', 'simulada']) expect(p!.message).toContain(s);
    expect(serialSupport({}, true)).toMatchObject({ ok: false, code: 'unsupported' });
    expect(serialSupport({}, false)).toMatchObject({ ok: false, code: 'insecure', message: expect.stringContaining('localhost') });
    expect(serialSupport({ serial: createFakeSerial() })).toEqual({ ok: true });
    expect(serialSupport(undefined, undefined)).toMatchObject({ ok: false }); // Node has no navigator.serial
  });

  it('a second start() while connecting opens no second picker', async () => {
    const { src, sched, fake } = rig();
    let asked = 0;
    const request = fake.requestPort.bind(fake);
    fake.requestPort = (opts) => { asked++; return request(opts); };
    const a = src.start();
    const b = src.start();
    expect(b).toBe(a);
    await sched.settle(); // picker answered, port open, detection timer set
    await sched.advance(1100);
    await a;
    expect(asked).toBe(1);
    expect(src.start()).toBe(a); // streaming: still the same
  });

  it('stop() and start() again on the same port', async () => {
    const { src, connect, rows, sched } = rig();
    expect(await connect()).toBeNull();
    await sched.advance(500);
    await src.stop();
    const n = rows.length;
    expect(await connect()).toBeNull();
    await sched.advance(500);
    expect(rows.length).toBeGreaterThan(n + 40);
    expect(rows[n]![0]).toBe(0); // a new session starts its clock again
  });

  it('1 kHz × 3 axes for 60 s of simulated time through the fake port: 0 lines dropped', async () => {
    const hz = 1000;
    const maxLines = 61_200;
    const { src, sched, rows, problems, connect, fake } = rig({ hz, maxLines, chunkMax: 256, holdBackMax: 200 });
    expect(await connect()).toBeNull();
    expect(src.rateHz).toBe(1000);
    await sched.advance(60_500);
    await src.stop();
    expect(src.badLines).toBe(0);
    expect(problems).toEqual([]);
    expect(fake.port.linesProduced).toBe(maxLines);
    expect(src.linesReceived).toBe(fake.port.newlinesDelivered);
    const k0 = checkConsecutive(rows, expectedLines(maxLines, hz));
    expect(k0 + rows.length).toBe(maxLines); // through to the very last line sent
    expect(rows.length).toBeGreaterThanOrEqual(60_000);
    expect(rows.at(-1)![0]).toBeCloseTo((rows.length - 1) * 1, 6);
  });
});

describe('fake serial', () => {
  it('installs as navigator.serial and behaves like one: getPorts, disconnect event', async () => {
    const sched = createManualScheduler();
    const win = { navigator: {} } as unknown as Window & typeof globalThis;
    const fake = installFakeSerial(win, { scheduler: sched });
    expect((win.navigator as unknown as { serial: unknown }).serial).toBe(fake);
    expect((win as unknown as { __fakeSerial: unknown }).__fakeSerial).toBe(fake);
    expect(await fake.getPorts()).toEqual([]);
    const port = await fake.requestPort();
    expect(await fake.getPorts()).toEqual([port]);
    expect(port.getInfo()).toEqual({ usbVendorId: 0x2341, usbProductId: 0x805a });
    let disconnects = 0;
    fake.addEventListener('disconnect', () => disconnects++);
    await port.open({ baudRate: 115200 });
    await expect(port.open({ baudRate: 115200 })).rejects.toMatchObject({ name: 'InvalidStateError' });
    const reader = port.readable!.getReader();
    await expect(port.close()).rejects.toThrow(TypeError); // a locked readable cannot be closed
    await sched.advance(100);
    const first = await reader.read();
    expect(first.value!.length).toBeGreaterThan(0);
    fake.unplug();
    expect(disconnects).toBe(1);
    await expect(reader.read()).rejects.toMatchObject({ name: 'NetworkError' });
    await expect(fake.requestPort()).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});
