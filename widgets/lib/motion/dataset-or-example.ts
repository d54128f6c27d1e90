/**
 * The recordings the lesson-15 widgets work on (browser: reads IndexedDB through dataset-store):
 * the student's data set when it has at least one recording, else the lesson's example data set
 * (lib/sensors/simulator exampleDataset with the contract's options), which the widgets must say
 * on screen («usando el conjunto de ejemplo»). A failure to read the store is not swallowed: the
 * example is used and `error` carries the Spanish message to show.
 */
import type { Recording } from '../sensors/recording';
import { listRecordings } from './dataset-store';
import { EXAMPLE_OPTIONS, exampleRecordings } from './example';

export interface WorkingSet {
  recordings: Recording[];
  source: 'student' | 'example';
  /** Why the student's data could not be read, when that happened. */
  error: string | null;
}

export async function datasetOrExample(): Promise<WorkingSet> {
  try {
    const recs = await listRecordings();
    if (recs.length > 0) return { recordings: recs, source: 'student', error: null };
    return { recordings: exampleRecordings(), source: 'example', error: null };
  } catch (e) {
    return { recordings: exampleRecordings(), source: 'example', error: e instanceof Error ? e.message : String(e) };
  }
}

/** The on-screen sentence about where the data come from. */
export function sourceSentence(ws: WorkingSet, classes: number): string {
  const n = ws.recordings.length;
  if (ws.source === 'student') return `Usando tu conjunto de datos: ${n} ${n === 1 ? 'grabación' : 'grabaciones'} de ${classes} ${classes === 1 ? 'clase' : 'clases'}, guardadas en este navegador.`;
  const why = ws.error ? `No se pudo leer tu conjunto de datos (${ws.error}), así que estás ` : 'Todavía no has grabado nada, así que estás ';
  return `${why}usando el conjunto de ejemplo: ${n} ventanas simuladas de 2 s a 100 Hz, ${EXAMPLE_OPTIONS.perClass} por gesto. Graba las tuyas en el widget de captura y aparecerán aquí.`;
}
