import { describe, expect, it } from 'vitest';
import { DEVICES } from '../../widgets/battery-life/core';
import { averagePowerW, batteryLifeHours, describeHours, energyWh, formatPower } from '../../widgets/lib/energy/battery';

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

describe('battery-life presets and formats', () => {
  it('shows seconds for very short lives and SI prefixes from nW to kW', () => {
    expect(describeHours(8.1 / 3600)).toBe('8,1 segundos');
    expect(formatPower(0)).toBe('0 W');
    expect(formatPower(5e-9)).toBe('5 nW');
    expect(formatPower(999.9e-6)).toBe('1 mW');
    expect(formatPower(300)).toBe('300 W');
    expect(formatPower(1500)).toBe('1,5 kW');
  });
  it('presets share the energy chart figures', () => {
    const w = Object.fromEntries(DEVICES.map((d) => [d.id, d.activeW]));
    expect(w).toMatchObject({ ndp100: 140e-6, a12: 3.64, k80: 300 });
    for (const d of DEVICES) expect(d.sleepW).toBeLessThanOrEqual(d.activeW);
  });
  it('worked example of the lesson: NDP100 on a CR2032 with 80 % usable', () => {
    const e = energyWh({ capacityMah: 225, voltage: 3 }, 0.8); // 0.54 Wh
    const h = batteryLifeHours(e, averagePowerW(140e-6, 140e-6, 0.01));
    expect(h).toBeCloseTo(0.54 / 0.00014, 6); // 3857.14 h
    expect(h / 24).toBeCloseTo(160.71, 2);
    expect(describeHours(h)).toBe('5,3 meses');
  });
  it('worked example: a Cortex-M4 awake 1 % of the time', () => {
    const p = averagePowerW(10e-3, 10e-6, 0.01);
    expect(p).toBeCloseTo(109.9e-6, 12);
    expect(describeHours(batteryLifeHours(0.54, p))).toBe('6,7 meses');
  });
});
