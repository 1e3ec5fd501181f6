// Action inputs, each name spelled once here, parsed ONCE into typed values; every error names
// the input and the rule, and comes before any call to Azure or the lab.
import { SettingError, SettingsError } from '../core/errors.js';
import type { ProviderKind } from '../core/settings.js';
import { authModes, type AuthMode } from '../providers/azure/credentials.js';
import { azureEnvironments } from '../providers/azure/clouds.js';
import { defaultClusterPurpose, validateClusterPurpose, validateClusterSecret } from '../render/cluster-secret.js';
import { maskSecret } from './reporter.js';

/** Reads one input's raw text ('' when absent); @actions/core's getInput in the actions. */
export type InputReader = (name: string) => string;

export interface CommonInputs {
  provider: ProviderKind;
  resourceGroup: string;
  waitForSwarm: boolean;
  azure: {
    subscriptionId: string;
    tenantId?: string;
    clientId?: string;
    clientSecret?: string;
    auth: AuthMode;
    environment: string;
    armEndpoint?: string;
  };
}

/** Collects every problem of a set of inputs before reporting them all at once. */
export class InputProblems {
  private readonly problems: SettingError[] = [];

  check<T>(rule: () => T): T | undefined {
    try {
      return rule();
    } catch (error) {
      if (error instanceof SettingsError) this.problems.push(...error.problems);
      else if (error instanceof SettingError) this.problems.push(error);
      else throw error;
      return undefined;
    }
  }

  add(problem: SettingError): void {
    this.problems.push(problem);
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new SettingsError(this.problems);
  }
}

export function oneOf<T extends string>(name: string, value: string, allowed: readonly T[], fallback?: T): T {
  if (value === '' && fallback !== undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new SettingError(name, `must be one of ${allowed.join(', ')}`, value);
  return value as T;
}

export function flag(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (/^(true|yes|1)$/i.test(value)) return true;
  if (/^(false|no|0)$/i.test(value)) return false;
  throw new SettingError(name, 'must be true or false', value);
}

export function wholeNumber(name: string, value: string, range: { min: number; max: number }, fallback?: number): number {
  if (value === '' && fallback !== undefined) return fallback;
  const number = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!(number >= range.min && number <= range.max)) throw new SettingError(name, `must be a whole number from ${range.min} to ${range.max}`, value);
  return number;
}

/** Masks a secret input the moment it is read (the runner masks `secrets.*`, not every value). */
function masked(value: string): string {
  maskSecret(value);
  return value;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function optionalUuid(name: string, value: string): string | undefined {
  if (value === '') return undefined;
  if (!uuid.test(value)) throw new SettingError(name, 'must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)', value);
  return value;
}

export function readCommonInputs(read: InputReader, problems: InputProblems): CommonInputs {
  const provider = problems.check(() => oneOf<ProviderKind>('provider', read('provider'), ['azure', 'lab'], 'azure'));
  const resourceGroup = problems.check(() => {
    if (read('resource-group') === '') throw new SettingError('resource-group', 'is required');
    return read('resource-group');
  });
  const azure = provider !== 'azure' ? undefined : {
    subscriptionId: problems.check(() => {
      if (read('subscription-id') === '') throw new SettingError('subscription-id', 'is required with provider azure');
      return optionalUuid('subscription-id', read('subscription-id'))!;
    }) ?? '',
    tenantId: problems.check(() => optionalUuid('tenant-id', read('tenant-id'))),
    clientId: problems.check(() => optionalUuid('client-id', read('client-id'))),
    clientSecret: masked(read('client-secret')) || undefined,
    auth: problems.check(() => oneOf<AuthMode>('auth', read('auth'), authModes, 'auto')) ?? 'auto',
    environment: problems.check(() => oneOf('environment', read('environment'), azureEnvironments, 'AzureCloud')) ?? 'AzureCloud',
    armEndpoint: read('arm-endpoint') || undefined,
  };
  const waitForSwarm = problems.check(() => flag('wait-for-swarm', read('wait-for-swarm'), true));
  return {
    provider: provider ?? 'azure',
    resourceGroup: resourceGroup ?? '',
    waitForSwarm: waitForSwarm ?? true,
    azure: azure ?? { subscriptionId: '', auth: 'auto', environment: 'AzureCloud' },
  };
}

/** `cluster-secret`, masked before it is checked; '' when absent. */
export function readClusterSecret(read: InputReader, problems: InputProblems): string {
  return problems.check(() => validateClusterSecret('cluster-secret', masked(read('cluster-secret')))) ?? '';
}

/** `cluster-purpose`, bound into every key derived from cluster-secret (default production). */
export function readClusterPurpose(read: InputReader, problems: InputProblems): string {
  return problems.check(() => validateClusterPurpose('cluster-purpose', read('cluster-purpose'))) ?? defaultClusterPurpose;
}
