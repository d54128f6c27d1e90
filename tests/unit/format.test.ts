import { describe, expect, it } from 'vitest';
import { bytesText, fixed, fmt, intText, megabytesText, pct, sci, sig, sizeText, superscript, texNum, tick, withUnit } from '../../widgets/lib/format/number';
import { fmt as domFmt } from '../../widgets/lib/widget/dom';

// Expected strings are written by hand: U+202F (narrow no-break space) groups thousands, U+2212 is the minus.
const G = '\u202f';

describe('fmt (at most `digits` decimals)', () => {
  it('uses a decimal comma, the true minus and groups from 1 000 up', () => {
    expect(fmt(0.5)).toBe('0,5');
    expect(fmt(-2.345)).toBe('−2,35');
    expect(fmt(0)).toBe('0');
    expect(fmt(999)).toBe('999');
    expect(fmt(1000)).toBe(`1${G}000`);
    expect(fmt(12345.6)).toBe(`12${G}345,6`);
    expect(fmt(-1234567.891, 1)).toBe(`−1${G}234${G}567,9`);
    expect(fmt(3.999)).toBe('4');
    expect(fmt(0.125, 2)).toBe('0,13');
  });
  it('never writes ASCII "-" nor «−0»', () => {
    expect(fmt(-0)).toBe('0');
    expect(fmt(-0.001)).toBe('0');
    expect(fmt(-0.004, 2)).toBe('0');
    for (const v of [-1, -0.5, -12345.678, -1e-9, -1e21]) expect(fmt(v, 3)).not.toContain('-');
  });
  it('keeps the old texts for values that are not finite', () => {
    expect(fmt(NaN)).toBe('no es un número');
    expect(fmt(Infinity)).toBe('∞');
    expect(fmt(-Infinity)).toBe('−∞');
  });
  it('is the same function lib/widget/dom re-exports', () => {
    expect(domFmt).toBe(fmt);
  });
});

describe('fixed, sig, intText', () => {
  it('fixed writes exactly `digits` decimals', () => {
    expect(fixed(0.5, 2)).toBe('0,50');
    expect(fixed(-3, 1)).toBe('−3,0');
    expect(fixed(1234.567, 1)).toBe(`1${G}234,6`);
    expect(fixed(-0.04, 1)).toBe('0,0');
    expect(fixed(7, 0)).toBe('7');
    expect(fixed(NaN, 2)).toBe('no es un número');
  });
  it('sig keeps significant digits, never an exponent', () => {
    expect(sig(0.012345)).toBe('0,0123');
    expect(sig(123456)).toBe(`123${G}000`);
    expect(sig(-2.71828, 4)).toBe('−2,718');
    expect(sig(2, 4)).toBe('2');
    expect(sig(2, 4, { fixed: true })).toBe('2,000');
    expect(sig(0)).toBe('0');
    expect(sig(-Infinity)).toBe('−∞');
  });
  it('intText rounds and groups', () => {
    expect(intText(0)).toBe('0');
    expect(intText(-0)).toBe('0');
    expect(intText(999)).toBe('999');
    expect(intText(1000)).toBe(`1${G}000`);
    expect(intText(12544)).toBe(`12${G}544`);
    expect(intText(-1234567)).toBe(`−1${G}234${G}567`);
    expect(intText(2.5)).toBe('3');
    expect(intText(-2.5)).toBe('−3');
    expect(intText(-0.4)).toBe('0');
    expect(intText(NaN)).toBe('no es un número');
    expect(intText(Infinity)).toBe('∞');
  });
});

describe('pct, withUnit, tick', () => {
  it('pct: a fraction as «… %»', () => {
    expect(pct(0.9753)).toBe('97,5 %');
    expect(pct(0.5, 1, { fixed: true })).toBe('50,0 %');
    expect(pct(0.5)).toBe('50 %');
    expect(pct(0.123, 0)).toBe('12 %');
    expect(pct(-0.0123, 2)).toBe('−1,23 %');
    expect(pct(12.345, 0)).toBe(`1${G}235 %`);
    expect(pct(NaN)).toBe('—');
    expect(pct(Infinity)).toBe('—');
  });
  it('withUnit: number, space, unit', () => {
    expect(withUnit(3.2, 'ms')).toBe('3,2 ms');
    expect(withUnit(1500, 'ms', 0)).toBe(`1${G}500 ms`);
    expect(withUnit(-2.25, '°C', 1)).toBe('−2,3 °C');
  });
  it('tick: axis labels with small steps readable', () => {
    expect(tick(0.5)).toBe('0,5');
    expect(tick(-0.25)).toBe('−0,25');
    expect(tick(0)).toBe('0');
    expect(tick(3)).toBe('3');
    expect(tick(0.001)).toBe('0,001');
    expect(tick(2.5e-5)).toBe('0,000025');
    expect(tick(10000)).toBe(`10${G}000`);
  });
});

describe('sci (superscript exponent)', () => {
  it('writes mantissa·10ⁿ', () => {
    expect(sci(0.0012)).toBe('1,2·10⁻³');
    expect(sci(-0.0012)).toBe('−1,2·10⁻³');
    expect(sci(123456)).toBe('1,2·10⁵');
    expect(sci(123456, 3)).toBe('1,23·10⁵');
    expect(sci(1)).toBe('1·10⁰');
  });
  it('carries a mantissa rounded up to 10 into the exponent', () => {
    expect(sci(9.99e-7)).toBe('1·10⁻⁶');
    expect(sci(-9.96e4)).toBe('−1·10⁵');
  });
  it('handles tiny, huge, zero and not finite', () => {
    expect(sci(5e-324, 2)).toBe('4,9·10⁻³²⁴');
    expect(sci(1.5e-300)).toBe('1,5·10⁻³⁰⁰');
    expect(sci(1.7976931348623157e308, 3)).toBe('1,8·10³⁰⁸');
    expect(sci(1e21)).toBe('1·10²¹');
    expect(sci(0)).toBe('0');
    expect(sci(-0)).toBe('0');
    expect(sci(NaN)).toBe('no es un número');
    expect(sci(-Infinity)).toBe('−∞');
    expect(superscript(-12)).toBe('⁻¹²');
  });
});

describe('texNum (KaTeX source)', () => {
  it('writes {,} for the comma, \\, between groups and ASCII - (KaTeX draws a minus)', () => {
    expect(texNum(-0.25)).toBe('-0{,}25');
    expect(texNum(12345.5, 1)).toBe('12\\,345{,}5');
    expect(texNum(0.123456)).toBe('0{,}1235');
    expect(texNum(-0.00001)).toBe('0');
    expect(texNum(3)).toBe('3');
    expect(texNum(NaN)).toBe('\\text{NaN}');
    expect(texNum(-Infinity)).toBe('-\\infty');
  });
});

describe('bytes', () => {
  it('B under 1 KiB, KB with one decimal, MB from 1 MiB', () => {
    expect(bytesText(936)).toBe('936 B');
    expect(bytesText(1023)).toBe(`1${G}023 B`);
    expect(bytesText(7577)).toBe('7,4 KB');
    expect(bytesText(2048 * 1024 - 1)).toBe(`2${G}048 KB`);
    expect(megabytesText(40_789_000)).toBe('38,9 MB');
    expect(sizeText(1048575)).toBe(`1${G}024 KB`);
    expect(sizeText(1048576)).toBe('1 MB');
  });
});
