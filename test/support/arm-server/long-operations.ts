// ARM's asynchronous pattern: 201/202 with Azure-AsyncOperation (a status document) and Location
// (the result), both with Retry-After; the operation completes after a set number of polls.
import { json, newId, type ArmReply } from './http.js';
import type { ArmState, LongOperation } from './state.js';

export interface LongOperationSettings {
  /** InProgress answers before an operation completes. */
  polls: number;
  /** Retry-After seconds on every accepted and in-progress answer. */
  retryAfterSeconds: number;
}

export interface StartOptions {
  /** Runs on every poll before completion (a deployment moves its operations along). */
  onPoll?: () => void;
  /** PUT and PATCH answer without a Location (compute's pattern); POST and DELETE with one. */
  withLocation?: boolean;
  /** Real work the operation stands for: it completes only once this settles. */
  until?: Promise<unknown>;
}

export class LongOperations {
  constructor(
    private readonly state: ArmState,
    private readonly settings: LongOperationSettings,
    private readonly baseUrl: () => string,
  ) {}

  /**
   * Starts an operation whose effect runs when it completes; answers `status` with the headers.
   * PUT and PATCH answer Azure-AsyncOperation only (the final state is a GET of the resource, as
   * compute does); POST and DELETE add a Location for the result.
   */
  start(subscription: string, status: number, body: unknown, complete: LongOperation['complete'], options: StartOptions = {}): ArmReply {
    const { onPoll, withLocation = true, until } = options;
    const id = newId();
    const operation: LongOperation = { id, pollsLeft: this.settings.polls, complete, status: 'InProgress', onPoll, waiting: until !== undefined };
    // An operation backed by real work (a lab node restarting) stays InProgress until it ends.
    until?.then(
      () => void (operation.waiting = false),
      (error: unknown) => {
        operation.waiting = false;
        operation.complete = () => ({ code: 'OperationFailed', message: String(error) });
      },
    );
    this.state.operations.set(id, operation);
    const root = `${this.baseUrl()}/subscriptions/${subscription}/providers/Microsoft.Test/locations/local`;
    return json(status, body, {
      'azure-asyncoperation': `${root}/operations/${id}?api-version=2024-01-01`,
      ...(withLocation ? { location: `${root}/operationResults/${id}?api-version=2024-01-01` } : {}),
      'retry-after': String(this.settings.retryAfterSeconds),
    });
  }

  /** One poll: advances the operation and answers its status document. */
  status(id: string): ArmReply {
    const operation = this.advance(id);
    if (operation === undefined) return json(404, { error: { code: 'NotFound', message: `operation ${id}` } });
    const body = { id, name: id, status: operation.status, ...(operation.error ? { error: operation.error } : {}) };
    return json(200, body, operation.status === 'InProgress' ? { 'retry-after': String(this.settings.retryAfterSeconds) } : {});
  }

  /** The Location side: 202 while running, 200 with no body once done. */
  result(id: string): ArmReply {
    const operation = this.advance(id);
    if (operation === undefined) return json(404, { error: { code: 'NotFound', message: `operation ${id}` } });
    if (operation.status === 'InProgress') return json(202, undefined, { 'retry-after': String(this.settings.retryAfterSeconds) });
    if (operation.error) return json(400, { error: operation.error });
    return json(200, undefined);
  }

  private advance(id: string): LongOperation | undefined {
    const operation = this.state.operations.get(id);
    if (operation === undefined || operation.status !== 'InProgress') return operation;
    operation.onPoll?.();
    if (operation.pollsLeft > 0 || operation.waiting) {
      operation.pollsLeft = Math.max(0, operation.pollsLeft - 1);
      return operation;
    }
    operation.error = operation.complete();
    operation.status = operation.error ? 'Failed' : 'Succeeded';
    return operation;
  }
}
