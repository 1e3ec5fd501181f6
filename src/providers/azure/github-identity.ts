// The OIDC bootstrap: ONE subscription-scope deployment of arm/github-oidc.json makes the
// identity GitHub Actions signs in as (a user-assigned managed identity: no Microsoft Graph
// permission needed), its federated credentials for the workflows' subjects, and the toolkit's
// custom role assigned to it. Every name in the template is fixed or a guid() of fixed inputs,
// so a re-run updates the same resources in place.
import template from '../../../arm/github-oidc.json' with { type: 'json' };
import { SettingError, ToolkitError } from '../../core/errors.js';
import type { Reporter } from '../../core/reporter.js';
import type { AzureClients } from './clients.js';
import { federatedAudience } from './credentials.js';
import { azureOperation } from './errors.js';

export const githubIssuer = 'https://token.actions.githubusercontent.com';
export const githubSetupDeployment = 'azure-swarm-github-oidc';
/** The GitHub environments the repository's workflows run in (deploy.yml, pr-cluster.yml, ...). */
export const workflowEnvironments = ['production', 'pull-requests'] as const;

export interface GithubIdentityRequest {
  /** OWNER/NAME */
  repository: string;
  defaultBranch: string;
  location: string;
  identityGroup: string;
  identityName: string;
  audience?: string;
}

export interface GithubIdentity {
  clientId: string;
  principalId: string;
  tenantId: string;
  roleDefinitionId: string;
}

/** GitHub's rules for owner and repository names. */
export function parseRepository(setting: string, value: string): string {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?\/[A-Za-z0-9._-]{1,100}$/.test(value) || /\/\.{1,2}$/.test(value)) {
    throw new SettingError(setting, 'must be OWNER/NAME, a GitHub repository (letters, digits, "-" in the owner; also "." and "_" in the name)', value);
  }
  return value;
}

/** Git's branch name rules, as far as a federated credential subject needs them. */
export function parseBranch(setting: string, value: string): string {
  if (!/^[A-Za-z0-9._/-]{1,200}$/.test(value) || /(^[/.]|\.\.|\/\/|[/.]$|\.lock$)/.test(value)) {
    throw new SettingError(setting, 'must be a git branch name such as main', value);
  }
  return value;
}

/**
 * The federated credentials: one per environment the workflows use, and the default branch
 * (jobs without an environment). Names are Entra's 3-120 letters, digits, "-" and "_".
 */
export function federatedCredentials(repository: string, defaultBranch: string): { name: string; subject: string }[] {
  const subjects = [...workflowEnvironments.map((environment) => `environment:${environment}`), `ref:refs/heads/${defaultBranch}`];
  return subjects.map((subject) => ({
    name: `github-${subject.replace(/[^A-Za-z0-9]+/g, '-')}`.slice(0, 120).replace(/-+$/, ''),
    subject: `repo:${repository}:${subject}`,
  }));
}

export function githubIdentityParameters(request: GithubIdentityRequest): Record<string, { value: unknown }> {
  return {
    location: { value: request.location },
    identityGroup: { value: request.identityGroup },
    identityName: { value: request.identityName },
    issuer: { value: githubIssuer },
    audience: { value: request.audience ?? federatedAudience },
    credentials: { value: federatedCredentials(request.repository, request.defaultBranch) },
  };
}

export async function deployGithubIdentity(clients: AzureClients, request: GithubIdentityRequest, reporter: Reporter, pollIntervalMs = 10_000): Promise<GithubIdentity> {
  const deployment = await reporter.phase(`subscription deployment ${githubSetupDeployment} (identity, federated credentials, role)`, () =>
    azureOperation(`deploy ${githubSetupDeployment} at subscription scope`, async (observer) =>
      (await clients.deployments()).deployments.createOrUpdateAtSubscriptionScope(
        githubSetupDeployment,
        { location: request.location, properties: { mode: 'Incremental', template, parameters: githubIdentityParameters(request) } },
        { updateIntervalInMs: pollIntervalMs, ...observer },
      ),
    ),
  );
  const outputs = (deployment.properties?.outputs ?? {}) as Record<string, { value?: unknown }>;
  const text = (name: keyof GithubIdentity) => {
    const value = outputs[name]?.value;
    if (typeof value !== 'string' || value === '') throw new ToolkitError(`deployment ${githubSetupDeployment} has no output ${name}`, 'azure-output-missing');
    return value;
  };
  return { clientId: text('clientId'), principalId: text('principalId'), tenantId: text('tenantId'), roleDefinitionId: text('roleDefinitionId') };
}
