import { WidgetElement, defineWidget } from '../lib/widget/element';
import { h, select, slider } from '../lib/widget/dom';
import { int, num, oneOf } from '../lib/state/schema';
import { averagePowerW, batteryLifeHours, describeHours, energyWh, formatPower } from '../lib/energy/battery';
import { BATTERIES, DEVICES } from './core';
import './style.css';
import { sig, withUnit } from '../lib/format/number';

const batteryIds = ['cr2032', 'aa2', 'lipo'] as const;
const deviceIds = ['ndp100', 'mcu', 'a12', 'k80', 'custom'] as const;

// Powers are set on a log10 scale: slider value v means 10^v W (100 nW … 1 kW).
const schema = {
  battery: oneOf(batteryIds, 'cr2032'),
  device: oneOf(deviceIds, 'mcu'),
  activeLog: num(-2, -7, 3),
  sleepLog: num(-5, -7, 3),
  dutyPct: num(1, 0, 100),
  usablePct: int(80, 10, 100),
};

class BatteryLife extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #out!: HTMLElement;
  #detail!: HTMLElement;
  #note!: HTMLElement;
  #bar!: HTMLElement;
  #controls: { set(): void }[] = [];

  protected setup(): void {
    const s = this.state;
    const battery = select({
      label: 'Batería',
      options: BATTERIES.map((b) => ({ value: b.id as (typeof batteryIds)[number], label: b.label })),
      value: s.battery,
      onChange: (v) => this.setState({ battery: v }),
    });
    const device = select({
      label: 'Dispositivo',
      options: [
        ...DEVICES.map((d) => ({ value: d.id as (typeof deviceIds)[number], label: d.label })),
        { value: 'custom' as const, label: 'Personalizado (usa los deslizadores)' },
      ],
      value: s.device,
      onChange: (v) => {
        const d = DEVICES.find((x) => x.id === v);
        this.setState(d ? { device: v, activeLog: Math.log10(d.activeW), sleepLog: Math.log10(d.sleepW) } : { device: v });
        this.#syncControls();
      },
    });
    const active = slider({
      label: 'Potencia trabajando', min: -7, max: 3, step: 0.05, value: s.activeLog,
      format: (v) => formatPower(10 ** v),
      onInput: (v) => this.setState({ activeLog: v, device: 'custom' }),
    });
    const sleep = slider({
      label: 'Potencia dormido', min: -7, max: 3, step: 0.05, value: s.sleepLog,
      format: (v) => formatPower(10 ** v),
      onInput: (v) => this.setState({ sleepLog: v, device: 'custom' }),
    });
    const duty = slider({
      label: 'Ciclo de trabajo (tiempo trabajando)', min: 0, max: 100, step: 0.5, value: s.dutyPct,
      format: (v) => withUnit(v, '%', 0),
      onInput: (v) => this.setState({ dutyPct: v }),
    });
    const usable = slider({
      label: 'Energía aprovechable de la batería', min: 10, max: 100, step: 1, value: s.usablePct,
      format: (v) => `${v} %`,
      onInput: (v) => this.setState({ usablePct: v }),
    });
    this.#controls = [
      { set: () => battery.set(this.state.battery) },
      { set: () => device.set(this.state.device) },
      { set: () => active.set(this.state.activeLog) },
      { set: () => sleep.set(this.state.sleepLog) },
      { set: () => duty.set(this.state.dutyPct) },
      { set: () => usable.set(this.state.usablePct) },
    ];
    this.#out = h('p', { class: 'bl-result', 'aria-live': 'polite' });
    this.#note = h('p', { class: 'bl-note' });
    this.#detail = h('div', { class: 'readout bl-formula' });
    this.#bar = h('div', { class: 'bl-scale', 'aria-hidden': 'true' });
    this.append(
      h('div', { class: 'ctl-row' }, battery.root, device.root),
      this.#note,
      h('div', { class: 'ctl-row' }, active.root, sleep.root),
      h('div', { class: 'ctl-row' }, duty.root, usable.root),
      this.#out,
      this.#bar,
      this.#detail,
    );
  }

  #syncControls(): void {
    for (const c of this.#controls) c.set();
  }

  override resetState(): void {
    super.resetState();
    this.#syncControls();
  }

  protected update(): void {
    const s = this.state;
    const b = BATTERIES.find((x) => x.id === s.battery) ?? BATTERIES[0]!;
    const activeW = 10 ** s.activeLog;
    const sleepW = 10 ** s.sleepLog;
    const d = s.dutyPct / 100;
    const e = energyWh(b, s.usablePct / 100);
    const p = averagePowerW(activeW, sleepW, d);
    const hours = batteryLifeHours(e, p);
    this.#out.textContent = `Con esta batería, el dispositivo funcionaría unos ${describeHours(hours)}.`;
    const preset = DEVICES.find((x) => x.id === s.device);
    this.#note.textContent = preset ? preset.note : 'Valores a mano: mueve los deslizadores de potencia.';
    const r = (v: number): string => sig(v, 3);
    // Same three steps as the lesson's formulas, one per line (wraps well on a phone).
    this.#detail.replaceChildren(
      h('span', { text: `E = ${r(b.capacityMah / 1000)} Ah × ${r(b.voltage)} V × ${r(s.usablePct / 100)} = ${r(e)} Wh` }),
      h('span', { text: `P̄ = ${r(d)} × ${formatPower(activeW)} + ${r(1 - d)} × ${formatPower(sleepW)} = ${formatPower(p)}` }),
      h('span', { text: `t = E / P̄ = ${r(hours)} h` }),
    );
    // Position on a log time scale from 1 minute to 10 years.
    const lo = Math.log10(1 / 60);
    const hi = Math.log10(24 * 365.25 * 10);
    const x = Number.isFinite(hours) ? (Math.log10(Math.max(hours, 1 / 60)) - lo) / (hi - lo) : 1;
    this.#bar.style.setProperty('--pos', `${Math.min(1, Math.max(0, x)) * 100}%`);
    this.#bar.replaceChildren(
      h('span', { class: 'bl-fill' }),
      ...['1 min', '1 h', '1 día', '1 mes', '1 año', '10 años'].map((t, i) => {
        const hrs = [1 / 60, 1, 24, 24 * 30.44, 24 * 365.25, 24 * 365.25 * 10][i]!;
        const pos = ((Math.log10(hrs) - lo) / (hi - lo)) * 100;
        // '1 h' and '1 año' are hidden on narrow screens (style.css) so labels do not collide.
        return h('span', { class: 'bl-tick', style: `left:${pos}%`, text: t, 'data-minor': i === 1 || i === 4 });
      }),
    );
  }
}

defineWidget('battery-life', BatteryLife);
