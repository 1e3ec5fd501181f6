import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateSshPublicKey } from '../../src/core/validators.js';
import { generateHelperSecret, generateHostKeyPair, generateSshKeyPair, knownHostsLine, rsaKeyPairFromSeed } from '../../src/render/keys.js';

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

describe('rsaKeyPairFromSeed', () => {
  const seed = Buffer.alloc(32, 7);

  it('gives the same 3072-bit RSA pair for the same seed, one that ssh-keygen reads, and another for another seed', () => {
    const started = performance.now();
    const pair = rsaKeyPairFromSeed(seed, 'host@test');
    console.log(`rsaKeyPairFromSeed: ${Math.round(performance.now() - started)} ms`);
    expect(rsaKeyPairFromSeed(seed, 'host@test')).toEqual(pair);
    expect(pair.privateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    const dir = mkdtempSync(join(tmpdir(), 'azswarm-rsa-'));
    try {
      const file = join(dir, 'ssh_host_rsa_key');
      writeFileSync(file, pair.privateKey, { mode: 0o600 });
      expect(execFileSync('ssh-keygen', ['-y', '-f', file], { encoding: 'utf8' }).trim()).toBe(pair.publicKey.split(' ').slice(0, 2).join(' '));
      writeFileSync(`${file}.pub`, `${pair.publicKey}\n`);
      expect(execFileSync('ssh-keygen', ['-l', '-f', `${file}.pub`], { encoding: 'utf8' })).toMatch(/^3072 SHA256:\S+ host@test \(RSA\)$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(rsaKeyPairFromSeed(Buffer.alloc(32, 8), 'host@test').publicKey).not.toBe(pair.publicKey);
    expect(() => rsaKeyPairFromSeed(Buffer.alloc(31), 'x')).toThrow(/32 bytes/);
  });
});
