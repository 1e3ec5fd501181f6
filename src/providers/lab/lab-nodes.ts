// A lab node's life cycle from the host side, the way Azure handles a VM: create (namespace,
// veth, folder, rendered cloud-config), boot (the node host with its supervisor as init),
// shut down (the supervisor stops the units, so ExecStop runs), delete (namespace and folder).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ToolkitError } from '../../core/errors.js';
import { writeJsonAtomic } from './json-file.js';
import { addNodeLink, labAddress, removeNodeLink, type LabNetwork } from './host/network.js';
import { nodeCgroupName, killAndRemoveCgroup } from './host/cgroups.js';
import { containerdArgv, nodeContainerdConfig, nodeContainerdConfigPath, nodeContainerdSocket } from './host/node-containerd.js';
import { dockerdArgv, dockerdEnv, isNodeHostRunning, startNodeHost, stopNodeHost } from './host/node-host.js';
import { labProcessCommand } from './process-command.js';
import { bootRealNode } from './host/real-boot.js';
import { labImagesKey, seedDockerStore } from './images.js';
import { nodeFiles, type NodeBootPlan } from './supervisor/boot-plan.js';
import { parseCloudConfig } from './supervisor/cloud-config.js';
import { labFiles, type LabNodeState, type LabState } from './state.js';

/** A node's shutdown: the agents' ExecStop drains and leaves (bounded by the drain timeout). */
export const nodeShutdownGraceMs = 150_000;
/** Bound on any one unit's stop step inside the node (TimeoutStopSec above it is capped). */
const unitStopCapSeconds = 120;

/** The `/etc/hosts` of every node: itself and the masters, like the virtual network's DNS. */
export function hostsFile(state: LabState, node: LabNodeState): string {
  const entries = new Map<string, string>([['127.0.0.1', 'localhost']]);
  for (const other of state.nodes) if (other.role === 'master' || other.name === node.name) entries.set(other.address, other.name);
  return `${[...entries].map(([address, name]) => `${address} ${name}`).join('\n')}\n`;
}

/** A fresh node folder holding only the first-boot cloud-config (a new or reimaged disk). */
export async function provisionNodeFolder(node: LabNodeState, cloudConfig: string): Promise<void> {
  await rm(node.dir, { recursive: true, force: true });
  await mkdir(nodeFiles.logDir(node.dir), { recursive: true, mode: 0o700 });
  await writeFile(nodeFiles.userData(node.dir), cloudConfig, { mode: 0o600 });
  await writeJsonAtomic(nodeFiles.cloudConfigPlan(node.dir), parseCloudConfig(cloudConfig));
}

/** The node's network namespace on the lab bridge (its NIC). */
export async function attachNode(state: LabState, node: LabNodeState): Promise<void> {
  if (!state.network) throw new ToolkitError(`lab ${state.name} has no network`, 'lab-state-invalid');
  node.link = await addNodeLink(state.network, `azs-${state.name}-${node.name}`, node.shortId, node.address);
}

