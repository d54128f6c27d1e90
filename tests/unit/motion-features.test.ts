// widgets/motion-features/core.ts: Spanish names and units of the 33 Edge Impulse labels, the table
// grouped by axis, one scatter point per window, and Fisher's ratio.
import { describe, expect, it } from 'vitest';
import { spectralFeatureLabels } from '../../widgets/lib/dsp';
import { exampleRecordings } from '../../widgets/lib/motion/example';
import { featurizeRecordings } from '../../widgets/lib/motion/featurize';
import { classMeans, describeScatter, featureName, featureTable, fisherRatio, fmtVal, scatterPoints } from '../../widgets/motion-features/core';

describe('feature names', () => {
  it('names every default label in Spanish with its unit', () => {
    const labels = spectralFeatureLabels();
    expect(labels).toHaveLength(33);
    const names = labels.map(featureName);
    expect(names[0]).toEqual({ axis: 'accX', name: 'RMS', unit: 'm/s²', short: 'x · RMS' });
    expect(names[1]).toMatchObject({ name: 'Pico 1: frecuencia', unit: 'Hz' });
    expect(names[2]).toMatchObject({ name: 'Pico 1: altura', unit: 'm/s²' });
    expect(names[7]).toMatchObject({ name: 'Potencia 0,1–0,5 Hz', unit: '(m/s²)²/Hz ÷ 10' });
    expect(names[32]).toMatchObject({ axis: 'accZ', name: 'Potencia 2–5 Hz' });
    expect(names.every((n) => n.unit !== '')).toBe(true);
    expect(featureName('otra cosa')).toMatchObject({ axis: 'otra', name: 'cosa', unit: '' });
  });

  it('groups a window into three axes of 11 rows', () => {
    const labels = spectralFeatureLabels();
    const t = featureTable(labels, labels.map((_, i) => i));
    expect(t.map((g) => [g.axis, g.rows.length])).toEqual([['accX', 11], ['accY', 11], ['accZ', 11]]);
    expect(t[2]!.rows[0]).toMatchObject({ index: 22, value: 22 });
  });
});

describe('scatter', () => {
  const set = featurizeRecordings(exampleRecordings());

  it('has one point per window, named by its recording', () => {
    const pts = scatterPoints(set, 0, 22);
    expect(pts).toHaveLength(48);
    expect(pts[13]).toMatchObject({ window: 13, cls: 1, name: set.recordings[13]!.id, x: set.windows[13]!.features[0], y: set.windows[13]!.features[22] });
    const means = classMeans(pts, 4);
    expect(means.map((m) => m.n)).toEqual([12, 12, 12, 12]);
    // Idle sits near the origin; side to side has the most x energy, up-down the most z energy.
    expect(means[0]!.x).toBeLessThan(means[1]!.x);
    expect(means[1]!.x).toBeGreaterThan(means[2]!.x);
    expect(means[2]!.y).toBeGreaterThan(means[1]!.y);
    expect(describeScatter(set, pts, 0, 22)).toMatch(/^Diagrama de dispersión de 48 ventanas.*reposo: 12 puntos/);
  });

  it("Fisher's ratio is 0 without separation and grows with it; the constant band says 0", () => {
    expect(fisherRatio([1, 2, 1, 2], [0, 0, 1, 1], 2)).toBe(0);
    expect(fisherRatio([0, 0.1, 5, 5.1], [0, 0, 1, 1], 2)).toBeGreaterThan(100);
    expect(fisherRatio([1, 1], [0, 0], 2)).toBeNaN();
    const band = set.windows.map((w) => w.features[7]!);
    expect(fisherRatio(band, set.windows.map((w) => w.cls), 4)).toBe(0);
    expect(fmtVal(0.000123)).toBe('1,23·10^−4');
    expect(fmtVal(-2.5)).toBe('−2,5');
  });
});
