/**
 * This page's session id, sent with every project call: the backend lets one session write a
 * project (the lock). Kept in sessionStorage, so a reload of the same tab stays the writer
 * while another tab (its own sessionStorage) is told the project is open elsewhere.
 */
let fallback: string | null = null;

function randomId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function sessionId(): string {
  try {
    const key = 'machine-teacher-session';
    let id = sessionStorage.getItem(key);
    if (!id) { id = randomId(); sessionStorage.setItem(key, id); }
    return id;
  } catch {
    return (fallback ??= randomId()); // no sessionStorage (tests in Node)
  }
}
