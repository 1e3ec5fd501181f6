// The Azure SDK clients the provider uses, all pointed at one cloud's Resource Manager with its
// token scopes. Retries: the SDK pipeline's default retry policy already honours Retry-After
// on 429 and 503 and backs off exponentially on other 5xx and network errors; we only give it
// more attempts, because ARM throttling storms outlast its default of three.
//
// Each client is loaded with import() the first time an operation asks for it: an action's cold
// start is mostly V8 compiling its bundle, and the bundler puts each import() in a chunk of its
// own, so a teardown (one resource-group delete) never compiles @azure/arm-compute (2.9 MB) or
// @azure/arm-monitor (1.2 MB). See docs/benchmarks.md.
import type { ComputeManagementClient } from '@azure/arm-compute';
import type { MonitorClient } from '@azure/arm-monitor';
import type { ResourceManagementClient } from '@azure/arm-resources';
import type { DeploymentsClient } from '@azure/arm-resourcesdeployments';
import type { TokenCredential } from '@azure/identity';
import { createDefaultHttpClient, createPipelineFromOptions, formDataPolicyName, type Pipeline, type PipelineRequest } from '@azure/core-rest-pipeline';
import type { AzureCloud } from './clouds.js';

/** One subscription's clients, each created (and its package loaded) on first use, then kept. */
export interface AzureClients {
  resources(): Promise<ResourceManagementClient>;
  deployments(): Promise<DeploymentsClient>;
  compute(): Promise<ComputeManagementClient>;
  monitor(): Promise<MonitorClient>;
}

export const retryOptions = { maxRetries: 8, retryDelayInMs: 1000, maxRetryDelayInMs: 60_000 };

type ClientOptions = { endpoint: string; credentials: { scopes: string[] }; retryOptions: typeof retryOptions };
type ClientClass<T extends { pipeline: Pipeline }> = new (credential: TokenCredential, subscriptionId: string, options: ClientOptions) => T;

/**
 * Drops the pipeline's form-data policy: no Resource Manager or token request sends a form as
 * FormData, and the policy's `typeof FormData` made Node load its internal undici (~40 ms of CPU
 * in every action, before its first request; docs/benchmarks.md).
 */
export function withoutFormData<T extends { pipeline: Pipeline }>(client: T): T {
  client.pipeline.removePolicy({ name: formDataPolicyName });
  return client;
}

/**
 * Sends one request that is not an ARM client's (the token endpoint, the runner's ID token
 * service) through the SDK's own pipeline, as the clients do: the same proxy variables, and
 * 429/5xx/network failures retried. Gives the status and the body parsed as JSON ({} when it is
 * not JSON: a proxy's page; the status says it).
 */
export async function sendForJson<T extends object>(request: PipelineRequest): Promise<{ status: number; body: Partial<T> }> {
  const { pipeline } = withoutFormData({ pipeline: createPipelineFromOptions({}) });
  const response = await pipeline.sendRequest(createDefaultHttpClient(), request);
  try {
    const body: unknown = JSON.parse(response.bodyAsText ?? '');
    return { status: response.status, body: typeof body === 'object' && body !== null ? body as Partial<T> : {} };
  } catch {
    return { status: response.status, body: {} };
  }
}

export function createClients(credential: TokenCredential, subscriptionId: string, cloud: AzureCloud): AzureClients {
  // Every client is of the modular (TypeSpec) generation: the cloud's Resource Manager is
  // `endpoint`, its token scopes `credentials.scopes`.
  const options: ClientOptions = { endpoint: cloud.armEndpoint, credentials: { scopes: cloud.scopes }, retryOptions };
  /** The client of the class that `load` imports, made on the first call and kept. */
  const once = <T extends { pipeline: Pipeline }>(load: () => Promise<ClientClass<T>>) => {
    let client: Promise<T> | undefined;
    return () => (client ??= load().then((Client) => withoutFormData(new Client(credential, subscriptionId, options))));
  };
  return {
    resources: once(async () => (await import('@azure/arm-resources')).ResourceManagementClient),
    deployments: once(async () => (await import('@azure/arm-resourcesdeployments')).DeploymentsClient),
    compute: once(async () => (await import('@azure/arm-compute')).ComputeManagementClient),
    monitor: once(async () => (await import('@azure/arm-monitor')).MonitorClient),
  };
}
