// The lab daemon's settings: `daemon.json` in the lab's state folder, written by the lab core
// and read by the daemon, and the names of the daemon's files there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeError, ToolkitError } from '../../../core/errors.js';

/** Port of the metadata service on the lab gateway; the core puts `http://<gateway>:<port>` in metadataUrl. */
export const labMetadataPort = 8410;

export interface LabDaemonNode {
  /** Hostname: master0, agents00000a. */
  name: string;
  address: string;
  role: 'master' | 'agent';
  /** Host-side path of the node's docker socket. */
  dockerSocket: string;
  /** Scale set instance id for agents; the master index for masters. */
  instanceId: string;
  /** VM name as metadata shows it (`compute.name`, event Resources); default: the hostname. */
  vmName?: string;
  /** Stable VM id; default: derived from the lab, the name and the instance id. */
  vmId?: string;
  /** Scale set name of an agent, as `compute.vmScaleSetName`. */
  scaleSet?: string;
}

/** The content of `<stateDir>/daemon.json`, written by the lab core. */
export interface LabDaemonConfig {
  lab: string;
  /** The lab bridge's address in the machine's namespace: everything listens there. */
  gateway: string;
  ports?: {
    metadata?: number;
    monitor?: number;
    /** Public service ports of the load balancer. */
    services?: number[];
    /** The nodes' health endpoint (GET /healthz). */
    health?: number;
  };
  /** Load balancer probe period; Azure's default is about 2 s. */
  probeIntervalMs?: number;
  nodes: LabDaemonNode[];
}

export const daemonFiles = {
  config: 'daemon.json',
  socket: 'daemon.sock',
  log: 'daemon.log',
};

/** Reads and checks daemon.json; every problem names the field and the rule. */
export function readDaemonConfig(stateDir: string): LabDaemonConfig {
  const path = join(stateDir, daemonFiles.config);
  let config: LabDaemonConfig;
  try {
    config = JSON.parse(readFileSync(path, 'utf8')) as LabDaemonConfig;
  } catch (error) {
    throw new ToolkitError(`${path}: cannot read the lab daemon's settings: ${describeError(error)}`, 'lab-daemon-config-invalid');
  }
  const problems: string[] = [];
  const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;
  if (typeof config.lab !== 'string' || config.lab === '') problems.push('lab: must be the lab name');
  if (typeof config.gateway !== 'string' || !ipv4.test(config.gateway)) problems.push('gateway: must be an IPv4 address');
  if (!Array.isArray(config.nodes)) problems.push('nodes: must be a list');
  for (const [index, node] of (Array.isArray(config.nodes) ? config.nodes : []).entries()) {
    if (typeof node.name !== 'string' || node.name === '') problems.push(`nodes[${index}].name: must be the hostname`);
    if (typeof node.address !== 'string' || !ipv4.test(node.address)) problems.push(`nodes[${index}].address: must be an IPv4 address`);
    if (node.role !== 'master' && node.role !== 'agent') problems.push(`nodes[${index}].role: must be master or agent`);
    if (typeof node.dockerSocket !== 'string' || !node.dockerSocket.startsWith('/')) problems.push(`nodes[${index}].dockerSocket: must be an absolute path`);
    if (typeof node.instanceId !== 'string') problems.push(`nodes[${index}].instanceId: must be a string`);
  }
  if (problems.length > 0) throw new ToolkitError(`${path}: ${problems.join('; ')}`, 'lab-daemon-config-invalid');
  return config;
}
