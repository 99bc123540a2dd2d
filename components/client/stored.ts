// What the browser remembers between pages (localStorage), where storage may fail: private
// mode, a full quota or storage turned off. A read then finds nothing, a write is forgotten.

/** The value stored under `key`, or null (none, or storage cannot be read). */
export function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Stores `value` under `key`; when storage refuses, the next page just does not know it. */
export function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch { /* private mode or full: forgotten */ }
}
