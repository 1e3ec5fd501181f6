// Polling with a deadline: every wait in the operations (nodes Ready, services converged, a
// published endpoint answering) is one of these, so a timeout always says what was missing.
import { ToolkitError } from '../core/errors.js';

export interface Progress<T> {
  /** The condition holds. */
  done: boolean;
  value: T;
  /** What is still missing, for the timeout message (and progress lines). */
  missing: string;
}

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Called when `missing` changes, e.g. to report progress. */
  onChange?: (missing: string) => void;
}

export const sleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

export async function waitFor<T>(what: string, check: () => Promise<Progress<T>>, options: WaitOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastMissing = '';
  for (;;) {
    const progress = await check();
    if (progress.done) return progress.value;
    if (progress.missing !== lastMissing) {
      lastMissing = progress.missing;
      options.onChange?.(progress.missing);
    }
    if (Date.now() >= deadline) {
      throw new ToolkitError(`timed out after ${Math.round(options.timeoutMs / 1000)} s waiting for ${what}: ${progress.missing}`, 'wait-timeout');
    }
    await sleep(Math.min(options.intervalMs ?? 1_000, Math.max(0, deadline - Date.now())));
  }
}