/** Boots the node (again): the supervisor does first boot or a reboot from the node's folder. */
export async function bootNode(state: LabState, node: LabNodeState, operatorPublicKey: string): Promise<void> {
  if (!node.link) throw new ToolkitError(`node ${node.name} has no network namespace`, 'lab-state-invalid');
  const cgroup = nodeCgroupName(state.name, node.name);
  // a fresh disk starts with the lab images in its docker store; a reboot keeps its own store
  const seeded = await seedDockerStore(join(node.dir, 'docker'));
  if (state.boot === 'systemd') {
    if (!state.nodeImage) throw new ToolkitError(`lab ${state.name} boots real nodes but records no node image`, 'lab-state-invalid');
    node.host = await bootRealNode({
      hostname: node.name, netns: node.link.netns, dir: node.dir, cgroup, rootfs: state.nodeImage, hosts: hostsFile(state, node),
      adminUsername: state.adminUsername, operatorPublicKey,
    });
    node.power = 'running';
    return;
  }
  const imagesKey = await labImagesKey();
  if (seeded) await writeFile(nodeFiles.imagesKey(node.dir), imagesKey);
  const current = seeded || (await readFile(nodeFiles.imagesKey(node.dir), 'utf8').catch(() => '')) === imagesKey;
  const plan: NodeBootPlan = {
    hostname: node.name,
    role: node.role,
    address: node.address,
    dockerd: { argv: dockerdArgv(node.dir, node.name, cgroup, nodeContainerdSocket), env: dockerdEnv },
    containerd: { argv: containerdArgv(), env: dockerdEnv, configPath: nodeContainerdConfigPath, config: nodeContainerdConfig },
    sshd: node.role === 'master',
    extraAuthorizedKeys: [operatorPublicKey],
    loadImages: !current,
    imagesKey,
    maxStopSeconds: unitStopCapSeconds,
  };
  await writeJsonAtomic(nodeFiles.bootPlan(node.dir), plan);
  await rm(nodeFiles.status(node.dir), { force: true });
  const supervisor = labProcessCommand('node-supervisor', node.dir);
  node.host = await startNodeHost({
    hostname: node.name, netns: node.link.netns, dir: node.dir, cgroup, hosts: hostsFile(state, node),
    init: supervisor.argv, initFiles: supervisor.files, env: supervisor.env,
  });
  node.power = 'running';
}

/** Shuts the node down gracefully (bounded), keeping its folder and namespace: a stopped VM. */
export async function shutdownNode(node: LabNodeState): Promise<void> {
  if (node.host) await stopNodeHost(node.host, nodeShutdownGraceMs);
  node.host = undefined;
}

/** Removes the node entirely; works from the recorded state alone (after a crash too). */
export async function deleteNode(state: LabState, node: LabNodeState, graceMs = nodeShutdownGraceMs): Promise<void> {
  if (node.host) await stopNodeHost(node.host, graceMs);
  node.host = undefined;
  await killAndRemoveCgroup(nodeCgroupName(state.name, node.name));
  if (node.link) await removeNodeLink(node.link);
  node.link = undefined;
  await rm(node.dir, { recursive: true, force: true });
}

/** The power state of a node as a VM's: running only while its init lives. */
export async function observedPower(node: LabNodeState): Promise<LabNodeState['power']> {
  if (node.host && !(await isNodeHostRunning(node.host))) return 'unknown';
  return node.power;
}

export function nodeDir(labDir: string, name: string): string {
  return join(labFiles.nodes(labDir), name);
}

/** Master i: `master<i>` at .10+i (like Azure's 10.0.1.10+i); short id `m<i>`. */
export function masterNode(labDir: string, network: LabNetwork, index: number): LabNodeState {
  const name = `master${index}`;
  return {
    name, role: 'master', instanceId: String(index), address: labAddress(network, 10 + index),
    shortId: `m${index}`, dir: nodeDir(labDir, name), power: 'creating',
  };
}

/** A scale set's computer name: prefix + the instance id in base 36, six characters. */
export function agentName(instanceId: number): string {
  return `agents${instanceId.toString(36).padStart(6, '0')}`;
}

/** Agents take the lowest free address from .50 (addresses are reused, instance ids never). */
export function agentNode(labDir: string, state: LabState, network: LabNetwork, instanceId: number): LabNodeState {
  const used = new Set(state.nodes.map((node) => node.address));
  let host = 50;
  while (used.has(labAddress(network, host))) host++;
  if (host > 254) throw new ToolkitError(`lab ${state.name} has no free address for another agent`, 'lab-full');
  const name = agentName(instanceId);
  return {
    name, role: 'agent', instanceId: String(instanceId), address: labAddress(network, host),
    shortId: `a${instanceId.toString(36)}`, dir: nodeDir(labDir, name), power: 'creating',
  };
}
