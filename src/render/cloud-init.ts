// Renders the cloud-config of a master or an agent: the same document boots an Azure VM and a
// lab node. Built as an object and dumped with `yaml`, never by text substitution; the node
// software itself comes from cloud-init/ (embedded assets). See cloud-init/README.md.
import { gzipSync } from 'node:zlib';
import { stringify } from 'yaml';
import { asset } from '../core/assets.js';
import { ToolkitError } from '../core/errors.js';
import { helperKeys, nodeHelperKey } from './helper-keys.js';
import { maxSwapSizeMiB } from '../core/validate.js';
import type { NodeConfig } from './node-config.js';

export interface CloudInitInput {
  role: 'master' | 'agent';
  node: NodeConfig;
  adminUsername: string;
  /** The admin's authorized key (OpenSSH public key line). */
  sshPublicKey: string;
  /** Hex: the root of the helpers' keys (src/render/helper-keys.ts); never written to a node itself. */
  helperSecret: string;
  /**
   * An agent rendered for one named node (the lab) holds only that name's node key. Without it
   * (an Azure scale set: one customData for every instance) agents hold the agent root.
   */
  agentName?: string;
  /**
   * OpenSSH ed25519 host key pair of the node's role that clients pin: required on masters; on
   * agents (Azure) the agents' own pair, never the masters', so that `logs` can pin it through master0.
   */
  hostKey?: { privateKey: string; publicKey: string };
  /**
   * RSA host key pair, pinned as well; on Azure, where the image's walinuxagent waits for
   * /etc/ssh/ssh_host_rsa_key.pub before it reports the VM provisioned.
   */
  rsaHostKey?: { privateKey: string; publicKey: string };
  /** Mount the cluster's Azure Files share (`srv`) at /srv. */
  fileShare: boolean;
  /** Size of the swap file /swapfile that cloud-init makes in its init stage; 0 or absent: none. */
  swapSizeMiB?: number;
}

/**
 * Replaced by the ARM template at deploy time: the share's account name (fixed per resource
 * group) and the cloud's storage suffix (`environment().suffixes.storage`). Never the key: it
 * reaches the nodes in an extension's protected settings, so customData never changes.
 */
export const storagePlaceholders = {
  account: '__AZSWARM_STORAGE_ACCOUNT__',
  suffix: '__AZSWARM_STORAGE_SUFFIX__',
} as const;

/** Apt retries each download this often: one mirror hiccup must not fail the first boot. */
export const aptRetries = 5;

/** Where the node software lives on every node; the lab writes the same paths. */
export const nodePaths = {
  config: '/etc/swarm-cluster/cluster.json',
  helperKey: '/etc/swarm-cluster/helper.key',
  agentRootKey: '/etc/swarm-cluster/agent-root.key',
  nodeKey: '/etc/swarm-cluster/node.key',
  shareCredentials: '/etc/swarm-cluster/srv.cred',
  aptRetries: '/etc/apt/apt.conf.d/80-swarm-cluster-retries',
  dockerNeedsShare: '/etc/systemd/system/docker.service.d/swarm-cluster-srv.conf',
  script: '/usr/local/lib/swarm-cluster/swarm-node.py',
  // The script's code, imported by it (so that Python keeps its bytecode: see swarm-node.py).
  code: '/usr/local/lib/swarm-cluster/swarm_node.py',
  units: '/etc/systemd/system',
} as const;

interface WriteFile {
  path: string;
  content: string;
  permissions: string;
  owner: string;
  encoding?: 'gz+b64';
}

const MIN_SECRET_HEX = 32;

function rootFile(path: string, content: string, permissions: string): WriteFile {
  return { path, content, permissions, owner: 'root:root' };
}

/**
 * The node script is most of the document: gzip it (cloud-init's `gz+b64` encoding) so that
 * customData keeps ample room under Azure's 64 KB limit. Node's gzip header carries no
 * timestamp, so the output (and so the bundles and tests) stays deterministic.
 */
function compressedFile(path: string, content: string, permissions: string): WriteFile {
  return { ...rootFile(path, gzipSync(content, { level: 9 }).toString('base64'), permissions), encoding: 'gz+b64' };
}

function unitFile(name: string): WriteFile {
  return rootFile(`${nodePaths.units}/${name}`, asset(`cloud-init/units/${name}`), '0644');
}

/** The long-running and boot units of a role, in the order they should start. */
function unitsOf(role: CloudInitInput['role'], fileShare: boolean): string[] {
  return [
    ...(fileShare ? ['srv.mount'] : []),
    'swarm-health.service',
    role === 'master' ? 'swarm-helper.service' : 'swarm-events.service',
    'swarm-join.service',
  ];
}

