// Everything needed to reach one subscription's Resource Manager, and the provider built on it.
// Actions fill it from inputs; the CLI from the Azure SDK's usual environment variables.
import { SettingError } from '../../core/errors.js';
import type { Reporter } from '../../core/reporter.js';
import { createClients, type AzureClients } from './clients.js';
import { actionInputNames, resolveCloud, type ConnectionSettingNames } from './clouds.js';
import { createCredential, type CredentialSettings } from './credentials.js';
import { AzureProvider, type AzureProviderOptions } from './provider.js';

export interface AzureConnection extends CredentialSettings {
  subscriptionId: string;
  environment: string;
  armEndpoint?: string;
  authorityHost?: string;
}

export type ConnectOptions = Partial<Omit<AzureProviderOptions, 'clients'>>;

/** The SDK clients of one subscription, signed in as the connection says. */
export function connectClients(connection: AzureConnection, reporter: Reporter): AzureClients {
  const names = connection.names ?? actionInputNames;
  if (!connection.subscriptionId) throw new SettingError(names.subscriptionId, 'is required with provider azure');
  const cloud = resolveCloud(connection.environment, { armEndpoint: connection.armEndpoint, authorityHost: connection.authorityHost }, names);
  const { credential } = createCredential(connection, cloud, reporter);
  return createClients(credential, connection.subscriptionId, cloud);
}

export function connectAzure(connection: AzureConnection, reporter: Reporter, options: ConnectOptions = {}): AzureProvider {
  return new AzureProvider({ ...options, clients: connectClients(connection, reporter) });
}

/** The CLI's environment variables, which its errors name. */
export const environmentVariableNames: ConnectionSettingNames = {
  subscriptionId: 'AZURE_SUBSCRIPTION_ID',
  tenantId: 'AZURE_TENANT_ID',
  clientId: 'AZURE_CLIENT_ID',
  clientSecret: 'AZURE_CLIENT_SECRET',
  environment: 'AZURE_ENVIRONMENT',
  armEndpoint: 'AZURE_ARM_ENDPOINT',
  authorityHost: 'AZURE_AUTHORITY_HOST',
};

/**
 * The connection the Azure SDK's own variables describe: AZURE_SUBSCRIPTION_ID, AZURE_TENANT_ID,
 * AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_AUTHORITY_HOST; AZURE_ENVIRONMENT and
 * AZURE_ARM_ENDPOINT pick the cloud. Without a secret, auth auto falls back to the Azure CLI login.
 */
export function azureConnectionFromEnvironment(env: NodeJS.ProcessEnv = process.env): AzureConnection {
  const value = (name: string) => env[name] || undefined;
  return {
    auth: 'auto',
    subscriptionId: value('AZURE_SUBSCRIPTION_ID') ?? '',
    tenantId: value('AZURE_TENANT_ID'),
    clientId: value('AZURE_CLIENT_ID'),
    clientSecret: value('AZURE_CLIENT_SECRET'),
    environment: value('AZURE_ENVIRONMENT') ?? 'AzureCloud',
    armEndpoint: value('AZURE_ARM_ENDPOINT'),
    authorityHost: value('AZURE_AUTHORITY_HOST'),
    names: environmentVariableNames,
  };
}
