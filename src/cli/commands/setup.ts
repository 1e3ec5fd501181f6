// setup-github: the OIDC bootstrap. Deploys arm/github-oidc.json at subscription scope (an
// identity, its federated credentials, the toolkit's role) and prints the repository variables
// and the exact `gh` commands that set them. Cluster secrets are made by the printed commands
// themselves (`openssl rand`), so no secret ever passes through this command's output.
import { SettingError, SettingProblems } from '../../core/errors.js';
import { validateLocation, validateResourceGroupName } from '../../core/validators.js';
import {
  azureConnectionFromEnvironment,
  connectClients,
  deployGithubIdentity,
  environmentVariableNames,
  resolveCloud,
  federatedCredentials,
  parseBranch,
  parseRepository,
  workflowEnvironments,
  type GithubIdentity,
} from '../../providers/index.js';
import type { CommandDefinition } from '../command.js';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const defaults = { location: 'westeurope', branch: 'main', identityGroup: 'azure-swarm-github', identityName: 'azure-swarm-github' };

/** Each environment's own cluster secret, by a name of its own: a missing one never falls back to another's (docs/security.md). */
const clusterSecretNames: Record<(typeof workflowEnvironments)[number], string> = {
  production: 'SWARM_PRODUCTION_CLUSTER_SECRET',
  'pull-requests': 'SWARM_PR_CLUSTER_SECRET',
};

/** The `gh` commands that store what the workflows read, for one repository. */
export function githubCommands(repository: string, subscriptionId: string, identity: GithubIdentity): string[] {
  const repo = `--repo ${repository}`;
  return [
    `gh variable set AZURE_SUBSCRIPTION_ID ${repo} --body ${subscriptionId}`,
    `gh variable set AZURE_TENANT_ID ${repo} --body ${identity.tenantId}`,
    `gh variable set AZURE_CLIENT_ID ${repo} --body ${identity.clientId}`,
    `gh variable set SWARM_ALLOWED_SSH_CIDR ${repo} --body "$(curl -fsS https://api.ipify.org)/32"  # or the CIDR your admins SSH from`,
    ...workflowEnvironments.flatMap((environment) => [
      `gh api --method PUT repos/${repository}/environments/${environment} --silent`,
      `gh secret set ${clusterSecretNames[environment]} ${repo} --env ${environment} --body "$(openssl rand -hex 32)"`,
    ]),
  ];
}

const setupGithub: CommandDefinition = {
  name: 'setup-github',
  summary: 'create the identity GitHub Actions signs in as (OIDC), its role, and print the gh commands that configure the repository',
  description: [
    'Deploys arm/github-oidc.json at subscription scope: a user-assigned managed identity in its own',
    'resource group, federated credentials for repo:OWNER/NAME:environment:production,',
    ':environment:pull-requests and :ref:refs/heads/BRANCH, and a custom role with only the actions the',
    'toolkit calls, assigned at subscription scope (per-PR clusters create resource groups). Re-running',
    'updates the same resources. Signs in as the CLI does on Azure (AZURE_* variables or `az login`);',
    'you need Owner or User Access Administrator on the subscription to create the role.',
  ].join('\n'),
  flags: [
    { name: 'repo', kind: 'string', valueName: 'OWNER/NAME', summary: 'the GitHub repository whose workflows sign in (required)' },
    { name: 'subscription', kind: 'string', valueName: 'ID', summary: 'the subscription (default: AZURE_SUBSCRIPTION_ID)' },
    { name: 'location', kind: 'string', valueName: 'REGION', summary: `region of the identity's resource group (default ${defaults.location})` },
    { name: 'branch', kind: 'string', valueName: 'BRANCH', summary: `the repository's default branch (default ${defaults.branch})` },
    { name: 'identity-group', kind: 'string', valueName: 'GROUP', summary: `resource group of the identity (default ${defaults.identityGroup})` },
  ],
  async run(context) {
    const problems = new SettingProblems();
    const flag = (name: string) => context.flags.string(name);
    const repository = problems.check(() => parseRepository('repo', flag('repo') ?? ''));
    const location = problems.check(() => validateLocation('location', flag('location') ?? defaults.location));
    const branch = problems.check(() => parseBranch('branch', flag('branch') ?? defaults.branch));
    const identityGroup = problems.check(() => validateResourceGroupName('identity-group', flag('identity-group') ?? defaults.identityGroup));
    const connection = azureConnectionFromEnvironment();
    const subscriptionId = flag('subscription') ?? connection.subscriptionId;
    const subscriptionSetting = flag('subscription') === undefined ? environmentVariableNames.subscriptionId : 'subscription';
    problems.check(() => {
      if (subscriptionId === '') throw new SettingError(subscriptionSetting, 'is required: --subscription ID or AZURE_SUBSCRIPTION_ID');
      if (!guid.test(subscriptionId)) throw new SettingError(subscriptionSetting, 'must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)', subscriptionId);
    });
    problems.check(() => resolveCloud(connection.environment, connection, environmentVariableNames));
    problems.throwIfAny();

    const clients = connectClients({ ...connection, subscriptionId }, context.reporter);
    const identity = await deployGithubIdentity(clients, {
      repository: repository!, defaultBranch: branch!, location: location!, identityGroup: identityGroup!, identityName: defaults.identityName,
    }, context.reporter);
    const commands = githubCommands(repository!, subscriptionId, identity);
    const subjects = federatedCredentials(repository!, branch!).map((credential) => credential.subject);
    context.out([
      `identity ${defaults.identityName} in resource group ${identityGroup}: client id ${identity.clientId}`,
      `federated credentials: ${subjects.join(', ')}`,
      `role: ${identity.roleDefinitionId} assigned at /subscriptions/${subscriptionId}`,
      '',
      `configure ${repository} (gh signed in with admin rights on it):`,
      ...commands,
    ].join('\n'));
    return { subscriptionId, ...identity, subjects, commands };
  },
};

export const setupCommands: readonly CommandDefinition[] = [setupGithub];
