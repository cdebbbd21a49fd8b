/** Where the build writes its progress: the console, or nowhere in tests. */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
}

export const consoleLog: Log = { info: (m) => console.log(m), warn: (m) => console.warn(m) };

