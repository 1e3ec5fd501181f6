import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateSshPublicKey } from '../../src/core/validators.js';
import { generateHelperSecret, generateHostKeyPair, generateSshKeyPair, knownHostsLine } from '../../src/render/keys.js';

describe('keys', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'azswarm-keys-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('generates an ed25519 pair that OpenSSH itself reads', () => {
    const pair = generateSshKeyPair('ops@team');
    expect(pair.privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
    expect(pair.publicKey).toMatch(/^ssh-ed25519 AAAA[A-Za-z0-9+/=]+ ops@team$/);
    expect(validateSshPublicKey('ssh-public-key', pair.publicKey)).toBe(pair.publicKey);
    const file = join(folder, 'id');
    writeFileSync(file, pair.privateKey, { mode: 0o600 });
    // ssh-keygen -y derives the public key from the private one: both halves belong together.
    const derived = execFileSync('ssh-keygen', ['-y', '-f', file], { encoding: 'utf8' }).trim();
    expect(derived.split(' ').slice(0, 2)).toEqual(pair.publicKey.split(' ').slice(0, 2));
  });

  it('generates keys that always parse: 2000 in a row, each a 32-byte ed25519 key', () => {
    // A generator that loses a leading zero byte fails about one key in 256.
    for (let index = 0; index < 2000; index += 1) {
      const blob = Buffer.from(generateSshKeyPair('k').publicKey.split(' ')[1], 'base64');
      expect([index, blob.length]).toEqual([index, 4 + 11 + 4 + 32]);
    }
  });

  it('generates different keys every time', () => {
    expect(generateHostKeyPair('a').publicKey).not.toBe(generateHostKeyPair('a').publicKey);
  });

  it('makes a known_hosts line that ssh-keygen finds for every host', () => {
    const host = generateHostKeyPair('c1');
    const line = knownHostsLine(['c1-master0.westeurope.cloudapp.azure.com', '10.0.1.10'], host.publicKey);
    expect(line).toBe(`c1-master0.westeurope.cloudapp.azure.com,10.0.1.10 ${host.publicKey.split(' ').slice(0, 2).join(' ')}\n`);
    const file = join(folder, 'known_hosts');
    writeFileSync(file, line + knownHostsLine(['10.9.0.2'], host.publicKey, 2222));
    for (const name of ['10.0.1.10', 'c1-master0.westeurope.cloudapp.azure.com', '[10.9.0.2]:2222']) {
      expect(execFileSync('ssh-keygen', ['-F', name, '-f', file], { encoding: 'utf8' })).toContain('ssh-ed25519');
    }
    expect(() => knownHostsLine([], host.publicKey)).toThrow(RangeError);
  });

  it('makes a helper secret of 32 random bytes in hex', () => {
    const secret = generateHelperSecret();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(generateHelperSecret()).not.toBe(secret);
  });
});
