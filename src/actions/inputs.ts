// Action inputs, each name spelled once here, parsed ONCE into typed values; every error names
// the input and the rule, and comes before any call to Azure or the lab.
import { SettingError, type SettingProblems } from '../core/errors.js';
import type { ProviderKind } from '../core/settings.js';
import { parseOptionalBoolean } from '../core/validators.js';
import { authModes, federatedAudience, parseAzureEnvironment, type AuthMode } from '../providers/index.js';
import { defaultClusterPurpose, validateClusterPurpose, validateClusterSecret } from '../render/cluster-secret.js';
import { maskSecret } from './reporter.js';

/** Reads one input's raw text ('' when absent); workflow-commands.ts's getInput in the actions. */
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
    /** The audience of the GitHub ID token for OIDC (azure/login's `audience`). */
    audience: string;
  };
}

/** Every problem of a set of inputs, reported at once (the same collector as the CLI's). */
export { SettingProblems as InputProblems } from '../core/errors.js';

export function oneOf<T extends string>(name: string, value: string, allowed: readonly T[], fallback?: T): T {
  if (value === '' && fallback !== undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new SettingError(name, `must be one of ${allowed.join(', ')}`, value);
  return value as T;
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

/**
 * The inputs every action shares. `wait-for-swarm` is read only by the actions that declare it
 * (`readsWaitForSwarm`): teardown never reaches the swarm.
 */
export function readCommonInputs(read: InputReader, problems: SettingProblems, { readsWaitForSwarm = true } = {}): CommonInputs {
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
    environment: problems.check(() => parseAzureEnvironment('environment', read('environment') || 'AzureCloud')) ?? 'AzureCloud',
    armEndpoint: read('arm-endpoint') || undefined,
    audience: problems.check(() => parseAudience(read('audience'))) ?? federatedAudience,
  };
  const waitForSwarm = readsWaitForSwarm ? problems.check(() => parseOptionalBoolean('wait-for-swarm', read('wait-for-swarm'), true)) : false;
  return {
    provider: provider ?? 'azure',
    resourceGroup: resourceGroup ?? '',
    waitForSwarm: waitForSwarm ?? true,
    azure: azure ?? { subscriptionId: '', auth: 'auto', environment: 'AzureCloud', audience: federatedAudience },
  };
}

/** `audience`: what the GitHub ID token is issued for; the federated credential must name the same. */
function parseAudience(value: string): string {
  const text = value.trim();
  if (text === '') return federatedAudience;
  if (/\s/.test(text) || text.length > 600) throw new SettingError('audience', 'must be one audience URI without spaces, e.g. api://AzureADTokenExchange', value);
  return text;
}

/** `cluster-secret`, masked before it is checked; '' when absent. */
export function readClusterSecret(read: InputReader, problems: SettingProblems): string {
  return problems.check(() => validateClusterSecret('cluster-secret', masked(read('cluster-secret')))) ?? '';
}

/** `cluster-purpose`, bound into every key derived from cluster-secret (default production). */
export function readClusterPurpose(read: InputReader, problems: SettingProblems): string {
  return problems.check(() => validateClusterPurpose('cluster-purpose', read('cluster-purpose'))) ?? defaultClusterPurpose;
}
