// Agent commands: list-agents, scale-agents N, stop-agents, start-agents, reimage-agents,
// chaos-monkey. Each acts through the provider, then checks the swarm over one SSH session.
import { formatDuration } from '../terminal-reporter.js';
import { chaosMonkey, reimageAgents, scaleAgents, startAgents, stopAgents, type AgentContext } from '../../operations/agents.js';
import { listNodes } from '../../operations/nodes.js';
import type { Cluster } from '../../core/cluster.js';
import { ToolkitError } from '../../core/errors.js';
import { saysNoLeader } from '../../swarm/leader-change.js';
import type { SwarmClient } from '../../swarm/swarm-client.js';
import { agentCountCap, batchSizeLimits, defaultBatchSizes, parseAgentCount, parseBatchSize } from '../../core/validators.js';
import { UsageError } from '../args.js';
import type { CommandContext, CommandDefinition } from '../command.js';
import { countArgument, table, withClusterSwarm } from './cluster-access.js';
import { nodeTable } from './cluster.js';

function agentCommand(context: CommandContext, work: (agents: AgentContext) => Promise<unknown>): Promise<unknown> {
  return withClusterSwarm(context, async (cluster: Cluster, swarm: SwarmClient) => {
    const result = await work({ cluster, swarm, reporter: context.reporter });
    context.out(nodeTable(await listNodes(swarm)));
    return result;
  });
}

/** undefined for a failure that says the swarm has no leader (after SwarmClient's retries); rethrows any other. */
function unlessNoLeader(error: unknown): undefined {
  if (error instanceof ToolkitError && saysNoLeader(error.message)) return undefined;
  throw error;
}

const listAgents: CommandDefinition = {
  name: 'list-agents',
  summary: "the agents (scale set instances) with their power state and swarm status",
  flags: [],
  run: (context) =>
    withClusterSwarm(context, async (cluster, swarm) => {
      // Without a leader the swarm cannot list its nodes: the provider's view is still shown,
      // then the command fails saying so (quorum lost is never shown as agents "absent").
      const [agents, nodes] = await Promise.all([cluster.listAgents(), listNodes(swarm).catch(unlessNoLeader)]);
      const rows = agents.map((agent) => {
        const node = nodes?.find((candidate) => candidate.hostname === agent.name);
        return { ...agent, swarmStatus: nodes === undefined ? 'unknown' : node?.status ?? 'absent', availability: node?.availability ?? '' };
      });
      context.out(table(['AGENT', 'INSTANCE', 'POWER', 'SWARM', 'AVAILABILITY'], rows.map((row) => [row.name, row.instanceId, row.state, row.swarmStatus, row.availability])));
      if (nodes === undefined) {
        throw new ToolkitError(
          `the swarm has no leader: its managers have lost quorum (more than half of the ${cluster.info.masterCount} masters are down or cut off); the agents' swarm status is unknown`,
          'swarm-no-leader',
          'bring masters back (start their VMs, or their docker) until more than half of them run: the swarm keeps its state and elects a leader by itself',
        );
      }
      return rows;
    }),
};

const scale: CommandDefinition = {
  name: 'scale-agents',
  summary: 'set the number of agents; new ones join, removed ones drain and leave the swarm',
  flags: [],
  positionals: [{ name: 'N', summary: `the agent count, 0-${agentCountCap}` }],
  run: (context) => {
    const count = countArgument(context, 'N', parseAgentCount);
    return agentCommand(context, (agents) => scaleAgents(agents, count));
  },
};

const stop: CommandDefinition = {
  name: 'stop-agents',
  summary: 'stop every agent (their tasks move to the masters)',
  flags: [{ name: 'deallocate', kind: 'boolean', summary: 'Azure: deallocate the VMs (no compute charges) instead of stopping them' }],
  run: (context) => agentCommand(context, (agents) => stopAgents(agents, { deallocate: context.flags.boolean('deallocate') })),
};

const start: CommandDefinition = {
  name: 'start-agents',
  summary: 'start every agent and wait until each is Ready again',
  flags: [],
  run: (context) => agentCommand(context, (agents) => startAgents(agents)),
};

/** `--batch-size N`: how many agents act at once (parallel reimage, chaos monkey). */
const batchSizeFlag = (fallback: number) =>
  ({ name: 'batch-size', kind: 'string', valueName: 'N', summary: `agents acted on at once, ${batchSizeLimits.min}-${batchSizeLimits.max} (default ${fallback})` }) as const;

function batchSize(context: CommandContext, fallback: number): number {
  const text = context.flags.string('batch-size');
  return text === undefined ? fallback : parseBatchSize('batch-size', text);
}

const reimage: CommandDefinition = {
  name: 'reimage-agents',
  summary: 'reimage the agents: --serial (each rejoins before the next) or --parallel (in batches)',
  flags: [
    { name: 'serial', kind: 'boolean', summary: 'one agent after another (the default)' },
    { name: 'parallel', kind: 'boolean', summary: 'in batches of --batch-size agents, each batch rejoining before the next' },
    batchSizeFlag(defaultBatchSizes.reimage),
  ],
  run: (context) => {
    if (context.flags.boolean('serial') && context.flags.boolean('parallel')) {
      throw new UsageError('give --serial or --parallel, not both', 'reimage-agents');
    }
    const strategy = context.flags.boolean('parallel') ? 'parallel' : 'serial';
    const size = batchSize(context, defaultBatchSizes.reimage);
    return agentCommand(context, (agents) => reimageAgents(agents, strategy, size));
  },
};

const chaos: CommandDefinition = {
  name: 'chaos-monkey',
  summary: 'restart every agent in random order, --batch-size at a time (default one after another), and time the return to full strength',
  flags: [batchSizeFlag(defaultBatchSizes.chaos)],
  run: (context) => {
    const size = batchSize(context, defaultBatchSizes.chaos);
    return agentCommand(context, async (agents) => {
      const outcome = await chaosMonkey(agents, undefined, size);
      context.out(`restarted ${outcome.order.join(', ')}; full strength after ${formatDuration(outcome.toFullStrengthMs)}`);
      return outcome;
    });
  },
};

export const agentCommands: readonly CommandDefinition[] = [listAgents, scale, stop, start, reimage, chaos];
