// The secrets a cluster is born with: the admin's SSH key pair (when the user brings none),
// the masters' SSH host key (so clients pin it instead of trusting on first use) and the
// swarm helper's shared secret. All generated locally; none is ever printed.
import { checkPrimeSync, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';

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

/** An SSH mpint: big-endian two's complement, so a leading 0 byte when the top bit is set. */
function sshMpint(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const trimmed = bytes.subarray(start);
  return sshString(trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function bigintBytes(value: bigint): Buffer {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

function bytesBigint(bytes: Buffer): bigint {
  return BigInt(`0x${bytes.toString('hex') || '0'}`);
}

/** `ssh-rsa AAAA... comment` from the modulus and exponent of an RSA key. */
function rsaPublicKeyLine(key: KeyObject, comment: string): string {
  const jwk = key.export({ format: 'jwk' });
  const blob = Buffer.concat([sshString('ssh-rsa'), sshMpint(Buffer.from(jwk.e!, 'base64url')), sshMpint(Buffer.from(jwk.n!, 'base64url'))]);
  return `ssh-rsa ${blob.toString('base64')} ${comment}`;
}

/** RSA host keys are 3072 bits, as ssh-keygen makes them. */
export const rsaHostKeyBits = 3072;
const rsaExponent = 65537n;

/**
 * A prime of `bits` bits from a deterministic byte stream: SHA-256 in counter mode over the
 * seed, top two bits set (so that p·q has exactly 2·bits bits), then the next odd number that
 * OpenSSL calls prime and that keeps e invertible.
 */
function primeFromSeed(seed: Buffer, label: string, bits: number): bigint {
  const bytes = bits / 8;
  const blocks = Array.from({ length: Math.ceil(bytes / 32) }, (_, index) =>
    createHash('sha256').update(seed).update(label).update(String(index)).digest());
  let candidate = bytesBigint(Buffer.concat(blocks).subarray(0, bytes)) | (3n << BigInt(bits - 2)) | 1n;
  while (!(candidate % rsaExponent !== 1n && checkPrimeSync(candidate, { checks: 64 }))) candidate += 2n;
  return candidate;
}

function modularInverse(value: bigint, modulus: bigint): bigint {
  let [oldR, r] = [value % modulus, modulus];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  return ((oldS % modulus) + modulus) % modulus;
}

/**
 * The RSA key pair a 32-byte seed determines (PKCS#1 PEM private key, which sshd and
 * cloud-init's ssh_keys read). The Ubuntu image's walinuxagent waits for an RSA host key (see
 * docs/arm.md, "First deployment"), so the masters get one that clients can pin like the
 * ed25519 key, the same on every run.
 */
export function rsaKeyPairFromSeed(seed: Buffer, comment: string): SshKeyPair {
  if (seed.length !== 32) throw new RangeError('an RSA key seed has 32 bytes');
  const half = rsaHostKeyBits / 2;
  const [p, q] = [primeFromSeed(seed, 'p', half), primeFromSeed(seed, 'q', half)];
  const n = p * q;
  const d = modularInverse(rsaExponent, (p - 1n) * (q - 1n));
  const b64 = (value: bigint) => bigintBytes(value).toString('base64url');
  const privateKey = createPrivateKey({
    key: { kty: 'RSA', n: b64(n), e: b64(rsaExponent), d: b64(d), p: b64(p), q: b64(q), dp: b64(d % (p - 1n)), dq: b64(d % (q - 1n)), qi: b64(modularInverse(q, p)) },
    format: 'jwk',
  });
  return {
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs1' }).toString(),
    publicKey: rsaPublicKeyLine(createPublicKey(privateKey), comment),
  };
}

/** A random RSA host key pair (for `azswarm render`, which has no cluster secret). */
export function generateRsaHostKeyPair(cluster: string): SshKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: rsaHostKeyBits });
  return { privateKey: privateKey.export({ format: 'pem', type: 'pkcs1' }).toString(), publicKey: rsaPublicKeyLine(publicKey, `host@${cluster}`) };
}
