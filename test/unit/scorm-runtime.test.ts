import { describe, expect, it } from 'vitest';
import { findScormApi } from '../../src/tracker/scorm/api-discovery.ts';
import { isoDuration, isoTimestamp, scorm12TimeOfDay, scorm12Timespan } from '../../core/time.ts';

describe('SCORM time formats', () => {
  it('writes SCORM 1.2 timespans as HHHH:MM:SS.SS', () => {
    expect(scorm12Timespan(0)).toBe('0000:00:00.00');
    expect(scorm12Timespan(83_456)).toBe('0000:01:23.46');
    expect(scorm12Timespan(3_600_000 * 27 + 61_000)).toBe('0027:01:01.00');
  });

  it('writes SCORM 1.2 times of day as HH:MM:SS', () => {
    expect(scorm12TimeOfDay(new Date(2026, 0, 5, 9, 7, 3))).toBe('09:07:03');
  });

  it('writes SCORM 2004 durations and timestamps', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(83_456)).toBe('PT1M23.46S');
    expect(isoDuration(3_600_000 + 5_000)).toBe('PT1H5S');
    expect(isoTimestamp(new Date(Date.UTC(2026, 10, 21, 10, 0, 0, 123)))).toBe('2026-11-21T10:00:00.12Z');
  });
});

/** Windows as plain objects: enough for the discovery walk, which only reads properties. */
function frameChain(depth: number, api?: { at: number; name: string }): Window {
  const top = {} as Record<string, unknown>;
  top.parent = top;
  let win = top;
  for (let level = 1; level <= depth; level++) win = { parent: win } as Record<string, unknown>;
  if (api) {
    let target = win;
    for (let i = 0; i < api.at; i++) target = target.parent as Record<string, unknown>;
    target[api.name] = { LMSInitialize: () => 'true' };
  }
  return win as unknown as Window;
}

describe('ADL API discovery', () => {
  it('finds the API in a parent frame', () => {
    expect(findScormApi('API', frameChain(3, { at: 2, name: 'API' }))).toBeDefined();
    expect(findScormApi('API_1484_11', frameChain(3, { at: 2, name: 'API' }))).toBeUndefined();
  });

  it('looks in the opener when no parent has it', () => {
    const opener = frameChain(1, { at: 1, name: 'API_1484_11' });
    const popup = frameChain(0) as unknown as Record<string, unknown>;
    popup.opener = opener;
    popup.top = popup;
    expect(findScormApi('API_1484_11', popup as unknown as Window)).toBeDefined();
  });

  it('gives up after a bounded number of steps', () => {
    expect(findScormApi('API', frameChain(20, { at: 20, name: 'API' }))).toBeUndefined();
  });

  it('skips frames of another origin', () => {
    const top = { API: {} } as Record<string, unknown>;
    top.parent = top;
    const foreign = new Proxy({ parent: top } as Record<string, unknown>, {
      get(target, key) {
        if (key === 'API') throw new DOMException('Blocked a frame', 'SecurityError');
        return target[key as string];
      },
    });
    const child = { parent: foreign } as unknown as Window;
    expect(findScormApi('API', child)).toBe(top.API);
  });
});
