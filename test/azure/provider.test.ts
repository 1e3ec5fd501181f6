import { parseClusterSettings } from '../../src/core/validate.js';
import { generateSshKeyPair } from '../../src/render/keys.js';
import { renderAzureDeployment, type RenderContext } from '../../src/providers/azure/render.js';
import type { ArmServer } from '../support/arm-server/server.js';
import { azureProvider, callLines, recordingReporter, startTrustedArmServer } from './azure-fixture.js';

const adminKey = generateSshKeyPair('admin@test');
const settings = (group: string, extra: Record<string, string> = {}) =>
  parseClusterSettings({ 'resource-group': group, location: 'westeurope', 'ssh-public-key': adminKey.publicKey, 'allowed-ssh-cidr': '203.0.113.0/24', ...extra }, 'azure');
const render = (s: ReturnType<typeof settings>, context: RenderContext) => renderAzureDeployment(s, context, { adminPrivateKey: adminKey.privateKey });
const rg = (name: string) => `/resourcegroups/${name}`;
const deploymentPath = (name: string) => `${rg(name)}/providers/Microsoft.Resources/deployments/azure-swarm-cluster`;

describe('AzureProvider against the HTTPS ARM stand-in', () => {
  let server: ArmServer;
  beforeEach(async () => {
    server = await startTrustedArmServer({ polls: 1, retryAfterSeconds: 1 });
  });
  afterEach(() => server.close());

  it('deploys: group with tags, then ONE deployment of the template, showing operations', async () => {
    const reporter = recordingReporter();
    const provider = azureProvider(server, { render, groupTags: { 'expires-at': '2030-01-01T00:00:00.000Z', pr: '7' } });
    const cluster = await provider.deploy(settings('swarm-a', { 'agent-count': '3' }), reporter);

    const calls = callLines(server).filter((line) => !line.endsWith('/operations'));
    expect(calls).toEqual([
      `GET ${rg('swarm-a')}`,
      `PUT ${rg('swarm-a')}`,
      `PUT ${deploymentPath('swarm-a')}`,
      `GET ${deploymentPath('swarm-a')}`,
    ]);
    const groupPut = server.armCalls().find((call) => call.method === 'PUT' && /resourcegroups\/swarm-a$/.test(call.path))!;
    expect(groupPut.body).toEqual({ location: 'westeurope', tags: { 'managed-by': 'azure-swarm-toolkit', 'expires-at': '2030-01-01T00:00:00.000Z', pr: '7' } });
    const deploymentPut = server.armCalls().find((call) => call.method === 'PUT' && call.path.endsWith('azure-swarm-cluster'))!;
    const body = deploymentPut.body as { properties: { mode: string; template: { $schema: string }; parameters: Record<string, { value: unknown }> } };
    expect(body.properties.mode).toBe('Incremental');
    expect(body.properties.template.$schema).toContain('deploymentTemplate.json');
    expect(body.properties.parameters.agentCount).toEqual({ value: 3 });
    expect(reporter.lines).toEqual(expect.arrayContaining([
      '  Microsoft.Compute/virtualMachineScaleSets agents: Running',
      '  Microsoft.Compute/virtualMachineScaleSets agents: Succeeded',
    ]));
    // the FQDN is the deployment's output: the DNS label carries the group's unique suffix
    expect(cluster.info.endpoints.masters).toEqual([expect.stringMatching(/^swarm-a-master0-[a-z0-9]{6}\.westeurope\.cloudapp\.azure\.com$/)]);
    expect(cluster.info.ssh).toMatchObject({ host: cluster.info.endpoints.masters[0], username: 'cluster', privateKey: adminKey.privateKey });
    expect(cluster.info.ssh.hostKeys[0]).toMatch(/^ssh-ed25519 /);
    expect(reporter.secrets).toContain(adminKey.privateKey);
    expect((await cluster.listAgents()).map((agent) => [agent.name, agent.state])).toEqual([
      ['agents000000', 'running'], ['agents000001', 'running'], ['agents000002', 'running'],
    ]);
  });

  it('reports every failed operation with its code, message and the correlation id', async () => {
    server.planDeployments((group, parameters) => {
      const plan = { outputs: {}, publicIps: [], operations: [
        { resourceType: 'Microsoft.Network/virtualNetworks', resourceName: 'cluster-vnet' },
        { resourceType: 'Microsoft.Compute/virtualMachines', resourceName: 'master0', error: { code: 'SkuNotAvailable', message: `Standard_B1ls is not available in ${String(parameters.location?.value)}` } },
      ] };
      return { ...plan, outputs: { group } };
    });
    const error = await azureProvider(server, { render }).deploy(settings('swarm-b'), recordingReporter()).then(() => new Error('no error'), (caught: Error) => caught);
    const correlationId = [...server.state.deployments.values()][0].correlationId;
    expect(error.message).toBe([
      'deployment azure-swarm-cluster in swarm-b failed: DeploymentFailed: At least one resource deployment operation failed. Please list deployment operations for details.',
      '  - Microsoft.Compute/virtualMachines master0: SkuNotAvailable: Standard_B1ls is not available in westeurope',
      `correlation id: ${correlationId}`,
    ].join('\n'));
  });

  it('rides out a 429 storm (Retry-After honoured) and 500s', async () => {
    server.fail({ method: 'PUT', path: /resourcegroups\/swarm-c$/i, status: 429, times: 3, code: 'TooManyRequests', message: 'throttled', retryAfterSeconds: 1 });
    server.fail({ method: 'GET', path: /deployments\/azure-swarm-cluster$/i, status: 500, times: 2 });
    const started = Date.now();
    await azureProvider(server, { render }).deploy(settings('swarm-c'), recordingReporter());
    const groupPuts = server.armCalls().filter((call) => call.method === 'PUT' && /resourcegroups\/swarm-c$/.test(call.path));
    expect(groupPuts.map((call) => call.status)).toEqual([429, 429, 429, 201]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
  });

  it('fails clearly on an error that is not transient, naming the code and correlation id', async () => {
    server.fail({ method: 'PUT', path: /resourcegroups\/swarm-d$/i, status: 403, times: 1, code: 'AuthorizationFailed', message: 'no write permission' });
    const error = await azureProvider(server, { render }).deploy(settings('swarm-d'), recordingReporter()).then(() => new Error('no error'), (caught: Error) => caught);
    expect(error.message).toMatch(/^create or update resource group swarm-d: AuthorizationFailed: no write permission \(HTTP 403, correlation id [0-9a-f-]{36}\)$/);
    expect(server.armCalls().some((call) => call.path.includes('deployments'))).toBe(false);
  });

  it('scale-agents moves autoscale bounds or fails, never leaves a silent reset', async () => {
    const provider = azureProvider(server, { render, autoscaleBounds: 'fail' });
    await provider.deploy(settings('swarm-e'), recordingReporter());
    const cluster = await provider.open('swarm-e', recordingReporter());
    await expect(cluster.scaleAgents(7)).rejects.toThrow("agent count 7 is outside autoscale agents-cpu-autoscale's bounds 1-5, which Azure would reset");
    expect(server.armCalls().some((call) => call.method === 'PATCH')).toBe(false);

    const reporter = recordingReporter();
    const moving = await azureProvider(server, { autoscaleBounds: 'move' }).open('swarm-e', reporter);
    const before = server.armCalls().length;
    await moving.scaleAgents(7);
    const autoscalePath = `${rg('swarm-e')}/providers/Microsoft.Insights/autoscalesettings/agents-cpu-autoscale`;
    expect(callLines(server).slice(before)).toEqual([
      `GET ${autoscalePath}`,
      `PUT ${autoscalePath}`,
      `PATCH ${rg('swarm-e')}/providers/Microsoft.Compute/virtualMachineScaleSets/agents`,
      `GET ${rg('swarm-e')}/providers/Microsoft.Compute/virtualMachineScaleSets/agents`,
    ]);
    expect(reporter.lines).toContain("warning: agent count 7 is outside autoscale agents-cpu-autoscale's bounds 1-5, which Azure would reset: moving the bounds to 1-7");
    expect((await moving.listAgents()).length).toBe(7);
  });

  it('an opened cluster lists its deployment steps (view-deployment): the deployment operations', async () => {
    const provider = azureProvider(server, { render });
    await provider.deploy(settings('swarm-steps'), recordingReporter());
    const cluster = await provider.open('swarm-steps', recordingReporter());
    const before = server.armCalls().length;
    const steps = await cluster.deploymentSteps!();
    // ARM's path for the operations list has no providers/Microsoft.Resources segment
    expect(callLines(server).slice(before)).toEqual([`GET ${rg('swarm-steps')}/deployments/azure-swarm-cluster/operations`]);
    expect(steps).toContainEqual({ resource: 'Microsoft.Compute/virtualMachineScaleSets agents', state: 'Succeeded' });
    expect(steps.every((step) => step.state === 'Succeeded')).toBe(true);
  });

  it('opening a group without the cluster deployment says so', async () => {
    await expect(azureProvider(server).open('empty', recordingReporter())).rejects.toMatchObject({
      code: 'cluster-not-found',
      message: 'no cluster in resource group empty (no deployment azure-swarm-cluster)',
    });
  });

  it('destroys: an absent group is success; a present one is deleted and polled', async () => {
    const provider = azureProvider(server, { render });
    const reporter = recordingReporter();
    expect(await provider.destroy('never-there', reporter)).toBe(false);
    expect(callLines(server)).toEqual([`HEAD ${rg('never-there')}`]);
    expect(reporter.lines).toContain('resource group never-there does not exist: nothing to delete');

    await provider.deploy(settings('swarm-f'), recordingReporter());
    expect(await provider.destroy('swarm-f', reporter)).toBe(true);
    expect(server.state.groups.has('swarm-f')).toBe(false);
    expect(callLines(server).slice(-2)).toEqual([`HEAD ${rg('swarm-f')}`, `DELETE ${rg('swarm-f')}`]);
  });

  it('janitor deletes only expired groups of this toolkit, and only lists them in dry-run', async () => {
    const now = new Date('2030-06-01T00:00:00Z');
    server.state.groups.set('old', { name: 'old', location: 'westeurope', tags: { 'managed-by': 'azure-swarm-toolkit', 'expires-at': '2030-05-31T00:00:00Z' }, provisioningState: 'Succeeded' });
    server.state.groups.set('fresh', { name: 'fresh', location: 'westeurope', tags: { 'managed-by': 'azure-swarm-toolkit', 'expires-at': '2030-06-02T00:00:00Z' }, provisioningState: 'Succeeded' });
    server.state.groups.set('foreign', { name: 'foreign', location: 'westeurope', tags: { 'expires-at': '2000-01-01T00:00:00Z' }, provisioningState: 'Succeeded' });
    const provider = azureProvider(server, { now: () => now });
    expect(await provider.janitor(recordingReporter(), { dryRun: true })).toEqual({ expired: ['old'], deleted: [] });
    expect(server.armCalls().filter((call) => call.method === 'DELETE')).toEqual([]);
    const list = server.armCalls()[0];
    expect(list.query.$filter).toBe("tagName eq 'managed-by' and tagValue eq 'azure-swarm-toolkit'");
    expect(await provider.janitor(recordingReporter(), { dryRun: false })).toEqual({ expired: ['old'], deleted: ['old'] });
    expect(callLines(server).filter((line) => line.startsWith('DELETE'))).toEqual([`DELETE ${rg('old')}`]);
  });
});
