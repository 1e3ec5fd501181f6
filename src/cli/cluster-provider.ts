// The provider a CLI command works on. On Azure every piece of SSH material comes from the
// cluster secret (env AZSWARM_CLUSTER_SECRET, never a flag: flags show in `ps`), exactly as the
// actions' `cluster-secret` input: deploy renders the same secrets on every run, and any later
// command rebuilds the admin key and the pinned host key from it, with no key files to carry.
import { SettingError, SettingProblems } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import type { ProviderKind } from '../core/settings.js';
import { azureConnectionFromEnvironment, environmentVariableNames, providerFor, resolveCloud } from '../providers/index.js';
import type { ClusterProvider } from '../core/cluster.js';
import {
  agentHostPublicKeys, deriveClusterSecrets, masterHostPublicKeys, validateClusterPurpose, validateClusterSecret, type DerivedClusterSecrets,
} from '../render/cluster-secret.js';
import { secretValues } from '../render/parameters.js';

export const clusterSecretVariable = 'AZSWARM_CLUSTER_SECRET';
/** What the secret is for (default production): bound into every derived key. */
export const clusterPurposeVariable = 'AZSWARM_CLUSTER_PURPOSE';

export interface AzureClusterAccess {
  secret: string;
  purpose: string;
  derived: DerivedClusterSecrets;
}

const clusterSecretRequired =
  'is required with --provider azure: the cluster\'s helper secret and SSH keys are derived from it, so that every later command can reach the masters (e.g. `export AZSWARM_CLUSTER_SECRET=$(openssl rand -hex 32)`, and keep it)';

/**
 * Every problem of the environment variables the CLI reads on Azure (AZURE_SUBSCRIPTION_ID,
 * AZURE_ENVIRONMENT, AZURE_ARM_ENDPOINT, AZURE_AUTHORITY_HOST and, for commands that reach
 * the masters, AZSWARM_CLUSTER_SECRET), each named by its variable; nothing is signed in.
 */
export function azureEnvironmentProblems({ needsClusterSecret }: { needsClusterSecret: boolean }): readonly SettingError[] {
  const problems = new SettingProblems();
  const connection = azureConnectionFromEnvironment();
  if (connection.subscriptionId === '') problems.add(new SettingError(environmentVariableNames.subscriptionId, 'is required with --provider azure (the subscription of the cluster)'));
  problems.check(() => resolveCloud(connection.environment, connection, environmentVariableNames));
  if (needsClusterSecret) {
    problems.check(() => {
      if (validateClusterSecret(clusterSecretVariable, process.env[clusterSecretVariable] ?? '') === '') throw new SettingError(clusterSecretVariable, clusterSecretRequired);
    });
  }
  return problems.all;
}

/** The cluster secret's derivations for a resource group; a clear error when it is not set. */
export function azureClusterSecrets(group: string, reporter: Reporter): AzureClusterAccess {
  const secret = validateClusterSecret(clusterSecretVariable, process.env[clusterSecretVariable] ?? '');
  if (secret === '') throw new SettingError(clusterSecretVariable, clusterSecretRequired);
  const purpose = validateClusterPurpose(clusterPurposeVariable, process.env[clusterPurposeVariable] ?? '');
  const derived = deriveClusterSecrets(secret, group, purpose);
  reporter.secret(secret);
  reporter.secret(derived.adminKey.privateKey);
  for (const value of secretValues(derived)) reporter.secret(value);
  return { secret, purpose, derived };
}

/** The Azure provider whose renders and SSH use the secrets derived from the cluster secret. */
export function azureProvider({ secret, purpose, derived }: AzureClusterAccess, reporter: Reporter): ClusterProvider {
  return providerFor('azure', {
    reporter,
    azureOptions: {
      rendering: { adminPrivateKey: derived.adminKey.privateKey, clusterSecret: secret, clusterPurpose: purpose },
      ssh: { privateKey: derived.adminKey.privateKey, hostKeys: masterHostPublicKeys(derived), agentHostKeys: agentHostPublicKeys(derived) },
    },
  });
}

/** The provider of a command that reaches the cluster's masters; on Azure after every environment check. */
export function clusterProvider(kind: ProviderKind, group: string, reporter: Reporter): ClusterProvider {
  return kind === 'lab' ? providerFor('lab') : azureProvider(azureClusterSecrets(group, reporter), reporter);
}
