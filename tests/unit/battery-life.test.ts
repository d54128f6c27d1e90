import { describe, expect, it } from 'vitest';
import { averagePowerW, batteryLifeHours, describeHours, energyWh, formatPower } from '../../widgets/battery-life/core';

describe('battery-life core', () => {
  it('energy of a CR2032 is 0.675 Wh', () => {
    expect(energyWh({ capacityMah: 225, voltage: 3 })).toBeCloseTo(0.675, 12);
    expect(energyWh({ capacityMah: 225, voltage: 3 }, 0.8)).toBeCloseTo(0.54, 12);
  });
  it('average power weights active and sleep by the duty cycle', () => {
    expect(averagePowerW(10e-3, 10e-6, 0.01)).toBeCloseTo(0.01 * 10e-3 + 0.99 * 10e-6, 15);
    expect(averagePowerW(1, 0, 1)).toBe(1);
    expect(averagePowerW(1, 0.5, 0)).toBe(0.5);
    expect(() => averagePowerW(1, 0, 1.5)).toThrow(RangeError);
    expect(() => averagePowerW(1, 0, Number.NaN)).toThrow(RangeError);
  });
  it('NDP100 on a coin cell lasts about 200 days', () => {
    const h = batteryLifeHours(0.675, 140e-6);
    expect(h).toBeCloseTo(4821.43, 1);
    expect(describeHours(h)).toBe('6,6 meses');
  });
  it('zero power lasts forever; negative inputs are rejected', () => {
    expect(batteryLifeHours(1, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(describeHours(Number.POSITIVE_INFINITY)).toBe('indefinidamente');
    expect(() => batteryLifeHours(-1, 1)).toThrow(RangeError);
  });
  it('formats durations and powers in Spanish', () => {
    expect(describeHours(0.5)).toBe('30 minutos');
    expect(describeHours(5)).toBe('5 horas');
    expect(describeHours(24 * 10)).toBe('10 días');
    expect(describeHours(24 * 365.25 * 3)).toBe('3 años');
    expect(formatPower(140e-6)).toBe('140 µW');
    expect(formatPower(3.64)).toBe('3,64 W');
    expect(formatPower(0.01)).toBe('10 mW');
  });
});
