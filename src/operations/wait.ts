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

/**
 * The pause between two checks. A check is one docker command over the open SSH session (~0.1 s,
 * a few tens of ms of CPU on the master); a 1 s pause left on average half a second between the
 * swarm reaching a state and the operation seeing it, on every wait of an operation.
 */
const defaultIntervalMs = 250;

export interface WaitOptions {
  timeoutMs: number;
  /** The pause between two checks (defaultIntervalMs). */
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
    await sleep(Math.min(options.intervalMs ?? defaultIntervalMs, Math.max(0, deadline - Date.now())));
  }
}

/**
 * Checks again every `intervalMs` until `until` (a Date.now() time), the last check starting at
 * `until` or later: a condition that breaks and mends between a first and a last look is seen.
 * Gives the first check that is not done, else that last one.
 */
export async function staysDone<T>(check: () => Promise<Progress<T>>, until: number, intervalMs: number): Promise<Progress<T>> {
  for (;;) {
    await sleep(Math.max(0, Math.min(intervalMs, until - Date.now())));
    const startedAt = Date.now();
    const progress = await check();
    if (!progress.done || startedAt >= until) return progress;
  }
}
