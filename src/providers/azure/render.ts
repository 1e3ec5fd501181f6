// What an Azure deploy sends: arm/cluster.json (bundled as JSON, so an action used from another
// repository carries it) and its parameters rendered from the settings and fresh secrets.
import template from '../../../arm/cluster.json' with { type: 'json' };
import type { ClusterSettings } from '../../core/settings.js';
import { generateClusterSecrets, renderDeploymentParameters } from '../../render/parameters.js';
import type { RenderedDeployment } from './provider.js';

/** `adminPrivateKey` is the private half of settings.sshPublicKey when the toolkit generated it. */
export function renderAzureDeployment(settings: ClusterSettings, adminPrivateKey?: string): RenderedDeployment {
  const secrets = generateClusterSecrets(settings.name);
  return {
    template,
    parameters: renderDeploymentParameters(settings, secrets).parameters,
    ssh: { ...(adminPrivateKey ? { privateKey: adminPrivateKey } : {}), hostKeys: [secrets.masterHostKey.publicKey] },
    secrets: [secrets.helperSecret, secrets.masterHostKey.privateKey],
  };
}
