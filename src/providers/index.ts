// The providers' one door for entry code (the CLI, the actions). providerFor is the one place that
// maps a provider kind to its implementation; what follows it are the few provider-specific
// notions that provider-specific inputs and commands name (Azure's sign-in settings, tags,
// autoscale bounds and GitHub identity; the lab's own processes and node logs).
import { silentReporter, type Reporter } from '../core/reporter.js';
import type { ClusterProvider } from '../core/cluster.js';
import type { ProviderKind } from '../core/settings.js';
import { azureConnectionFromEnvironment, connectAzure, type AzureConnection, type ConnectOptions } from './azure/connection.js';
import type { LabLogRequest, LogLines } from './lab/node-logs.js';

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
      return labProvider();
    case 'azure':
      return azureProviderFor(options);
  }
}

/**
 * The lab provider, its code loaded with import() on first use: an Azure run never compiles it
 * (an action's cold start is mostly V8 compiling what it loads, docs/benchmarks.md).
 */
function labProvider(): ClusterProvider {
  let provider: Promise<ClusterProvider> | undefined;
  const loaded = () => (provider ??= labRunsAsRoot()
    ? import('./lab/provider.js').then(({ LabProvider }) => new LabProvider())
    : import('./lab/elevated-provider.js').then(({ ElevatedLabProvider }) => new ElevatedLabProvider()));
  return {
    kind: 'lab',
    deploy: async (settings, reporter) => (await loaded()).deploy(settings, reporter),
    open: async (name, reporter) => (await loaded()).open(name, reporter),
    destroy: async (name, reporter, options) => (await loaded()).destroy(name, reporter, options),
    destroyAll: async (reporter) => (await (await loaded()).destroyAll?.(reporter)) ?? [],
  };
}

/** The Azure provider itself, for what only Azure has (the janitor of expired groups). */
export function azureProviderFor(options: ProviderOptions = {}) {
  return connectAzure(options.azure ?? azureConnectionFromEnvironment(), options.reporter ?? silentReporter, options.azureOptions);
}

export type { AzureConnection, ConnectOptions } from './azure/connection.js';
export { azureConnectionFromEnvironment, connectClients, environmentVariableNames } from './azure/connection.js';
export { sendForJson } from './azure/clients.js';
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
export async function readLabNodeLogs(request: LabLogRequest, out: LogLines, stop: Promise<unknown>, reporter: Reporter): Promise<string> {
  return labRunsAsRoot()
    ? (await import('./lab/node-logs.js')).readLabNodeLog(request, out, stop)
    : (await import('./lab/elevated-provider.js')).elevatedLabNodeLog(request, out, stop, reporter);
}
