// Capture widget cores: the recording state machine (idle → recording → saved / partial) with an
// injected clock, counts per class, and the files in and out (Edge Impulse CSV, data set JSON).
import { describe, expect, it } from 'vitest';
import { CaptureSession, countsAttr, countsByLabel, PHONE_HZ } from '../../widgets/motion-capture/session';
import { csvFiles, importFiles, JSON_NAME, nameParts, snapCsvRate } from '../../widgets/motion-capture/io';
import { datasetToJson } from '../../widgets/lib/sensors/csv';
import { simulate } from '../../widgets/lib/sensors/simulator';
import type { Recording } from '../../widgets/lib/sensors/recording';
import type { MotionRow } from '../../widgets/lib/sensors/types';

const grid = (from: number, n: number, hz = 100): MotionRow[] =>
  Array.from({ length: n }, (_, k) => [((from + k) * 1000) / hz, from + k, 0, 9.8]);

function session(start = 1_700_000_000_000) {
  let t = start;
  const s = new CaptureSession({ now: () => t });
  return { s, tick: (ms: number) => { t += ms; } };
}

describe('CaptureSession', () => {
  it('records exactly n rows of a grid source, rebased to t = 0, then saved', () => {
    const { s, tick } = session();
    expect(s.phase).toBe('idle');
    s.start({ label: ' lado a lado ', windowMs: 2000, hz: 100, source: 'simulated' });
    expect(s.phase).toBe('recording');
    expect(s.target).toBe(200);
    expect(s.push(grid(37, 120))).toBeNull();
    expect(s.progress).toBeCloseTo(0.6, 12);
    tick(2000);
    const rec = s.push(grid(157, 100))!; // 20 rows too many: they are not part of the window
    expect(rec).not.toBeNull();
    expect(s.phase).toBe('saved');
    expect(rec.rows).toHaveLength(200);
    expect(rec.rows[0]![0]).toBe(0);
    expect(rec.rows[0]![1]).toBe(37);
    expect(rec.rows[199]![1]).toBe(236);
    expect(rec.rows[199]![0]).toBeCloseTo(1990, 9);
    expect(rec).toMatchObject({ label: 'lado a lado', hz: 100, source: 'simulated', createdAt: 1_700_000_002_000 });
    expect(rec.partial).toBeUndefined();
    expect(s.push(grid(300, 10))).toBeNull(); // after saving nothing is collected
  });

  it('keeps the rows of an interrupted window, marked partial; an empty one leaves nothing', () => {
    const { s } = session();
    s.start({ label: 'reposo', windowMs: 2000, hz: 100, source: 'serial' });
    s.push(grid(0, 83));
    const rec = s.interrupt()!;
    expect(s.phase).toBe('partial');
    expect(rec.partial).toBe(true);
    expect(rec.rows).toHaveLength(83);
    expect(s.last).toBe(rec);
    s.start({ label: 'reposo', windowMs: 2000, hz: 100, source: 'serial' });
    expect(s.interrupt()).toBeNull();
    expect(s.phase).toBe('idle');
    expect(s.interrupt()).toBeNull();
  });

  it('cancel drops the window; ids are unique per recording', () => {
    const { s, tick } = session();
    s.start({ label: 'a', windowMs: 100, hz: 100, source: 'simulated' });
    s.cancel();
    expect(s.phase).toBe('idle');
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      s.start({ label: 'a', windowMs: 100, hz: 100, source: 'simulated' });
      ids.add(s.push(grid(0, 10))!.id);
      tick(1);
    }
    expect(ids.size).toBe(5);
  });

  it('resamples the phone’s uneven rows onto a 100 Hz grid once they span the window', () => {
    const { s } = session();
    s.start({ label: 'círculo', windowMs: 1000, hz: 57, source: 'phone' });
    const rows: MotionRow[] = [];
    for (let t = 3, i = 0; t < 1100; t += 16 + (i++ % 3), i) rows.push([t, t / 10, 0, 9.8]);
    let rec: Recording | null = null;
    for (const r of rows) { rec = s.push([r]); if (rec) break; }
    expect(rec).not.toBeNull();
    expect(rec!.hz).toBe(PHONE_HZ);
    expect(rec!.rows).toHaveLength(100);
    expect(rec!.rows[10]![0]).toBeCloseTo(100, 9);
    // x = t/10 is linear, so interpolation is exact: at t0 + 100 ms, x = (3 + 100)/10.
    expect(rec!.rows[10]![1]).toBeCloseTo(10.3, 9);
  });

  it('refuses a window without a label', () => {
    const { s } = session();
    expect(() => s.start({ label: '  ', windowMs: 2000, hz: 100, source: 'serial' })).toThrow(RangeError);
  });
});

