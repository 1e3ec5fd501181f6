// Azure clouds: where Resource Manager and Microsoft Entra live, and the token scope ARM wants.
import { SettingError } from '../../core/errors.js';

export type AzureEnvironment = 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';
export const azureEnvironments: readonly AzureEnvironment[] = ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'];

export interface AzureCloud {
  environment: AzureEnvironment;
  /** Resource Manager base URL (no trailing slash). */
  armEndpoint: string;
  /** Microsoft Entra authority host. */
  authorityHost: string;
  /** Token scopes for Resource Manager. */
  scopes: string[];
}

const clouds: Record<AzureEnvironment, Omit<AzureCloud, 'environment'>> = {
  AzureCloud: { armEndpoint: 'https://management.azure.com', authorityHost: 'https://login.microsoftonline.com', scopes: ['https://management.azure.com/.default'] },
  AzureUSGovernment: { armEndpoint: 'https://management.usgovcloudapi.net', authorityHost: 'https://login.microsoftonline.us', scopes: ['https://management.usgovcloudapi.net/.default'] },
  AzureChinaCloud: { armEndpoint: 'https://management.chinacloudapi.cn', authorityHost: 'https://login.chinacloudapi.cn', scopes: ['https://management.chinacloudapi.cn/.default'] },
};

/**
 * The cloud's name as `azure/login` accepts it, in any case (`azurecloud`, `AZUREUSGOVERNMENT`),
 * returned in its canonical spelling.
 */
export function parseAzureEnvironment(setting: string, value: string): AzureEnvironment {
  const match = azureEnvironments.find((environment) => environment.toLowerCase() === value.trim().toLowerCase());
  if (match === undefined) throw new SettingError(setting, `must be one of ${azureEnvironments.join(', ')} (any case)`, value);
  return match;
}

/** What the user calls each connection setting: action inputs, or the CLI's environment variables. */
export interface ConnectionSettingNames {
  subscriptionId: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  environment: string;
  armEndpoint: string;
  authorityHost: string;
}

export const actionInputNames: ConnectionSettingNames = {
  subscriptionId: 'subscription-id',
  tenantId: 'tenant-id',
  clientId: 'client-id',
  clientSecret: 'client-secret',
  environment: 'environment',
  armEndpoint: 'arm-endpoint',
  authorityHost: 'AZURE_AUTHORITY_HOST',
};

function httpsUrl(setting: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SettingError(setting, 'must be an absolute https:// URL', value);
  }
  if (url.protocol !== 'https:') throw new SettingError(setting, 'must use https (Azure never sends tokens over plain http)', value);
  return url.toString().replace(/\/+$/, '');
}

/**
 * The cloud for an `environment`, with the `arm-endpoint` and authority-host overrides that
 * sovereign and private clouds (and tests) need. Token scopes stay the environment's.
 */
export function resolveCloud(
  environmentName: string,
  overrides: { armEndpoint?: string; authorityHost?: string } = {},
  names: ConnectionSettingNames = actionInputNames,
): AzureCloud {
  const environment = parseAzureEnvironment(names.environment, environmentName);
  const base = clouds[environment];
  return {
    environment,
    armEndpoint: overrides.armEndpoint ? httpsUrl(names.armEndpoint, overrides.armEndpoint) : base.armEndpoint,
    authorityHost: overrides.authorityHost ? httpsUrl(names.authorityHost, overrides.authorityHost) : base.authorityHost,
    scopes: base.scopes,
  };
}
