// The identity side of the stand-in: Microsoft Entra's token endpoint (client secret or client
// assertion) with the OpenID metadata MSAL reads first, and GitHub's OIDC ID-token endpoint.
import { json, type ArmReply, type ArmRequest } from './http.js';

export interface IdentityState {
  /** Access tokens handed out; ARM routes accept only these. */
  issuedTokens: Set<string>;
  /** When each token handed out expires (ms since the epoch); ARM refuses it from then on. */
  tokenExpiry: Map<string, number>;
  /** Lifetime of the tokens handed out (`expires_in`); Entra's usual hour by default. */
  tokenLifetimeSeconds: number;
  /** ID tokens GitHub's endpoint handed out; a client assertion must be one of them. */
  idTokens: string[];
  /** The bearer token the runner gives a job with `id-token: write`. */
  runnerRequestToken: string;
  clientSecret: string;
}

export function openIdConfiguration(base: string, tenant: string): ArmReply {
  const authority = `${base}/${tenant}`;
  return json(200, {
    token_endpoint: `${authority}/oauth2/v2.0/token`,
    authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
    issuer: `${authority}/v2.0`,
    jwks_uri: `${authority}/discovery/v2.0/keys`,
    end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
    response_types_supported: ['code', 'id_token', 'token'],
  });
}

export function issueToken(state: IdentityState, request: ArmRequest): ArmReply {
  const form = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
  const secret = form.get('client_secret');
  const assertion = form.get('client_assertion');
  const accepted = secret !== null ? secret === state.clientSecret : assertion !== null && state.idTokens.includes(assertion);
  if (!accepted) {
    return json(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret or assertion provided.' });
  }
  const token = `test-access-token-${state.issuedTokens.size + 1}`;
  state.issuedTokens.add(token);
  const lifetime = state.tokenLifetimeSeconds;
  state.tokenExpiry.set(token, Date.now() + lifetime * 1000);
  return json(200, { token_type: 'Bearer', access_token: token, expires_in: lifetime, ext_expires_in: lifetime });
}

/** GitHub's ACTIONS_ID_TOKEN_REQUEST_URL: a fresh ID token per call, for the asked audience. */
export function issueGitHubIdToken(state: IdentityState, request: ArmRequest): ArmReply {
  if (request.headers.authorization !== `Bearer ${state.runnerRequestToken}`) return json(401, { message: 'bad runner token' });
  const audience = request.query.get('audience') ?? '';
  const token = `github-id-token-${state.idTokens.length + 1}-for-${audience}`;
  state.idTokens.push(token);
  return json(200, { value: token });
}
