// Realistic inputs for rendering cloud-init documents in tests: real OpenSSH keys made by
// ssh-keygen, the Azure addressing of src/render/node-config.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CloudInitInput } from '../../src/render/cloud-init.js';
import { azureNetwork, defaultPorts, type NodeConfig } from '../../src/render/node-config.js';

export interface KeyPair {
  privateKey: string;
  publicKey: string;
}

/** A fresh ed25519 key pair from the real ssh-keygen. */
export function sshKeyPair(): KeyPair {
  const dir = mkdtempSync(join(tmpdir(), 'azswarm-keys-'));
  try {
    const file = join(dir, 'key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'azswarm-test', '-f', file]);
    return { privateKey: readFileSync(file, 'utf8'), publicKey: readFileSync(`${file}.pub`, 'utf8').trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function nodeConfig(role: NodeConfig['role'], masterCount: number, cluster = 'swarm-test'): NodeConfig {
  return {
    cluster,
    role,
    masters: Array.from({ length: masterCount }, (_, index) => ({
      name: `master${index}`,
      address: azureNetwork.masterAddress(index),
    })),
    helperPort: defaultPorts.helper,
    healthPort: defaultPorts.health,
    metadataUrl: 'http://169.254.169.254',
    downGraceSeconds: 600,
    drainTimeoutSeconds: 120,
    eventPollSeconds: 5,
  };
}

export function cloudInitInput(
  role: CloudInitInput['role'],
  options: { masterCount: number; fileShare: boolean; admin: KeyPair; hostKey: KeyPair; cluster?: string },
): CloudInitInput {
  return {
    role,
    node: nodeConfig(role, options.masterCount, options.cluster),
    adminUsername: 'cluster',
    sshPublicKey: options.admin.publicKey,
    helperSecret: 'a1'.repeat(32),
    ...(role === 'master' ? { hostKey: options.hostKey } : {}),
    fileShare: options.fileShare,
  };
}
