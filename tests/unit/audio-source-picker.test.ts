import { describe, expect, it } from 'vitest';
import { LOOP_PAD_S, loopWithSilence, sampleChoices, sampleText } from '../../widgets/lib/audio/source-picker';
import { BufferSource } from '../../widgets/lib/audio/buffer-source';
import { createManualScheduler } from '../../widgets/lib/sensors/scheduler';

describe('loopWithSilence', () => {
  it('puts zeros on both sides when no silence is given', () => {
    const out = loopWithSilence(Float32Array.from([1, 2, 3]), 2);
    expect([...out]).toEqual([0, 0, 1, 2, 3, 0, 0]);
  });

  it('cycles the given silence through both pads', () => {
    const out = loopWithSilence(Float32Array.from([9]), 3, Float32Array.from([0.1, 0.2]));
    expect([...out].map((v) => Math.round(v * 10) / 10)).toEqual([0.1, 0.2, 0.1, 9, 0.2, 0.1, 0.2]);
  });

  it('pads a 1 s clip to 2 s with the default pad, and pad 0 is the clip itself', () => {
    const clip = new Float32Array(16000).fill(0.5);
    const out = loopWithSilence(clip, LOOP_PAD_S * 16000);
    expect(out.length).toBe(32000);
    expect(out[7999]).toBe(0);
    expect(out[8000]).toBe(0.5);
    expect(out[23999]).toBe(0.5);
    expect(out[24000]).toBe(0);
    expect([...loopWithSilence(Float32Array.from([4, 5]), 0)]).toEqual([4, 5]);
  });

  it('loops silence–clip–silence through a BufferSource with chunk starts counting on', async () => {
    const sch = createManualScheduler();
    const buf = loopWithSilence(new Float32Array(320).fill(1), 320);
    const src = new BufferSource(buf, { scheduler: sch, loop: true });
    const got: { start: number; first: number }[] = [];
    src.on('samples', (c) => got.push({ start: c.start, first: c.samples[0]! }));
    await src.start();
    await sch.advance(20 * 6);
    expect(got.map((g) => g.start)).toEqual([0, 320, 640, 960, 1280, 1600]);
    expect(got.map((g) => g.first)).toEqual([0, 1, 0, 0, 1, 0]);
    await src.stop();
  });
});

describe('sampleChoices', () => {
  it('keeps the manifest order and adds silencio / desconocido when missing', () => {
    const c = sampleChoices({ samples: [{ file: 'si-1.wav', label: 'sí', word: 'sí', voice: 'es+m3' }, { file: 'bad/../x.wav', label: 'x' }, { file: 'si-1.wav' }] });
    expect(c.map((x) => x.file)).toEqual(['si-1.wav', 'silencio.wav', 'desconocido.wav']);
    expect(sampleText(c[0]!)).toBe('sí · voz es+m3');
    expect(sampleText(c[1]!)).toBe('silencio');
  });

  it('does not duplicate listed extras and survives a broken manifest', () => {
    const c = sampleChoices({ samples: [{ file: 'desconocido.wav', label: 'desconocido', word: 'uno', voice: 'es+klatt3' }] });
    expect(c.map((x) => x.file)).toEqual(['desconocido.wav', 'silencio.wav']);
    expect(sampleText(c[0]!)).toBe('desconocido («uno») · voz es+klatt3');
    expect(sampleChoices(null).map((x) => x.file)).toEqual(['silencio.wav', 'desconocido.wav']);
  });
});
