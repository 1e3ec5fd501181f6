// The client-secret and OIDC (federated) sign-ins as what they are on the wire: one POST of the
// app's proof to its tenant's token endpoint (OAuth 2.0 client credentials grant; a GitHub ID
// token goes as a client assertion). @azure/identity does the same through MSAL, which first reads
// the authority's OpenID metadata, and whose 1.1 MB an action compiled before its first request
// (docs/benchmarks.md). The POST goes through the Azure SDK's own pipeline, as every ARM request
// does: the same proxy variables, and 429/5xx/network failures retried. @azure/identity stays for
// the Azure CLI sign-in.
import { createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { sendForJson } from './clients.js';
import { AzureError } from './errors.js';
import type { ConnectionSettingNames } from './clouds.js';

export interface TokenEndpointSettings {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  /** Names the settings an error points at (action inputs or the CLI's variables). */
  names: ConnectionSettingNames;
  /** The app's proof: its secret, or a GitHub ID token fetched afresh for each token (they expire in minutes). */
  proof: { clientSecret: string } | { clientAssertion: () => Promise<string>; audience: string };
}

/**
 * A token is used until 5 minutes before it expires, as MSAL does: every SDK client asks its
 * credential on its own, so one cached token per scope serves them all, and a short-lived one
 * (shorter than the margin) is asked for afresh every time.
 */
const expiryMarginMs = 5 * 60_000;

/** Entra's error codes (AADSTS…) that point at one setting rather than at the proof. */
const settingOfCode: Record<string, keyof ConnectionSettingNames> = {
  700016: 'clientId', // application not found in the directory
  90002: 'tenantId', // tenant not found
  900023: 'tenantId', // tenant id is not a valid tenant
  90072: 'tenantId', // the app's account is not in the tenant
};

interface TokenReply {
  access_token?: string;
  expires_in?: number | string;
  error?: string;
  error_description?: string;
  error_codes?: number[];
  correlation_id?: string;
}

/** A token per scope: asked for (no expiry yet), or received. */
interface CachedToken {
  token: Promise<AccessToken>;
  expiresOn?: number;
}

export function tokenEndpointCredential(settings: TokenEndpointSettings): TokenCredential {
  const url = `${settings.authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(settings.tenantId)}/oauth2/v2.0/token`;
  const mode = 'clientSecret' in settings.proof ? 'client-secret' : 'oidc';
  const cache = new Map<string, CachedToken>();

  async function requestToken(scope: string, options?: GetTokenOptions): Promise<AccessToken> {
    const { proof } = settings;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: settings.clientId, scope });
    if ('clientSecret' in proof) form.set('client_secret', proof.clientSecret);
    else {
      form.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      form.set('client_assertion', await proof.clientAssertion());
    }
    const request = createPipelineRequest({
      url, method: 'POST', body: form.toString(), abortSignal: options?.abortSignal,
      headers: createHttpHeaders({ 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }),
    });
    const { status, body: reply } = await sendForJson<TokenReply>(request);
    if (status === 200 && reply.access_token) {
      return { token: reply.access_token, expiresOnTimestamp: Date.now() + Number(reply.expires_in ?? 0) * 1000, tokenType: 'Bearer' };
    }
    throw refusal(status, reply);
  }

  /** Names the setting behind Entra's refusal, with Entra's first line (never the proof: Entra does not echo it). */
  function refusal(status: number, reply: TokenReply): AzureError {
    const description = reply.error_description?.split(/\r?\n/, 1)[0]?.trim() || `HTTP ${status}`;
    const code = String(reply.error_codes?.[0] ?? /AADSTS(\d+)/.exec(description)?.[1] ?? '');
    const setting = settingOfCode[code] ?? (mode === 'client-secret' ? 'clientSecret' : 'clientId');
    const name = settings.names[setting];
    const { proof } = settings;
    const hint = 'audience' in proof && setting === 'clientId'
      ? `the app ${settings.clientId} needs a federated credential for this workflow's subject (repo:<owner>/<repo>:ref:… or :environment:…) with audience ${proof.audience} (docs/azure-setup.md)`
      : `check ${settings.names.tenantId}, ${settings.names.clientId} and ${name}`;
    const correlation = reply.correlation_id ? `, correlation id ${reply.correlation_id}` : '';
    return new AzureError(
      `${name}: Microsoft Entra ID refused the ${mode} sign-in of app ${settings.clientId} in tenant ${settings.tenantId}: ${description} (${reply.error ?? `HTTP ${status}`}${correlation})`,
      'azure-sign-in', reply.correlation_id, hint,
    );
  }

  return {
    getToken(scopes, options) {
      const scope = [scopes].flat().join(' ');
      const known = cache.get(scope);
      // A request in flight is shared (the clients start together); a token is kept until the margin.
      if (known && (known.expiresOn === undefined || known.expiresOn - Date.now() > expiryMarginMs)) return known.token;
      const fresh: CachedToken = { token: requestToken(scope, options) };
      cache.set(scope, fresh);
      fresh.token.then(
        (token) => (fresh.expiresOn = token.expiresOnTimestamp),
        // A refusal is not kept: the next call asks again.
        () => cache.get(scope) === fresh && cache.delete(scope),
      );
      return fresh.token;
    },
  };
}
