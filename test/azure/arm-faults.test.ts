// Faults on the ARM side, each against the HTTPS ARM stand-in with the real SDK clients: what is
// transient (429 and 503 with Retry-After, 500 bursts) is retried within the pipeline's bound and
// the operation succeeds; what is not (a failed resource, a stuck deployment, a group being
// deleted, a quota, an expired token) stops at once, naming the resource, ARM's code and message
// and the correlation id. Every test prints what it measured (docs/reliability.md quotes them).
import { parseClusterSettings } from '../../src/core/validate.js';
import { retryOptions } from '../../src/providers/azure/clients.js';
import { renderAzureDeployment, type RenderContext } from '../../src/providers/azure/render.js';
import { generateSshKeyPair } from '../../src/render/keys.js';
import { clusterPlan } from '../support/arm-server/plan.js';
import type { ArmServer, LoggedRequest } from '../support/arm-server/server.js';
import { azureProvider, recordingReporter, startTrustedArmServer } from './azure-fixture.js';

const adminKey = generateSshKeyPair('admin@test');
const settings = (group: string, extra: Record<string, string> = {}) =>
  parseClusterSettings({ 'resource-group': group, location: 'westeurope', 'ssh-public-key': adminKey.publicKey, 'allowed-ssh-cidr': '203.0.113.0/24', ...extra }, 'azure');
const render = (s: ReturnType<typeof settings>, context: RenderContext) => renderAzureDeployment(s, context, { adminPrivateKey: adminKey.privateKey });
const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const figures: string[] = [];
const measure = (fault: string, ms: number, extra = '') => figures.push(`${fault}: ${(ms / 1000).toFixed(2)} s${extra ? `, ${extra}` : ''}`);

async function failureOf(work: Promise<unknown>): Promise<Error & { code?: string; correlationId?: string }> {
  return work.then(() => new Error('no error'), (caught: Error) => caught);
}

/** Gaps between consecutive tries of the same request: how long the client waited. */
const gaps = (calls: LoggedRequest[]) => calls.slice(1).map((call, index) => call.at - calls[index]!.at);

