/**
 * The ADL API discovery algorithm: look for the LMS's API object in this window's parents, then
 * in the opener and its parents, a bounded number of steps (frames of another origin are skipped).
 */
const MAX_PARENT_STEPS = 10;

function search<T>(start: Window | null, name: string): T | undefined {
  let win = start;
  for (let steps = 0; win && steps <= MAX_PARENT_STEPS; steps++) {
    try {
      const api = (win as unknown as Record<string, unknown>)[name];
      if (api && typeof api === 'object') return api as T;
    } catch {
      // A frame of another origin: its API (if any) is out of reach; keep climbing.
    }
    if (win.parent === win) break;
    win = win.parent;
  }
  return undefined;
}

/** Finds `API` (SCORM 1.2) or `API_1484_11` (SCORM 2004) from the given window. */
export function findScormApi<T>(name: 'API' | 'API_1484_11', from: Window = window): T | undefined {
  return search<T>(from, name) ?? (from.opener ? search<T>(from.opener as Window, name) : undefined) ??
    (from.top?.opener ? search<T>(from.top.opener as Window, name) : undefined);
}
