// SSH material for actions that work on an existing cluster (scale, rollout): the admin key
// and the pinned host keys deploy-cluster reported (outputs ssh-private-key-path, known-hosts),
// or both derived again from the cluster-secret the cluster was deployed with.
import { readFileSync } from 'node:fs';
import { SettingError } from '../core/errors.js';
import { deriveClusterSecrets } from '../render/cluster-secret.js';
import { masterHostPublicKeys } from '../render/parameters.js';
import { readClusterSecret, type InputProblems, type InputReader } from './inputs.js';
import { maskSecret } from './reporter.js';

export interface SshInputs {
  privateKey: string;
  hostKeys: string[];
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
  // known_hosts lines: host names first, then the key type and the key.
  const hostKeys = read('known-hosts').split('\n').map((line) => line.trim().split(/\s+/).slice(-2).join(' ')).filter((key) => key.startsWith('ssh-') || key.startsWith('ecdsa-'));
  const clusterSecret = readClusterSecret(read, problems);
  if (clusterSecret === '' || read('resource-group') === '') return { privateKey, hostKeys };
  // Explicit inputs win: a cluster deployed with the user's own ssh-public-key needs its private key.
  const derived = deriveClusterSecrets(clusterSecret, read('resource-group'));
  maskSecret(derived.adminKey.privateKey);
  return {
    privateKey: privateKey || derived.adminKey.privateKey,
    hostKeys: hostKeys.length > 0 ? hostKeys : masterHostPublicKeys(derived),
  };
}
