// Pinned host keys: the server must present one of the keys the provider recorded when it
// created the master. Host-key checking is never switched off.
import { createHash } from 'node:crypto';
import { ToolkitError } from '../core/errors.js';

export interface PinnedHostKey {
  /** Algorithm name from the key line, e.g. `ssh-ed25519`. */
  type: string;
  /** The key blob as the SSH protocol carries it (what ssh2 hands to a hostVerifier). */
  blob: Buffer;
}

/** Parses `ssh-ed25519 AAAA... [comment]` (or a known_hosts line with host names first). */
export function parseHostKey(line: string): PinnedHostKey {
  const fields = line.trim().split(/\s+/);
  const typeIndex = fields.findIndex((field) => /^(ssh-|ecdsa-sha2-)/.test(field));
  const encoded = typeIndex >= 0 ? fields[typeIndex + 1] : undefined;
  if (typeIndex < 0 || encoded === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) {
    throw new ToolkitError(`host key "${line.slice(0, 40)}" is not an OpenSSH public key line`, 'host-key-invalid');
  }
  const blob = Buffer.from(encoded, 'base64');
  // The blob starts with its own algorithm name; a key line whose two halves disagree is corrupt.
  const innerType = blob.subarray(4, 4 + blob.readUInt32BE(0)).toString('latin1');
  if (innerType !== fields[typeIndex]) {
    throw new ToolkitError(`host key of type ${fields[typeIndex]} carries a ${innerType} key`, 'host-key-invalid');
  }
  return { type: fields[typeIndex], blob };
}

/** OpenSSH's fingerprint notation (`SHA256:...`, unpadded base64), for messages. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Host-key algorithms to offer, so that the server presents a key of a pinned type. */
export function hostKeyAlgorithms(keys: readonly PinnedHostKey[]): string[] {
  const algorithms = keys.flatMap((key) => (key.type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [key.type]));
  return [...new Set(algorithms)];
}
