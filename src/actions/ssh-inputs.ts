// SSH material for actions that work on an existing cluster (scale, rollout): the admin key
// and the pinned host keys deploy-cluster reported (outputs ssh-private-key-path, known-hosts),
// or both derived again from the cluster-secret the cluster was deployed with.
import { readFileSync } from 'node:fs';
import { SettingError } from '../core/errors.js';
import { deriveClusterSecrets, masterHostPublicKeys } from '../render/cluster-secret.js';
import { parseKnownHosts, type KnownHostsEntry } from '../swarm/known-hosts.js';
import { readClusterPurpose, readClusterSecret, type InputProblems, type InputReader } from './inputs.js';
import { maskSecret } from './reporter.js';

export interface SshInputs {
  privateKey: string;
  /** Keys to pin whatever the host (derived from cluster-secret). */
  hostKeys: string[];
  /** The known-hosts input: the provider pins the keys of master0's own name from it. */
  knownHosts?: KnownHostsEntry[];
}

export function readSshInputs(read: InputReader, problems: InputProblems): SshInputs {
  const privateKey = problems.check(() => {
    const inline = read('ssh-private-key');
    const path = read('ssh-private-key-path');
    if (inline !== '') return inline;
    if (path === '') return '';
    try {
      return readFileSync(path, 'utf8');
    } catch {
      throw new SettingError('ssh-private-key-path', 'must name a readable file', path);
    }
  }) ?? '';
  maskSecret(privateKey);
  const knownHosts = parseKnownHosts(read('known-hosts'));
  const given = knownHosts.length > 0 ? { knownHosts } : {};
  const clusterSecret = readClusterSecret(read, problems);
  if (clusterSecret === '' || read('resource-group') === '') return { privateKey, hostKeys: [], ...given };
  // Explicit inputs win: a cluster deployed with the user's own ssh-public-key needs its private key.
  const derived = deriveClusterSecrets(clusterSecret, read('resource-group'), readClusterPurpose(read, problems));
  maskSecret(derived.adminKey.privateKey);
  return {
    privateKey: privateKey || derived.adminKey.privateKey,
    ...(knownHosts.length > 0 ? { hostKeys: [], knownHosts } : { hostKeys: masterHostPublicKeys(derived) }),
  };
}
