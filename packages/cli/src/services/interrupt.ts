/**
 * Turns the first SIGINT/SIGTERM into an abort (the runner releases its claims and returns);
 * a second one exits at once with 130.
 */
export function onInterrupt(note: (message: string) => void): {
  signal: AbortSignal;
  interrupted: () => boolean;
  dispose: () => void;
} {
  const controller = new AbortController();
  const handler = (sig: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    note(`${sig}: stopping; releasing claimed items so the run can be continued (press again to exit now).`);
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    interrupted: () => controller.signal.aborted,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