describe('ARM faults against the HTTPS ARM stand-in', () => {
  let server: ArmServer;
  beforeEach(async () => {
    server = await startTrustedArmServer({ polls: 1, retryAfterSeconds: 1 });
  });
  afterEach(() => server.close());
  afterAll(() => console.log(`ARM fault figures:\n${figures.map((line) => `  ${line}`).join('\n')}`));

  it('the outputs are the deployed template\'s own: a renamed output breaks the deploy', async () => {
    const provider = azureProvider(server, { render });
    const cluster = await provider.deploy(settings('swarm-out', { 'master-count': '3' }), recordingReporter());
    // Evaluated from arm/cluster.json for this group's parameters, not written by the stand-in.
    const outputs = [...server.state.deployments.values()][0]!.outputs;
    expect(cluster.info.endpoints.masters).toEqual(outputs.masterFqdns!.value);
    cluster.info.endpoints.masters.forEach((fqdn, index) => expect(fqdn).toMatch(new RegExp(`^swarm-out-[a-z0-9-]*master${index}[a-z0-9-]*\\.westeurope\\.cloudapp\\.azure\\.com$`)));
    expect(outputs.masterPrivateAddresses).toEqual({ type: 'Array', value: ['10.0.1.10', '10.0.1.11', '10.0.1.12'] });
    expect(outputs.helperPort?.type).toBe('Int');

    const renamed = (s: ReturnType<typeof settings>, context: RenderContext) => {
      const rendered = render(s, context);
      const template = rendered.template as { outputs: Record<string, unknown> };
      const { masterFqdns, ...others } = template.outputs;
      return { ...rendered, template: { ...template, outputs: { ...others, masterAddresses: masterFqdns } } };
    };
    const error = await failureOf(azureProvider(server, { render: renamed }).deploy(settings('swarm-renamed'), recordingReporter()));
    expect(error.message).toBe('deployment azure-swarm-cluster has no output masterFqdns');
  });

  it('a template ARM cannot evaluate is refused before anything is created', async () => {
    const broken = (s: ReturnType<typeof settings>, context: RenderContext) => {
      const rendered = render(s, context);
      const template = rendered.template as { outputs: Record<string, unknown> };
      return { ...rendered, template: { ...template, outputs: { ...template.outputs, extra: { type: 'string', value: "[parameters('noSuchParameter')]" } } } };
    };
    const error = await failureOf(azureProvider(server, { render: broken }).deploy(settings('swarm-invalid'), recordingReporter()));
    expect(error.message).toMatch(new RegExp(`^start deployment azure-swarm-cluster in swarm-invalid: InvalidTemplateDeployment: Deployment template validation failed: parameter noSuchParameter is not declared \\(HTTP 400, correlation id ${uuid}\\)$`));
    expect(server.state.scaleSets.size).toBe(0);
  });

  it('429 storm with Retry-After on a capacity change: every wait honoured, then it goes through', async () => {
    const provider = azureProvider(server, { render });
    const cluster = await provider.deploy(settings('swarm-429'), recordingReporter());
    server.fail({ method: 'PATCH', path: /virtualMachineScaleSets\/agents$/i, status: 429, times: 4, code: 'TooManyRequests', message: 'throttled', retryAfterSeconds: 1 });
    const started = Date.now();
    await cluster.scaleAgents(4);
    const elapsed = Date.now() - started;
    const patches = server.armCalls().filter((call) => call.method === 'PATCH');
    expect(patches.map((call) => call.status)).toEqual([429, 429, 429, 429, 200]);
    for (const gap of gaps(patches)) expect(gap).toBeGreaterThanOrEqual(950);
    expect((await cluster.listAgents()).length).toBe(4);
    measure('429 x4 with Retry-After 1 s on scale', elapsed, `${patches.length} PATCH requests`);
  });

  it('503 and 500 bursts while a deployment is polled and its operations listed: ridden out', async () => {
    server.fail({ method: 'GET', path: /Microsoft\.Test\/locations\/local\/operations\//i, status: 503, times: 3, code: 'ServiceUnavailable', message: 'try later', retryAfterSeconds: 1 });
    server.fail({ method: 'GET', path: /deployments\/azure-swarm-cluster\/operations$/i, status: 500, times: 2 });
    const started = Date.now();
    const cluster = await azureProvider(server, { render }).deploy(settings('swarm-5xx'), recordingReporter());
    const elapsed = Date.now() - started;
    expect(cluster.info.endpoints.masters).toEqual([expect.stringMatching(/^swarm-5xx-master0-[a-z0-9]{6}\.westeurope\.cloudapp\.azure\.com$/)]);
    const statuses = server.log.filter((entry) => /Microsoft\.Test\/locations\/local\/operations\//i.test(entry.path)).map((entry) => entry.status);
    expect(statuses.slice(0, 3)).toEqual([503, 503, 503]);
    expect(statuses.at(-1)).toBe(200);
    measure('503 x3 on polls + 500 x2 on operations during deploy', elapsed);
  });

  it('a storm longer than the retry bound stops after exactly the bound, with code and correlation id', async () => {
    server.fail({ method: 'PUT', path: /resourcegroups\/swarm-storm$/i, status: 429, times: 100, code: 'TooManyRequests', message: 'The request was throttled.', retryAfterSeconds: 0 });
    const started = Date.now();
    const error = await failureOf(azureProvider(server, { render }).deploy(settings('swarm-storm'), recordingReporter()));
    const puts = server.armCalls().filter((call) => call.method === 'PUT');
    expect(puts.length).toBe(1 + retryOptions.maxRetries);
    expect(error.message).toBe(`create or update resource group swarm-storm: TooManyRequests: The request was throttled. (HTTP 429, correlation id ${puts.at(-1)!.correlationId})`);
    expect(server.armCalls().some((call) => call.path.includes('deployments') && call.method === 'PUT')).toBe(false);
    measure('endless 429 (Retry-After 0) on group create', Date.now() - started, `gave up after ${puts.length} requests`);
  });

  it('a deployment failing on one resource stops at once: resource, code, message, correlation id', async () => {
    server.planDeployments((group, parameters, target) => {
      const plan = clusterPlan(group, parameters, target);
      const error = { code: 'SkuNotAvailable', message: "The requested VM size 'Standard_B1ls' is currently not available in location 'westeurope'." };
      return { ...plan, operations: plan.operations.map((operation) => (operation.resourceType === 'Microsoft.Compute/virtualMachineScaleSets' ? { ...operation, error } : operation)) };
    });
    const started = Date.now();
    const error = await failureOf(azureProvider(server, { render }).deploy(settings('swarm-fail'), recordingReporter()));
    const correlationId = [...server.state.deployments.values()][0]!.correlationId;
    expect(error.message.split('\n')).toEqual([
      'deployment azure-swarm-cluster in swarm-fail failed: DeploymentFailed: At least one resource deployment operation failed. Please list deployment operations for details.',
      "  - Microsoft.Compute/virtualMachineScaleSets agents: SkuNotAvailable: The requested VM size 'Standard_B1ls' is currently not available in location 'westeurope'.",
      `correlation id: ${correlationId}`,
    ]);
    expect(error.code).toBe('deployment-failed');
    expect(server.armCalls().filter((call) => call.method === 'PUT' && call.path.endsWith('azure-swarm-cluster')).length).toBe(1);
    measure('deployment failing on the scale set', Date.now() - started);
  });

  it('a deployment that never finishes times out naming what was still running', async () => {
    server.planDeployments((group, parameters, target) => {
      const plan = clusterPlan(group, parameters, target);
      return { ...plan, operations: plan.operations.map((operation) => (operation.resourceType === 'Microsoft.Compute/virtualMachineScaleSets' ? { ...operation, hangs: true } : operation)) };
    });
    const started = Date.now();
    const error = await failureOf(azureProvider(server, { render, deploymentTimeoutMs: 3000 }).deploy(settings('swarm-stuck'), recordingReporter()));
    const elapsed = Date.now() - started;
    const correlationId = [...server.state.deployments.values()][0]!.correlationId;
    expect(error.message.split('\n')).toEqual([
      'deployment azure-swarm-cluster in swarm-stuck did not finish within 3 s (it is Running); still running:',
      '  - Microsoft.Compute/virtualMachineScaleSets agents: Running',
      `correlation id: ${correlationId}`,
    ]);
    expect(error.code).toBe('deployment-timeout');
    // Stopped at its timeout, not when the deployment ends (never); slack for a loaded machine.
    expect(elapsed).toBeLessThan(3000 + 10_000);
    // Polling stopped with the timeout: no request after the error's own reads.
    const settledAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(server.log.filter((entry) => entry.at > settledAt)).toEqual([]);
    measure('deployment that never finishes (timeout 3 s)', elapsed);
  });

  it('a group already being deleted: refused at once (409, not retried) with the hint', async () => {
    server.state.groups.set('swarm-going', { name: 'swarm-going', location: 'westeurope', tags: {}, provisioningState: 'Deleting' });
    const started = Date.now();
    const error = await failureOf(azureProvider(server, { render }).deploy(settings('swarm-going'), recordingReporter()));
    const put = server.armCalls().filter((call) => call.method === 'PUT');
    expect(put.length).toBe(1);
    expect(error.message).toBe(`create or update resource group swarm-going: ResourceGroupBeingDeleted: The resource group 'swarm-going' is in deprovisioning state and cannot perform this operation. (HTTP 409, correlation id ${put[0]!.correlationId})`);
    expect(error).toMatchObject({ code: 'azure-ResourceGroupBeingDeleted', hint: expect.stringContaining('still being deleted') });
    measure('group being deleted', Date.now() - started);
  });

  it('a capacity change refused by quota: one request, the quota figures, nothing changed', async () => {
    const provider = azureProvider(server, { render });
    const cluster = await provider.deploy(settings('swarm-quota', { 'agent-count': '2' }), recordingReporter());
    server.state.coreQuota = 4;
    const started = Date.now();
    const error = await failureOf(cluster.scaleAgents(5));
    const patches = server.armCalls().filter((call) => call.method === 'PATCH');
    expect(patches.map((call) => call.status)).toEqual([409]);
    expect(error.message).toBe(
      'set capacity of scale set agents to 5: OperationNotAllowed: Operation could not be completed as it results in exceeding approved Total Regional Cores quota. ' +
      'Additional details - Deployment Model: Resource Manager, Location: westeurope, Current Limit: 4, Current Usage: 2, Additional Required: 3, (Minimum) New Limit Required: 5. ' +
      `(HTTP 409, correlation id ${patches[0]!.correlationId})`,
    );
    expect(error).toMatchObject({ hint: expect.stringContaining('quota') });
    expect((await cluster.listAgents()).length).toBe(2);
    await cluster.scaleAgents(4);
    expect((await cluster.listAgents()).length).toBe(4);
    measure('capacity change beyond quota', Date.now() - started);
  });

  it('503 twice on a batched reimage, with Retry-After: the same one request retried after each wait, then accepted', async () => {
    const cluster = await azureProvider(server, { render }).deploy(settings('swarm-batch-503', { 'agent-count': '3' }), recordingReporter());
    server.fail({ method: 'POST', path: /virtualMachineScaleSets\/agents\/reimage$/i, status: 503, times: 2, code: 'ServiceUnavailable', message: 'try later', retryAfterSeconds: 1 });
    const started = Date.now();
    await cluster.reimageAgents(['0', '2']);
    const posts = server.armCalls().filter((call) => call.method === 'POST');
    expect(posts.map((call) => [call.status, call.body])).toEqual([503, 503, 202].map((status) => [status, { instanceIds: ['0', '2'] }]));
    for (const gap of gaps(posts)) expect(gap).toBeGreaterThanOrEqual(950);
    measure('503 x2 with Retry-After 1 s on a batched reimage of 2', Date.now() - started, `${posts.length} POST requests`);
  });

  it('a batch naming an instance the scale set does not have: refused whole at once (400, not retried), ARM names the id, the error the instances and their states', async () => {
    const cluster = await azureProvider(server, { render }).deploy(settings('swarm-ids', { 'agent-count': '2' }), recordingReporter());
    const started = Date.now();
    const error = await failureOf(cluster.stopAgents({ deallocate: true, instanceIds: ['0', '7'] }));
    const posts = server.armCalls().filter((call) => call.method === 'POST');
    expect(posts.map((call) => [call.status, call.body])).toEqual([[400, { instanceIds: ['0', '7'] }]]);
    expect(error.message).toBe('deallocate agent instances 0, 7: InvalidParameter: The provided instanceId 7 is not an active Virtual Machine Scale Set VM instanceId. ' +
      `(HTTP 400, correlation id ${posts[0]!.correlationId}); not deallocated afterwards: 0 running, 7 absent`);
    expect(error).toMatchObject({ code: 'azure-InvalidParameter', correlationId: posts[0]!.correlationId });
    expect([...server.state.scaleSets.values()][0]!.instances.map((instance) => instance.power)).toEqual(['running', 'running']);
    measure('batch naming an unknown instance', Date.now() - started);
  });

  it('tokens that expire during a long deployment are renewed before ARM sees an expired one', async () => {
    await server.close();
    server = await startTrustedArmServer({ polls: 6, retryAfterSeconds: 1, tokenLifetimeSeconds: 3 });
    const started = Date.now();
    const cluster = await azureProvider(server, { render }).deploy(settings('swarm-renew'), recordingReporter());
    const elapsed = Date.now() - started;
    expect(cluster.info.endpoints.masters).toHaveLength(1);
    const used = new Set(server.log.filter((entry) => entry.path.startsWith('/subscriptions/')).map((entry) => entry.token));
    expect(elapsed).toBeGreaterThan(3000);
    expect(used.size).toBeGreaterThanOrEqual(2);
    expect(server.log.filter((entry) => entry.status === 401)).toEqual([]);
    measure('3 s tokens across a deployment', elapsed, `${used.size} tokens used (renewed before expiry), no 401`);
  });

  it('a token refused as expired mid-operation stops at once: code, message, correlation id, hint', async () => {
    server.onDeployment(async () => server.expireTokens());
    const started = Date.now();
    const error = await failureOf(azureProvider(server, { render }).deploy(settings('swarm-expired'), recordingReporter()));
    const refused = server.log.filter((entry) => entry.status === 401);
    expect(refused).toHaveLength(1);
    expect(error.message).toMatch(new RegExp(`^wait for deployment azure-swarm-cluster in swarm-expired: ExpiredAuthenticationToken: The access token expiry UTC time '[^']+' is earlier than current UTC time '[^']+'\\. \\(HTTP 401, correlation id ${refused[0]!.correlationId}\\)$`));
    expect(error).toMatchObject({ code: 'azure-ExpiredAuthenticationToken', hint: expect.stringContaining('clock') });
    measure('token refused as expired mid-deployment', Date.now() - started);
  });
});
