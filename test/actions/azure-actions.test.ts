// The four actions run as GitHub runs them, against the HTTPS ARM stand-in given as
// arm-endpoint (and its token endpoint as the Entra authority). wait-for-swarm is false here:
// these runs are about the Azure side; the swarm side runs on a real lab (lab-actions.test).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startArmServer, type ArmServer } from '../support/arm-server/server.js';
import { deriveClusterSecrets } from '../../src/render/cluster-secret.js';
import { helperKeys, nodeHelperKey } from '../../src/render/helper-keys.js';
import { generateSshKeyPair } from '../../src/render/keys.js';
import { runAction } from './run-action.js';

const subscriptionId = '00000000-0000-0000-0000-00000000000a';
const tenantId = '00000000-0000-0000-0000-00000000000b';
const clientId = '00000000-0000-0000-0000-00000000000c';

describe('actions against the ARM stand-in', () => {
  let server: ArmServer;
  let runnerTemp: string;
  beforeEach(async () => {
    server = await startArmServer({ polls: 1, retryAfterSeconds: 1 });
    runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'));
  });
  afterEach(async () => {
    await server.close();
    rmSync(runnerTemp, { recursive: true, force: true });
  });

  const env = () => ({ NODE_EXTRA_CA_CERTS: server.certificate.certPath, AZURE_AUTHORITY_HOST: server.url, RUNNER_TEMP: runnerTemp });
  const azureInputs = (extra: Record<string, string> = {}) => ({
    'resource-group': 'swarm-ci', 'subscription-id': subscriptionId, 'tenant-id': tenantId, 'client-id': clientId,
    'client-secret': server.identity.clientSecret, 'arm-endpoint': server.url, 'wait-for-swarm': 'false', ...extra,
  });
  const deployInputs = (extra: Record<string, string> = {}) => azureInputs({ location: 'westeurope', 'allowed-ssh-cidr': '203.0.113.0/24', ...extra });
  const calls = () => server.armCalls().filter((call) => !call.path.endsWith('/operations'))
    .map((call) => `${call.method} ${call.path.replace(`/subscriptions/${subscriptionId}`, '').replace(/resourceGroups/i, 'resourcegroups')}`);

  it('deploy-cluster: exact ARM requests, outputs, summary; the generated key is masked and 0600', async () => {
    const run = await runAction('deploy-cluster', { inputs: deployInputs({ 'agent-count': '3', ttl: '8h', tags: 'team=infra' }), env: env() });
    expect(run.stdout).not.toMatch(/::error/);
    expect(run.exitCode).toBe(0);
    expect(calls()).toEqual([
      'GET /resourcegroups/swarm-ci',
      'PUT /resourcegroups/swarm-ci',
      'PUT /resourcegroups/swarm-ci/providers/Microsoft.Resources/deployments/azure-swarm-cluster',
      'GET /resourcegroups/swarm-ci/providers/Microsoft.Resources/deployments/azure-swarm-cluster',
      'GET /resourcegroups/swarm-ci/providers/Microsoft.Compute/virtualMachineScaleSets/agents/virtualMachines',
    ]);
    const tags = (server.armCalls()[1].body as { tags: Record<string, string> }).tags;
    expect(tags).toMatchObject({ 'managed-by': 'azure-swarm-toolkit', team: 'infra' });
    expect(Date.parse(tags['expires-at']) - Date.now()).toBeGreaterThan(8 * 3600_000 - 120_000);
    expect(run.stdout).toContain('Azure sign-in: client-secret (picked by auth auto)');
    expect(run.stdout).toMatch(/Microsoft\.Compute\/virtualMachineScaleSets agents: Succeeded/);

    expect(run.outputs).toMatchObject({
      'resource-group': 'swarm-ci',
      'expires-at': tags['expires-at'],
      // the deployment's outputs: DNS labels carry the group's unique suffix
      'master-fqdn': expect.stringMatching(/^swarm-ci-master0-[a-z0-9]{6}\.westeurope\.cloudapp\.azure\.com$/),
      'agents-fqdn': expect.stringMatching(/^swarm-ci-agents-lb-[a-z0-9]{6}\.westeurope\.cloudapp\.azure\.com$/),
      'docker-host': `ssh://cluster@${run.outputs['master-fqdn']}`,
      'ssh-user': 'cluster',
      'deployment-name': 'azure-swarm-cluster',
    });
    expect(run.outputs['known-hosts']).toMatch(/^swarm-ci-master0-[a-z0-9]{6}\.westeurope\.cloudapp\.azure\.com ssh-ed25519 AAAA\S+$/);
    expect(JSON.parse(run.outputs.nodes)).toHaveLength(3);
    // 1 master + 3 agents on the default size, every item priced: 4 × 0.086 + 4 × 2.40/730 + 3 × 0.005 + 0.025 + 0.045.
    expect(run.summary).toContain('### Cost estimate (third-party list prices as of 2026-11-28, USD, East US, pay as you go; an estimate, not a bill)');
    expect(run.summary).toContain('| agent VM Standard_D2as_v5 | 3 | $0.086 | $0.258 |');
    expect(run.summary).toContain('Items with a known price: **$0.442/h, ~$323/month**');
    const keyPath = run.outputs['ssh-private-key-path'];
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    const privateKey = readFileSync(keyPath, 'utf8');
    expect(privateKey).toContain('BEGIN OPENSSH PRIVATE KEY');
    // The runner consumes ::add-mask:: commands; everything else it would print must not show the key.
    const printed = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
    for (const line of privateKey.split('\n').filter((text) => text.length > 20)) expect(printed).not.toContain(line);
    expect(run.stdout).toContain(`::add-mask::${privateKey.split('\n')[1]}`);
    expect(printed).not.toContain(server.identity.clientSecret);

    expect(run.summary).toContain(`| master0 | \`${run.outputs['master-fqdn']}\` |`);
    expect(run.summary).toContain('| agents000002 | 2 | running |');
    expect(run.summary).toContain('```mermaid');
  });

  it('deploy-cluster with OIDC: a fresh GitHub ID token for api://AzureADTokenExchange is the client assertion', async () => {
    const run = await runAction('deploy-cluster', {
      inputs: deployInputs({ 'client-secret': '' }),
      env: { ...env(), ACTIONS_ID_TOKEN_REQUEST_URL: `${server.url}/github/id-token?api-version=2.0`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: server.identity.runnerRequestToken },
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Azure sign-in: oidc (picked by auth auto)');
    // Every ID token was asked for the federated audience; the token request presented one of them.
    expect(server.identity.idTokens.length).toBeGreaterThan(0);
    for (const token of server.identity.idTokens) expect(token).toMatch(/^github-id-token-\d+-for-api:\/\/AzureADTokenExchange$/);
    const tokenRequest = server.log.find((entry) => entry.path.endsWith('/oauth2/v2.0/token'))!;
    const form = new URLSearchParams(String(tokenRequest.body));
    expect(server.identity.idTokens).toContain(form.get('client_assertion'));
    expect(form.get('scope')).toBe('https://management.azure.com/.default');
    expect(tokenRequest.path).toBe(`/${tenantId}/oauth2/v2.0/token`);
  });

  it('auth auto with neither ID tokens nor a secret uses the Azure CLI login (a stand-in az on PATH)', async () => {
    server.identity.issuedTokens.add('cli-token');
    const bin = join(runnerTemp, 'bin');
    mkdirSync(bin);
    // What `az account get-access-token --output json` prints; the arguments are kept to assert.
    writeFileSync(join(bin, 'az'), `#!/bin/sh\necho "$@" > ${join(bin, 'argv')}\necho '{"accessToken":"cli-token","expiresOn":"2099-01-01 00:00:00.000000","expires_on":4070908800}'\n`, { mode: 0o755 });
    const run = await runAction('teardown', { inputs: azureInputs({ 'client-secret': '', 'resource-group': 'gone' }), env: { ...env(), PATH: `${bin}:${process.env.PATH}` } });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Azure sign-in: azure-cli (picked by auth auto)');
    expect(readFileSync(join(bin, 'argv'), 'utf8').trim()).toBe(`account get-access-token --output json --resource https://management.azure.com --tenant ${tenantId}`);
    expect(server.armCalls().map((call) => call.status)).toEqual([404]);
  });

  it('auth oidc without id-token: write fails with the fix, before any ARM call', async () => {
    const run = await runAction('deploy-cluster', { inputs: deployInputs({ auth: 'oidc', 'client-secret': '' }), env: env() });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('::error::auth oidc: no GitHub ID token is available (ACTIONS_ID_TOKEN_REQUEST_URL is not set)');
    expect(run.stdout).toContain('permissions: id-token: write');
    expect(server.log).toEqual([]);
  });

  it('bad inputs: every problem named with its rule, nothing requested', async () => {
    const run = await runAction('deploy-cluster', {
      inputs: deployInputs({ 'wait-for-swarm': 'true', 'ssh-public-key': generateSshKeyPair('own').publicKey, 'master-count': '2', 'agent-count': '-1', 'subscription-id': 'not-a-guid', auth: 'password', ttl: 'forever', 'allowed-ssh-cidr': '10.0.0.0/33' }),
      env: env(),
    });
    expect(run.exitCode).toBe(1);
    for (const text of ['ssh-private-key: is required with your own ssh-public-key', 'subscription-id: must be a GUID', 'auth: must be one of auto, oidc, client-secret, azure-cli', 'ttl: must be a duration like 90m, 8h or 2d', 'master-count', 'agent-count', 'allowed-ssh-cidr']) {
      expect(run.stdout).toContain(text);
    }
    expect(server.log).toEqual([]);
  });

  it('a failed deployment prints each failed operation and the correlation id; the post step tears the ephemeral cluster down', async () => {
    server.planDeployments(() => ({
      outputs: {}, publicIps: [],
      operations: [
        { resourceType: 'Microsoft.Network/publicIPAddresses', resourceName: 'master0-ip', error: { code: 'PublicIPCountLimitReached', message: 'Cannot create more than 10 public IP addresses for this subscription in this region.' } },
        { resourceType: 'Microsoft.Compute/virtualMachineScaleSets', resourceName: 'agents', error: { code: 'OperationNotAllowed', message: 'Operation could not be completed as it results in exceeding approved standardBSFamily Cores quota.' } },
      ],
    }));
    const main = await runAction('deploy-cluster', { inputs: deployInputs({ ttl: '2h', keep: 'false' }), env: env() });
    expect(main.exitCode).toBe(1);
    const correlationId = [...server.state.deployments.values()][0].correlationId;
    expect(main.stdout).toContain('::error::deployment azure-swarm-cluster in swarm-ci failed: DeploymentFailed: At least one resource deployment operation failed.');
    expect(main.stdout).toContain('  - Microsoft.Network/publicIPAddresses master0-ip: PublicIPCountLimitReached: Cannot create more than 10 public IP addresses');
    expect(main.stdout).toContain('  - Microsoft.Compute/virtualMachineScaleSets agents: OperationNotAllowed: Operation could not be completed');
    expect(main.stdout).toContain(`correlation id: ${correlationId}`);
    expect(server.state.groups.has('swarm-ci')).toBe(true);

    const post = await runAction('deploy-cluster', { inputs: deployInputs({ ttl: '2h', keep: 'false' }), env: env(), state: main.state });
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain('tearing down the ephemeral cluster swarm-ci');
    expect(server.state.groups.has('swarm-ci')).toBe(false);
  });

  it('scale: scale-agents rides out a 429 storm and a 500, and sends the capacity', async () => {
    expect((await runAction('deploy-cluster', { inputs: deployInputs(), env: env() })).exitCode).toBe(0);
    const before = server.armCalls().length;
    server.fail({ method: 'PATCH', path: /virtualMachineScaleSets\/agents$/i, status: 429, times: 2, code: 'TooManyRequests', message: 'The request is being throttled.', retryAfterSeconds: 1 });
    server.fail({ method: 'GET', path: /virtualMachineScaleSets\/agents\/virtualMachines$/i, status: 500, times: 1 });
    const run = await runAction('scale', { inputs: azureInputs({ operation: 'scale-agents', count: '4' }), env: env() });
    expect(run.exitCode).toBe(0);
    const patches = server.armCalls().slice(before).filter((call) => call.method === 'PATCH');
    expect(patches.map((call) => [call.status, call.body])).toEqual([
      [429, { sku: { capacity: 4 } }], [429, { sku: { capacity: 4 } }], [200, { sku: { capacity: 4 } }],
    ]);
    expect(run.outputs['agent-count']).toBe('4');
    expect(run.summary).toContain('| agents000003 | 3 | running |');
  });

  it('scale: autoscale-bounds fail stops before a capacity autoscale would reset', async () => {
    expect((await runAction('deploy-cluster', { inputs: deployInputs(), env: env() })).exitCode).toBe(0);
    const run = await runAction('scale', { inputs: azureInputs({ operation: 'scale-agents', count: '9', 'autoscale-bounds': 'fail' }), env: env() });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain("::error::agent count 9 is outside autoscale agents-cpu-autoscale's bounds 1-5, which Azure would reset");
    expect(server.armCalls().filter((call) => call.method === 'PATCH' || (call.method === 'PUT' && call.path.includes('autoscale')))).toEqual([]);
  });

  it('scale: an operation that is nothing but swarm work refuses clearly with wait-for-swarm false', async () => {
    expect((await runAction('deploy-cluster', { inputs: deployInputs(), env: env() })).exitCode).toBe(0);
    const run = await runAction('scale', { inputs: azureInputs({ operation: 'scale-service', count: '3' }), env: env() });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('::error::scale-service needs the swarm over SSH, but wait-for-swarm is false');
  });

  describe('re-runs with cluster-secret', () => {
    const clusterSecret = 'd2f1c8a0b7e64e3f9a51c0ffee5eed42-repository-secret';
    const deploymentPuts = () => server.armCalls().filter((call) => call.method === 'PUT' && /\/deployments\//i.test(call.path));
    const parametersOf = (call: { body: unknown }) => (call.body as { properties: { parameters: Record<string, { value: unknown }> } }).properties.parameters;
    /** What the runner would show: everything but the ::add-mask:: commands it consumes. */
    const printed = (stdout: string) => stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');

    it('two runs with the same cluster-secret render identical parameters; the second updates in place; the secret never shows', async () => {
      const first = await runAction('deploy-cluster', { inputs: deployInputs({ 'cluster-secret': clusterSecret }), env: env() });
      expect(first.exitCode).toBe(0);
      const firstCalls = calls().length;
      const second = await runAction('deploy-cluster', { inputs: deployInputs({ 'cluster-secret': clusterSecret }), env: env() });
      expect(second.stdout).not.toMatch(/::error/);
      expect(second.exitCode).toBe(0);
      // The re-run reads the group and finds the deployment before writing anything.
      expect(calls().slice(firstCalls, firstCalls + 4)).toEqual([
        'GET /resourcegroups/swarm-ci',
        'GET /resourcegroups/swarm-ci/providers/Microsoft.Resources/deployments/azure-swarm-cluster',
        'PUT /resourcegroups/swarm-ci',
        'PUT /resourcegroups/swarm-ci/providers/Microsoft.Resources/deployments/azure-swarm-cluster',
      ]);
      const [put1, put2] = deploymentPuts();
      expect(parametersOf(put2)).toEqual(parametersOf(put1));
      expect(second.stdout).toContain('resource group swarm-ci updated');
      expect(second.outputs['known-hosts']).toBe(first.outputs['known-hosts']);
      // A later job derives the same SSH material from the secret (scale and rollout do).
      const derived = deriveClusterSecrets(clusterSecret, 'swarm-ci', 'production');
      expect(second.outputs['known-hosts'].split(' ').slice(1).join(' ')).toBe(derived.masterHostKey.publicKey.split(' ').slice(0, 2).join(' '));
      expect(parametersOf(put2).adminPublicKey.value).toBe(derived.adminKey.publicKey);
      // Every secret of the cluster: none in the log, the outputs file or the job summary.
      const keys = helperKeys(derived.helperSecret);
      const keyLines = (key: string) => key.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----'));
      const secrets = [clusterSecret, derived.helperSecret, keys.master, keys.agentRoot, nodeHelperKey(keys.agentRoot, 'agents000000'),
        ...keyLines(derived.adminKey.privateKey), ...keyLines(derived.masterHostKey.privateKey)];
      for (const run of [first, second]) {
        expect(run.stdout).toContain(`::add-mask::${clusterSecret}`);
        const texts = { log: printed(run.stdout), outputs: JSON.stringify(run.outputs), summary: run.summary };
        for (const [where, text] of Object.entries(texts)) expect({ where, leaked: secrets.filter((secret) => text.includes(secret)) }).toEqual({ where, leaked: [] });
      }
    });

    it('a re-run without cluster-secret fails before any write, naming cluster-secret and why', async () => {
      expect((await runAction('deploy-cluster', { inputs: deployInputs(), env: env() })).exitCode).toBe(0);
      const before = server.armCalls().length;
      const run = await runAction('deploy-cluster', { inputs: deployInputs(), env: env() });
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain('::error::cluster-secret: is required to update the existing cluster in resource group swarm-ci');
      expect(run.stdout).toContain('PropertyChangeNotAllowed');
      expect(server.armCalls().slice(before).map((call) => call.method)).toEqual(['GET', 'GET']);
      expect(deploymentPuts()).toHaveLength(1);
    });

    it('the stand-in refuses, like Azure, a deployment that changes the VMs\' customData', async () => {
      expect((await runAction('deploy-cluster', { inputs: deployInputs({ 'cluster-secret': clusterSecret }), env: env() })).exitCode).toBe(0);
      const run = await runAction('deploy-cluster', { inputs: deployInputs({ 'cluster-secret': `${clusterSecret}-rotated` }), env: env() });
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain("  - Microsoft.Compute/virtualMachines master0: PropertyChangeNotAllowed: Changing property 'customData' is not allowed.");
    });

    it('a short cluster-secret is refused by name, unechoed, before any request', async () => {
      const run = await runAction('deploy-cluster', { inputs: deployInputs({ 'cluster-secret': 'too-short-a-secret' }), env: env() });
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain('cluster-secret: must be at least 32 characters');
      expect(printed(run.stdout)).not.toContain('too-short-a-secret');
      expect(server.log).toEqual([]);
    });
  });

  it('teardown: an absent group is success; a present one is deleted; janitor dry-run only lists', async () => {
    const absent = await runAction('teardown', { inputs: azureInputs({ 'resource-group': 'gone' }), env: env() });
    expect(absent.exitCode).toBe(0);
    expect(absent.stdout).toContain('resource group gone does not exist: nothing to delete');
    expect(absent.outputs.deleted).toBe('[]');
    expect(calls()).toEqual(['HEAD /resourcegroups/gone']);

    expect((await runAction('deploy-cluster', { inputs: deployInputs({ ttl: '1m' }), env: env() })).exitCode).toBe(0);
    server.state.groups.get('swarm-ci')!.tags['expires-at'] = '2000-01-01T00:00:00.000Z';
    const dryRun = await runAction('teardown', { inputs: azureInputs({ 'resource-group': '', janitor: 'true', 'dry-run': 'true' }), env: env() });
    expect(dryRun.exitCode).toBe(0);
    expect(JSON.parse(dryRun.outputs.expired)).toEqual(['swarm-ci']);
    expect(server.state.groups.has('swarm-ci')).toBe(true);

    const present = await runAction('teardown', { inputs: azureInputs(), env: env() });
    expect(present.exitCode).toBe(0);
    expect(present.outputs.deleted).toBe('["swarm-ci"]');
    expect(calls().slice(-2)).toEqual(['HEAD /resourcegroups/swarm-ci', 'DELETE /resourcegroups/swarm-ci']);
    expect(server.state.groups.has('swarm-ci')).toBe(false);
  });
});
