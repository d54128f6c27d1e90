/**
 * Every user-visible sensor message, in Spanish, in one place. Each one says what happened,
 * shows the offending text when there is one and, when it can, what to do about it.
 */

/** Spanish number: decimal comma, at most `digits` decimals, no trailing zeros. */
export function esNum(x: number, digits = 1): string {
  const r = Number(x.toFixed(digits));
  return String(r).replace('-', '−').replace('.', ',');
}

/** A line as it can be shown: control bytes as \xNN, cut to `max` characters. */
export function preview(line: string, max = 60): string {
  let out = '';
  for (const ch of line) {
    const c = ch.codePointAt(0) ?? 0;
    out += c < 0x20 || c === 0x7f ? `\\x${c.toString(16).padStart(2, '0')}` : ch;
    if (out.length >= max) return `${out.slice(0, max)}…`;
  }
  return out;
}

const quoted = (line: string): string => `"${preview(line)}"`;
const where = (lineNo?: number): string => (lineNo === undefined ? 'La línea' : `La línea ${lineNo}`);
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export const msg = {
  // --- one line (line-protocol.ts) ---
  blank: (lineNo?: number) => `${where(lineNo)} está vacía; no es una lectura y se descarta.`,
  wrongCount: (lineNo: number | undefined, got: number, want: number, line: string) =>
    `${where(lineNo)} tiene ${plural(got, 'valor', 'valores')} y esperaba ${want}: ${quoted(line)}`,
  nan: (lineNo: number | undefined, pos: number, line: string) =>
    `${where(lineNo)} tiene «NaN» (no es un número) en el valor ${pos}: ${quoted(line)}. ` +
    'Suele pasar si el sensor no se inicializó o una división dio 0/0.',
  infinite: (lineNo: number | undefined, pos: number, line: string) =>
    `${where(lineNo)} tiene un valor infinito en la posición ${pos}: ${quoted(line)}.`,
  notNumber: (lineNo: number | undefined, token: string, pos: number, line: string) =>
    `${where(lineNo)} tiene «${preview(token, 20)}» en el valor ${pos}, que no es un número: ${quoted(line)}`,
  garbage: (lineNo: number | undefined, line: string) =>
    `${where(lineNo)} trae bytes que no son texto: ${quoted(line)}. Si pasa en todas las líneas, ` +
    'comprueba que la velocidad del puerto (baudios) es la misma que en el programa de la placa.',
  deviceError: (lineNo: number | undefined, line: string) =>
    `La placa informó de un error${lineNo === undefined ? '' : ` en la línea ${lineNo}`}: ${quoted(line)}`,
  lineTooLong: (maxBytes: number, head: string) =>
    `Llegaron más de ${maxBytes} bytes sin un salto de línea (empiezan por ${quoted(head)}); se descartan ` +
    'hasta el siguiente salto de línea. Cada lectura debe terminar con un salto de línea (Serial.println).',

  // --- frequency and axis detection (detectStream) ---
  detectNoData: (seconds: number, lines: readonly string[]) =>
    `En ${esNum(seconds)} s no llegó ninguna lectura válida de la placa` +
    (lines.length ? `; llegó esto: ${lines.slice(0, 3).map((l) => quoted(l)).join(', ')}` : '') +
    '. Comprueba que el programa de la placa está cargado y enviando datos, y que la velocidad ' +
    'del puerto es la misma que la del programa (115200 baudios en el del curso).',
  detectOneLine: (seconds: number, line: string) =>
    `En ${esNum(seconds)} s solo llegó una lectura (${quoted(line)}) y así no se puede medir la ` +
    'frecuencia: la detección automática necesita más de 2 lecturas por segundo.',
  detectDeviceError: (line: string) =>
    `La placa envió un error al conectar: ${quoted(line)}. Revisa el programa de la placa y la ` +
    'conexión con el sensor, y vuelve a conectar.',
  detectRefNotNumeric: (line: string, token: string) =>
    `La segunda línea recibida, que sirve de referencia, no son solo números: ${quoted(line)} ` +
    `(«${preview(token, 20)}» no es un número). Cada línea debe traer solo los valores, separados por comas.`,
  detectRefGarbage: (line: string) =>
    `Llegan bytes que no son texto (${quoted(line)}). Casi siempre es una velocidad equivocada: ` +
    'elige la misma que en el programa de la placa (115200 baudios en el del curso).',

  // --- Web Serial (serial-source.ts) ---
  serialUnsupported: () =>
    'Este navegador no tiene Web Serial, la interfaz con la que la página habla con la placa por USB. ' +
    'Funciona en Chrome, Edge y Opera en un ordenador (Windows, macOS, Linux o ChromeOS); Firefox, ' +
    'Safari y los navegadores del móvil no la tienen. Mientras tanto puedes usar el móvil como ' +
    'sensor o la placa simulada.',
  serialInsecure: () =>
    'Web Serial solo funciona en páginas seguras (https:// o http://localhost), y esta no lo es. ' +
    'Abre el curso en http://localhost:4321 en el ordenador al que está conectada la placa, o usa ' +
    'el móvil o la placa simulada.',
  noPort: () =>
    'No se eligió ningún puerto. Pulsa «Conectar» otra vez y elige la placa en la lista (suele ' +
    'aparecer como «Arduino Nano 33 BLE», ttyACM0 o COM3). Si la lista está vacía, comprueba el cable: ' +
    'algunos cables USB solo cargan y no llevan datos.',
  permission: () =>
    'El navegador no dejó usar el puerto serie. Puede que lo bloquearas para este sitio (mira el ' +
    'icono a la izquierda de la dirección) o que la página esté dentro de un marco sin permiso. ' +
    'Permítelo y vuelve a conectar.',
  busy: (detail: string) =>
    'No se pudo abrir el puerto: probablemente lo está usando otro programa (el monitor serie del ' +
    'IDE de Arduino, edge-impulse-data-forwarder u otra pestaña). Ciérralo y vuelve a conectar. En ' +
    `Linux, comprueba también que tu usuario está en el grupo dialout.${detail ? ` (${detail})` : ''}`,
  disconnected: (rows: number) =>
    `Se perdió la conexión con la placa (¿se desenchufó el cable?). ${rows > 0
      ? `Las ${rows} lecturas que ya habían llegado se conservan.`
      : 'No había llegado ninguna lectura.'} Vuelve a enchufarla y pulsa «Conectar».`,
  rateChanged: (before: number, now: number) =>
    `La frecuencia ha cambiado: antes llegaban ${esNum(before)} Hz y ahora ${esNum(now)} Hz. ` +
    'Parece otra placa u otro programa; no mezcles en el mismo conjunto datos tomados a frecuencias distintas.',
  axesChanged: (before: number, now: number) =>
    `El número de valores por línea ha cambiado: antes eran ${before} y ahora ${now}. Parece otra ` +
    'placa u otro programa; no mezcles sus datos en el mismo conjunto.',
  unexpectedRate: (expected: number, got: number) =>
    `Se esperaban unos ${esNum(expected)} Hz y la placa envía ${esNum(got)} Hz. ¿Es el programa del curso? ` +
    'Las lecturas se usan igualmente, con su frecuencia real.',
  rateDrift: (rate: number, measured: number) =>
    `La placa se detectó a ${esNum(rate)} Hz, pero en los últimos segundos llegan ${esNum(measured)} Hz. ` +
    'Puede que el programa de la placa no consiga mantener su frecuencia o que se pierdan datos.',
  tooFewAxes: (n: number) =>
    `La placa envía ${plural(n, 'valor', 'valores')} por línea y hacen falta 3 (aceleración x, y, z).`,
  extraAxes: (n: number) =>
    `La placa envía ${n} valores por línea; se usan los tres primeros como aceleración x, y, z.`,

  // --- phone (phone-source.ts) ---
  phoneUnsupported: () =>
    'Este navegador no ofrece los datos de movimiento (DeviceMotionEvent). Prueba con Chrome en ' +
    'Android o Safari en iPhone, o usa la placa simulada.',
  phoneInsecure: (origin: string) =>
    `Los navegadores solo dan el acelerómetro a las páginas seguras (https:// o http://localhost), y ${origin || 'esta página'} ` +
    'no lo es. Si abriste el curso en el móvil con la dirección de tu ordenador en la red local, ' +
    'hay dos salidas: conecta el móvil Android por USB, ejecuta «adb reverse tcp:4321 tcp:4321» y abre ' +
    'http://localhost:4321 en el móvil; o sirve el curso por https (un certificado de desarrollo o un ' +
    'túnel https). Mientras tanto puedes usar la placa simulada.',
  phoneDenied: () =>
    'No se dio permiso para leer el movimiento. En iPhone, Safari solo lo pregunta una vez por visita: ' +
    'cierra la pestaña, vuelve a abrir la página, pulsa «Conectar» y elige «Permitir».',
  phoneNeedsGesture: () =>
    'El permiso para leer el movimiento hay que pedirlo con un toque: pulsa el botón «Conectar».',
  noSensor: (ms: number) =>
    `En ${esNum(ms / 1000)} s no llegó ningún dato del acelerómetro: este dispositivo parece no tener ` +
    'sensor de movimiento (lo normal en un ordenador). Abre esta página en el móvil o usa la placa simulada.',
} as const;
