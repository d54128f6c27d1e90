/**
 * The energy of one decision (pure, no DOM): how many multiply-adds (MACs) one inference of a
 * CNN costs, and what that means on the Arduino Nano 33 BLE Sense's nRF52840 (Cortex-M4F at
 * 64 MHz) for float32 and for int8 with CMSIS-NN, down to days on a CR2032.
 *
 *   MACs            M = Σ_layers MACs(layer)                      (lib/conv/shapes.ts summarize)
 *   cycles          C = M · c                                     c = cycles per MAC (float32 or int8)
 *   time            t [s] = C / f                                 f = 64 MHz
 *   energy          E [J] = I_act · V · t                         (µJ shown: mA · V · ms = µJ)
 *   duty cycle      d = t / T                                     T = seconds between decisions (d ≤ 1)
 *   average power   P_avg = d · (I_act · V) + (1 − d) · (I_sleep · V)   (lib/energy/battery averagePowerW)
 *   life            L [h] = (u · Q/1000 · V) / P_avg              Q = capacity mAh, u = usable fraction (energyWh, batteryLifeHours)
 *
 * Only the MACs are counted: pooling, softmax, (de)quantization and the interpreter's own work
 * are left out, so the time is a lower bound of what the board measures; the student's pasted
 * measurement replaces the int8 estimate (the board sketch runs the int8 model).
 * Every constant below carries its source; `status` says whether we could confirm it
 * ('citado') or whether it is an assumption with a range ('supuesto').
 */
import { summarize, type LayerSpec, type StackSummary } from '../lib/conv/shapes';
import { averagePowerW, batteryLifeHours, energyWh } from '../lib/energy/battery';
import { intText } from '../lib/format/number';
import { fmt } from '../lib/widget/dom';

export interface Fact {
  /** Symbol used in the formulas. */
  symbol: string;
  /** Spanish name. */
  label: string;
  value: number;
  /** Unit of `value` as shown. */
  unit: string;
  /** Assumptions carry an inclusive range [lo, hi] in the same unit. */
  range?: readonly [number, number];
  status: 'citado' | 'supuesto';
  /** Where the figure comes from (Spanish, with the document and section). */
  source: string;
}

/** Clock of the nRF52840's Cortex-M4F, MHz. */
export const CLOCK: Fact = {
  symbol: 'f', label: 'Reloj del Cortex-M4F del nRF52840', value: 64, unit: 'MHz', status: 'citado',
  source: 'Nordic Semiconductor, nRF52840 Product Specification, capítulo «CPU»: Arm Cortex-M4 con FPU a 64 MHz.',
};

/** Cycles per multiply-add of a float32 kernel on the Cortex-M4F (assumption). */
export const CYCLES_FP32: Fact = {
  symbol: 'c_fp32', label: 'Ciclos por MAC en float32 (núcleos de referencia de TFLite Micro)', value: 8, unit: 'ciclos/MAC',
  range: [5, 15], status: 'supuesto',
  source: 'Suposición nuestra. Arm, Cortex-M4 Technical Reference Manual, «FPU instruction set»: VLDR.F32 tarda 2 ciclos y VMLA.F32 3; ' +
    'cada MAC lee un peso y una entrada y acumula, y el bucle de referencia añade índices y comprobaciones del borde. CMSIS-NN no trae núcleos float32.',
};

/** Cycles per multiply-add of CMSIS-NN's int8 kernels on a Cortex-M4 (assumption derived from the paper). */
export const CYCLES_INT8: Fact = {
  symbol: 'c_int8', label: 'Ciclos por MAC en int8 con CMSIS-NN', value: 3, unit: 'ciclos/MAC',
  range: [2, 5], status: 'supuesto',
  source: 'Suposición derivada de Lai, Suda y Chandra, «CMSIS-NN: Efficient Neural Network Kernels for Arm Cortex-M CPUs» (arXiv:1801.06601, 2018), sección 4: ' +
    'su CNN de CIFAR-10 (convoluciones 5×5 de 32, 32 y 64 filtros) clasifica unas 10 imágenes por segundo en un Cortex-M7. ' +
    'Sin contrastar aquí, y por eso suposición: el reloj de esa placa (≈ 216 MHz) y los ≈ 12,3 millones de MAC de la red, cuenta nuestra, que darían ≈ 1,7 ciclos por MAC. ' +
    'El M4 no emite dos instrucciones por ciclo como el M7; su SMLAD hace dos MAC de 16 bits por instrucción.',
};

