import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { SettingError } from '../../src/core/errors.js';
import { deriveClusterSecrets, validateClusterPurpose, validateClusterSecret } from '../../src/render/cluster-secret.js';
import { ed25519KeyPairFromSeed } from '../../src/render/keys.js';

const secret = 'a'.repeat(16) + 'correct-horse-battery-staple-0123';

describe('cluster secrets derived from cluster-secret', () => {
  let folder: string;
  beforeAll(() => void (folder = mkdtempSync(join(tmpdir(), 'azswarm-derive-'))));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** ssh-keygen -y: the public key OpenSSH itself reads out of the private key file. */
  const opensshPublicKey = (privateKey: string) => {
    const file = join(folder, 'key');
    writeFileSync(file, privateKey, { mode: 0o600 });
    return execFileSync('ssh-keygen', ['-y', '-f', file], { encoding: 'utf8' }).trim();
  };

  it('is deterministic: the same secret and group give byte-identical secrets', () => {
    expect(deriveClusterSecrets(secret, 'swarm-ci', 'production')).toEqual(deriveClusterSecrets(secret, 'swarm-ci', 'production'));
    // ARM group names ignore case, so the derivation does too.
    expect(deriveClusterSecrets(secret, 'Swarm-CI', 'production').helperSecret).toBe(deriveClusterSecrets(secret, 'swarm-ci', 'production').helperSecret);
  });

  it('differs per group and per secret, and each label gives its own key', () => {
    const a = deriveClusterSecrets(secret, 'swarm-a', 'production');
    const b = deriveClusterSecrets(secret, 'swarm-b', 'production');
    const other = deriveClusterSecrets(`${secret}x`, 'swarm-a', 'production');
    // The purpose is bound in: a PR cluster given the production secret by mistake still gets unrelated keys.
    const forPullRequests = deriveClusterSecrets(secret, 'swarm-a', 'pull-requests');
    for (const derived of [b, other, forPullRequests]) {
      expect(derived.helperSecret).not.toBe(a.helperSecret);
      expect(derived.masterHostKey.publicKey).not.toBe(a.masterHostKey.publicKey);
      expect(derived.adminKey.publicKey).not.toBe(a.adminKey.publicKey);
    }
    const blob = (line: string) => line.split(' ')[1];
    expect(blob(a.masterHostKey.publicKey)).not.toBe(blob(a.adminKey.publicKey));
    expect(blob(a.agentHostKey.publicKey)).not.toBe(blob(a.masterHostKey.publicKey));
    expect(blob(a.agentRsaHostKey.publicKey)).not.toBe(blob(a.masterRsaHostKey.publicKey));
    expect(a.helperSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(blob(a.masterHostKey.publicKey), 'base64').subarray(-32).toString('hex')).not.toBe(a.helperSecret);
  });

  it('writes OpenSSH private keys that ssh-keygen reads back to the same public key', () => {
    const derived = deriveClusterSecrets(secret, 'swarm-ci', 'production');
    for (const pair of [derived.masterHostKey, derived.agentHostKey, derived.adminKey]) {
      expect(pair.privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+\n-----END OPENSSH PRIVATE KEY-----\n$/);
      expect(opensshPublicKey(pair.privateKey)).toBe(pair.publicKey);
      // ssh2 (under node-ssh) reads it too, and signs with it.
      const parsed = ssh2.utils.parseKey(pair.privateKey);
      if (parsed instanceof Error) throw parsed;
      const key = Array.isArray(parsed) ? parsed[0] : parsed;
      expect(key.getPublicSSH().toString('base64')).toBe(pair.publicKey.split(' ')[1]);
      expect(key.verify(Buffer.from('data'), key.sign(Buffer.from('data')))).toBe(true);
    }
  });

  it('builds the ed25519 key of RFC 8032 test vector 1 from its seed', () => {
    const seed = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
    const pair = ed25519KeyPairFromSeed(seed, 'rfc8032');
    expect(Buffer.from(pair.publicKey.split(' ')[1], 'base64').subarray(-32).toString('hex')).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    expect(opensshPublicKey(pair.privateKey)).toBe(pair.publicKey);
    expect(() => ed25519KeyPairFromSeed(seed.subarray(1), 'short')).toThrow(RangeError);
  });

  it('validates cluster-secret without echoing it', () => {
    expect(validateClusterSecret('cluster-secret', '')).toBe('');
    expect(validateClusterSecret('cluster-secret', ` ${secret}\n`)).toBe(secret);
    const error = (() => {
      try {
        validateClusterSecret('cluster-secret', 'short-secret-value');
      } catch (caught) {
        return caught as SettingError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(SettingError);
    expect(error!.message).toMatch(/^cluster-secret: must be at least 32 characters/);
    expect(error!.message).not.toContain('short-secret-value');
  });

  it('checks cluster-purpose: empty is production, anything but a short lowercase label is refused by name', () => {
    expect(validateClusterPurpose('cluster-purpose', '')).toBe('production');
    expect(validateClusterPurpose('cluster-purpose', ' pull-requests ')).toBe('pull-requests');
    for (const bad of ['Production', 'pull requests', '-x', 'x'.repeat(33), 'prod_1']) {
      expect(() => validateClusterPurpose('cluster-purpose', bad)).toThrow(/cluster-purpose: must be 1-32 lowercase letters/);
    }
  });
});
