// What every lab operation needs: the lab's folder and state, its secrets, the rendering of a
// node's cloud-config, and the daemon's view of the nodes. Shared by deploy and the Cluster.
import { join } from 'node:path';
import type { NodeConfig } from '../../render/node-config.js';
import { defaultPorts } from '../../render/node-config.js';
import { renderCloudInit } from '../../render/cloud-init.js';
import type { ClusterInfo } from '../../core/cluster.js';
import { writeJsonAtomic } from './json-file.js';
import { nodesChanged } from './daemon/client.js';
import { daemonFiles, labMetadataPort, type LabDaemonConfig } from './daemon/config.js';
import { hostDockerSocket } from './host/node-host.js';
import { labServiceFlavour } from './service-flavour.js';
import { readSecret, writeLabState, type LabNodeState, type LabState } from './state.js';

/** Timings of the node software in the lab: shorter than Azure's so that tests and demos flow. */
export const labNodeTimings = { downGraceSeconds: 60, drainTimeoutSeconds: 60, eventPollSeconds: 0.5 };
/** The NotBefore of the lab's Scheduled Events: the node acknowledges well before. */
export const labEventNotBeforeSeconds = 120;

export const secretNames = {
  operatorKey: 'operator_key',
  operatorPublicKey: 'operator_key.pub',
  hostKey: 'host_key',
  hostPublicKey: 'host_key.pub',
  helperSecret: 'helper.key',
};

export interface LabContext {
  dir: string;
  state: LabState;
  /** Saves of this context run one after another (nodes boot in parallel and each saves). */
  saving?: Promise<void>;
}

export function saveState(context: LabContext): Promise<void> {
  const previous = context.saving ?? Promise.resolve();
  context.saving = previous.catch(() => undefined).then(() => writeLabState(context.dir, context.state));
  return context.saving;
}

export function masters(state: LabState): LabNodeState[] {
  return state.nodes.filter((node) => node.role === 'master');
}

export function agents(state: LabState): LabNodeState[] {
  return state.nodes.filter((node) => node.role === 'agent');
}

function gateway(state: LabState): string {
  if (!state.network) throw new Error(`lab ${state.name} has no network`);
  return state.network.gateway;
}

export function labNodeConfig(state: LabState, role: NodeConfig['role']): NodeConfig {
  return {
    cluster: state.name,
    role,
    masters: masters(state).map((node) => ({ name: node.name, address: node.address })),
    helperPort: defaultPorts.helper,
    healthPort: defaultPorts.health,
    metadataUrl: `http://${gateway(state)}:${labMetadataPort}`,
    ...labNodeTimings,
  };
}

/** The node's cloud-config, rendered by the same code as the Azure VMs'. */
export async function renderNodeCloudConfig(context: LabContext, node: LabNodeState): Promise<string> {
  const secret = (name: string) => readSecret(context.dir, name);
  return renderCloudInit({
    role: node.role,
    node: labNodeConfig(context.state, node.role),
    adminUsername: context.state.adminUsername,
    sshPublicKey: context.state.sshPublicKey,
    helperSecret: (await secret(secretNames.helperSecret)).trim(),
    // Each lab agent holds only its own node key (Azure's scale set cannot: docs/security.md).
    ...(node.role === 'agent' ? { agentName: node.name } : {}),
    ...(node.role === 'master' ? { hostKey: { privateKey: await secret(secretNames.hostKey), publicKey: (await secret(secretNames.hostPublicKey)).trim() } } : {}),
    fileShare: false,
  });
}

/** Rewrites daemon.json from the state (and tells a running daemon). */
export async function publishNodesToDaemon(context: LabContext): Promise<void> {
  const { state } = context;
  const config: LabDaemonConfig = {
    lab: state.name,
    gateway: gateway(state),
    nodes: state.nodes.map((node) => ({
      name: node.name, address: node.address, role: node.role, dockerSocket: hostDockerSocket(node.dir), instanceId: node.instanceId,
      ...(node.role === 'agent' ? { scaleSet: 'agents' } : {}),
    })),
  };
  await writeJsonAtomic(join(context.dir, daemonFiles.config), config);
  if (state.daemon) await nodesChanged(context.dir);
}

export async function clusterInfo(context: LabContext): Promise<ClusterInfo> {
  const { state } = context;
  const address = gateway(state);
  return {
    provider: 'lab',
    name: state.name,
    masterCount: state.masterCount,
    ssh: {
      host: masters(state)[0].address,
      port: defaultPorts.ssh,
      username: state.adminUsername,
      privateKey: await readSecret(context.dir, secretNames.operatorKey),
      hostKeys: [(await readSecret(context.dir, secretNames.hostPublicKey)).trim()],
    },
    endpoints: {
      masters: masters(state).map((node) => node.address),
      agents: address,
      services: Object.fromEntries(defaultPorts.services.map((port) => [port, `http://${address}:${port}/`])),
      monitor: `http://${address}:${defaultPorts.visualizer}/`,
    },
    flavour: labServiceFlavour,
  };
}
