// One interface for the places a cluster can live (Azure, the local lab). Everything above it
// (swarm operations over SSH, the CLI, the actions) is provider-agnostic.
import type { ClusterSettings, ProviderKind } from './settings.js';
import type { Reporter } from './reporter.js';
import type { ServiceFlavour } from './service-flavour.js';

/** How to reach a master over SSH with a pinned host key (never host-key checking off). */
export interface SshTarget {
  host: string;
  port: number;
  username: string;
  /** OpenSSH private key text. A secret: register it with Reporter.secret before use. */
  privateKey: string;
  /** Host public keys the server must present (`ssh-ed25519 AAAA...`), at least one. */
  hostKeys: string[];
}

export interface ClusterEndpoints {
  /** Public names (Azure FQDNs) or addresses (lab) of the masters, master0 first. */
  masters: string[];
  /** The agents' load balancer name or address. */
  agents: string;
  /** Load-balanced service URLs by port, e.g. { 80: 'http://x:80/' }. */
  services: Record<number, string>;
  /** The monitor: the lab's built-in status view; on Azure the visualizer on master0's loopback (reach it with `azswarm proxy`). */
  monitor: string;
}

export interface ClusterInfo {
  provider: ProviderKind;
  name: string;
  masterCount: number;
  ssh: SshTarget;
  /**
   * Host public keys the agents present, when the provider knows them (Azure, from the cluster
   * secret): `logs` reaches an agent through master0 with these pinned. The lab reads its nodes' logs locally.
   */
  agentHostKeys?: string[];
  endpoints: ClusterEndpoints;
  /** How services are made on this provider (images, publishing, the monitor). */
  flavour: ServiceFlavour;
}

export type AgentPowerState = 'creating' | 'starting' | 'running' | 'stopping' | 'stopped' | 'deallocated' | 'deleting' | 'unknown';

export interface AgentInstance {
  /** Scale set instance id ("0", "1", ...). */
  instanceId: string;
  /** Computer name the node has in the swarm: prefix + six base-36 characters of the id. */
  name: string;
  state: AgentPowerState;
}

/** One step of how the cluster was made, as the provider records it (Azure: a deployment operation). */
export interface DeploymentStep {
  resource: string;
  state: string;
  error?: { code: string; message: string };
}

/** An existing cluster: the operations that the scale and teardown commands need. */
export interface Cluster {
  readonly info: ClusterInfo;
  listAgents(): Promise<AgentInstance[]>;
  /** Sets the agent count; scale-in removes the newest instances after their graceful drain. */
  scaleAgents(count: number): Promise<void>;
  /** Stops (or deallocates) the given instances, all when none are given. */
  stopAgents(options: { deallocate: boolean; instanceIds?: string[] }): Promise<void>;
  startAgents(options?: { instanceIds?: string[] }): Promise<void>;
  /** Restarts the given instances together (on Azure: one scale set request for all of them). */
  restartAgents(instanceIds: string[]): Promise<void>;
  /** Reimages the given instances together (on Azure: one scale set request for all of them). */
  reimageAgents(instanceIds: string[]): Promise<void>;
  /** The deployment's steps, for providers that record them (view-deployment). */
  deploymentSteps?(): Promise<DeploymentStep[]>;
}

export interface ClusterProvider {
  readonly kind: ProviderKind;
  /** Creates the cluster, or updates it in place when it exists. */
  deploy(settings: ClusterSettings, reporter: Reporter): Promise<Cluster>;
  /** Opens an existing cluster; throws ToolkitError code `cluster-not-found` when absent. */
  open(name: string, reporter: Reporter): Promise<Cluster>;
  /**
   * Removes everything the cluster has; an absent cluster is success, and resolves to false (so
   * that callers can say there was nothing). `wait: false` only starts it (Azure).
   */
  destroy(name: string, reporter: Reporter, options?: { wait?: boolean }): Promise<boolean>;
  /** Removes every cluster of this provider on this machine and names them (the lab's `destroy-cluster --all`). */
  destroyAll?(reporter: Reporter): Promise<string[]>;
}
