// Opening an existing cluster for the scale and rollout actions, with the SSH material from the
// inputs (Azure) or the lab's own, and the swarm reached over SSH when an operation needs it.
import { ToolkitError } from '../core/errors.js';
import { withSwarm } from '../operations/swarm-access.js';
import type { AutoscaleBoundsPolicy } from '../providers/index.js';
import type { Cluster } from '../core/cluster.js';
import type { SwarmClient } from '../swarm/swarm-client.js';
import type { CommonInputs } from './inputs.js';
import { providerForInputs } from './providers.js';
import { actionsReporter } from './reporter.js';
import type { SshInputs } from './ssh-inputs.js';

export async function openCluster(common: CommonInputs, options: { ssh: SshInputs; autoscaleBounds?: AutoscaleBoundsPolicy }): Promise<Cluster> {
  const provider = providerForInputs(common, actionsReporter, options);
  return provider.open(common.resourceGroup, actionsReporter);
}

/** Runs work with the swarm; refuses when wait-for-swarm is false (nothing over SSH then). */
export async function onSwarm<T>(common: CommonInputs, cluster: Cluster, what: string, work: (swarm: SwarmClient) => Promise<T>): Promise<T> {
  if (!common.waitForSwarm) {
    throw new ToolkitError(`${what} needs the swarm over SSH, but wait-for-swarm is false`, 'setting-invalid', 'set wait-for-swarm: true');
  }
  if (cluster.info.provider === 'azure' && (cluster.info.ssh.privateKey === '' || cluster.info.ssh.hostKeys.length === 0)) {
    throw new ToolkitError(`${what} needs SSH to master0: ssh-private-key (or ssh-private-key-path) and known-hosts are required`, 'setting-invalid', 'pass deploy-cluster\'s outputs ssh-private-key-path and known-hosts');
  }
  return withSwarm(cluster.info, actionsReporter, work);
}
