import { describe, expect, it } from 'vitest';
import { ApiError } from '../../dashboard/api.ts';
import { errorSentence } from '../../dashboard/errors.ts';

describe("the dashboard's error sentences", () => {
  it('words what the status says in the interface language, and keeps the reason of a refused input', () => {
    expect(errorSentence(new ApiError(401, 'no session'))).toBe('Your session has ended: sign in again.');
    expect(errorSentence(new ApiError(404, 'no such module'))).toBe('Not found: it may have been removed or renamed.');
    expect(errorSentence(new ApiError(429, 'rate limit', 600))).toBe('Too many requests. Wait 10 minutes before trying again.');
    expect(errorSentence(new ApiError(429, 'rate limit', 30))).toBe('Too many requests. Wait a minute before trying again.');
    expect(errorSentence(new ApiError(503, 'database unavailable'))).toBe('The server could not answer. Try again in a moment.');
    expect(errorSentence(new TypeError('Failed to fetch'))).toBe('The server could not be reached. Check the connection and try again.');
    expect(errorSentence(new ApiError(400, 'from: must be a date (YYYY-MM-DD)'))).toBe('From: must be a date (YYYY-MM-DD).');
    expect(errorSentence(new ApiError(403, "trainers see their own organisation's learners only"))).toBe("Trainers see their own organisation's learners only.");
  });
});
