// The one place that maps a provider kind to its implementation.
import { silentReporter, type Reporter } from '../core/reporter.js';
import type { ProviderKind } from '../core/settings.js';
import { azureConnectionFromEnvironment, connectAzure, type AzureConnection, type ConnectOptions } from './azure/connection.js';
import { LabProvider } from './lab/provider.js';
import type { ClusterProvider } from '../core/cluster.js';

export interface ProviderOptions {
  /** Where Azure is reached; default: the Azure SDK's environment variables (see connection.ts). */
  azure?: AzureConnection;
  azureOptions?: ConnectOptions;
  /** Hears which Azure sign-in was used. */
  reporter?: Reporter;
}

export function createProvider(kind: ProviderKind, options: ProviderOptions = {}): ClusterProvider {
  switch (kind) {
    case 'lab':
      return new LabProvider();
    case 'azure':
      return connectAzure(options.azure ?? azureConnectionFromEnvironment(), options.reporter ?? silentReporter, options.azureOptions);
  }
}
