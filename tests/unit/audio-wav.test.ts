import { describe, expect, it } from 'vitest';
import { decodeWav, encodeWav16, toInt16, WavError } from '../../widgets/lib/audio/wav';

/** A WAV with the given format tag/bits/channels and raw interleaved sample bytes, plus extra chunks before `data`. */
function makeWav(opts: { tag?: number; bits: number; channels?: number; rate?: number; data: Uint8Array; extra?: Uint8Array[]; extensibleSub?: number }): Uint8Array {
  const channels = opts.channels ?? 1;
  const rate = opts.rate ?? 16000;
  const ext = opts.extensibleSub !== undefined;
  const fmtSize = ext ? 40 : 16;
  const fmt = new Uint8Array(8 + fmtSize);
  const fv = new DataView(fmt.buffer);
  fmt.set([0x66, 0x6d, 0x74, 0x20]);
  fv.setUint32(4, fmtSize, true);
  fv.setUint16(8, ext ? 0xfffe : (opts.tag ?? 1), true);
  fv.setUint16(10, channels, true);
  fv.setUint32(12, rate, true);
  const block = channels * (opts.bits / 8);
  fv.setUint32(16, rate * block, true);
  fv.setUint16(20, block, true);
  fv.setUint16(22, opts.bits, true);
  if (ext) {
    fv.setUint16(24, 22, true);
    fv.setUint16(26, opts.bits, true);
    fv.setUint16(32, opts.extensibleSub!, true);
  }
  const dataHdr = new Uint8Array(8);
  dataHdr.set([0x64, 0x61, 0x74, 0x61]);
  new DataView(dataHdr.buffer).setUint32(4, opts.data.length, true);
  const pad = opts.data.length & 1 ? new Uint8Array(1) : new Uint8Array(0);
  const parts = [fmt, ...(opts.extra ?? []), dataHdr, opts.data, pad];
  const total = 12 + parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  const ov = new DataView(out.buffer);
  out.set([0x52, 0x49, 0x46, 0x46]);
  ov.setUint32(4, total - 8, true);
  out.set([0x57, 0x41, 0x56, 0x45], 8);
  let at = 12;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function chunk(id: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + body.length + (body.length & 1));
  for (let i = 0; i < 4; i++) out[i] = id.charCodeAt(i);
  new DataView(out.buffer).setUint32(4, body.length, true);
  out.set(body, 8);
  return out;
}

