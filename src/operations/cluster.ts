// Deploying and destroying a cluster: the provider does the infrastructure, then (unless told
// not to) the swarm itself is checked over SSH until every expected node is Ready.
import type { Reporter } from '../core/reporter.js';
import type { ClusterSettings } from '../core/settings.js';
import type { Cluster, ClusterProvider } from '../core/cluster.js';
import { expectedNodeNames, listNodes, waitForNodes, type NodeRow } from './nodes.js';
import { withSwarm } from './swarm-access.js';

/**
 * How long a deploy waits for every node to be Ready unless told otherwise: a first boot installs
 * packages (apt, docker.io) and may retry mirrors, which takes minutes on a small VM. The same
 * 30 minutes as deploy-cluster's `timeout-minutes` default (a test keeps the two equal).
 */
export const defaultSwarmWaitMs = 30 * 60_000;

export interface DeployOptions {
  /** false skips every check made over SSH (only the provider's side matters). */
  waitForSwarm: boolean;
  /** Defaults to defaultSwarmWaitMs. */
  timeoutMs?: number;
}

export interface DeployOutcome {
  cluster: Cluster;
  /** The swarm's nodes once Ready; absent when waitForSwarm is false. */
  nodes?: NodeRow[];
}

export async function deployCluster(
  provider: ClusterProvider,
  settings: ClusterSettings,
  reporter: Reporter,
  options: DeployOptions,
): Promise<DeployOutcome> {
  const cluster = await provider.deploy(settings, reporter);
  if (!options.waitForSwarm) return { cluster };
  const nodes = await withSwarm(cluster.info, reporter, async (swarm) => {
    await waitForNodes(swarm, { ready: await expectedNodeNames(cluster) }, reporter, options.timeoutMs ?? defaultSwarmWaitMs);
    return listNodes(swarm);
  });
  return { cluster, nodes };
}
