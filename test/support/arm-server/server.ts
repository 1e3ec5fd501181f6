// An HTTPS stand-in for Azure Resource Manager and Microsoft Entra on 127.0.0.1: enough of ARM's
// REST semantics for what the toolkit calls, programmable failures, and a log of every request
// so that tests can assert the exact ARM calls an operation made.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { armRoutes, type Route, type RouteHooks } from './arm-routes.js';
import { createTestCertificate, type TestCertificate } from './certificate.js';
import { armError, newId, type ArmReply, type ArmRequest } from './http.js';
import { SubscriptionState, subscriptionRoutes } from './subscription-routes.js';
import { issueGitHubIdToken, issueToken, openIdConfiguration, type IdentityState } from './identity-routes.js';
import { LongOperations } from './long-operations.js';
import { clusterPlan, type PlanDeployment } from './plan.js';
import { ArmState } from './state.js';
import { SubscriptionThrottle, type ThrottleOptions } from './throttle.js';

export interface LoggedRequest {
  method: string;
  path: string;
  apiVersion: string | null;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** When it was answered (ms since the epoch): shows how long a client waited between tries. */
  at: number;
  /** The x-ms-correlation-request-id of the answer (the client's own when it sent one, as ARM does). */
  correlationId: string;
  /** The bearer token it carried (one of the stand-in's own test tokens), if any. */
  token?: string;
  /** The Retry-After it was answered with (seconds), if any: what the client had to wait. */
  retryAfterSeconds?: number;
}

/** A failure served instead of the real answer, `times` times, to requests that match. */
export interface Fault {
  method?: string;
  path: RegExp;
  status: number;
  times: number;
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
}

export interface ArmServerOptions {
  polls?: number;
  retryAfterSeconds?: number;
  /** Lifetime of the access tokens the identity side hands out (`expires_in`); 3600 by default. */
  tokenLifetimeSeconds?: number;
  /** ARM's token buckets per subscription (throttle.ts); no throttling when undefined. */
  throttle?: ThrottleOptions;
  /** Instances per page of a scale set's VM list, the rest behind nextLink (ARM pages long lists). */
  pageSize?: number;
}

export interface ArmServer {
  url: string;
  certificate: TestCertificate;
  state: ArmState;
  /** What subscription-scope deployments (setup-github) created. */
  subscription: SubscriptionState;
  /** The tenant that owns the stand-in's subscriptions (subscription().tenantId). */
  tenantId: string;
  identity: IdentityState;
  /** Every request, in order (identity and polling included). */
  log: LoggedRequest[];
  /** The subscription throttle when one was asked for: its 429 counts by kind. */
  throttle?: SubscriptionThrottle;
  /** ARM requests only: no token, metadata or long-operation polls. */
  armCalls(): LoggedRequest[];
  fail(fault: Fault): void;
  /** Every token handed out so far expires now, unknown to the client (a clock ahead of it, a revocation). */
  expireTokens(): void;
  /** Decides what deployments create; by default the deployed template, evaluated (plan.ts). */
  planDeployments(plan: PlanDeployment): void;
  /** Real work behind scale set instance actions; the operation completes when it does. */
  onInstanceAction(handler: NonNullable<RouteHooks['instanceAction']>): void;
  /** Real work behind deployments; a deployment completes when it does, with the outputs it gives. */
  onDeployment(handler: NonNullable<RouteHooks['deployment']>): void;
  close(): Promise<void>;
}

const bearerToken = (request: ArmRequest) => String(request.headers.authorization ?? '').replace(/^Bearer /, '');

/** ARM's answer to an expired access token: 401 with a Bearer challenge that carries no claims. */
function expiredToken(expiry: number): ArmReply {
  const reply = armError(401, 'ExpiredAuthenticationToken', `The access token expiry UTC time '${new Date(expiry).toISOString()}' is earlier than current UTC time '${new Date().toISOString()}'.`);
  reply.headers = { 'www-authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/", error="invalid_token", error_description="The access token has expired."' };
  return reply;
}

function findRoute(routes: Route[], method: string, path: string): { route: Route; params: string[] } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) return { route, params: match.slice(1).map(decodeURIComponent) };
  }
  return undefined;
}

