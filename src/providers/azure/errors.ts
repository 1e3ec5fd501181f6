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
  AuthenticationFailed: 'check tenant-id, client-id and the credential (auth input)',
  AuthorizationFailed: 'the identity needs the Contributor role on the subscription or resource group',
  InvalidAuthenticationTokenTenant: 'tenant-id does not own subscription-id',
  SubscriptionNotFound: 'check subscription-id',
};

function armErrorOf(error: { code?: string; message: string; details?: unknown }): { code: string; message: string } {
  const body = error.details as { error?: { code?: string; message?: string } } | undefined;
  return { code: body?.error?.code ?? error.code ?? 'Unknown', message: body?.error?.message ?? error.message };
}

/** Wraps anything an Azure call threw; `action` says what was being done ("create resource group x"). */
export function azureError(action: string, error: unknown): ToolkitError {
  if (error instanceof ToolkitError) return error;
  if (isRestError(error)) {
    const { code, message } = armErrorOf(error);
    const correlationId = error.response?.headers.get('x-ms-correlation-request-id') ?? undefined;
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
  return new AzureError(`${action}: ${describeError(error)}`, 'azure-request', undefined, undefined, { cause: error });
}

/** Runs one Azure call and turns its failure into a clear ToolkitError. */
export async function azureCall<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw azureError(action, error);
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
