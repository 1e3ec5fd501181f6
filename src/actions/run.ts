// Every action's outer shell: run the lab's own process when asked, then the work, and turn any
// thrown value (not only Errors) into a failed step with its hint.
import * as core from './workflow-commands.js';
import { describeError, ToolkitError } from '../core/errors.js';
import { runLabProcessIfRequested } from '../providers/index.js';

export async function runAction(work: () => Promise<void>): Promise<void> {
  if (await runLabProcessIfRequested()) return;
  try {
    await work();
  } catch (error) {
    const hint = error instanceof ToolkitError && error.hint ? `\nhint: ${error.hint}` : '';
    core.setFailed(`${describeError(error)}${hint}`);
  }
}
