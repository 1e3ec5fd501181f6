// The scale action's agent operations, run as GitHub runs them against the ARM stand-in with
// wait-for-swarm false: the exact ARM requests each operation makes (method, path, api-version,
// body, order), the outputs it writes, and its failure paths. The swarm side of these operations
// runs over a real sshd elsewhere (azure-over-ssh.test, lab-actions.test).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startArmServer, type ArmServer, type LoggedRequest } from '../support/arm-server/server.js';
import { runAction, type ActionRun } from './run-action.js';

const subscriptionId = '00000000-0000-0000-0000-00000000000a';
const tenantId = '00000000-0000-0000-0000-00000000000b';
const clientId = '00000000-0000-0000-0000-00000000000c';

const group = '/resourcegroups/swarm-ci';
const deployment = `${group}/providers/Microsoft.Resources/deployments/azure-swarm-cluster`;
const scaleSet = `${group}/providers/Microsoft.Compute/virtualMachineScaleSets/agents`;
const instances = `${scaleSet}/virtualMachines`;
const autoscale = `${group}/providers/Microsoft.Insights/autoscalesettings/agents-cpu-autoscale`;
const computeApi = '2026-04-01';

describe('scale action: the ARM requests of each agent operation', () => {
  let server: ArmServer;
  let runnerTemp: string;
  /** ARM calls made before the scale run under test (the deployment that set the cluster up). */
  let mark: number;

  const env = () => ({ NODE_EXTRA_CA_CERTS: server.certificate.certPath, AZURE_AUTHORITY_HOST: server.url, RUNNER_TEMP: runnerTemp });
  const inputs = (extra: Record<string, string>) => ({
    'resource-group': 'swarm-ci', 'subscription-id': subscriptionId, 'tenant-id': tenantId, 'client-id': clientId,
    'client-secret': server.identity.clientSecret, 'arm-endpoint': server.url, 'wait-for-swarm': 'false', ...extra,
  });
  const scale = (extra: Record<string, string>) => runAction('scale', { inputs: inputs(extra), env: env() });

  /** The scale run's ARM calls as `METHOD path?query`, the subscription prefix dropped. */
  const requests = (): LoggedRequest[] => server.armCalls().slice(mark);
  const lines = () => requests().map((call) => {
    const query = Object.entries(call.query).filter(([name]) => name !== 'api-version').map(([name, value]) => `?${name}=${value}`).join('');
    return `${call.method} ${call.path.replace(`/subscriptions/${subscriptionId}`, '').replace(/resourceGroups/i, 'resourcegroups')}${query}`;
  });
  const instanceList = `GET ${instances}?$expand=instanceView`;
  const opening = [`GET ${deployment}`];

  const agentsOf = (run: ActionRun) => JSON.parse(run.outputs.agents) as { instanceId: string; name: string; state: string }[];
  /** What the runner would show: everything but the ::add-mask:: commands it consumes. */
  const printed = (run: ActionRun) => run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
  const succeeded = (run: ActionRun) => {
    expect(run.stdout).not.toMatch(/::error/);
    expect(run.exitCode).toBe(0);
    expect(printed(run)).not.toContain(server.identity.clientSecret);
    expect(run.stdout).toContain(`::add-mask::${server.identity.clientSecret}`);
  };

  beforeEach(async () => {
    server = await startArmServer({ polls: 1, retryAfterSeconds: 1 });
    runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'));
    const deployed = await runAction('deploy-cluster', {
      inputs: inputs({ location: 'westeurope', 'allowed-ssh-cidr': '203.0.113.0/24', 'agent-count': '3' }),
      env: env(),
    });
    expect(deployed.exitCode).toBe(0);
    mark = server.armCalls().length;
  });
  afterEach(async () => {
    await server.close();
    rmSync(runnerTemp, { recursive: true, force: true });
  });

  it('list-agents: reads the deployment and the instances with their instance view; agents JSON and agent-count', async () => {
    const run = await scale({ operation: 'list-agents' });
    succeeded(run);
    expect(lines()).toEqual([...opening, instanceList]);
    expect(requests().map((call) => call.apiVersion)).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), computeApi]);
    expect(agentsOf(run)).toEqual([
      { instanceId: '0', name: 'agents000000', state: 'running' },
      { instanceId: '1', name: 'agents000001', state: 'running' },
      { instanceId: '2', name: 'agents000002', state: 'running' },
    ]);
    expect(run.outputs['agent-count']).toBe('3');
    expect(run.summary).toContain('## list-agents on swarm-ci');
    expect(run.summary).toContain('| agents000001 | 1 | running |');
  });

  it('scale-agents out inside the autoscale bounds: reads the setting, leaves it, PATCHes the capacity', async () => {
    const run = await scale({ operation: 'scale-agents', count: '5' });
    succeeded(run);
    expect(lines()).toEqual([...opening, `GET ${autoscale}`, `PATCH ${scaleSet}`, `GET ${scaleSet}`, instanceList]);
    const patch = requests()[2];
    expect(patch.body).toEqual({ sku: { capacity: 5 } });
    expect(patch.apiVersion).toBe(computeApi);
    expect(run.stdout).toContain('autoscale agents-cpu-autoscale is on (1-5 agents): it may change the count again as CPU load changes');
    expect(agentsOf(run).map((agent) => agent.instanceId)).toEqual(['0', '1', '2', '3', '4']);
    expect(run.outputs['agent-count']).toBe('5');
  });

  it('scale-agents in: only the capacity is sent; the newest instances are the ones gone', async () => {
    const run = await scale({ operation: 'scale-agents', count: '1' });
    succeeded(run);
    expect(lines()).toEqual([...opening, `GET ${autoscale}`, `PATCH ${scaleSet}`, `GET ${scaleSet}`, instanceList]);
    expect(requests()[2].body).toEqual({ sku: { capacity: 1 } });
    // No instance is deleted by id: the scale set's scale-in policy (NewestVM) picks them.
    expect(lines().filter((line) => line.startsWith('DELETE') || line.startsWith('POST'))).toEqual([]);
    expect(agentsOf(run)).toEqual([{ instanceId: '0', name: 'agents000000', state: 'running' }]);
    expect(run.outputs['agent-count']).toBe('1');
  });

  it('scale-agents outside the bounds with autoscale-bounds move: says so, widens them with a PUT, then scales', async () => {
    const run = await scale({ operation: 'scale-agents', count: '8' });
    succeeded(run);
    expect(lines()).toEqual([...opening, `GET ${autoscale}`, `PUT ${autoscale}`, `PATCH ${scaleSet}`, `GET ${scaleSet}`, instanceList]);
    expect(run.stdout).toContain("::warning::agent count 8 is outside autoscale agents-cpu-autoscale's bounds 1-5, which Azure would reset: moving the bounds to 1-8");
    const put = requests()[2].body as { location: string; properties: { enabled: boolean; targetResourceUri: string; profiles: { name: string; capacity: unknown }[] } };
    // The whole setting goes back (a PUT replaces it): only the maximum moved.
    expect(put.location).toBe('westeurope');
    expect(put.properties.enabled).toBe(true);
    expect(put.properties.targetResourceUri).toMatch(/\/resourceGroups\/swarm-ci\/providers\/Microsoft\.Compute\/virtualMachineScaleSets\/agents$/);
    expect(put.properties.profiles).toEqual([{ name: 'cpu', capacity: { minimum: '1', maximum: '8', default: '3' }, rules: [] }]);
    expect(requests()[3].body).toEqual({ sku: { capacity: 8 } });
    expect(run.outputs['agent-count']).toBe('8');

    // Scaling to zero moves the minimum the same way.
    mark = server.armCalls().length;
    const toZero = await scale({ operation: 'scale-agents', count: '0' });
    succeeded(toZero);
    expect((requests()[2].body as typeof put).properties.profiles[0].capacity).toEqual({ minimum: '0', maximum: '8', default: '3' });
    expect(requests()[3].body).toEqual({ sku: { capacity: 0 } });
    expect(toZero.outputs).toMatchObject({ agents: '[]', 'agent-count': '0' });
  });

  /** The scale set action POSTs as `[line, body]`, in the order they reached ARM. */
  const actionPosts = () => requests().filter((call) => call.method === 'POST').map((call) => [lines()[requests().indexOf(call)], call.body]);
  const allThree = { instanceIds: ['0', '1', '2'] };

  describe('stop-agents and start-agents: one scale set request naming every instance', () => {
    it.each([
      ['true', 'deallocate', 'deallocated'],
      ['false', 'poweroff', 'stopped'],
    ])('deallocate: %s → one POST .../agents/%s with the listed instance ids', async (deallocate, action, state) => {
      const run = await scale({ operation: 'stop-agents', deallocate });
      succeeded(run);
      // Listed to learn the instances, then one action for all, then listed again for the outputs.
      expect(lines()).toEqual([...opening, instanceList, `POST ${scaleSet}/${action}`, instanceList]);
      expect(actionPosts()).toEqual([[`POST ${scaleSet}/${action}`, allThree]]);
      const post = requests()[2];
      expect(post.apiVersion).toBe(computeApi);
      // powerOff without skipShutdown: the agents shut down gracefully (their drain hooks run).
      expect(post.query).toEqual({ 'api-version': computeApi });
      expect(agentsOf(run).map((agent) => agent.state)).toEqual([state, state, state]);
    });

    it('start-agents after a deallocate: one POST .../agents/start, all running again', async () => {
      succeeded(await scale({ operation: 'stop-agents', deallocate: 'true' }));
      mark = server.armCalls().length;
      const run = await scale({ operation: 'start-agents' });
      succeeded(run);
      expect(lines()).toEqual([...opening, instanceList, `POST ${scaleSet}/start`, instanceList]);
      expect(actionPosts()).toEqual([[`POST ${scaleSet}/start`, allThree]]);
      expect(agentsOf(run).map((agent) => agent.state)).toEqual(['running', 'running', 'running']);
    });
  });

  describe('with wait-for-swarm false, reimage and chaos-monkey act on Azure\'s side only', () => {
    it('reimage-agents serial: one request per instance, each reimage finished before the next starts', async () => {
      const run = await scale({ operation: 'reimage-agents', strategy: 'serial' });
      succeeded(run);
      expect(lines()).toEqual([...opening, instanceList, ...['0', '1', '2'].map(() => `POST ${scaleSet}/reimage`), instanceList]);
      expect(actionPosts().map(([, body]) => body)).toEqual(['0', '1', '2'].map((id) => ({ instanceIds: [id] })));
      // serial: each POST comes after the previous operation completed (its last poll answered)
      const posts = requests().filter((call) => call.method === 'POST');
      const polls = server.log.filter((call) => call.path.includes('operation'));
      for (const [index, post] of posts.slice(1).entries()) {
        expect(polls.some((poll) => poll.at >= posts[index].at && poll.at <= post.at)).toBe(true);
      }
    });

    it('reimage-agents parallel: one request for the batch (every instance: 3 agents, batch-size 10)', async () => {
      const run = await scale({ operation: 'reimage-agents', strategy: 'parallel' });
      succeeded(run);
      expect(lines()).toEqual([...opening, instanceList, `POST ${scaleSet}/reimage`, instanceList]);
      expect(actionPosts()).toEqual([[`POST ${scaleSet}/reimage`, allThree]]);
    });

    it('reimage-agents parallel with batch-size 2: a request of two, then one of one', async () => {
      const run = await scale({ operation: 'reimage-agents', strategy: 'parallel', 'batch-size': '2' });
      succeeded(run);
      expect(actionPosts()).toEqual([[`POST ${scaleSet}/reimage`, { instanceIds: ['0', '1'] }], [`POST ${scaleSet}/reimage`, { instanceIds: ['2'] }]]);
    });

    it('chaos-monkey: every agent restarted once, one request each (batch-size 1), no recovery time (nothing is checked over SSH)', async () => {
      const run = await scale({ operation: 'chaos-monkey' });
      succeeded(run);
      expect(actionPosts().map(([line]) => line)).toEqual(Array(3).fill(`POST ${scaleSet}/restart`));
      expect(actionPosts().map(([, body]) => (body as { instanceIds: string[] }).instanceIds).flat().sort()).toEqual(['0', '1', '2']);
      expect(run.outputs['recovery-seconds']).toBeUndefined();
    });
  });

  describe('failure paths', () => {
    const correlationId = /correlation id [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)/;

    it('a 429 on the capacity PATCH: the retry waits the Retry-After it was given', async () => {
      server.fail({ method: 'PATCH', path: /virtualMachineScaleSets\/agents$/i, status: 429, times: 1, code: 'TooManyRequests', message: 'The request is being throttled.', retryAfterSeconds: 2 });
      const run = await scale({ operation: 'scale-agents', count: '4' });
      succeeded(run);
      const patches = requests().filter((call) => call.method === 'PATCH');
      expect(patches.map((call) => [call.status, call.body])).toEqual([[429, { sku: { capacity: 4 } }], [200, { sku: { capacity: 4 } }]]);
      const waited = patches[1].at - patches[0].at;
      expect(waited).toBeGreaterThanOrEqual(1900);
      expect(waited).toBeLessThan(8000);
      expect(run.outputs['agent-count']).toBe('4');
    });

    it('a scale set action answering 503 on every try: retried within the bound, then a clear error naming the action, the instances, their states and the correlation id', async () => {
      server.fail({ method: 'POST', path: /virtualMachineScaleSets\/agents\/deallocate$/i, status: 503, times: 100, code: 'ServiceUnavailable', message: 'The service is temporarily unavailable.', retryAfterSeconds: 0 });
      const run = await scale({ operation: 'stop-agents', deallocate: 'true' });
      expect(run.exitCode).toBe(1);
      const tries = requests().filter((call) => call.method === 'POST');
      // The SDK pipeline's first try and its 8 retries (clients.ts retryOptions), then no more.
      expect(tries.map((call) => call.status)).toEqual(Array(9).fill(503));
      expect(tries.every((call) => JSON.stringify(call.body) === JSON.stringify(allThree))).toBe(true);
      const error = run.stdout.split('\n').find((line) => line.startsWith('::error::'))!;
      expect(error).toContain(`::error::deallocate agent instances 0-2: ServiceUnavailable: The service is temporarily unavailable. (HTTP 503, correlation id ${tries.at(-1)!.correlationId}); not deallocated afterwards: 0 running, 1 running, 2 running`);
      expect(error).toMatch(correlationId);
      expect(printed(run)).not.toContain(server.identity.clientSecret);
      expect([...server.state.scaleSets.values()][0].instances.map((instance) => instance.power)).toEqual(['running', 'running', 'running']);
    });

    it('a batch whose operation Azure ends as Failed for one instance: the error names the action, ARM\'s code and message, the instance left behind and the correlation id', async () => {
      succeeded(await scale({ operation: 'stop-agents', deallocate: 'true' }));
      mark = server.armCalls().length;
      server.onInstanceAction((action, instanceId) => (action === 'start' && instanceId === '2' ? Promise.reject(new Error('AllocationFailed: no capacity for Standard_B1ls')) : undefined));
      const run = await scale({ operation: 'start-agents' });
      expect(run.exitCode).toBe(1);
      const error = run.stdout.split('\n').find((line) => line.startsWith('::error::'))!;
      // the poller's error has no response: the id is the one ARM gave the request that started it
      const started = requests().find((call) => call.method === 'POST')!;
      expect(error).toBe(`::error::start agent instances 0-2: The long-running operation has failed. OperationFailed. AllocationFailed: no capacity for Standard_B1ls (correlation id ${started.correlationId}); not running afterwards: 2 deallocated`);
      // the others did start: the batch is not all-or-nothing
      expect([...server.state.scaleSets.values()][0].instances.map((instance) => instance.power)).toEqual(['running', 'running', 'deallocated']);
    });

    it('autoscale bounds that cannot be moved (403 on the PUT): fails before the capacity changes', async () => {
      server.fail({ method: 'PUT', path: /autoscalesettings\/agents-cpu-autoscale$/i, status: 403, times: 1, code: 'AuthorizationFailed', message: "The client does not have authorization to perform action 'Microsoft.Insights/autoscalesettings/write'." });
      const run = await scale({ operation: 'scale-agents', count: '9' });
      expect(run.exitCode).toBe(1);
      expect(lines()).toEqual([...opening, `GET ${autoscale}`, `PUT ${autoscale}`]);
      expect(run.stdout).toMatch(/::error::update autoscale setting agents-cpu-autoscale: AuthorizationFailed: .* \(HTTP 403, correlation id /);
      expect(run.stdout).toContain('the identity needs the Contributor role');
    });

    it('list-agents on a group without the cluster: names the group and the missing deployment, reads nothing else', async () => {
      const run = await scale({ operation: 'list-agents', 'resource-group': 'elsewhere' });
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain('::error::no cluster in resource group elsewhere (no deployment azure-swarm-cluster)');
      expect(lines()).toEqual(['GET /resourcegroups/elsewhere/providers/Microsoft.Resources/deployments/azure-swarm-cluster']);
    });
  });
});
