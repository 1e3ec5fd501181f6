// Long-running commands (proxy, logs --follow) run until Ctrl-C: a promise of the first SIGINT or
// SIGTERM, whose handlers are removed again when the command ends.

export interface Interruption {
  /** Resolves with the signal's name. */
  done: Promise<NodeJS.Signals>;
  /** Removes the handlers (always call it). */
  stop(): void;
}

export function untilInterrupted(): Interruption {
  let stop = () => undefined as void;
  const done = new Promise<NodeJS.Signals>((resolve) => {
    const handlers = { SIGINT: () => resolve('SIGINT'), SIGTERM: () => resolve('SIGTERM') };
    process.once('SIGINT', handlers.SIGINT);
    process.once('SIGTERM', handlers.SIGTERM);
    stop = () => {
      process.off('SIGINT', handlers.SIGINT);
      process.off('SIGTERM', handlers.SIGTERM);
    };
  });
  return { done, stop: () => stop() };
}

/**
 * Runs `work` until it ends by itself or is interrupted: `work` races what it does against the
 * interruption it is given; the handlers are removed however it ends.
 */
export async function runUntilInterrupted<T>(work: (interrupted: Promise<NodeJS.Signals>) => Promise<T>): Promise<T> {
  const interruption = untilInterrupted();
  try {
    return await work(interruption.done);
  } finally {
    interruption.stop();
  }
}
