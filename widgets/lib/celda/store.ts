/**
 * What the cells keep in this browser (localStorage, keys under `tinyml:`; the settings page
 * exports them): the student's edits per cell and the exercises passed per lesson.
 *   tinyml:celda:<lesson-slug>:<cell-id>   the edited code (removed when back to the original)
 *   tinyml:ejercicios:<lesson-slug>        JSON object {<cell-id>: true}
 * Storage is injected so the logic runs in Node tests; failures (private mode, full) lose nothing
 * already on screen.
 */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const codeKey = (lesson: string, cell: string): string => `tinyml:celda:${lesson}:${cell}`;
export const exercisesKey = (lesson: string): string => `tinyml:ejercicios:${lesson}`;

export function loadCode(store: KeyValueStore, lesson: string, cell: string): string | null {
  try {
    return store.getItem(codeKey(lesson, cell));
  } catch {
    return null;
  }
}

/** Stores the edit; the original code clears the key (so «Restaurar» leaves nothing behind). */
export function saveCode(store: KeyValueStore, lesson: string, cell: string, code: string, original: string): void {
  try {
    if (code === original) store.removeItem(codeKey(lesson, cell));
    else store.setItem(codeKey(lesson, cell), code);
  } catch {
    /* storage unavailable: the edit lasts for this page only */
  }
}

export function passedExercises(store: KeyValueStore, lesson: string): Record<string, true> {
  try {
    const raw: unknown = JSON.parse(store.getItem(exercisesKey(lesson)) ?? '{}');
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
    return Object.fromEntries(Object.entries(raw).filter(([, v]) => v === true)) as Record<string, true>;
  } catch {
    return {};
  }
}

export function markPassed(store: KeyValueStore, lesson: string, cell: string): void {
  const all = passedExercises(store, lesson);
  all[cell] = true;
  try {
    store.setItem(exercisesKey(lesson), JSON.stringify(all));
  } catch {
    /* storage unavailable */
  }
}
