// How the toolkit signs in to Azure: GitHub OIDC (federated credential), a client secret, or the
// Azure CLI login of an earlier step; `auto` picks the first that is available and says which.
import { AzureCliCredential, ClientAssertionCredential, ClientSecretCredential, type TokenCredential } from '@azure/identity';
import { SettingError, ToolkitError } from '../../core/errors.js';
import type { Reporter } from '../../core/reporter.js';
import type { AzureCloud } from './clouds.js';

export type AuthMode = 'auto' | 'oidc' | 'client-secret' | 'azure-cli';
export const authModes: readonly AuthMode[] = ['auto', 'oidc', 'client-secret', 'azure-cli'];

/** The audience Microsoft Entra expects on a GitHub ID token used as a federated credential. */
export const federatedAudience = 'api://AzureADTokenExchange';

export interface CredentialSettings {
  auth: AuthMode;
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /**
   * Fetches a fresh GitHub ID token for an audience. Injected by the action glue (the core
   * never imports @actions); absent when the job has no `id-token: write` permission.
   */
  githubIdToken?: (audience: string) => Promise<string>;
}

export interface ResolvedCredential {
  credential: TokenCredential;
  mode: Exclude<AuthMode, 'auto'>;
}

function pickMode(settings: CredentialSettings): Exclude<AuthMode, 'auto'> {
  if (settings.auth !== 'auto') return settings.auth;
  if (settings.githubIdToken && settings.clientId && settings.tenantId) return 'oidc';
  if (settings.clientSecret && settings.clientId && settings.tenantId) return 'client-secret';
  return 'azure-cli';
}

function required(value: string | undefined, setting: string, mode: string): string {
  if (!value) throw new SettingError(setting, `is required with auth ${mode}`);
  return value;
}

export function createCredential(settings: CredentialSettings, cloud: AzureCloud, reporter: Reporter): ResolvedCredential {
  const mode = pickMode(settings);
  const options = { authorityHost: cloud.authorityHost, disableInstanceDiscovery: !cloud.knownAuthority };
  let credential: TokenCredential;
  if (mode === 'oidc') {
    const getIdToken = settings.githubIdToken;
    if (!getIdToken) {
      throw new ToolkitError(
        'auth oidc: no GitHub ID token is available (ACTIONS_ID_TOKEN_REQUEST_URL is not set)',
        'oidc-unavailable',
        'give the job `permissions: id-token: write` (and contents: read), or use auth client-secret / azure-cli',
      );
    }
    const tenantId = required(settings.tenantId, 'tenant-id', mode);
    const clientId = required(settings.clientId, 'client-id', mode);
    // A fresh ID token on every call: they expire after minutes, long deployments outlive them.
    credential = new ClientAssertionCredential(tenantId, clientId, () => getIdToken(federatedAudience), options);
  } else if (mode === 'client-secret') {
    const secret = required(settings.clientSecret, 'client-secret', mode);
    credential = new ClientSecretCredential(required(settings.tenantId, 'tenant-id', mode), required(settings.clientId, 'client-id', mode), secret, options);
  } else {
    credential = new AzureCliCredential(settings.tenantId ? { tenantId: settings.tenantId } : {});
  }
  reporter.info(`Azure sign-in: ${mode}${settings.auth === 'auto' ? ' (picked by auth auto)' : ''}`);
  return { credential, mode };
}
