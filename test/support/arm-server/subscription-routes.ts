// Subscription-scope deployments (PUT/GET /subscriptions/{id}/providers/Microsoft.Resources/
// deployments/{name}), as `setup-github` sends arm/github-oidc.json. Like group deployments, the
// stand-in does not evaluate the template: it applies what the template would create from its
// parameters (githubIdentityPlan), keyed by name, so that a second deployment updates the same
// identity, credentials and role assignment instead of adding new ones.
import { createHash } from 'node:crypto';
import { armError, json, newId } from './http.js';
import type { LongOperations } from './long-operations.js';
import type { Route } from './arm-routes.js';
import type { ArmState } from './state.js';

export interface FederatedCredential {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
}

export interface ManagedIdentity {
  group: string;
  name: string;
  clientId: string;
  principalId: string;
  credentials: Map<string, FederatedCredential>;
}

export interface RoleAssignment {
  principalId: string;
  roleName: string;
  actions: string[];
  scope: string;
}

export interface SubscriptionDeployment {
  name: string;
  body: unknown;
  provisioningState: 'Accepted' | 'Running' | 'Succeeded';
  outputs: Record<string, { type: string; value: unknown }>;
  correlationId: string;
  timestamp: string;
}

/** What subscription-scope deployments created; kept beside ArmState (which the cluster routes own). */
export class SubscriptionState {
  readonly deployments = new Map<string, SubscriptionDeployment>();
  readonly identities = new Map<string, ManagedIdentity>();
  /** By principal: what each identity may do where. */
  readonly roleAssignments = new Map<string, RoleAssignment>();
}

/** A stable GUID for a name, as Azure keeps one identity's ids across updates. */
function stableGuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('/').toLowerCase()).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type Parameters = Record<string, { value?: unknown } | undefined>;

interface TemplateResource {
  type: string;
  properties?: { roleName?: string; permissions?: { actions?: string[] }[] };
}

/** arm/github-oidc.json applied: the identity's group, the identity, its credentials, the role assignment. */
function applyGithubIdentity(state: ArmState, subscription: SubscriptionState, sub: string, tenantId: string, body: { properties?: { template?: { resources?: TemplateResource[] }; parameters?: Parameters } }) {
  const parameters = body.properties?.parameters ?? {};
  const value = <T>(name: string, fallback?: T) => (parameters[name]?.value as T | undefined) ?? fallback;
  const group = value<string>('identityGroup', 'azure-swarm-github')!;
  const name = value<string>('identityName', 'azure-swarm-github')!;
  const location = value<string>('location', 'westeurope')!;
  const existingGroup = state.groups.get(group.toLowerCase());
  state.groups.set(group.toLowerCase(), { name: existingGroup?.name ?? group, location: existingGroup?.location ?? location, tags: existingGroup?.tags ?? {}, provisioningState: 'Succeeded' });
  const key = `${group}/${name}`.toLowerCase();
  const identity = subscription.identities.get(key) ?? {
    group, name, clientId: stableGuid(sub, key, 'client'), principalId: stableGuid(sub, key, 'principal'), credentials: new Map(),
  };
  subscription.identities.set(key, identity);
  for (const credential of value<{ name: string; subject: string }[]>('credentials', [])!) {
    identity.credentials.set(credential.name.toLowerCase(), {
      name: credential.name, subject: credential.subject, issuer: value<string>('issuer', 'https://token.actions.githubusercontent.com')!, audiences: [value<string>('audience', 'api://AzureADTokenExchange')!],
    });
  }
  const role = (body.properties?.template?.resources ?? []).find((resource) => resource.type === 'Microsoft.Authorization/roleDefinitions');
  const roleName = role?.properties?.roleName ?? 'Contributor';
  const roleDefinitionId = `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${stableGuid(sub, 'azure-swarm-toolkit-operator')}`;
  subscription.roleAssignments.set(identity.principalId, {
    principalId: identity.principalId, roleName, actions: role?.properties?.permissions?.flatMap((permission) => permission.actions ?? []) ?? [], scope: `/subscriptions/${sub}`,
  });
  return { clientId: identity.clientId, principalId: identity.principalId, tenantId, roleDefinitionId };
}

const DEPLOYMENT = '/subscriptions/([^/]+)/providers/Microsoft.Resources/deployments/([^/]+)';

function deploymentBody(sub: string, deployment: SubscriptionDeployment) {
  return {
    id: `/subscriptions/${sub}/providers/Microsoft.Resources/deployments/${deployment.name}`,
    name: deployment.name,
    type: 'Microsoft.Resources/deployments',
    location: 'westeurope',
    properties: {
      provisioningState: deployment.provisioningState,
      correlationId: deployment.correlationId,
      timestamp: deployment.timestamp,
      mode: 'Incremental',
      outputs: deployment.provisioningState === 'Succeeded' ? deployment.outputs : undefined,
    },
  };
}

export function subscriptionRoutes(state: ArmState, subscription: SubscriptionState, operations: LongOperations, tenantId: string): Route[] {
  const pattern = new RegExp(`^${DEPLOYMENT}$`, 'i');
  return [
    {
      method: 'PUT',
      pattern,
      handle: ({ params: [sub, name], body }) => {
        const request = body as Parameters[string] & { location?: string; properties?: { mode?: string } };
        if (!request?.location) return armError(400, 'InvalidDeploymentLocation', 'A subscription-scope deployment needs a location.');
        const existed = subscription.deployments.has(name.toLowerCase());
        const deployment: SubscriptionDeployment = { name, body, provisioningState: 'Accepted', outputs: {}, correlationId: newId(), timestamp: new Date().toISOString() };
        subscription.deployments.set(name.toLowerCase(), deployment);
        const complete = () => {
          const outputs = applyGithubIdentity(state, subscription, sub, tenantId, body as never);
          deployment.outputs = Object.fromEntries(Object.entries(outputs).map(([key, value]) => [key, { type: 'String', value }]));
          deployment.provisioningState = 'Succeeded';
          return undefined;
        };
        return operations.start(sub, existed ? 200 : 201, deploymentBody(sub, deployment), complete, { onPoll: () => void (deployment.provisioningState = 'Running'), withLocation: false });
      },
    },
    {
      method: 'GET',
      pattern,
      handle: ({ params: [sub, name] }) => {
        const found = subscription.deployments.get(name.toLowerCase());
        return found ? json(200, deploymentBody(sub, found)) : armError(404, 'DeploymentNotFound', `Deployment '${name}' could not be found.`);
      },
    },
  ];
}
