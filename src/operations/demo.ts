// The main job: the original README's recommended sequence, step by step, each step timed.
// The CLI's `demo` prints the steps as they run and a table of their durations at the end.
import { ToolkitError } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import type { ClusterSettings } from '../core/settings.js';
import type { Cluster, ClusterProvider } from '../core/cluster.js';
import type { SwarmClient } from '../swarm/swarm-client.js';
import { chaosMonkey, scaleAgents, startAgents, stopAgents, type AgentContext } from './agents.js';
import { deployCluster } from './cluster.js';
import { describePlacement } from './convergence.js';
import {
  convergedService,
  counterAcrossRestarts,
  deployMonitor,
  deployReplicatedService,
  deployStack,
  rebalanceServices,
  scaleService,
  type ServiceContext,
} from './services.js';
import { withSwarm } from './swarm-access.js';

export interface DemoStep {
  step: string;
  durationMs: number;
  /** One line of what it showed. */
  detail: string;
  ok: boolean;
}

export interface DemoOptions {
  /** Leave the cluster up at the end. */
  keep?: boolean;
}

type Act = (services: ServiceContext, agents: AgentContext) => Promise<string>;

const placementOf = describePlacement;

/** The sequence after the deploy; each act returns the line the step table shows. */
const acts: Array<[string, Act]> = [
  ['deploy the monitor', async (services) => (await deployMonitor(services)).url],
  ['replicated service (8)', async (services) => placementOf((await deployReplicatedService(services, 8)).placement)],
  ['scale the service to 4', async (services) => placementOf((await scaleService(services, 4)).placement)],
  ['scale agents to 7', async (_services, agents) => `joined: ${(await scaleAgents(agents, 7)).joined.join(' ')}`],
  ['scale the service to 16', async (services) => placementOf((await scaleService(services, 16)).placement)],
  ['scale agents to 3 (drained first)', async (services, agents) => {
    const removed = (await scaleAgents(agents, 3)).removed;
    const outcome = await convergedService(services);
    if (outcome.running !== 16) throw new ToolkitError(`tasks were lost in the scale-in: ${outcome.running}/16 running`, 'demo-tasks-lost');
    return `left: ${removed.join(' ')}; 16/16 still running`;
  }],
  ['stop agents (tasks move to the master)', async (services, agents) => {
    await stopAgents(agents);
    return placementOf((await convergedService(services)).placement);
  }],
  ['start agents (and rebalance)', async (services, agents) => {
    await startAgents(agents);
    const [outcome] = await rebalanceServices(services);
    return placementOf(outcome.placement);
  }],
  ['Redis-backed stack (counter across web restarts)', async (services) => {
    await deployStack(services);
    const counter = await counterAcrossRestarts(services);
    return `hits ${counter.before} → ${counter.after}`;
  }],
  ['chaos monkey', async (_services, agents) => {
    const outcome = await chaosMonkey(agents);
    return `full strength after ${(outcome.toFullStrengthMs / 1000).toFixed(1)} s`;
  }],
];

async function timed(steps: DemoStep[], reporter: Reporter, step: string, work: () => Promise<string>): Promise<void> {
  const started = Date.now();
  try {
    const detail = await reporter.phase(step, work);
    steps.push({ step, durationMs: Date.now() - started, detail, ok: true });
  } catch (error) {
    steps.push({ step, durationMs: Date.now() - started, detail: error instanceof Error ? error.message : String(error), ok: false });
    throw error;
  }
}

/**
 * Runs the whole sequence. The steps run so far are passed to `onSteps` even on failure, and
 * the cluster is destroyed at the end (failure included) unless `keep` is set.
 */
export async function runDemo(
  provider: ClusterProvider,
  settings: ClusterSettings,
  reporter: Reporter,
  options: DemoOptions = {},
): Promise<DemoStep[]> {
  const steps: DemoStep[] = [];
  let failure: unknown;
  try {
    let cluster: Cluster | undefined;
    await timed(steps, reporter, `deploy ${settings.masterCount} master + ${settings.agentCount} agents`, async () => {
      const outcome = await deployCluster(provider, settings, reporter, { waitForSwarm: true });
      cluster = outcome.cluster;
      return `${outcome.nodes?.length ?? 0} nodes Ready`;
    });
    const info = cluster!.info;
    await withSwarm(info, reporter, async (swarm: SwarmClient) => {
      const services: ServiceContext = { info, swarm, reporter };
      const agents: AgentContext = { cluster: cluster!, swarm, reporter };
      for (const [step, act] of acts) await timed(steps, reporter, step, () => act(services, agents));
    });
  } catch (error) {
    failure = error;
  }
  if (!options.keep) {
    await timed(steps, reporter, 'destroy', async () => {
      await provider.destroy(settings.name, reporter);
      return `${settings.name} removed`;
    }).catch((error: unknown) => (failure ??= error));
  }
  if (failure !== undefined) throw new DemoError(steps, failure);
  return steps;
}

/** A failed demo still carries the steps it ran, for the duration table. */
export class DemoError extends ToolkitError {
  constructor(
    readonly steps: DemoStep[],
    cause: unknown,
  ) {
    super(`demo failed at "${steps.find((step) => !step.ok)?.step ?? 'an unknown step'}": ${cause instanceof Error ? cause.message : String(cause)}`, 'demo-failed', undefined, { cause });
  }
}
