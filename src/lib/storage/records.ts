/**
 * A lesson's small records in localStorage: one JSON object per key, `{ [id]: entry }` (the
 * guesses of <Predice>, src/lib/predice.ts, and the marks of <Pregunta>, src/lib/preguntas.ts).
 * Pure: decoding drops anything malformed entry by entry and never throws.
 */

export type Records<T> = Record<string, T>;

/**
 * Parses the stored JSON object. `entry` gets each object-valued entry's fields and returns the
 * entry to keep, or undefined to drop it.
 */
export function decodeRecords<T>(raw: string | null, entry: (fields: Record<string, unknown>) => T | undefined): Records<T> {
  if (!raw) return {};
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return {};
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
  const out: Records<T> = {};
  for (const [id, v] of Object.entries(data as Record<string, unknown>)) {
    if (!v || typeof v !== 'object') continue;
    const kept = entry(v as Record<string, unknown>);
    if (kept !== undefined) out[id] = kept;
  }
  return out;
}

export const encodeRecords = <T>(records: Records<T>): string => JSON.stringify(records);
