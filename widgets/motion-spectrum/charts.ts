/**
 * The two drawings of each axis (Observable Plot; imported only by view.ts): the preprocessed
 * signal over time with ±RMS, and its spectrum with the bins as stems, the peaks marked and the
 * four bands shaded. Both come back quiet (quietChart): the container carries the text.
 */
import * as Plot from '@observablehq/plot';
import { projectorPlot } from '../lib/widget/projector-plot';
import { quietChart } from '../lib/widget/dom';
import { tick } from '../lib/format/number';
import type { BandView, SpectrumView } from './core';
import { txtNum } from './core';

export interface Colors {
  fg: string;
  muted: string;
  grid: string;
  line: string;
  accent: string;
  band: string[];
}

const base = (c: Colors, width: number, height: number) => ({
  width, height, marginLeft: 52, marginRight: 14, marginTop: 22, marginBottom: 36,
  style: { background: 'transparent', color: c.fg, fontSize: '12px', overflow: 'visible' as const },
});

export interface SignalInput {
  x: ArrayLike<number>;
  fs: number;
  rms: number;
  /** Samples the EI FFT uses (the rest is shaded), or null for no shading. */
  fftSpan: number | null;
}

export function signalChart(s: SignalInput, c: Colors, width: number, height: number): Element {
  const pts = Array.from(s.x, (v, i) => ({ t: i / s.fs, v }));
  const end = s.x.length / s.fs;
  const top = Math.max(0.5, ...pts.map((p) => Math.abs(p.v)));
  const marks: Plot.Markish[] = [Plot.frame({ stroke: c.grid })];
  if (s.fftSpan !== null && s.fftSpan < s.x.length) {
    marks.push(
      Plot.rectX([{ a: s.fftSpan / s.fs, b: end }], { x1: 'a', x2: 'b', y1: -1.1 * top, y2: 1.1 * top, fill: c.muted, fillOpacity: 0.14 }),
      Plot.text([{ t: (s.fftSpan / s.fs + end) / 2 }], { x: 't', y: 1.1 * top, dy: -8, text: () => 'fuera de la FFT', fill: c.muted, fontSize: 11 }),
    );
  }
  marks.push(
    Plot.ruleY([0], { stroke: c.muted, strokeOpacity: 0.6 }),
    Plot.line(pts, { x: 't', y: 'v', stroke: c.line, strokeWidth: 1.4 }),
    Plot.ruleY([s.rms, -s.rms], { stroke: c.accent, strokeWidth: 1.6, strokeDasharray: '6 4' }),
    Plot.text([{ v: s.rms }], { x: end, y: 'v', dy: -7, textAnchor: 'end', text: () => `RMS = ${txtNum(s.rms, 3)}`, fill: c.accent, fontWeight: 600, stroke: 'var(--bg-elev)', strokeWidth: 3 }),
  );
  return quietChart(projectorPlot({
    ...base(c, width, height),
    x: { domain: [0, end], label: 'tiempo (s) →', tickFormat: tick },
    y: { domain: [-1.15 * top, 1.15 * top], label: '↑ m/s²', grid: true, tickFormat: tick },
    marks,
  }) as unknown as Element);
}

export function spectrumChart(s: SpectrumView, bands: readonly BandView[], fmax: number, c: Colors, width: number, height: number): Element {
  const bins = Array.from(s.freqs, (f, k) => ({ f, v: s.values[k]!, k })).filter((b) => b.f <= fmax + 1e-9);
  const top = Math.max(0.2, ...bins.map((b) => b.v)) * 1.22;
  const shown = bands.filter((b) => b.lo < fmax);
  const peaks = s.peaks.map((q, i) => ({ ...q, n: i + 1 })).filter((q) => q.freq <= fmax);
  const anchorOf = (f: number): 'start' | 'middle' | 'end' => (f < 0.12 * fmax ? 'start' : f > 0.85 * fmax ? 'end' : 'middle');
  const marks: Plot.Markish[] = [
    Plot.frame({ stroke: c.grid }),
    Plot.rectX(shown, { x1: 'lo', x2: (b: BandView) => Math.min(b.hi, fmax), y1: 0, y2: top, fill: (_: BandView, i: number) => c.band[i % c.band.length]!, fillOpacity: 0.16 }),
    Plot.ruleX(bins, { x: 'f', y1: 0, y2: 'v', stroke: c.line, strokeWidth: 2 }),
    Plot.dot(bins, { x: 'f', y: 'v', r: 2, fill: c.line }),
    Plot.dot(peaks, { x: 'freq', y: 'height', r: 5.5, fill: 'none', stroke: c.accent, strokeWidth: 2 }),
    // Labels lean inwards near the edges so they stay inside the frame.
    ...(['start', 'middle', 'end'] as const).map((anchor) => Plot.text(peaks.filter((q) => anchorOf(q.freq) === anchor), {
      x: 'freq', y: 'height', dy: -12, textAnchor: anchor, dx: anchor === 'start' ? -4 : anchor === 'end' ? 4 : 0,
      text: (q: { n: number; freq: number }) => `${q.n}: ${txtNum(q.freq, 3)} Hz`,
      fill: c.accent, fontWeight: 600, stroke: 'var(--bg-elev)', strokeWidth: 3, fontSize: 11,
    })),
  ];
  return quietChart(projectorPlot({
    ...base(c, width, height),
    x: { domain: [0, fmax], label: s.mode === 'ei' ? 'frecuencia (Hz), etiquetas k·fs/(N−2) →' : 'frecuencia (Hz), k·fs/N →', tickFormat: tick },
    y: { domain: [0, top], label: '↑ amplitud (m/s²)', grid: true, tickFormat: tick },
    marks,
  }) as unknown as Element);
}
