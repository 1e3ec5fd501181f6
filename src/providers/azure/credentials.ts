// How the toolkit signs in to Azure: GitHub OIDC (federated credential), a client secret, or the
// Azure CLI login of an earlier step; `auto` picks the first that is available and says which.
// The first two are one request to the tenant's token endpoint (token-endpoint.ts).
import type { TokenCredential } from '@azure/identity';
import { SettingError, SettingsError, ToolkitError } from '../../core/errors.js';
import type { Reporter } from '../../core/reporter.js';
import { actionInputNames, type AzureCloud, type ConnectionSettingNames } from './clouds.js';
import { tokenEndpointCredential } from './token-endpoint.js';

export type AuthMode = 'auto' | 'oidc' | 'client-secret' | 'azure-cli';
export const authModes: readonly AuthMode[] = ['auto', 'oidc', 'client-secret', 'azure-cli'];

/** The audience Microsoft Entra expects on a GitHub ID token used as a federated credential. */
export const federatedAudience = 'api://AzureADTokenExchange';

export interface CredentialSettings {
  auth: AuthMode;
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** The audience of the GitHub ID token (default api://AzureADTokenExchange). */
  audience?: string;
  /** How errors name the settings: action inputs (default) or the CLI's environment variables. */
  names?: ConnectionSettingNames;
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

/** The settings a sign-in mode needs that are missing, all at once. */
function missingSettings(settings: CredentialSettings, mode: Exclude<AuthMode, 'auto'>): SettingError[] {
  const names = settings.names ?? actionInputNames;
  const needed: [string | undefined, string][] =
    mode === 'oidc' ? [[settings.tenantId, names.tenantId], [settings.clientId, names.clientId]]
      : mode === 'client-secret' ? [[settings.tenantId, names.tenantId], [settings.clientId, names.clientId], [settings.clientSecret, names.clientSecret]]
        : [];
  return needed.filter(([value]) => !value).map(([, name]) => new SettingError(name, `is required with auth ${mode}`));
}

function throwIfMissing(settings: CredentialSettings, mode: Exclude<AuthMode, 'auto'>): void {
  const missing = missingSettings(settings, mode);
  if (missing.length === 1) throw missing[0];
  if (missing.length > 1) throw new SettingsError(missing);
}

/**
 * The Azure CLI credential, made on the first token asked for: @azure/identity (with MSAL, 1.1 MB
 * of bundle) is loaded with import() then, so that an action compiles it only when it signs in
 * that way, not while it starts (see clients.ts).
 */
function azureCliCredential(tenantId: string | undefined): TokenCredential {
  let credential: Promise<TokenCredential> | undefined;
  const make = (identity: typeof import('@azure/identity')) => new identity.AzureCliCredential(tenantId ? { tenantId } : {});
  return {
    getToken: async (scopes, options) => (await (credential ??= import('@azure/identity').then(make))).getToken(scopes, options),
  };
}

export function createCredential(settings: CredentialSettings, cloud: AzureCloud, reporter: Reporter): ResolvedCredential {
  const mode = pickMode(settings);
  const endpoint = () => ({ authorityHost: cloud.authorityHost, tenantId: settings.tenantId!, clientId: settings.clientId!, names: settings.names ?? actionInputNames });
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
    throwIfMissing(settings, mode);
    const audience = settings.audience ?? federatedAudience;
    // A fresh ID token on every call: they expire after minutes, long deployments outlive them.
    credential = tokenEndpointCredential({ ...endpoint(), proof: { clientAssertion: () => getIdToken(audience), audience } });
  } else if (mode === 'client-secret') {
    throwIfMissing(settings, mode);
    credential = tokenEndpointCredential({ ...endpoint(), proof: { clientSecret: settings.clientSecret! } });
  } else {
    credential = azureCliCredential(settings.tenantId);
  }
  reporter.info(`Azure sign-in: ${mode}${settings.auth === 'auto' ? ' (picked by auth auto)' : ''}`);
  return { credential, mode };
}
