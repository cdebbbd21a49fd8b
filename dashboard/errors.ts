import { msg, str } from '@lit/localize';
import { ApiError } from './api.ts';

/**
 * Errors as sentences people read, in the viewer's language where the status says enough: a
 * refused session, a missing right, something gone, too many requests, the server or the network
 * failing. A refused input (400, 409, 413) keeps the server's own reason, which names the field and
 * the rule, and so does a refused right (403), which says whose data it is ("trainers see their own
organisation's learners only" -> "Trainers see their own organisation's learners only.").
 */
export function errorSentence(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return msg('Your session has ended: sign in again.');
    if (error.status === 404) return msg('Not found: it may have been removed or renamed.');
    if (error.status === 429) {
      const minutes = Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60));
      return minutes === 1 ? msg('Too many requests. Wait a minute before trying again.') : msg(str`Too many requests. Wait ${minutes} minutes before trying again.`);
    }
    if (error.status >= 500) return msg('The server could not answer. Try again in a moment.');
  } else if (error instanceof TypeError) {
    // fetch rejects with a TypeError when the request never got an answer.
    return msg('The server could not be reached. Check the connection and try again.');
  }
  const text = error instanceof Error ? error.message : String(error);
  return text.charAt(0).toUpperCase() + text.slice(1).replace(/([^.!?])$/, '$1.');
}
