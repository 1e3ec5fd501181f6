// scale and rollout rebuild the SSH material from cluster-secret; explicit inputs still win.
import { InputProblems } from '../../src/actions/inputs.js';
import { readSshInputs } from '../../src/actions/ssh-inputs.js';
import { deriveClusterSecrets } from '../../src/render/cluster-secret.js';
import { generateSshKeyPair } from '../../src/render/keys.js';

const clusterSecret = '9b0e4c2f7a1d4e8b8c3f5a6d7e9f0a1b-ci-secret';
const reader = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';

describe('SSH inputs of scale and rollout', () => {
  it('derives the admin key and both pinned host keys from cluster-secret and the group', () => {
    const problems = new InputProblems();
    const ssh = readSshInputs(reader({ 'resource-group': 'swarm-ci', 'cluster-secret': clusterSecret }), problems);
    problems.throwIfAny();
    const derived = deriveClusterSecrets(clusterSecret, 'swarm-ci', 'production');
    expect(ssh).toEqual({ privateKey: derived.adminKey.privateKey, hostKeys: [derived.masterHostKey.publicKey, derived.masterRsaHostKey.publicKey] });
  });

  it('keeps an explicit ssh-private-key and known-hosts over the derived ones', () => {
    const own = generateSshKeyPair('own');
    const host = generateSshKeyPair('host');
    const key = host.publicKey.split(' ').slice(0, 2).join(' ');
    const knownHosts = `master0.example ${key}`;
    const ssh = readSshInputs(reader({ 'resource-group': 'swarm-ci', 'cluster-secret': clusterSecret, 'ssh-private-key': own.privateKey, 'known-hosts': knownHosts }), new InputProblems());
    // The provider pins the entries of master0's own name once it knows it (keysForHost).
    expect(ssh).toEqual({ privateKey: own.privateKey, hostKeys: [], knownHosts: [{ patterns: ['master0.example'], key }] });
  });

  it('binds cluster-purpose: a pull-requests cluster\'s keys are not production\'s', () => {
    const ssh = readSshInputs(reader({ 'resource-group': 'swarm-ci', 'cluster-secret': clusterSecret, 'cluster-purpose': 'pull-requests' }), new InputProblems());
    const derived = deriveClusterSecrets(clusterSecret, 'swarm-ci', 'pull-requests');
    expect(ssh).toEqual({ privateKey: derived.adminKey.privateKey, hostKeys: [derived.masterHostKey.publicKey, derived.masterRsaHostKey.publicKey] });
    expect(ssh.privateKey).not.toBe(deriveClusterSecrets(clusterSecret, 'swarm-ci', 'production').adminKey.privateKey);
  });

  it('names cluster-secret when it is too short', () => {
    const problems = new InputProblems();
    readSshInputs(reader({ 'resource-group': 'swarm-ci', 'cluster-secret': 'short' }), problems);
    expect(() => problems.throwIfAny()).toThrow(/cluster-secret: must be at least 32 characters/);
  });
});
