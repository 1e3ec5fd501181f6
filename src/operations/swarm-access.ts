// How an operation reaches the swarm: one SSH session to master0 per command, whatever the
// provider (the lab's masters run a real sshd, as Azure's do).
import type { Reporter } from '../core/reporter.js';
import type { ClusterInfo } from '../core/cluster.js';
import { SwarmClient } from '../swarm/swarm-client.js';

export async function withSwarm<T>(info: ClusterInfo, reporter: Reporter, work: (swarm: SwarmClient) => Promise<T>): Promise<T> {
  // SSH (node-ssh, ssh2: 0.7 MB of an action's bundle) loaded when a command first reaches the
  // swarm: an action compiles it only then, not while it starts (docs/benchmarks.md).
  const { withSession } = await import('../swarm/ssh-session.js');
  return withSession(info.ssh, reporter, (session) => work(new SwarmClient(session)));
}

/** Hostnames of the masters: master0 ... master{n-1}, as the template and the lab name them. */
export function masterNames(info: ClusterInfo): string[] {
  return Array.from({ length: info.masterCount }, (_, index) => `master${index}`);
}