/** Active current of the nRF52840 running code from flash at 64 MHz, DC/DC regulator, mA (datasheet, typical). */
export const ACTIVE_CURRENT: Fact = {
  symbol: 'I_act', label: 'Corriente con la CPU trabajando a 64 MHz', value: 3.3, unit: 'mA', status: 'citado',
  source: 'Nordic Semiconductor, nRF52840 Product Specification v1.x, «Current consumption → CPU running», símbolo ICPU0: ' +
    '3,3 mA típicos a 3 V y 25 °C con CoreMark ejecutándose desde la flash con la caché activada, reloj HFXO y el regulador DC/DC ' +
    '(con el regulador LDO la misma tabla da unos 6,3 mA: el doble). Su tabla «Compounded» da 8,1 mA con la radio transmitiendo además. ' +
    'Es el chip solo: la placa (LED, sensores, regulador) gasta más.',
};

/** Sleep current between decisions, System ON with all RAM retained and the RTC to wake up, µA (datasheet, typical). */
export const SLEEP_ON: Fact = {
  symbol: 'I_sleep', label: 'Corriente dormido en System ON (toda la RAM retenida, despierta el RTC)', value: 3.16, unit: 'µA', status: 'citado',
  source: 'nRF52840 Product Specification v1.x, «Current consumption → Sleep», símbolo ION_RAMON_RTC: 3,16 µA típicos a 3 V ' +
    '(System ON, los 256 kB de RAM retenidos, despierta el RTC). Sin retener la RAM la misma tabla da 1,5 µA, ' +
    'pero entonces el programa pierde su arena de tensores y sus variables entre decisiones.',
};

/** Sleep current in System OFF without RAM retention (only a pin or a reset wakes it), µA (datasheet, typical). */
export const SLEEP_OFF: Fact = {
  symbol: 'I_sleep', label: 'Corriente en System OFF (solo despierta un pin o un reset)', value: 0.4, unit: 'µA', status: 'citado',
  source: 'nRF52840 Product Specification v1.x, «Current consumption → Sleep», símbolo IOFF_RAMOFF_RESET: 0,40 µA típicos a 3 V ' +
    '(System OFF, sin RAM retenida, despierta un reset); reteniendo toda la RAM, IOFF_RAMON_RESET, 1,86 µA. ' +
    'En System OFF no corre ningún reloj: hace falta algo externo que lo despierte, y al despertar el programa arranca de cero.',
};

/** CR2032 capacity, mAh: the same cell as lesson 01's battery calculator. */
export const CR2032_CAPACITY: Fact = {
  symbol: 'Q', label: 'Capacidad de una CR2032', value: 225, unit: 'mAh', status: 'citado',
  source: 'Capacidad típica de la norma IEC 60086 / ANSI 5004LC (hasta 2,0 V), la misma que usa la calculadora de la lección 01; ' +
    'algunas hojas de fabricante dan algo más (≈ 235 mAh con una carga de 15 kΩ; sin contrastar aquí). Con corrientes de miliamperios una pila de botón entrega menos.',
};

export const CR2032_VOLTAGE: Fact = {
  symbol: 'V', label: 'Tensión nominal de la CR2032', value: 3, unit: 'V', status: 'citado',
  source: 'Norma IEC 60086 (CR2032: litio–dióxido de manganeso, 3,0 V nominales); el nRF52840 admite de 1,7 a 3,6 V en VDD, así que la pila lo alimenta directamente.',
};

