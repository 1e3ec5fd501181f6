// The contract between the renderer and the node software (cloud-init/): what every node's
// scripts read from /etc/swarm-cluster/cluster.json. The same object drives Azure VMs and lab
// nodes; only the addresses and the metadata URL differ.

export interface MasterAddress {
  /** Hostname, `master0` ... `master4`. */
  name: string;
  /** Private address the master's helper and swarm listen on. */
  address: string;
}

export interface NodeConfig {
  cluster: string;
  role: 'master' | 'agent';
  masters: MasterAddress[];
  /** Swarm helper (masters only, inside the virtual network). */
  helperPort: number;
  /** Node-health endpoint that the load balancer probes (every node). */
  healthPort: number;
  /** Base URL of the instance metadata service: `http://169.254.169.254` on Azure. */
  metadataUrl: string;
  /** A Down node is removed by the leader's helper only after this long (reboots must survive). */
  downGraceSeconds: number;
  /** Longest wait for a draining node's tasks to leave before it leaves the swarm anyway. */
  drainTimeoutSeconds: number;
  /** How often the agents' watcher polls Scheduled Events. */
  eventPollSeconds: number;
  /** Open connections each of the helper and health servers keeps (the excess is closed at once); absent: 4096. */
  maxConnections?: number;
}

/** Fixed addressing of the Azure virtual network; arm/cluster.json computes the same. */
export const azureNetwork = {
  vnetPrefix: '10.0.0.0/16',
  masterSubnet: '10.0.1.0/24',
  agentSubnet: '10.0.2.0/23',
  /** master i has the static private address 10.0.1.(10 + i). */
  masterAddress: (index: number) => `10.0.1.${10 + index}`,
};

export const defaultPorts = {
  helper: 8400,
  health: 8401,
  ssh: 22,
  visualizer: 8080,
  /** Load-balanced service ports: replicated service, global service, stack frontend. */
  services: [80, 81, 8000],
};