export async function startArmServer(options: ArmServerOptions = {}): Promise<ArmServer> {
  const certificate = createTestCertificate();
  const state = new ArmState();
  const identity: IdentityState = {
    issuedTokens: new Set(), tokenExpiry: new Map(), tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    idTokens: [], runnerRequestToken: `runner-${newId()}`, clientSecret: `secret-${newId()}`,
  };
  const log: LoggedRequest[] = [];
  const faults: Fault[] = [];
  let plan: PlanDeployment = clusterPlan;
  let url = '';
  const operations = new LongOperations(state, { polls: options.polls ?? 1, retryAfterSeconds: options.retryAfterSeconds ?? 1 }, () => url);
  const identityRoutes: Route[] = [
    { method: 'GET', pattern: /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/, handle: ({ params: [tenant] }) => openIdConfiguration(url, tenant) },
    { method: 'POST', pattern: /^\/([^/]+)\/oauth2\/v2\.0\/token$/, handle: (request) => issueToken(identity, request) },
    { method: 'GET', pattern: /^\/github\/id-token$/, handle: (request) => issueGitHubIdToken(identity, request) },
  ];
  const hooks: RouteHooks = {};
  const subscription = new SubscriptionState();
  const tenantId = newId();
  const paging = { pageSize: options.pageSize ?? 50, baseUrl: () => url };
  const routes = [...armRoutes(state, operations, () => plan, hooks, paging), ...subscriptionRoutes(state, subscription, operations, tenantId)];
  const throttle = options.throttle && new SubscriptionThrottle(options.throttle);

  const answer = (request: ArmRequest): ArmReply => {
    const fault = faults.find((candidate) => candidate.times > 0 && (candidate.method ?? request.method) === request.method && candidate.path.test(request.path));
    if (fault) {
      fault.times -= 1;
      const reply = armError(fault.status, fault.code ?? 'InternalServerError', fault.message ?? 'The server encountered an internal error.');
      if (fault.retryAfterSeconds !== undefined) reply.headers = { 'retry-after': String(fault.retryAfterSeconds) };
      return reply;
    }
    const identityMatch = findRoute(identityRoutes, request.method, request.path);
    if (identityMatch) return identityMatch.route.handle({ ...request, params: identityMatch.params });
    const token = bearerToken(request);
    if (!identity.issuedTokens.has(token)) return armError(401, 'AuthenticationFailed', 'Authentication failed. The Authorization header is missing or invalid.');
    const expiry = identity.tokenExpiry.get(token);
    if (expiry !== undefined && expiry <= Date.now()) return expiredToken(expiry);
    // ARM counts every request of a subscription, long-operation polls included.
    const admitted = throttle?.admit(/^\/subscriptions\/([^/]+)/.exec(request.path)?.[1] ?? 'tenant', request.method);
    if (admitted && 'reply' in admitted) return admitted.reply;
    const match = findRoute(routes, request.method, request.path);
    if (!match) return armError(400, 'UnsupportedRequest', `the ARM stand-in has no route for ${request.method} ${request.path}`);
    const reply = match.route.handle({ ...request, params: match.params });
    return admitted ? { ...reply, headers: { ...reply.headers, ...admitted.headers } } : reply;
  };

  const server: Server = createServer({ key: certificate.key, cert: certificate.cert }, (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const target = new URL(incoming.url ?? '/', 'https://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      const isJson = String(incoming.headers['content-type'] ?? '').includes('json') && text !== '';
      const request: ArmRequest = {
        method: incoming.method ?? 'GET', path: target.pathname, query: target.searchParams,
        body: isJson ? JSON.parse(text) : text || undefined, headers: incoming.headers, params: [],
      };
      const reply = answer(request);
      const correlationId = String(incoming.headers['x-ms-correlation-request-id'] ?? newId());
      log.push({
        method: request.method, path: request.path, apiVersion: target.searchParams.get('api-version'),
        query: Object.fromEntries(target.searchParams), body: request.body, status: reply.status, at: Date.now(), correlationId,
        token: bearerToken(request) || undefined,
        ...(reply.headers?.['retry-after'] === undefined ? {} : { retryAfterSeconds: Number(reply.headers['retry-after']) }),
      });
      const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
      outgoing.writeHead(reply.status, {
        'content-type': 'application/json; charset=utf-8',
        'x-ms-request-id': newId(),
        'x-ms-correlation-request-id': correlationId,
        ...reply.headers,
      });
      outgoing.end(request.method === 'HEAD' ? undefined : payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const isArmCall = (entry: LoggedRequest) =>
    entry.path.startsWith('/subscriptions/') && !/\/providers\/Microsoft\.Test\//i.test(entry.path);
  return {
    url, certificate, state, subscription, tenantId, identity, log, throttle,
    armCalls: () => log.filter(isArmCall),
    fail: (fault) => void faults.push({ ...fault }),
    expireTokens: () => {
      const now = Date.now();
      for (const token of identity.issuedTokens) identity.tokenExpiry.set(token, now);
    },
    planDeployments: (next) => void (plan = next),
    onInstanceAction: (handler) => void (hooks.instanceAction = handler),
    onDeployment: (handler) => void (hooks.deployment = handler),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      certificate.remove();
    },
  };
}
