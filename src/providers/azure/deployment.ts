// ONE deployment of the cluster template into a resource group, with progress while it runs
// and, on failure, every failed operation and the correlation id.
import type { DeploymentExtended } from '@azure/arm-resourcesdeployments';
import { isRestError } from '@azure/core-rest-pipeline';
import { ToolkitError } from '../../core/errors.js';
import type { Reporter } from '../../core/reporter.js';
import type { AzureClients } from './clients.js';
import { failureLines, OperationTracker, viewOperation, type OperationView } from './deployment-progress.js';
import { azureCall, azureError, AzureError } from './errors.js';

export interface DeploymentRequest {
  group: string;
  name: string;
  template: object;
  parameters: Record<string, { value: unknown }>;
}

export interface DeploymentTiming {
  /** How often deployment operations are listed while the deployment runs. */
  progressIntervalMs: number;
  /** Poll interval when ARM gives no Retry-After. */
  pollIntervalMs: number;
  /** Longest wait for the deployment to settle; then it fails naming what was still running. */
  deploymentTimeoutMs: number;
}

/** A pause that does not keep the process alive once the deployment has settled. */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

export async function listOperations(clients: AzureClients, group: string, name: string): Promise<OperationView[]> {
  const views: OperationView[] = [];
  for await (const operation of (await clients.deployments()).deploymentOperations.list(group, name)) views.push(viewOperation(operation));
  return views;
}

export async function runDeployment(clients: AzureClients, request: DeploymentRequest, timing: DeploymentTiming, reporter: Reporter): Promise<DeploymentExtended> {
  const { group, name } = request;
  const stopPolling = new AbortController();
  const poller = (await clients.deployments()).deployments.createOrUpdate(
    group,
    name,
    { properties: { mode: 'Incremental', template: request.template, parameters: request.parameters } },
    { updateIntervalInMs: timing.pollIntervalMs, abortSignal: stopPolling.signal },
  );
  const tracker = new OperationTracker();
  const report = async () => {
    for (const line of tracker.changes(await listOperations(clients, group, name))) reporter.info(`  ${line}`);
  };
  let done = false;
  const settled = Promise.resolve(poller).then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  ).finally(() => void (done = true));
  await azureCall(`start deployment ${name} in ${group}`, () => poller.submitted());
  const deadline = Date.now() + timing.deploymentTimeoutMs;
  while (!done) {
    await Promise.race([settled, sleep(Math.min(timing.progressIntervalMs, Math.max(0, deadline - Date.now())))]);
    if (done) break;
    if (Date.now() >= deadline) {
      stopPolling.abort();
      throw await deploymentTimeout(clients, request, timing.deploymentTimeoutMs);
    }
    await azureCall(`list operations of deployment ${name}`, report);
  }
  const outcome = await settled;
  if ('result' in outcome) {
    await azureCall(`list operations of deployment ${name}`, report);
    return outcome.result;
  }
  throw await deploymentFailure(clients, request, outcome.error);
}

/** The deployment goes on in Azure; the error names the resources it was still waiting for. */
async function deploymentTimeout(clients: AzureClients, request: DeploymentRequest, timeoutMs: number): Promise<ToolkitError> {
  const { group, name } = request;
  const deployment = await azureCall(`read deployment ${name}`, async () => (await clients.deployments()).deployments.get(group, name));
  const operations = await azureCall(`list operations of deployment ${name}`, () => listOperations(clients, group, name));
  const running = operations.filter((operation) => !settledStates.has(operation.state)).map((operation) => `  - ${operation.resource}: ${operation.state}`);
  const correlationId = deployment.properties?.correlationId;
  return new AzureError(
    [
      `deployment ${name} in ${group} did not finish within ${formatWait(timeoutMs)} (it is ${deployment.properties?.provisioningState ?? 'in an unknown state'}); still running:`,
      ...(running.length > 0 ? running : ['  (no operation reported yet)']),
      `correlation id: ${correlationId ?? 'none'}`,
    ].join('\n'),
    'deployment-timeout',
    correlationId,
    'the deployment goes on in Azure: look at the resources above in the portal, then re-run (it updates the group in place) or destroy the cluster',
  );
}

const settledStates = new Set(['Succeeded', 'Failed', 'Canceled']);

const formatWait = (ms: number) => (ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`);

async function deploymentFailure(clients: AzureClients, request: DeploymentRequest, cause: unknown): Promise<ToolkitError> {
  const { group, name } = request;
  // A request of the poller itself was refused (after the pipeline's retries): that is the failure
  // to report, not the deployment's state, which the same refusal would hide.
  if (isRestError(cause)) return azureError(`wait for deployment ${name} in ${group}`, cause);
  const deployment = await azureCall(`read deployment ${name}`, async () => (await clients.deployments()).deployments.get(group, name));
  const failures = failureLines(await azureCall(`list operations of deployment ${name}`, () => listOperations(clients, group, name)));
  const correlationId = deployment.properties?.correlationId;
  const top = deployment.properties?.error;
  const summary = top ? `${top.code}: ${top.message}` : 'the deployment did not succeed';
  return new AzureError(
    [`deployment ${name} in ${group} failed: ${summary}`, ...failures.map((line) => `  - ${line}`), `correlation id: ${correlationId ?? 'none'}`].join('\n'),
    'deployment-failed',
    correlationId,
    'fix the failing resources above and re-run: the deployment updates the group in place',
    { cause },
  );
}
