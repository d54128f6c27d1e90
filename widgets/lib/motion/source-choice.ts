/**
 * Which motion source a widget uses and how it is set up (pure settings, Spanish texts, and
 * the one place that builds a MotionSource from them). Shared by every live motion widget
 * through source-picker.ts (lessons 15 and 16).
 */
import { createPhoneSource, phoneSupport } from '../sensors/phone-source';
import { createSerialSource, serialSupport } from '../sensors/serial-source';
import { createSimulatedSource } from '../sensors/simulated-source';
import { GESTURE_LABELS, GESTURES, type SimMotion } from '../sensors/simulator';
import { oneOf } from '../state/schema';
import type { MotionSource, SourceKind, SourceStatus } from '../sensors/types';
import { withUnit } from '../format/number';

export const SOURCE_KINDS = ['serial', 'phone', 'simulated'] as const satisfies readonly SourceKind[];

export const SOURCE_LABELS: Readonly<Record<SourceKind, string>> = {
  serial: 'Placa por Web Serial',
  phone: 'Móvil',
  simulated: 'Placa simulada',
};

/** Baud rates offered for the board (115200: the course's sketch and Edge Impulse's forwarder). */
export const BAUD_RATES = ['9600', '19200', '38400', '57600', '115200', '230400', '460800', '921600'] as const;
export type BaudRate = (typeof BAUD_RATES)[number];
export const DEFAULT_BAUD: BaudRate = '115200';

/** Rates of the simulated board, Hz (as strings: schema options). */
export const SIM_RATES = ['50', '62.5', '100'] as const;
export type SimRate = (typeof SIM_RATES)[number];

/** Simulated people (persona 1…PERSONS): each moves with its own amplitude, tempo and grip. */
export const PERSONS = 4;
export const PERSON_OPTIONS = ['1', '2', '3', '4'] as const;
export type PersonOption = (typeof PERSON_OPTIONS)[number];

export interface SourceSettings {
  kind: SourceKind;
  baudRate: BaudRate;
  gesture: SimMotion;
  person: PersonOption;
  simHz: SimRate;
  /** Seed of the simulated board (its noise and its population of people). */
  seed: number;
}

/** The state-schema fields of SourceSettings but the seed (each widget picks its default seed). */
export const SOURCE_SCHEMA = {
  kind: oneOf(SOURCE_KINDS, 'simulated'),
  baudRate: oneOf(BAUD_RATES, DEFAULT_BAUD),
  gesture: oneOf(GESTURES, 'wave'),
  person: oneOf(PERSON_OPTIONS, '1'),
  simHz: oneOf(SIM_RATES, '100'),
};

/** Where Web Serial and the phone's motion are available (each with its Spanish message if not). */
export interface Availability {
  serial: { ok: true } | { ok: false; message: string };
  phone: { ok: true } | { ok: false; message: string };
}

export function availability(): Availability {
  return { serial: serialSupport(), phone: phoneSupport() };
}

/** A new source for these settings (browser sources use the page's navigator / window and timers). */
export function createSource(s: SourceSettings): MotionSource {
  switch (s.kind) {
    case 'serial':
      return createSerialSource({ baudRate: Number(s.baudRate) });
    case 'phone':
      return createPhoneSource();
    case 'simulated':
      return createSimulatedSource({ hz: Number(s.simHz), seed: s.seed, gesture: s.gesture, person: Number(s.person) - 1 });
  }
}

const hz = (v: number): string => withUnit(v, 'Hz', 1);

/** One Spanish sentence for the source's state. */
export function statusSentence(kind: SourceKind, status: SourceStatus, rateHz: number | null, axes: number): string {
  switch (status) {
    case 'idle':
      return kind === 'serial' ? 'Sin conectar. Enchufa la placa por USB y pulsa «Conectar».'
        : kind === 'phone' ? 'Sin conectar. Abre esta página en el móvil y pulsa «Conectar».'
          : 'Sin conectar. Pulsa «Conectar» para que la placa simulada empiece a enviar datos.';
    case 'connecting':
      return kind === 'serial' ? 'Conectando: elige la placa en la ventana del navegador…' : 'Conectando…';
    case 'detecting':
      return kind === 'serial' ? 'Escuchando un segundo para detectar la frecuencia y el número de ejes…' : 'Esperando las primeras lecturas del sensor…';
    case 'streaming':
      return `Recibiendo datos: ${rateHz ? hz(rateHz) : 'frecuencia por medir'}, ${axes} ${axes === 1 ? 'eje' : 'ejes'}.`;
    case 'stopped':
      return 'Desconectada. Pulsa «Conectar» para volver a empezar.';
    case 'error':
      return 'No se pudo conectar (mira el mensaje de abajo).';
  }
}

export const gestureLabel = (g: SimMotion): string => GESTURE_LABELS[g];
export const formatHz = hz;
