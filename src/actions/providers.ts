// The provider an action works on, built from the parsed common inputs. The GitHub ID-token
// getter is injected here so the core never imports the runner's protocol (workflow-commands.ts).
import * as core from './workflow-commands.js';
import type { Reporter } from '../core/reporter.js';
import { azureProviderFor, providerFor, type AzureConnection, type ConnectOptions } from '../providers/index.js';
import type { ClusterProvider } from '../core/cluster.js';
import type { CommonInputs } from './inputs.js';

function azureConnection(inputs: CommonInputs): AzureConnection {
  return {
    ...inputs.azure,
    // AZURE_AUTHORITY_HOST is @azure/identity's own variable for a non-default Entra authority.
    authorityHost: process.env.AZURE_AUTHORITY_HOST || undefined,
    githubIdToken: process.env.ACTIONS_ID_TOKEN_REQUEST_URL ? (audience: string) => core.getIDToken(audience) : undefined,
  };
}

export function createAzureProvider(inputs: CommonInputs, reporter: Reporter, options: ConnectOptions = {}) {
  return azureProviderFor({ azure: azureConnection(inputs), azureOptions: options, reporter });
}

export function providerForInputs(inputs: CommonInputs, reporter: Reporter, options: ConnectOptions = {}): ClusterProvider {
  return providerFor(inputs.provider, { azure: azureConnection(inputs), azureOptions: options, reporter });
}
