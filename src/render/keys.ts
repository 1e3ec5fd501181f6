// The secrets a cluster is born with: the admin's SSH key pair (when the user brings none),
// the masters' SSH host key (so clients pin it instead of trusting on first use) and the
// swarm helper's shared secret. All generated locally; none is ever printed.
import { createHash, createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';

export interface SshKeyPair {
  /** OpenSSH private key (`-----BEGIN OPENSSH PRIVATE KEY-----`). A secret. */
  privateKey: string;
  /** One OpenSSH public key line: `ssh-ed25519 AAAA... comment`. */
  publicKey: string;
}

/**
 * A fresh ed25519 pair from 32 random bytes. (ssh2's generateKeyPairSync dropped a leading zero
 * byte of the public key, about one key in 256: a 31-byte key no parser accepts.)
 */
export function generateSshKeyPair(comment: string): SshKeyPair {
  return ed25519KeyPairFromSeed(randomBytes(32), comment);
}

/** PKCS#8 DER prefix of an ed25519 private key; the 32-byte seed follows (RFC 8410). */
const ed25519Pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');

/** An SSH wire-format string: uint32 length, then the bytes. */
function sshString(value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value) : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/**
 * The ed25519 key pair a 32-byte seed determines, the private half in OpenSSH's own format
 * (`openssh-key-v1`, unencrypted) as cloud-init's ssh_keys and node-ssh read it. The same seed
 * gives the same bytes: the check integers come from the seed instead of a random source.
 */
export function ed25519KeyPairFromSeed(seed: Buffer, comment: string): SshKeyPair {
  if (seed.length !== 32) throw new RangeError('an ed25519 seed has 32 bytes');
  const privateKey = createPrivateKey({ key: Buffer.concat([ed25519Pkcs8Prefix, seed]), format: 'der', type: 'pkcs8' });
  // The SPKI DER of an ed25519 public key ends with the 32 raw key bytes.
  const raw = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32);
  const publicBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(raw)]);
  const check = createHash('sha256').update('openssh-check').update(seed).digest().subarray(0, 4);
  const section = Buffer.concat([check, check, publicBlob, sshString(Buffer.concat([seed, raw])), sshString(comment)]);
  // Padded to the cipher block size (8 for none) with the bytes 1, 2, 3, ...
  const padding = Buffer.from(Array.from({ length: (8 - (section.length % 8)) % 8 }, (_, index) => index + 1));
  const nkeys = Buffer.alloc(4);
  nkeys.writeUInt32BE(1);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'), sshString('none'), sshString('none'), sshString(''), nkeys,
    sshString(publicBlob), sshString(Buffer.concat([section, padding])),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return {
    privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`,
    publicKey: `ssh-ed25519 ${publicBlob.toString('base64')} ${comment}`,
  };
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