describe('counts', () => {
  it('counts per label in order of appearance, with the partial ones', () => {
    const cs = countsByLabel([{ label: 'b' }, { label: 'a', partial: true }, { label: 'b' }, { label: 'a' }]);
    expect(cs).toEqual([{ label: 'b', n: 2, partial: 0 }, { label: 'a', n: 2, partial: 1 }]);
    expect(countsAttr(cs)).toBe('b:2;a:2');
  });
});

const rec = (id: string, label: string, seed: number): Recording => ({
  id, label, hz: 100, rows: simulate({ gesture: 'wave', seconds: 2, hz: 100, seed }), source: 'simulated', createdAt: seed,
});

describe('files', () => {
  it('names CSV files label.id.csv and reads label and id back', () => {
    const files = csvFiles([rec('rec-abc-1', 'lado a lado', 1)]);
    expect(files[0]!.name).toBe('lado_a_lado.rec-abc-1.csv');
    expect(files[0]!.text.startsWith('timestamp,accX,accY,accZ\n0,')).toBe(true);
    expect(nameParts('lado_a_lado.rec-abc-1.csv', ['lado a lado'])).toEqual({ label: 'lado a lado', id: 'rec-abc-1' });
    expect(nameParts('clase_1.csv', [])).toEqual({ label: 'clase_1', id: null });
    expect(nameParts('C:\\datos\\idle.abc.def.csv', [])).toEqual({ label: 'idle', id: 'abc.def' });
  });

  it('CSV export → import round-trips rows, label and rate; identical files are duplicates', () => {
    const a = rec('rec-a-1', 'lado a lado', 1);
    const b = rec('rec-b-2', 'reposo', 2);
    const files = csvFiles([a, b]);
    const fresh = importFiles(files, [], 5);
    expect(fresh.errors).toEqual([]);
    expect(fresh.recordings).toHaveLength(2);
    const back = fresh.recordings[0]!;
    // No known labels yet: «lado_a_lado» stays as written; with the label known it maps back.
    expect(back.label).toBe('lado_a_lado');
    const known = importFiles(files, [{ ...b, id: 'other' }, { ...a, id: 'x', label: 'lado a lado' }], 5).recordings[0]!;
    expect(known.label).toBe('lado a lado');
    expect(back.hz).toBe(100);
    expect(back.rows).toHaveLength(200);
    back.rows.forEach((r, i) => r.forEach((v, j) => expect(v).toBeCloseTo(a.rows[i]![j]!, 9)));
    const again = importFiles(files, [a, b], 9);
    expect(again.duplicates).toBe(2);
    expect(again.recordings).toEqual([]);
  });

  it('an id clash with other data gets a new id; a bad file gets its message and the others still load', () => {
    const a = rec('rec-a-1', 'reposo', 1);
    const other = rec('rec-a-1', 'reposo', 7);
    const r = importFiles([...csvFiles([a]), { name: 'roto.x.csv', text: 'timestamp,accX,accY,accZ\n0,1,2\n' }, { name: 'nota.txt', text: 'hola' }], [other], 3);
    expect(r.recordings).toHaveLength(1);
    expect(r.recordings[0]!.id).not.toBe('rec-a-1');
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0]).toMatch(/^«roto\.x\.csv»: Línea 2/);
    expect(r.errors[1]).toMatch(/^«nota\.txt»: no es un CSV/);
  });

  it('reads the whole data set JSON', () => {
    const recs = [rec('a', 'x', 1), { ...rec('b', 'y', 2), partial: true }];
    const r = importFiles([{ name: JSON_NAME, text: datasetToJson(recs) }], [], 0);
    expect(r.recordings.map((x) => x.id)).toEqual(['a', 'b']);
    expect(r.recordings[1]!.partial).toBe(true);
    expect(importFiles([{ name: 'x.json', text: '{"a":1}' }], [], 0).errors[0]).toMatch(/^«x\.json»: El archivo no es un conjunto/);
  });

  it('snaps measured CSV rates to the usual ones', () => {
    expect(snapCsvRate(99.98)).toBe(100);
    expect(snapCsvRate(62.51)).toBe(62.5);
    expect(snapCsvRate(87.3)).toBe(87.3);
  });
});
