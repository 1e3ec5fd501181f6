// `azswarm setup-github` against the HTTPS ARM stand-in (real SDK client, real client-secret
// sign-in): the exact subscription-scope request (identity, federated credentials with GitHub's
// issuer, the workflows' subjects and the audience, the custom role), its printed commands, and
// a second run that updates the same resources (idempotent).
import { readFileSync } from 'node:fs';
import { subscriptionId } from '../azure/azure-fixture.js';
import { useArmStandInForCli } from './arm-stand-in-env.js';
import { cli } from './run-cli.js';

const deploymentPath = `/subscriptions/${subscriptionId}/providers/Microsoft.Resources/deployments/azure-swarm-github-oidc`;
const template = JSON.parse(readFileSync('arm/github-oidc.json', 'utf8')) as unknown;

describe('setup-github', () => {
  const armServer = useArmStandInForCli();

  it('refuses bad flags all at once, before any request', async () => {
    const before = armServer().armCalls().length;
    expect(await cli('setup-github', '--repo', 'octo', '--subscription', 'nope', '--location', 'West Europe', '--branch', 'main..x')).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'error: invalid settings:',
        '  - repo: must be OWNER/NAME, a GitHub repository (letters, digits, "-" in the owner; also "." and "_" in the name) (got "octo")',
        '  - location: must be an Azure region name such as westeurope (lowercase letters and digits) (got "West Europe")',
        '  - branch: must be a git branch name such as main (got "main..x")',
        '  - subscription: must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) (got "nope")',
        '',
      ].join('\n'),
    });
    expect(armServer().armCalls().length).toBe(before);
  });

  it('deploys the identity, its federated credentials and role at subscription scope, twice to the same end, and prints the gh commands', async () => {
    const first = await cli('setup-github', '--repo', 'octo/swarm', '--json');
    expect(first.code).toBe(0);
    const puts = () => armServer().armCalls().filter((call) => call.method === 'PUT');
    expect(puts().map((call) => `${call.method} ${call.path}`)).toEqual([`PUT ${deploymentPath}`]);
    const request = puts()[0].body as { location: string; properties: { mode: string; template: unknown; parameters: Record<string, { value: unknown }> } };
    expect(request.location).toBe('westeurope');
    expect(request.properties.mode).toBe('Incremental');
    expect(request.properties.template).toEqual(template);
    expect(request.properties.parameters).toEqual({
      location: { value: 'westeurope' },
      identityGroup: { value: 'azure-swarm-github' },
      identityName: { value: 'azure-swarm-github' },
      issuer: { value: 'https://token.actions.githubusercontent.com' },
      audience: { value: 'api://AzureADTokenExchange' },
      credentials: {
        value: [
          { name: 'github-environment-production', subject: 'repo:octo/swarm:environment:production' },
          { name: 'github-environment-pull-requests', subject: 'repo:octo/swarm:environment:pull-requests' },
          { name: 'github-ref-refs-heads-main', subject: 'repo:octo/swarm:ref:refs/heads/main' },
        ],
      },
    });

    const identity = armServer().subscription.identities.get('azure-swarm-github/azure-swarm-github')!;
    const result = JSON.parse(first.stdout).result as { clientId: string; tenantId: string; principalId: string; roleDefinitionId: string; commands: string[] };
    expect(result).toMatchObject({ clientId: identity.clientId, principalId: identity.principalId, tenantId: armServer().tenantId, subscriptionId });
    expect([...identity.credentials.values()].map(({ issuer, subject, audiences }) => ({ issuer, subject, audiences }))).toEqual(
      ['environment:production', 'environment:pull-requests', 'ref:refs/heads/main'].map((subject) => ({
        issuer: 'https://token.actions.githubusercontent.com', subject: `repo:octo/swarm:${subject}`, audiences: ['api://AzureADTokenExchange'],
      })),
    );
    const assignment = armServer().subscription.roleAssignments.get(identity.principalId)!;
    expect(assignment).toMatchObject({ roleName: 'Azure swarm toolkit operator', scope: `/subscriptions/${subscriptionId}` });
    // The custom role: resource groups, deployments and the template's resource types; never role assignments.
    expect(assignment.actions).toContain('Microsoft.Resources/subscriptions/resourceGroups/write');
    expect(assignment.actions).toContain('Microsoft.Compute/virtualMachineScaleSets/*');
    expect(assignment.actions.some((action) => action.startsWith('Microsoft.Authorization'))).toBe(false);
    expect(armServer().state.groups.get('azure-swarm-github')?.location).toBe('westeurope');

    expect(result.commands).toEqual([
      `gh variable set AZURE_SUBSCRIPTION_ID --repo octo/swarm --body ${subscriptionId}`,
      `gh variable set AZURE_TENANT_ID --repo octo/swarm --body ${armServer().tenantId}`,
      `gh variable set AZURE_CLIENT_ID --repo octo/swarm --body ${identity.clientId}`,
      'gh variable set SWARM_ALLOWED_SSH_CIDR --repo octo/swarm --body "$(curl -fsS https://api.ipify.org)/32"  # or the CIDR your admins SSH from',
      'gh api --method PUT repos/octo/swarm/environments/production --silent',
      'gh secret set SWARM_PRODUCTION_CLUSTER_SECRET --repo octo/swarm --env production --body "$(openssl rand -hex 32)"',
      'gh api --method PUT repos/octo/swarm/environments/pull-requests --silent',
      'gh secret set SWARM_PR_CLUSTER_SECRET --repo octo/swarm --env pull-requests --body "$(openssl rand -hex 32)"',
    ]);

    // Again: the same request, the same identity and ids, no second credential or assignment.
    const second = await cli('setup-github', '--repo', 'octo/swarm');
    expect(second.code).toBe(0);
    expect(puts()).toHaveLength(2);
    expect(puts()[1].body).toEqual(puts()[0].body);
    expect(armServer().subscription.identities.size).toBe(1);
    expect(identity.credentials.size).toBe(3);
    expect(armServer().subscription.roleAssignments.size).toBe(1);
    expect(second.stdout).toBe(
      [
        `identity azure-swarm-github in resource group azure-swarm-github: client id ${identity.clientId}`,
        'federated credentials: repo:octo/swarm:environment:production, repo:octo/swarm:environment:pull-requests, repo:octo/swarm:ref:refs/heads/main',
        `role: ${result.roleDefinitionId} assigned at /subscriptions/${subscriptionId}`,
        '',
        'configure octo/swarm (gh signed in with admin rights on it):',
        ...result.commands,
        '',
      ].join('\n'),
    );
  });
});
