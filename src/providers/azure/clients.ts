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
  const endpoint = cloud.armEndpoint;
  // Two generations of SDK packages: the classic ones take credentialScopes, the modular ones
  // (compute, deployments) take credentials.scopes.
  const classic = { endpoint, credentialScopes: cloud.scopes, retryOptions };
  const modular = { endpoint, credentials: { scopes: cloud.scopes }, retryOptions };
  return {
    resources: new ResourceManagementClient(credential, subscriptionId, classic),
    deployments: new DeploymentsClient(credential, subscriptionId, modular),
    compute: new ComputeManagementClient(credential, subscriptionId, modular),
    monitor: new MonitorClient(credential, subscriptionId, classic),
  };
}
