/** Errors as sentences people read: "wrong username or password" -> "Wrong username or password." */
export function errorSentence(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.charAt(0).toUpperCase() + text.slice(1).replace(/([^.!?])$/, '$1.');
}