function checkInput(input: CloudInitInput): void {
  const problem = (message: string) => new ToolkitError(`cloud-init (${input.role}): ${message}`, 'cloud-init-input');
  if (input.node.role !== input.role) throw problem(`node.role is ${input.node.role}, expected ${input.role}`);
  if (!/^[0-9a-f]+$/i.test(input.helperSecret) || input.helperSecret.length < MIN_SECRET_HEX) {
    throw problem(`helperSecret must be hex, at least ${MIN_SECRET_HEX} characters`);
  }
  if (input.role === 'master' && !input.hostKey) throw problem('hostKey is required on masters: clients pin it');
  if (input.rsaHostKey && !input.hostKey) throw problem('rsaHostKey comes with hostKey (the ed25519 pair clients pin first)');
  if (input.node.masters.length === 0) throw problem('node.masters must name at least one master');
  if (input.agentName !== undefined && (input.role !== 'agent' || !/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(input.agentName))) {
    throw problem('agentName is for agents only and must be a hostname label (1-63 letters, digits or -)');
  }
  const swapSize = input.swapSizeMiB ?? 0;
  if (!Number.isInteger(swapSize) || swapSize < 0 || swapSize > maxSwapSizeMiB) {
    throw problem(`swapSizeMiB must be a whole number from 0 to ${maxSwapSizeMiB}, got ${swapSize}`);
  }
}

/** Each role's helper keys (0600): see src/render/helper-keys.ts. */
function keyFiles(input: CloudInitInput): WriteFile[] {
  const keys = helperKeys(input.helperSecret);
  if (input.role === 'master') return [rootFile(nodePaths.helperKey, `${keys.master}\n`, '0600'), rootFile(nodePaths.agentRootKey, `${keys.agentRoot}\n`, '0600')];
  if (input.agentName !== undefined) return [rootFile(nodePaths.nodeKey, `${nodeHelperKey(keys.agentRoot, input.agentName)}\n`, '0600')];
  return [rootFile(nodePaths.agentRootKey, `${keys.agentRoot}\n`, '0600')];
}

function writeFiles(input: CloudInitInput): WriteFile[] {
  const units = unitsOf(input.role, input.fileShare).map(unitFile);
  // The credentials file comes later, from the extension (see storagePlaceholders); until then
  // the mount fails and docker, which requires it, waits.
  const share = input.fileShare
    ? [rootFile(nodePaths.dockerNeedsShare, '# Tasks must never start on an empty /srv (the share not mounted yet).\n[Unit]\nRequiresMountsFor=/srv\n', '0644')]
    : [];
  return [
    rootFile(nodePaths.aptRetries, `Acquire::Retries "${aptRetries}";\n`, '0644'),
    rootFile(nodePaths.config, `${JSON.stringify(input.node, null, 2)}\n`, '0644'),
    ...keyFiles(input),
    compressedFile(nodePaths.script, asset('cloud-init/swarm-node.py'), '0755'),
    compressedFile(nodePaths.code, asset('cloud-init/swarm_node.py'), '0644'),
    ...share,
    ...units,
  ];
}

function hostKeys(input: CloudInitInput): Record<string, unknown> {
  if (!input.hostKey) return {};
  const rsa = input.rsaHostKey;
  return {
    // Only the pinned keys: stale image keys are deleted and no other type is generated.
    ssh_deletekeys: true,
    ssh_genkeytypes: rsa ? ['ed25519', 'rsa'] : ['ed25519'],
    ssh_keys: {
      ed25519_private: input.hostKey.privateKey,
      ed25519_public: input.hostKey.publicKey,
      ...(rsa ? { rsa_private: rsa.privateKey, rsa_public: rsa.publicKey } : {}),
    },
  };
}

/** cc_mounts runs in the init stage, before package installs (config and final stages) need memory. */
function swap(input: CloudInitInput): Record<string, unknown> {
  if (!input.swapSizeMiB) return {};
  const bytes = input.swapSizeMiB * 1024 * 1024;
  return { swap: { filename: '/swapfile', size: bytes, maxsize: bytes } };
}

export function renderCloudInit(input: CloudInitInput): string {
  checkInput(input);
  const document = {
    package_update: true,
    // Ubuntu's own archive: no third-party key server, nothing the cluster does not use.
    packages: ['docker.io', ...(input.fileShare ? ['cifs-utils'] : [])],
    users: [
      {
        name: input.adminUsername,
        groups: ['docker'],
        shell: '/bin/bash',
        sudo: 'ALL=(ALL) NOPASSWD:ALL',
        lock_passwd: true,
        ssh_authorized_keys: [input.sshPublicKey.trim()],
      },
    ],
    disable_root: true,
    ssh_pwauth: false,
    ...hostKeys(input),
    ...swap(input),
    write_files: writeFiles(input),
    // Only systemctl: all logic lives in the units, so the lab can stand in for systemd. No
    // separate daemon-reload: `enable` reloads systemd itself before `--now` starts the units
    // (and reads the drop-ins write_files wrote); each reload reruns every generator, ~0.25
    // CPU-s of a node's boot (measured in a real-boot lab node).
    runcmd: [`systemctl enable --now --no-block ${unitsOf(input.role, input.fileShare).join(' ')}`],
  };
  return `#cloud-config\n${stringify(document, { lineWidth: 0 })}`;
}
