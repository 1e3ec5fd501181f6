// All Azure error text users see: an SDK RestError or an identity error becomes a ToolkitError
// whose message says what was being done, ARM's code and message, and the correlation id that
// Azure support asks for.
import { isRestError } from '@azure/core-rest-pipeline';
import { describeError, ToolkitError } from '../../core/errors.js';

export class AzureError extends ToolkitError {
  constructor(
    message: string,
    code: string,
    readonly correlationId?: string,
    hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, code, hint, options);
  }
}

const hints: Record<string, string> = {
  AuthenticationFailed: 'check the tenant id, the client id and the credential (CLI: AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET or `az login`; actions: tenant-id, client-id, auth)',
  AuthorizationFailed: 'the identity needs the Contributor role on the resource group (or on the subscription, to create groups): see docs/azure-setup.md',
  InvalidAuthenticationTokenTenant: 'the tenant does not own the subscription (CLI: AZURE_TENANT_ID, AZURE_SUBSCRIPTION_ID; actions: tenant-id, subscription-id)',
  SubscriptionNotFound: 'check the subscription id (CLI: AZURE_SUBSCRIPTION_ID; actions: subscription-id)',
  ExpiredAuthenticationToken: "the sign-in expired before Azure received the request (check this machine's clock); re-run: a deployment updates the group in place",
  ResourceGroupBeingDeleted: 'the resource group is still being deleted: wait until it is gone (destroy-cluster waits for it) or use another name',
  OperationNotAllowed: 'a quota refused it: ask for more vCPU quota in this region (Usage + quotas) or ask for fewer agents',
};

function armErrorOf(error: { code?: string; message: string; details?: unknown }): { code: string; message: string } {
  const body = error.details as { error?: { code?: string; message?: string } } | undefined;
  return { code: body?.error?.code ?? error.code ?? 'Unknown', message: body?.error?.message ?? error.message };
}

/**
 * Wraps anything an Azure call threw; `action` says what was being done ("create resource group
 * x"). `knownCorrelationId`: the id of the request that started the operation, for errors that
 * carry no response of their own (a poller's "long-running operation has failed").
 */
export function azureError(action: string, error: unknown, knownCorrelationId?: string): ToolkitError {
  if (error instanceof ToolkitError) return error;
  if (isRestError(error)) {
    const { code, message } = armErrorOf(error);
    const correlationId = error.response?.headers.get('x-ms-correlation-request-id') ?? knownCorrelationId;
    const status = error.statusCode ? `HTTP ${error.statusCode}, ` : '';
    return new AzureError(
      `${action}: ${code}: ${message} (${status}correlation id ${correlationId ?? 'none'})`,
      `azure-${code}`,
      correlationId,
      hints[code],
      { cause: error },
    );
  }
  const name = error instanceof Error ? error.name : '';
  if (name === 'AuthenticationError' || name === 'CredentialUnavailableError' || name === 'AggregateAuthenticationError') {
    return new AzureError(`${action}: Azure sign-in failed: ${describeError(error)}`, 'azure-sign-in', undefined, hints.AuthenticationFailed, { cause: error });
  }
  const correlation = knownCorrelationId ? ` (correlation id ${knownCorrelationId})` : '';
  return new AzureError(`${action}: ${describeError(error)}${correlation}`, 'azure-request', knownCorrelationId, undefined, { cause: error });
}

/** Runs one Azure call and turns its failure into a clear ToolkitError. */
export async function azureCall<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw azureError(action, error);
  }
}

/** What the SDK hands an `onResponse` callback: enough to read a header. */
interface RawResponse {
  headers: { get(name: string): string | undefined | null };
}

/** SDK operation options that watch each raw response. */
export interface ResponseObserver {
  onResponse: (response: RawResponse) => void;
}

/**
 * Runs one long-running Azure operation. `call` passes the given options to the SDK method: they
 * record the correlation id of the request that started the operation (ARM keeps it for the
 * whole operation), so that a failure reported only by the poller can still name it.
 */
export async function azureOperation<T>(action: string, call: (options: ResponseObserver) => PromiseLike<T>): Promise<T> {
  let correlationId: string | undefined;
  const onResponse = (response: RawResponse) => {
    correlationId ??= response.headers.get('x-ms-correlation-request-id') ?? undefined;
  };
  try {
    return await call({ onResponse });
  } catch (error) {
    throw azureError(action, error, correlationId);
  }
}

/** Runs one Azure read; a resource that is not there (404) reads as undefined. */
export async function unlessNotFound<T>(action: string, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isRestError(error) && error.statusCode === 404) return undefined;
    throw azureError(action, error);
  }
}
