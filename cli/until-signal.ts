/** A server command runs until Ctrl+C or SIGTERM, then closes what it started, in order, and exits. */
export function runUntilSignal(...close: (() => Promise<void>)[]): Promise<never> {
  const stop = async () => {
    for (const step of close) await step();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<never>(() => {});
}
