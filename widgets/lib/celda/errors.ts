/**
 * Errors of a cell run (pure, Node-tested): where in the student's code a runtime error happened
 * and a Spanish reading of the common messages.
 */
import { SCRIPT_PREFIX_LINES } from './scope';

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * 1-based line in the student's code of the innermost stack frame inside the cell's script
 * (Chromium «at f (blob:null/…:5:3)», Firefox «f@blob:null/…:5:3»), or null when the stack has
 * no frame there (an error thrown by a library called with bad arguments still has the caller's
 * frame further down, and that is the one found).
 */
export function errorLine(stack: string | undefined, scriptUrl: string, prefixLines = SCRIPT_PREFIX_LINES): number | null {
  if (!stack) return null;
  const re = new RegExp(`${escapeRe(scriptUrl)}:(\\d+):(\\d+)`);
  for (const frame of stack.split('\n')) {
    const m = re.exec(frame);
    if (m) {
      const line = Number(m[1]) - prefixLines;
      return line >= 1 ? line : null;
    }
  }
  return null;
}

/** The name in «x is not defined» (Chromium, Firefox, WebKit), or null. */
export function undefinedName(message: string): string | null {
  const m = /^(?:ReferenceError: )?(?:Can't find variable: )?([\p{L}\p{N}_$]+) is not defined$/u.exec(message) ??
    /^Can't find variable: ([\p{L}\p{N}_$]+)$/u.exec(message);
  return m ? m[1]! : null;
}

const RUNTIME_ES: [RegExp, string][] = [
  [/^([\p{L}\p{N}_$]+) is not defined$/u, '«$1» no está definido'],
  [/^(.+) is not a function$/, '«$1» no es una función'],
  [/^Cannot read properties of (undefined|null) \(reading '(.+)'\)$/, 'no se puede leer «$2» de $1'],
  [/^(.+) is (undefined|null)$/, '«$1» es $2'],
  [/^Assignment to constant variable\.$/, 'no se puede reasignar una constante'],
  [/^Maximum call stack size exceeded$/, 'demasiadas llamadas anidadas (¿una recursión sin final?)'],
  [/^too much recursion$/, 'demasiadas llamadas anidadas (¿una recursión sin final?)'],
  [/^(.+) is not iterable$/, '«$1» no se puede recorrer'],
];

/** Spanish reading of an engine message; unknown messages (tfjs' shape errors…) stay as they are. */
export function runtimeMessageEs(message: string): string {
  for (const [re, es] of RUNTIME_ES) if (re.test(message)) return message.replace(re, es);
  return message;
}

/**
 * What to tell a student whose cell used a name defined by an earlier cell that has not run
 * (in this session, or since «Detener» restarted the runtime). `definedBy` maps a name to the
 * title of the first earlier cell that declares it.
 */
export function dependencyHint(name: string, definedBy: ReadonlyMap<string, string>): string | null {
  const cell = definedBy.get(name);
  if (!cell) return null;
  return `«${name}» se define en la celda «${cell}», más arriba. Ejecútala antes (o pulsa «Ejecutar todo»).`;
}
