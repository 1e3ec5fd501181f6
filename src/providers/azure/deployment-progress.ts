// Deployment operations as they change state (what the original's view-deployment showed), and
// on failure the failed operations' resource, code and message.
import type { DeploymentOperation } from '@azure/arm-resourcesdeployments';
import type { DeploymentStep } from '../../core/cluster.js';

export type OperationView = DeploymentStep;

export function viewOperation(operation: DeploymentOperation): OperationView {
  const properties = operation.properties ?? {};
  const target = properties.targetResource;
  const error = properties.statusMessage?.error;
  return {
    resource: target ? `${target.resourceType ?? '?'} ${target.resourceName ?? '?'}` : `operation ${operation.operationId ?? '?'}`,
    state: properties.provisioningState ?? 'Unknown',
    ...(error ? { error: { code: error.code ?? 'Unknown', message: error.message ?? '' } } : {}),
  };
}

/** Remembers the last state of every operation and returns only the lines that changed. */
export class OperationTracker {
  private readonly states = new Map<string, string>();

  changes(views: OperationView[]): string[] {
    const lines: string[] = [];
    for (const view of views) {
      if (this.states.get(view.resource) === view.state) continue;
      this.states.set(view.resource, view.state);
      lines.push(`${view.resource}: ${view.state}`);
    }
    return lines;
  }
}

export function failureLines(views: OperationView[]): string[] {
  return views
    .filter((view) => view.error !== undefined)
    .map((view) => `${view.resource}: ${view.error!.code}: ${view.error!.message}`);
}
