// Node listing and the wait that every cluster operation ends with: the expected hostnames
// Ready in `docker node ls`, and the removed ones gone from it.
import type { Reporter } from '../core/reporter.js';
import type { AgentInstance, Cluster } from '../core/cluster.js';
import type { NodeDetail, SwarmNode } from '../swarm/docker-parsers.js';
import type { SwarmClient } from '../swarm/swarm-client.js';
import { masterNames } from './swarm-access.js';
import { waitFor } from './wait.js';

export type NodeRow = Pick<NodeDetail, 'hostname' | 'role' | 'status' | 'availability' | 'address' | 'leader'>;

export async function listNodes(swarm: SwarmClient): Promise<NodeRow[]> {
  const nodes = await swarm.nodes();
  const details = await swarm.inspectNodes(nodes.map((node) => node.id));
  return details
    .map(({ hostname, role, status, availability, address, leader }) => ({ hostname, role, status, availability, address, leader }))
    .sort((a, b) => (a.role === b.role ? a.hostname.localeCompare(b.hostname) : a.role === 'manager' ? -1 : 1));
}

/** Agents that should be in the swarm: those whose VM (or lab node) is up or coming up. */
export function liveAgents(agents: readonly AgentInstance[]): AgentInstance[] {
  return agents.filter((agent) => ['creating', 'starting', 'running'].includes(agent.state));
}

/** Every node the cluster should have Ready: its masters and its live agents. */
export async function expectedNodeNames(cluster: Cluster): Promise<string[]> {
  return [...masterNames(cluster.info), ...liveAgents(await cluster.listAgents()).map((agent) => agent.name)];
}

export interface NodeExpectation {
  /** Hostnames that must each have a Ready node. */
  ready: readonly string[];
  /** Hostnames that must not appear in `node ls` at all. */
  gone?: readonly string[];
  /** Hostnames that must not be Ready (stopped agents). */
  notReady?: readonly string[];
  /**
   * Restarted or reimaged agents: each leaves the swarm and joins again as a new node, while
   * its old entry may linger (drained, even still Ready) until it is removed. So each of these
   * hostnames needs a Ready, Active node whose ID is not one of `staleIds`.
   */
  rejoined?: { names: readonly string[]; staleIds: readonly string[] };
}

/** The node IDs that the given hostnames have now: after a rejoin, these are stale. */
export function nodeIds(nodes: readonly SwarmNode[], hostnames: readonly string[]): string[] {
  return nodes.filter((node) => hostnames.includes(node.hostname)).map((node) => node.id);
}

/** What is still wrong with the node list, or '' when it meets the expectation. */
export function nodeShortfall(nodes: readonly SwarmNode[], expected: NodeExpectation): string {
  const byName = (name: string) => nodes.filter((node) => node.hostname === name);
  const problems = [
    ...expected.ready
      .filter((name) => !byName(name).some((node) => node.status === 'ready'))
      .map((name) => `${name} ${byName(name).length === 0 ? 'has not joined' : 'is not Ready'}`),
    ...(expected.gone ?? []).filter((name) => byName(name).length > 0).map((name) => `${name} is still in node ls`),
    ...(expected.notReady ?? []).filter((name) => byName(name).some((node) => node.status === 'ready')).map((name) => `${name} is still Ready`),
    ...(expected.rejoined?.names ?? [])
      .filter((name) => !byName(name).some((node) => isFreshActiveNode(node, expected.rejoined!.staleIds)))
      .map((name) => `${name} has not rejoined`),
  ];
  return problems.join(', ');
}

function isFreshActiveNode(node: SwarmNode, staleIds: readonly string[]): boolean {
  return node.status === 'ready' && node.availability === 'active' && !staleIds.includes(node.id);
}

export async function waitForNodes(
  swarm: SwarmClient,
  expected: NodeExpectation,
  reporter: Reporter,
  timeoutMs = 300_000,
): Promise<SwarmNode[]> {
  const counts = [
    `${expected.ready.length} Ready`,
    expected.gone?.length ? `${expected.gone.length} gone` : '',
    expected.notReady?.length ? `${expected.notReady.length} down` : '',
    expected.rejoined?.names.length ? `${expected.rejoined.names.length} rejoined` : '',
  ];
  const title = `nodes: ${counts.filter((count) => count !== '').join(', ')}`;
  return reporter.phase(title, () =>
    waitFor(
      'the swarm nodes',
      async () => {
        const nodes = await swarm.nodes();
        const missing = nodeShortfall(nodes, expected);
        return { done: missing === '', value: nodes, missing };
      },
      { timeoutMs, onChange: (missing) => reporter.debug(`waiting: ${missing}`) },
    ),
  );
}