/** Fraction of the nominal charge the device can use, %: lesson 01's default (assumption). */
export const USABLE: Fact = {
  symbol: 'u', label: 'Parte de la carga que se aprovecha', value: 80, unit: '%', range: [50, 100], status: 'supuesto',
  source: 'La misma que usa por defecto la calculadora de autonomía de la lección 01: una pila no entrega toda su carga nominal ' +
    '(la tensión cae antes del final, y los picos de miliamperios de una pila de botón la reducen más).',
};

export const FACTS: readonly Fact[] = [CLOCK, CYCLES_FP32, CYCLES_INT8, ACTIVE_CURRENT, SLEEP_ON, SLEEP_OFF, CR2032_CAPACITY, CR2032_VOLTAGE, USABLE];

export type Sleep = 'on' | 'off';

export interface Constants {
  clockMhz: number;
  cyclesFp32: number;
  cyclesInt8: number;
  activeMa: number;
  sleepUa: number;
  capacityMah: number;
  voltage: number;
  /** Usable fraction of the capacity, 0…1. */
  usable: number;
}

export const constantsFor = (sleep: Sleep): Constants => ({
  clockMhz: CLOCK.value,
  cyclesFp32: CYCLES_FP32.value,
  cyclesInt8: CYCLES_INT8.value,
  activeMa: ACTIVE_CURRENT.value,
  sleepUa: (sleep === 'on' ? SLEEP_ON : SLEEP_OFF).value,
  capacityMah: CR2032_CAPACITY.value,
  voltage: CR2032_VOLTAGE.value,
  usable: USABLE.value / 100,
});

/** MAC count of a layer stack; throws when the stack does not fit (with the Spanish reason). */
export function macSummary(input: readonly number[], specs: readonly LayerSpec[]): StackSummary {
  const s = summarize(input, specs);
  if (s.error) throw new RangeError(s.error.message);
  return s;
}

export interface Decision {
  /** Seconds per inference. */
  seconds: number;
  /** Cycles per inference (NaN for a measured time). */
  cycles: number;
  /** Energy of one inference, µJ. */
  microjoules: number;
  /** Fraction of the time awake, d = t / T (1 when the inference does not fit in T). */
  duty: number;
  /** True when t > T: the device never sleeps and cannot keep up. */
  overrun: boolean;
  /** Average power, W. */
  averageW: number;
  /** Hours on the battery. */
  hours: number;
  days: number;
}

/** What one inference of `seconds` costs with decisions every `periodS` seconds (the module formulas). */
export function decisionFromTime(seconds: number, periodS: number, k: Constants, cycles = NaN): Decision {
  if (!(seconds > 0) || !(periodS > 0)) throw new RangeError('time and period must be > 0');
  const activeW = (k.activeMa / 1000) * k.voltage;
  const sleepW = (k.sleepUa / 1e6) * k.voltage;
  const overrun = seconds > periodS;
  const duty = overrun ? 1 : seconds / periodS;
  const averageW = averagePowerW(activeW, sleepW, duty);
  const hours = batteryLifeHours(energyWh({ capacityMah: k.capacityMah, voltage: k.voltage }, k.usable), averageW);
  return { seconds, cycles, microjoules: activeW * seconds * 1e6, duty, overrun, averageW, hours, days: hours / 24 };
}

/** The estimate for `macs` multiply-adds at `cyclesPerMac`. */
export function decisionFromMacs(macs: number, cyclesPerMac: number, periodS: number, k: Constants): Decision {
  const cycles = macs * cyclesPerMac;
  return decisionFromTime(cycles / (k.clockMhz * 1e6), periodS, k, cycles);
}

