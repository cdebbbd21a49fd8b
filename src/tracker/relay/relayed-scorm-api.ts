/**
 * The LMS's SCORM API, reached through the page of a dispatch package that frames the module
 * (protocol: core/dispatch.ts). Reads are answered from the values the page read at start;
 * writes, commits and the end of the session go to the page, which makes the real calls and
 * reports any the LMS refuses.
 */
import type { RelayedValue, ToModule, ToPage } from '../../../core/dispatch.ts';
import type { ScormApi } from '../scorm/scorm-tracker.ts';

/** How long to wait for the framing page to answer before playing without an LMS. */
const GREETING_MS = 5_000;

export class RelayedScormApi implements ScormApi {
  private code = 0;
  /** Calls the LMS refused, as the page reported them. */
  readonly refused: { call: string; code: number; message: string }[] = [];

  constructor(
    private readonly pageOrigin: string,
    private readonly values: Record<string, RelayedValue>,
    private readonly page: Window = window.parent,
  ) {
    addEventListener('message', (event: MessageEvent<ToModule>) => {
      if (event.source !== this.page || event.origin !== this.pageOrigin || event.data?.type !== 'inprocap:error') return;
      this.refused.push(event.data);
      console.warn(`The LMS refused ${event.data.call}: error ${event.data.code} ${event.data.message}`);
    });
  }

  private post(message: ToPage): boolean {
    this.page.postMessage(message, this.pageOrigin);
    this.code = 0;
    return true;
  }

  initialize(): boolean {
    return true; // the page opened the session before it framed the module
  }

  getValue(element: string): string {
    const read = this.values[element];
    this.code = read?.error ?? 0;
    return read?.value ?? '';
  }

  setValue(element: string, value: string): boolean {
    const read = this.values[element];
    if (read) this.values[element] = { value, error: 0 };
    return this.post({ type: 'inprocap:set', element, value });
  }

  commit(): boolean {
    return this.post({ type: 'inprocap:commit' });
  }

  terminate(): boolean {
    return this.post({ type: 'inprocap:finish' });
  }

  lastError(): { code: number; message: string } {
    return { code: this.code, message: '' };
  }
}

/** Greets the framing page; resolves with its LMS's API, or undefined when no LMS answered. */
export function connectRelay(page: Window = window.parent): Promise<RelayedScormApi | undefined> {
  if (page === window) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const done = (api: RelayedScormApi | undefined) => {
      removeEventListener('message', onMessage);
      clearTimeout(timer);
      resolve(api);
    };
    const onMessage = (event: MessageEvent<ToModule>) => {
      if (event.source !== page || event.data?.type !== 'inprocap:lms') return;
      done(event.data.connected ? new RelayedScormApi(event.origin, event.data.values, page) : undefined);
    };
    addEventListener('message', onMessage);
    const timer = setTimeout(() => done(undefined), GREETING_MS);
    // The page's origin is not known yet; the greeting says nothing.
    page.postMessage({ type: 'inprocap:ready' } satisfies ToPage, '*');
  });
}
