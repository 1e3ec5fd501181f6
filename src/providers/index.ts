// The providers' one door for entry code (the CLI, the actions). providerFor is the one place that
// maps a provider kind to its implementation; what follows it are the few provider-specific
// notions that provider-specific inputs and commands name (Azure's sign-in settings, tags,
// autoscale bounds and GitHub identity; the lab's own processes and node logs).
import { silentReporter, type Reporter } from '../core/reporter.js';
import type { ClusterProvider } from '../core/cluster.js';
import type { ProviderKind } from '../core/settings.js';
import { azureConnectionFromEnvironment, connectAzure, type AzureConnection, type ConnectOptions } from './azure/connection.js';
import { LabProvider } from './lab/provider.js';
import { ElevatedLabProvider, elevatedLabNodeLog } from './lab/elevated-provider.js';
import { readLabNodeLog, type LabLogRequest, type LogLines } from './lab/node-logs.js';

export interface ProviderOptions {
  /** Where Azure is reached; default: the Azure SDK's environment variables (see connection.ts). */
  azure?: AzureConnection;
  /** Plain data for the Azure provider: rendering (cluster secret, generated key), tags, SSH material, timing. */
  azureOptions?: ConnectOptions;
  /** Hears which Azure sign-in was used. */
  reporter?: Reporter;
}

/** Not root: the lab's privileged part runs through `sudo -n` (hosted runners). */
const labRunsAsRoot = () => process.getuid?.() === 0;

export function providerFor(kind: ProviderKind, options: ProviderOptions = {}): ClusterProvider {
  switch (kind) {
    case 'lab':
      return labRunsAsRoot() ? new LabProvider() : new ElevatedLabProvider();
    case 'azure':
      return azureProviderFor(options);
  }
}

/** The Azure provider itself, for what only Azure has (the janitor of expired groups). */
export function azureProviderFor(options: ProviderOptions = {}) {
  return connectAzure(options.azure ?? azureConnectionFromEnvironment(), options.reporter ?? silentReporter, options.azureOptions);
}

export type { AzureConnection, ConnectOptions } from './azure/connection.js';
export { azureConnectionFromEnvironment, connectClients, environmentVariableNames } from './azure/connection.js';
export { parseAzureEnvironment, resolveCloud } from './azure/clouds.js';
export { authModes, federatedAudience, type AuthMode } from './azure/credentials.js';
export { autoscaleBoundsPolicies, type AutoscaleBoundsPolicy } from './azure/autoscale.js';
export { defaultDeploymentName } from './azure/provider.js';
export { parseTtl, toolkitTags } from './azure/tags.js';
export {
  deployGithubIdentity,
  federatedCredentials,
  parseBranch,
  parseRepository,
  workflowEnvironments,
  type GithubIdentity,
} from './azure/github-identity.js';
export { runLabProcessIfRequested } from './lab/process-entry.js';

/**
 * A lab node's unit log (`azswarm logs`): printed whole to `out` and, with follow, what is
 * appended until `stop` resolves; read as root, through `sudo -n` when this process is not.
 * Resolves to the file or journal folder read.
 */
export function readLabNodeLogs(request: LabLogRequest, out: LogLines, stop: Promise<unknown>, reporter: Reporter): Promise<string> {
  return labRunsAsRoot() ? readLabNodeLog(request, out, stop) : elevatedLabNodeLog(request, out, stop, reporter);
}