/**
 * Parses a measured inference time as the student pastes it, in µs: «12345 us», «12 345 µs»,
 * «13,6 ms», «0,0136 s», or the sketch's whole line «Clase: 7  (inferencia: 13582 us)».
 * Spanish decimals (comma) and thin/normal spaces as thousands separators are accepted; a dot
 * followed by exactly three digits is read as a thousands separator only with «us»/«µs».
 * Returns the Spanish reason when it cannot.
 */
export function parseMeasuredMicros(text: string): { micros: number } | { error: string } {
  const t = text.trim();
  if (!t) return { error: 'Escribe o pega el tiempo de inferencia que imprime la placa, por ejemplo «13582 us» o «13,6 ms».' };
  const all = [...t.matchAll(/(\d[\d \u202f\u00a0.,]*?)\s*(µs|μs|us|ms|s)(?![a-záéíóú])/gi)];
  const m = all.at(-1);
  if (!m) {
    if (/^\d[\d\s.,]*$/.test(t)) return { error: 'Falta la unidad: añade «us» (microsegundos, como imprime el sketch) o «ms».' };
    return { error: 'No encuentro un tiempo en ese texto. Pega la línea del monitor serie («Clase: 7  (inferencia: 13582 us)») o escribe, por ejemplo, «13,6 ms».' };
  }
  const unit = m[2]!.toLowerCase();
  const scale = unit === 'ms' ? 1e3 : unit === 's' ? 1e6 : 1;
  let num = m[1]!.replace(/[ \u202f\u00a0]/g, '');
  if (scale === 1 && /^\d{1,3}(\.\d{3})+$/.test(num)) num = num.replace(/\./g, '');
  if (num.includes(',') && num.includes('.')) return { error: `«${m[1]!.trim()}» mezcla punto y coma: escribe los decimales con coma, por ejemplo «13,6 ms».` };
  const v = Number(num.replace(',', '.'));
  if (!Number.isFinite(v)) return { error: `«${m[1]!.trim()}» no es un número.` };
  const micros = v * scale;
  if (!(micros > 0)) return { error: 'El tiempo tiene que ser mayor que cero.' };
  if (micros > 600e6) return { error: 'Más de diez minutos por inferencia no parece una medida de la placa: revisa la unidad.' };
  return { micros };
}

const n = (v: number, d = 2): string => fmt(v, d);
const big = intText;

/**
 * The formulas of one row with its own numbers, exactly as computed above (the view prints these).
 * `label` names the row; measured rows have no cycles line.
 */
export function formulaLines(macs: number, cyclesPerMac: number | null, d: Decision, periodS: number, k: Constants): string[] {
  const lines: string[] = [];
  if (cyclesPerMac !== null) {
    lines.push(`C = M · c = ${big(macs)} · ${n(cyclesPerMac)} = ${big(d.cycles)} ciclos`);
    lines.push(`t = C / f = ${big(d.cycles)} / ${n(k.clockMhz)} MHz = ${n(d.seconds * 1e3, 3)} ms`);
  } else lines.push(`t = ${n(d.seconds * 1e3, 3)} ms (medido en la placa)`);
  lines.push(`E = I_act · V · t = ${n(k.activeMa)} mA · ${n(k.voltage)} V · ${n(d.seconds * 1e3, 3)} ms = ${n(d.microjoules, 1)} µJ`);
  lines.push(d.overrun
    ? `d = 1: la inferencia (${n(d.seconds, 3)} s) dura más que el intervalo T = ${n(periodS, 3)} s y el chip nunca duerme`
    : `d = t / T = ${n(d.seconds, 5)} s / ${n(periodS, 3)} s = ${n(d.duty, 6)}`);
  lines.push(`P_media = d · I_act · V + (1 − d) · I_sleep · V = ${n(d.averageW * 1e6, 2)} µW`);
  lines.push(`L = u · Q · V / P_media = ${n(k.usable, 2)} · ${n(k.capacityMah)} mAh · ${n(k.voltage)} V / ${n(d.averageW * 1e6, 2)} µW = ${n(d.hours, 0)} h = ${n(d.days, 1)} días`);
  return lines;
}
