// actions/teardown: delete one cluster (an absent one is success), or with janitor: true every
// expired cluster of this toolkit.
import * as core from './workflow-commands.js';
import { SettingError } from '../core/errors.js';
import { parseOptionalBoolean } from '../core/validators.js';
import { InputProblems, readCommonInputs, type InputReader } from './inputs.js';
import { createAzureProvider, providerForInputs } from './providers.js';
import { actionsReporter } from './reporter.js';

export function parseTeardownInputs(read: InputReader) {
  const problems = new InputProblems();
  const janitor = problems.check(() => parseOptionalBoolean('janitor', read('janitor'), false));
  // The janitor works on a subscription, not on one group.
  const common = readCommonInputs((name) => (name === 'resource-group' && janitor ? read(name) || '*' : read(name)), problems, { readsWaitForSwarm: false });
  const wait = problems.check(() => parseOptionalBoolean('wait', read('wait'), true));
  const dryRun = problems.check(() => parseOptionalBoolean('dry-run', read('dry-run'), false));
  if (janitor && common.provider !== 'azure') problems.add(new SettingError('janitor', 'works with provider azure only'));
  problems.throwIfAny();
  return { common, janitor: janitor!, wait: wait!, dryRun: dryRun! };
}

export async function teardownMain(read: InputReader = core.getInput): Promise<void> {
  const inputs = parseTeardownInputs(read);
  if (inputs.janitor) {
    const result = await createAzureProvider(inputs.common, actionsReporter).janitor(actionsReporter, { dryRun: inputs.dryRun });
    core.setOutput('expired', JSON.stringify(result.expired));
    core.setOutput('deleted', JSON.stringify(result.deleted));
    core.appendSummary(`## janitor${inputs.dryRun ? ' (dry run)' : ''}\n\nexpired: ${result.expired.join(', ') || 'none'}\n`);
    return;
  }
  const provider = providerForInputs(inputs.common, actionsReporter);
  const existed = await provider.destroy(inputs.common.resourceGroup, actionsReporter, { wait: inputs.wait });
  core.setOutput('deleted', JSON.stringify(existed ? [inputs.common.resourceGroup] : []));
}
