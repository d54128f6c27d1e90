import { describe, expect, it } from 'vitest';
import { esTick } from '../../widgets/lib/widget/dom';

describe('esTick (axis labels in Spanish notation)', () => {
  it('uses a decimal comma and a true minus sign', () => {
    expect(esTick(0.5)).toBe('0,5');
    expect(esTick(-0.25)).toBe('−0,25');
    expect(esTick(0)).toBe('0');
    expect(esTick(3)).toBe('3');
  });
  it('keeps small steps readable', () => {
    expect(esTick(0.001)).toBe('0,001');
    expect(esTick(2.5e-5)).toBe('0,000025');
  });
});