function expectWavError(bytes: Uint8Array, code: string): WavError {
  try {
    decodeWav(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(WavError);
    expect((e as WavError).code).toBe(code);
    expect((e as WavError).message.length).toBeGreaterThan(20);
    return e as WavError;
  }
  throw new Error('decodeWav did not throw');
}

describe('encodeWav16 / decodeWav round trip', () => {
  it('keeps every sample within 1/65536 and the rate', () => {
    const x = new Float32Array(1001);
    for (let i = 0; i < x.length; i++) x[i] = 0.9 * Math.sin(i * 0.37) - 0.05;
    const bytes = encodeWav16(x, 22050);
    expect(bytes.length).toBe(44 + 2 * 1001);
    const d = decodeWav(bytes);
    expect(d.sampleRate).toBe(22050);
    expect(d.channels).toHaveLength(1);
    expect(d.channels[0]).toHaveLength(1001);
    for (let i = 0; i < x.length; i++) expect(Math.abs(d.channels[0]![i]! - x[i]!)).toBeLessThanOrEqual(1 / 65536 + 1e-9);
  });
  it('clamps, rounds half away from zero, NaN → 0', () => {
    expect(toInt16(1)).toBe(32767);
    expect(toInt16(2)).toBe(32767);
    expect(toInt16(-1)).toBe(-32768);
    expect(toInt16(-3)).toBe(-32768);
    expect(toInt16(0.5 / 32768)).toBe(1);
    expect(toInt16(-0.5 / 32768)).toBe(-1);
    expect(toInt16(1.5 / 32768)).toBe(2);
    expect(toInt16(-1.5 / 32768)).toBe(-2);
    expect(toInt16(Number.NaN)).toBe(0);
    const d = decodeWav(encodeWav16(new Float32Array([1, -1, 0.25]), 16000));
    expect(Array.from(d.channels[0]!)).toEqual([32767 / 32768, -1, 0.25]);
  });
  it('has the canonical 44-byte header', () => {
    const b = encodeWav16(new Float32Array(3), 16000);
    const v = new DataView(b.buffer);
    expect(String.fromCharCode(...b.slice(0, 4))).toBe('RIFF');
    expect(v.getUint32(4, true)).toBe(36 + 6);
    expect(String.fromCharCode(...b.slice(8, 16))).toBe('WAVEfmt ');
    expect(v.getUint16(22, true)).toBe(1);
    expect(v.getUint32(28, true)).toBe(32000);
    expect(v.getUint16(34, true)).toBe(16);
    expect(v.getUint32(40, true)).toBe(6);
  });
  it('rejects a bad rate', () => {
    expect(() => encodeWav16(new Float32Array(1), 0)).toThrow(RangeError);
    expect(() => encodeWav16(new Float32Array(1), 44100.5)).toThrow(RangeError);
  });
});

describe('decodeWav formats', () => {
  it('8-bit unsigned', () => {
    const d = decodeWav(makeWav({ bits: 8, data: new Uint8Array([0, 128, 255]) }));
    expect(Array.from(d.channels[0]!)).toEqual([-1, 0, 127 / 128]);
  });
  it('16-bit stereo, deinterleaved', () => {
    const data = new Uint8Array(8);
    const v = new DataView(data.buffer);
    [16384, -16384, -32768, 32767].forEach((s, i) => v.setInt16(2 * i, s, true));
    const d = decodeWav(makeWav({ bits: 16, channels: 2, rate: 44100, data }));
    expect(d.sampleRate).toBe(44100);
    expect(Array.from(d.channels[0]!)).toEqual([0.5, -1]);
    expect(Array.from(d.channels[1]!)).toEqual([-0.5, 32767 / 32768]);
  });
  it('24-bit signed (sign extension)', () => {
    const data = new Uint8Array([0x00, 0x00, 0x40, 0x00, 0x00, 0xc0, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);
    const d = decodeWav(makeWav({ bits: 24, data }));
    expect(Array.from(d.channels[0]!)).toEqual([0.5, -0.5, -1 / 8388608, 8388607 / 8388608].map(Math.fround));
  });
  it('32-bit int and 32-bit float, also as WAVE_FORMAT_EXTENSIBLE', () => {
    const ints = new Uint8Array(8);
    new DataView(ints.buffer).setInt32(0, -1073741824, true);
    new DataView(ints.buffer).setInt32(4, 2147483647, true);
    expect(Array.from(decodeWav(makeWav({ bits: 32, data: ints })).channels[0]!)).toEqual([-0.5, Math.fround(2147483647 / 2147483648)]);
    expect(Array.from(decodeWav(makeWav({ bits: 32, data: ints, extensibleSub: 1 })).channels[0]!)[0]).toBe(-0.5);
    const floats = new Uint8Array(new Float32Array([0.25, -0.75, 1.5]).buffer);
    expect(Array.from(decodeWav(makeWav({ tag: 3, bits: 32, data: floats })).channels[0]!)).toEqual([0.25, -0.75, 1.5]);
    expect(Array.from(decodeWav(makeWav({ bits: 32, data: floats, extensibleSub: 3 })).channels[0]!)).toEqual([0.25, -0.75, 1.5]);
  });
  it('skips unknown chunks (odd sizes padded) and ignores a trailing partial frame', () => {
    const extra = [chunk('LIST', new Uint8Array([1, 2, 3, 4, 5])), chunk('fact', new Uint8Array(4))];
    const data = new Uint8Array([0x00, 0x40, 0x00, 0xc0, 0x12]);
    const d = decodeWav(makeWav({ bits: 16, data, extra }));
    expect(Array.from(d.channels[0]!)).toEqual([0.5, -0.5]);
  });
  it('accepts data before fmt', () => {
    const good = makeWav({ bits: 16, data: new Uint8Array([0x00, 0x40]) });
    // move fmt (bytes 12..36) after data (36..46)
    const swapped = new Uint8Array(good.length);
    swapped.set(good.slice(0, 12));
    swapped.set(good.slice(36), 12);
    swapped.set(good.slice(12, 36), 12 + good.length - 36);
    expect(Array.from(decodeWav(swapped).channels[0]!)).toEqual([0.5]);
  });
});

describe('decodeWav malformed files', () => {
  it('not a WAV', () => {
    expectWavError(new TextEncoder().encode('hola, esto es un texto y no un audio'), 'not-wav');
    expectWavError(new Uint8Array(0), 'not-wav');
    expectWavError(new TextEncoder().encode('RIFF\0\0\0\0AVI LIST'), 'not-wav');
  });
  it('truncated', () => {
    const full = encodeWav16(new Float32Array(100), 16000);
    const e = expectWavError(full.slice(0, 100), 'truncated');
    expect(e.message).toContain('cortado');
    expectWavError(full.slice(0, 30), 'truncated');
    expectWavError(full.slice(0, 14), 'no-format');
  });
  it('no data chunk', () => {
    expectWavError(encodeWav16(new Float32Array(0), 16000).slice(0, 36), 'no-data');
  });
  it('compressed formats and odd depths', () => {
    const e = expectWavError(makeWav({ tag: 2, bits: 4, data: new Uint8Array(4) }), 'compressed');
    expect(e.message).toContain('ADPCM');
    expectWavError(makeWav({ tag: 0x55, bits: 16, data: new Uint8Array(4) }), 'compressed');
    expectWavError(makeWav({ bits: 12, data: new Uint8Array(4) }), 'unsupported');
    expectWavError(makeWav({ tag: 3, bits: 16, data: new Uint8Array(4) }), 'unsupported');
  });
});
