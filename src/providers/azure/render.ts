// What an Azure deploy sends: arm/cluster.json (bundled as JSON, so an action used from another
// repository carries it) and its parameters rendered from the settings and the cluster's secrets:
// derived from a cluster secret (the same on every run), or fresh ones for a new cluster.
import template from '../../../arm/cluster.json' with { type: 'json' };
import { SettingError } from '../../core/errors.js';
import type { ClusterSettings } from '../../core/settings.js';
import { defaultClusterPurpose, deriveClusterSecrets } from '../../render/cluster-secret.js';
import { masterHostPublicKeys } from '../../render/cluster-secret.js';
import { generateClusterSecrets, renderDeploymentParameters, secretValues } from '../../render/parameters.js';

/** What a deployment needs beyond the settings: the template, its parameters, SSH material. */
export interface RenderedDeployment {
  template: object;
  parameters: Record<string, { value: unknown }>;
  /** The private key when the toolkit generated the pair; host keys the masters will present. */
  ssh: { privateKey?: string; hostKeys: string[] };
  /** Generated secrets inside the parameters (helper secret, host private key): masked. */
  secrets: string[];
}

/** What the provider found before rendering: an existing cluster needs its earlier secrets. */
export interface RenderContext {
  /** The group already holds the cluster's deployment (a re-run, an update in place). */
  clusterExists: boolean;
}

export interface AzureRenderOptions {
  /** The private half of settings.sshPublicKey when the toolkit made the pair. */
  adminPrivateKey?: string;
  /** Validated `cluster-secret`: the cluster's secrets are derived from it. */
  clusterSecret?: string;
  /** Validated `cluster-purpose`, bound into the derivation (default production). */
  clusterPurpose?: string;
}

export function renderAzureDeployment(settings: ClusterSettings, context: RenderContext, options: AzureRenderOptions = {}): RenderedDeployment {
  const { adminPrivateKey, clusterSecret, clusterPurpose = defaultClusterPurpose } = options;
  if (!clusterSecret && context.clusterExists) {
    throw new SettingError(
      'cluster-secret',
      `is required to update the existing cluster in resource group ${settings.name}: without it this run would make a new helper secret ` +
        'and master SSH host key (the first run\'s random ones cannot be recovered), and Azure refuses to change the customData and SSH keys of existing VMs ' +
        '(PropertyChangeNotAllowed). Deploy with the same cluster-secret every time, or delete the group (teardown) first',
    );
  }
  const secrets = clusterSecret ? deriveClusterSecrets(clusterSecret, settings.name, clusterPurpose) : generateClusterSecrets(settings.name);
  return {
    template,
    parameters: renderDeploymentParameters(settings, secrets).parameters,
    ssh: { ...(adminPrivateKey ? { privateKey: adminPrivateKey } : {}), hostKeys: masterHostPublicKeys(secrets) },
    secrets: secretValues(secrets),
  };
}
