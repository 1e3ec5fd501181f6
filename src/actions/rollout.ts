// actions/rollout: the services of the original Makefile, each converged and probed over HTTP.
import * as core from './workflow-commands.js';
import { readFileSync } from 'node:fs';
import { SettingError } from '../core/errors.js';
import { parseReplicaCount, parseTestImage } from '../core/validators.js';
import { deployGlobalService, deployMonitor, deployReplicatedService, deployStack, rebalanceServices, removeServices, type ServiceContext } from '../operations/services.js';
import { InputProblems, oneOf, readCommonInputs, type InputReader } from './inputs.js';
import { onSwarm, openCluster } from './open-cluster.js';
import { actionsReporter } from './reporter.js';
import { readSshInputs } from './ssh-inputs.js';

const operations = ['monitor', 'replicated', 'global', 'stack', 'rebalance', 'remove'] as const;

export function parseRolloutInputs(read: InputReader) {
  const problems = new InputProblems();
  const common = readCommonInputs(read, problems);
  const ssh = readSshInputs(read, problems);
  const operation = problems.check(() => oneOf('operation', read('operation'), operations));
  const replicas = problems.check(() => read('replicas').trim() === '' ? 8 : parseReplicaCount('replicas', read('replicas'), 1));
  const stack = problems.check(() => {
    const path = read('stack');
    if (path === '') return undefined;
    try {
      return { text: readFileSync(path, 'utf8'), source: path };
    } catch {
      throw new SettingError('stack', 'must name a readable compose file', path);
    }
  });
  const testImage = problems.check(() => {
    const image = parseTestImage('test-image', read('test-image'), common.provider);
    if (image === undefined && common.provider === 'azure' && (operation === 'replicated' || operation === 'global')) {
      throw new SettingError('test-image', `is required with provider azure for ${operation}: the test service's image by digest (the test-service workflow prints it)`);
    }
    return image;
  });
  problems.throwIfAny();
  return { common, ssh, operation: operation!, replicas: replicas!, stack, testImage };
}

async function rollout(context: ServiceContext, inputs: ReturnType<typeof parseRolloutInputs>): Promise<string | undefined> {
  switch (inputs.operation) {
    case 'monitor':
      return (await deployMonitor(context)).url;
    case 'replicated':
      return (await deployReplicatedService(context, inputs.replicas)).url;
    case 'global':
      return (await deployGlobalService(context)).url;
    case 'stack':
      return (await deployStack(context, inputs.stack)).url;
    case 'rebalance':
      await rebalanceServices(context);
      return undefined;
    case 'remove':
      await removeServices(context);
      return undefined;
  }
}

export async function rolloutMain(read: InputReader = core.getInput): Promise<void> {
  const inputs = parseRolloutInputs(read);
  const cluster = await openCluster(inputs.common, { ssh: inputs.ssh });
  const url = await onSwarm(inputs.common, cluster, `rollout ${inputs.operation}`, (swarm) => rollout({ info: cluster.info, swarm, reporter: actionsReporter, ...(inputs.testImage === undefined ? {} : { testImage: inputs.testImage }) }, inputs));
  core.setOutput('url', url ?? '');
  core.appendSummary(`## rollout ${inputs.operation} on ${cluster.info.name}\n\n${url ? `Published at ${url}` : 'Done.'}\n`);
}
