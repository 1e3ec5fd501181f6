// Secrets derived from one long-lived cluster secret (an environment secret), the resource group
// and the purpose (`production`, `pull-requests`: each GitHub environment its own): every run of
// deploy-cluster renders the same helper secret, host keys (masters', agents') and admin key pair, so a re-run leaves the VMs' customData and SSH keys unchanged (Azure refuses to
// change either on an existing VM) and later jobs can rebuild the SSH material themselves.
import { hkdfSync } from 'node:crypto';
import { SettingError } from '../core/errors.js';
import { ed25519KeyPairFromSeed, rsaKeyPairFromSeed, type SshKeyPair } from './keys.js';
import type { ClusterSecrets } from './parameters.js';

export const clusterSecretMinLength = 32;
/** What a cluster secret is for, bound into every derived key: the same secret used for two purposes still gives unrelated keys. */
export const defaultClusterPurpose = 'production';

/** Each derived secret has its own label: knowing one reveals nothing about another. */
const labels = {
  helperSecret: 'azure-swarm-toolkit/v1/helper-secret',
  masterHostKey: 'azure-swarm-toolkit/v1/master-host-key',
  masterRsaHostKey: 'azure-swarm-toolkit/v1/master-rsa-host-key',
  agentHostKey: 'azure-swarm-toolkit/v1/agent-host-key',
  agentRsaHostKey: 'azure-swarm-toolkit/v1/agent-rsa-host-key',
  adminKey: 'azure-swarm-toolkit/v1/admin-key',
} as const;

export interface DerivedClusterSecrets extends ClusterSecrets {
  /** The admin key pair, used when the user brings no ssh-public-key. */
  adminKey: SshKeyPair;
}

/** Checks the `cluster-secret` setting; '' means "not given". */
export function validateClusterSecret(setting: string, value: string): string {
  if (value !== '' && value.trim().length < clusterSecretMinLength) {
    // Never echo the value: it is a secret.
    throw new SettingError(setting, `must be at least ${clusterSecretMinLength} characters (e.g. \`openssl rand -hex 32\`), got ${value.trim().length}`);
  }
  return value.trim();
}

/** Checks the `cluster-purpose` setting; '' means the default. */
export function validateClusterPurpose(setting: string, value: string): string {
  const purpose = value.trim() || defaultClusterPurpose;
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(purpose)) {
    throw new SettingError(setting, `must be 1-32 lowercase letters, digits or '-' starting with a letter (e.g. production, pull-requests), got ${JSON.stringify(purpose)}`);
  }
  return purpose;
}

/** 32 bytes for one label and purpose; the group name is the salt (lowercased: ARM names ignore case). */
function derive(clusterSecret: string, group: string, purpose: string, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', clusterSecret, group.toLowerCase(), `${label}/${purpose}`, 32));
}

/** Finding the RSA primes takes a fraction of a second: one derivation per secret, group and purpose. */
const derived = new Map<string, DerivedClusterSecrets>();

export function deriveClusterSecrets(clusterSecret: string, group: string, purpose: string): DerivedClusterSecrets {
  const bytes = (label: string) => derive(clusterSecret, group, purpose, label);
  const cacheKey = bytes('azure-swarm-toolkit/v1/cache-key').toString('hex');
  const cached = derived.get(cacheKey);
  if (cached) return structuredClone(cached);
  const secrets: DerivedClusterSecrets = {
    helperSecret: bytes(labels.helperSecret).toString('hex'),
    masterHostKey: ed25519KeyPairFromSeed(bytes(labels.masterHostKey), `host@${group}`),
    masterRsaHostKey: rsaKeyPairFromSeed(bytes(labels.masterRsaHostKey), `host@${group}`),
    agentHostKey: ed25519KeyPairFromSeed(bytes(labels.agentHostKey), `agent-host@${group}`),
    agentRsaHostKey: rsaKeyPairFromSeed(bytes(labels.agentRsaHostKey), `agent-host@${group}`),
    adminKey: ed25519KeyPairFromSeed(bytes(labels.adminKey), `${group}@deploy-cluster`),
  };
  derived.set(cacheKey, secrets);
  return structuredClone(secrets);
}

// Here rather than in parameters.ts: the scale and rollout actions pin these keys without
// compiling the rendering (cloud-init, yaml).
/** The masters' host public keys that clients pin: ed25519 first, then RSA. */
export function masterHostPublicKeys(secrets: ClusterSecrets): string[] {
  return [secrets.masterHostKey.publicKey, secrets.masterRsaHostKey.publicKey];
}

/** The agents' host public keys that `logs` pins when it reaches an agent through master0. */
export function agentHostPublicKeys(secrets: ClusterSecrets): string[] {
  return [secrets.agentHostKey.publicKey, secrets.agentRsaHostKey.publicKey];
}
