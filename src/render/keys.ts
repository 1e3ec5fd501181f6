// The secrets a cluster is born with: the admin's SSH key pair (when the user brings none),
// the masters' SSH host key (so clients pin it instead of trusting on first use) and the
// swarm helper's shared secret. All generated locally; none is ever printed.
import { randomBytes } from 'node:crypto';
import ssh2 from 'ssh2';

export interface SshKeyPair {
  /** OpenSSH private key (`-----BEGIN OPENSSH PRIVATE KEY-----`). A secret. */
  privateKey: string;
  /** One OpenSSH public key line: `ssh-ed25519 AAAA... comment`. */
  publicKey: string;
}

export function generateSshKeyPair(comment: string): SshKeyPair {
  const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment });
  return { privateKey: pair.private, publicKey: pair.public.trim() };
}

/** The masters share one host key: every master FQDN and address pins the same key. */
export function generateHostKeyPair(cluster: string): SshKeyPair {
  return generateSshKeyPair(`host@${cluster}`);
}

/** The helper's HMAC secret: 32 random bytes as hex. */
export function generateHelperSecret(): string {
  return randomBytes(32).toString('hex');
}

/**
 * One known_hosts line that pins `hostPublicKey` for every name or address in `hosts`
 * (OpenSSH writes `[host]:port` for a port other than 22).
 */
export function knownHostsLine(hosts: readonly string[], hostPublicKey: string, port = 22): string {
  if (hosts.length === 0) throw new RangeError('knownHostsLine needs at least one host');
  const [type, key] = hostPublicKey.trim().split(/\s+/);
  const names = hosts.map((host) => (port === 22 ? host : `[${host}]:${port}`));
  return `${names.join(',')} ${type} ${key}\n`;
}
