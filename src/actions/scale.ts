// actions/scale: agent operations on the scale set (or lab agents), checked in the swarm.
import * as core from './workflow-commands.js';
import {
  chaosMonkey,
  chaosMonkeyWithoutSwarm,
  reimageAgents,
  reimageAgentsWithoutSwarm,
  scaleAgents,
  startAgents,
  stopAgents,
  type AgentContext,
} from '../operations/agents.js';
import { batchSizeLimits, defaultBatchSizes, parseAgentCount, parseOptionalBoolean, parseOptionalWholeNumber, parseReplicaCount } from '../core/validators.js';
import { scaleService } from '../operations/services.js';
import { autoscaleBoundsPolicies } from '../providers/index.js';
import { InputProblems, oneOf, readCommonInputs, type InputReader } from './inputs.js';
import { onSwarm, openCluster } from './open-cluster.js';
import { actionsReporter } from './reporter.js';
import { readSshInputs } from './ssh-inputs.js';
import { agentTable } from './summary.js';

const operations = ['scale-agents', 'stop-agents', 'start-agents', 'reimage-agents', 'chaos-monkey', 'list-agents', 'scale-service'] as const;

export function parseScaleInputs(read: InputReader) {
  const problems = new InputProblems();
  const common = readCommonInputs(read, problems);
  const ssh = readSshInputs(read, problems);
  const operation = problems.check(() => oneOf('operation', read('operation'), operations));
  const needsCount = operation === 'scale-agents' || operation === 'scale-service';
  const parseCount = operation === 'scale-agents' ? parseAgentCount : (setting: string, value: string) => parseReplicaCount(setting, value, 0);
  const count = needsCount ? problems.check(() => parseCount('count', read('count'))) : undefined;
  const deallocate = problems.check(() => parseOptionalBoolean('deallocate', read('deallocate'), false));
  const strategy = problems.check(() => oneOf('strategy', read('strategy'), ['serial', 'parallel'] as const, 'serial'));
  const autoscaleBounds = problems.check(() => oneOf('autoscale-bounds', read('autoscale-bounds'), autoscaleBoundsPolicies, 'move'));
  // The default depends on the operation: a parallel reimage takes 10 agents at a time, the chaos monkey one.
  const batchFallback = operation === 'chaos-monkey' ? defaultBatchSizes.chaos : defaultBatchSizes.reimage;
  const batchSize = problems.check(() => parseOptionalWholeNumber('batch-size', read('batch-size'), batchSizeLimits, batchFallback));
  problems.throwIfAny();
  return {
    common, ssh, operation: operation!, count: count ?? 0, deallocate: deallocate!, strategy: strategy!, autoscaleBounds: autoscaleBounds!,
    batchSize: batchSize!, service: read('service') || undefined,
  };
}

export async function scaleMain(read: InputReader = core.getInput): Promise<void> {
  const inputs = parseScaleInputs(read);
  const { common } = inputs;
  const cluster = await openCluster(common, { ssh: inputs.ssh, autoscaleBounds: inputs.autoscaleBounds });
  const onAgents = <T>(what: string, work: (context: AgentContext) => Promise<T>) =>
    onSwarm(common, cluster, what, (swarm) => work({ cluster, swarm, reporter: actionsReporter }));
  switch (inputs.operation) {
    case 'list-agents':
      break;
    case 'scale-agents':
      if (common.waitForSwarm) await onAgents('scale-agents', (context) => scaleAgents(context, inputs.count));
      else await cluster.scaleAgents(inputs.count);
      break;
    case 'stop-agents':
      if (common.waitForSwarm) await onAgents('stop-agents', (context) => stopAgents(context, { deallocate: inputs.deallocate }));
      else await cluster.stopAgents({ deallocate: inputs.deallocate });
      break;
    case 'start-agents':
      if (common.waitForSwarm) await onAgents('start-agents', startAgents);
      else await cluster.startAgents();
      break;
    case 'reimage-agents':
      if (common.waitForSwarm) await onAgents('reimage-agents', (context) => reimageAgents(context, inputs.strategy, inputs.batchSize));
      else await reimageAgentsWithoutSwarm(cluster, actionsReporter, inputs.strategy, inputs.batchSize);
      break;
    case 'chaos-monkey':
      if (common.waitForSwarm) {
        const outcome = await onAgents('chaos-monkey', (context) => chaosMonkey(context, undefined, inputs.batchSize));
        core.setOutput('recovery-seconds', (outcome.toFullStrengthMs / 1000).toFixed(1));
      } else {
        await chaosMonkeyWithoutSwarm(cluster, actionsReporter, undefined, inputs.batchSize);
      }
      break;
    case 'scale-service':
      await onSwarm(common, cluster, 'scale-service', (swarm) => scaleService({ info: cluster.info, swarm, reporter: actionsReporter }, inputs.count, inputs.service));
      break;
  }
  const agents = await cluster.listAgents();
  core.setOutput('agents', JSON.stringify(agents));
  core.setOutput('agent-count', String(agents.length));
  core.appendSummary([`## ${inputs.operation} on ${cluster.info.name}`, '', ...agentTable(agents), ''].join('\n'));
}
