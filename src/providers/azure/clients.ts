// The Azure SDK clients the provider uses, all pointed at one cloud's Resource Manager with its
// token scopes. Retries: the SDK pipeline's default retry policy already honours Retry-After
// on 429 and 503 and backs off exponentially on other 5xx and network errors; we only give it
// more attempts, because ARM throttling storms outlast its default of three.
import { ComputeManagementClient } from '@azure/arm-compute';
import { MonitorClient } from '@azure/arm-monitor';
import { ResourceManagementClient } from '@azure/arm-resources';
import { DeploymentsClient } from '@azure/arm-resourcesdeployments';
import type { TokenCredential } from '@azure/identity';
import type { AzureCloud } from './clouds.js';

export interface AzureClients {
  resources: ResourceManagementClient;
  deployments: DeploymentsClient;
  compute: ComputeManagementClient;
  monitor: MonitorClient;
}

export const retryOptions = { maxRetries: 8, retryDelayInMs: 1000, maxRetryDelayInMs: 60_000 };

export function createClients(credential: TokenCredential, subscriptionId: string, cloud: AzureCloud): AzureClients {
  // Every client is of the modular (TypeSpec) generation: the cloud's Resource Manager is
  // `endpoint`, its token scopes `credentials.scopes`.
  const options = { endpoint: cloud.armEndpoint, credentials: { scopes: cloud.scopes }, retryOptions };
  return {
    resources: new ResourceManagementClient(credential, subscriptionId, options),
    deployments: new DeploymentsClient(credential, subscriptionId, options),
    compute: new ComputeManagementClient(credential, subscriptionId, options),
    monitor: new MonitorClient(credential, subscriptionId, options),
  };
}
