// The core's Reporter on GitHub Actions: log lines, collapsible groups per phase, masking.
import * as core from './workflow-commands.js';
import { describeError } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';

export const actionsReporter: Reporter = {
  info: (message) => core.info(message),
  warn: (message) => core.warning(message),
  debug: (message) => core.debug(message),
  phase: async (title, work) => {
    const started = Date.now();
    return core.group(title, async () => {
      try {
        const result = await work();
        core.info(`✓ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        return result;
      } catch (error) {
        core.info(`✗ ${title}: ${describeError(error)}`);
        throw error;
      }
    });
  },
  secret: maskSecret,
};

/** Masks a secret, and each of its lines: the runner matches masks line by line. */
export function maskSecret(value: string): void {
  if (value.trim() === '') return;
  core.setSecret(value);
  for (const line of value.split('\n')) if (line.trim().length > 3) core.setSecret(line.trim());
}
