// The provider an action works on, built from the parsed common inputs. Azure needs a cloud, a
// credential and SDK clients; the GitHub ID-token getter is injected here so the core never
// imports @actions.
import * as core from '@actions/core';
import type { Reporter } from '../core/reporter.js';
import { createProvider } from '../providers/index.js';
import { createClients } from '../providers/azure/clients.js';
import { resolveCloud } from '../providers/azure/clouds.js';
import { createCredential } from '../providers/azure/credentials.js';
import { AzureProvider, type AzureProviderOptions } from '../providers/azure/provider.js';
import type { ClusterProvider } from '../providers/provider.js';
import type { CommonInputs } from './inputs.js';

export function createAzureProvider(inputs: CommonInputs, reporter: Reporter, options: Omit<AzureProviderOptions, 'clients'> = {}): AzureProvider {
  const { azure } = inputs;
  // AZURE_AUTHORITY_HOST is @azure/identity's own variable for a non-default Entra authority.
  const cloud = resolveCloud(azure.environment, { armEndpoint: azure.armEndpoint, authorityHost: process.env.AZURE_AUTHORITY_HOST });
  const githubIdToken = process.env.ACTIONS_ID_TOKEN_REQUEST_URL ? (audience: string) => core.getIDToken(audience) : undefined;
  const { credential } = createCredential({ ...azure, githubIdToken }, cloud, reporter);
  return new AzureProvider({ clients: createClients(credential, azure.subscriptionId, cloud), ...options });
}

export function providerFor(inputs: CommonInputs, reporter: Reporter, options: Omit<AzureProviderOptions, 'clients'> = {}): ClusterProvider {
  return inputs.provider === 'azure' ? createAzureProvider(inputs, reporter, options) : createProvider('lab');
}
