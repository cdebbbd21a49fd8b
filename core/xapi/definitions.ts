/** Activity definitions as the LRS keeps them: what statements say about an activity, merged. */
type Json = Record<string, any>;

/** Combines what two statements say about an activity: language maps merged, the newer value otherwise. */
export function mergeDefinitions(older: Json | undefined, newer: Json): Json {
  if (!older) return newer;
  const merged: Json = { ...older, ...newer };
  for (const key of ['name', 'description', 'extensions']) {
    if (older[key] || newer[key]) merged[key] = { ...(older[key] ?? {}), ...(newer[key] ?? {}) };
  }
  return merged;
}
