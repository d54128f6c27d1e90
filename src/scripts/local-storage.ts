// localStorage that never throws: storage can be unavailable (private mode, blocked by the
// browser) or full, and then a page keeps working with what it has in memory.

/** The stored string, or null when there is none or storage cannot be read. */
export function readItem(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Stores `value`; false when storage is unavailable or full (nothing is thrown). */
export function writeItem(key: string, value: string): boolean {
  try {
    localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}
