/** Every user-visible audio-source message, in Spanish, in one place (pure). */
import type { AudioProblem, AudioProblemCode } from './types';

export const audioMsg: Record<AudioProblemCode, string> = {
  unsupported:
    'Este navegador no permite usar el micrófono desde una página (falta navigator.mediaDevices.getUserMedia). ' +
    'Prueba con una versión reciente de Chrome, Edge o Firefox; mientras tanto puedes usar los audios de ejemplo.',
  insecure:
    'El micrófono solo funciona en páginas seguras (https:// o http://localhost). Abre el curso desde una de esas ' +
    'direcciones; mientras tanto puedes usar los audios de ejemplo.',
  'no-worklet':
    'Este navegador no tiene AudioWorklet, que necesito para procesar el audio del micrófono sin cortes. ' +
    'Prueba con una versión reciente de Chrome, Edge, Firefox o Safari; mientras tanto puedes usar los audios de ejemplo.',
  permission:
    'No tengo permiso para usar el micrófono. Para dárselo, pulsa el icono del candado (o del micrófono) junto a la ' +
    'dirección, permite el micrófono y vuelve a pulsar el botón. Los audios de ejemplo funcionan sin permiso.',
  'no-microphone':
    'No encuentro ningún micrófono. Conecta uno (o revisa que el sistema lo reconoce) y vuelve a pulsar el botón. ' +
    'Los audios de ejemplo funcionan sin micrófono.',
  busy:
    'El micrófono está ocupado o el sistema no deja leerlo (¿lo usa otra aplicación, como una videollamada?). ' +
    'Ciérrala y vuelve a pulsar el botón.',
  'worklet-failed':
    'No pude cargar el procesador de audio de la página. Recarga la página y vuelve a intentarlo.',
  disconnected: 'El micrófono se ha desconectado. Vuelve a conectarlo y pulsa el botón de nuevo.',
  unknown: 'No pude abrir el micrófono por un error inesperado. Recarga la página y vuelve a intentarlo.',
};

export function audioProblem(code: AudioProblemCode, fatal = true, detail?: string): AudioProblem {
  const message = detail ? `${audioMsg[code]} (Detalle: ${detail})` : audioMsg[code];
  return { code, message, fatal };
}

/** The problem for a getUserMedia rejection, by its DOMException name. */
export function problemForMediaError(err: unknown): AudioProblem {
  const name = (err as { name?: string } | null)?.name ?? '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return audioProblem('permission');
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return audioProblem('no-microphone');
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return audioProblem('busy');
    default:
      return audioProblem('unknown', true, name || String(err));
  }
}
