// The node software as real processes against a real dockerd swarm: three lab nodes (master0,
// two agents, each with its own namespaces and dockerd) run the shipped swarm-node.py exactly
// as their systemd units would. The test talks to the helper and the health endpoints over the
// lab bridge and serves the Azure instance metadata / Scheduled Events API itself.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { engineGetJson, engineFilters } from '../../src/providers/lab/host/engine-api.js';
import { labWebImage, loadLabImages } from '../../src/providers/lab/images.js';
import { helperKeys } from '../../src/render/helper-keys.js';
import { defaultPorts } from '../../src/render/node-config.js';
import { leftovers, noLeftovers } from '../lab/host-leftovers.js';
import { EngineCallLog } from './engine-call-log.js';
import { authHeaders, callNode, type HelperAnswer } from './helper-client.js';
import { eventually, NodeCluster, type NodeProcess } from './node-cluster.js';

const MASTER = 'master0';
const LEAVER = 'agents000000'; // gets a Terminate event
const CRASHER = 'agents000001'; // dies without leaving
const DOWN_GRACE_SECONDS = 20;
const helperSecret = randomBytes(32).toString('hex');
const masterKey = helperKeys(helperSecret).master;
const cluster = new NodeCluster();
const running: Record<string, NodeProcess> = {};
/** The Engine API calls of master0's helper and of its health endpoint, each through its own log. */
const engineCalls: Record<'helper' | 'health', EngineCallLog> = {} as Record<'helper' | 'health', EngineCallLog>;

interface Ack {
  from: string;
  body: unknown;
  leaverState: string;
  leaverTasks: number;
}

/** The Azure instance metadata service, as a VM sees it: identity by source address. */
class MetadataStandIn {
  events: Record<string, unknown>[] = [];
  acks: Ack[] = [];
  server?: Server;
  /** By source address: the VM's name (`agents_0`) and its computer name (the hostname). */
  vmNames = new Map<string, { name: string; computerName: string }>();

  async start(address: string): Promise<string> {
    this.server = createServer((req, res) => {
      const send = (status: number, body: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      if (req.headers.metadata !== 'true') return send(400, { error: 'Bad request. Required metadata header not specified' });
      const from = req.socket.remoteAddress ?? '';
      if (req.url === '/metadata/instance/compute?api-version=2021-02-01') {
        const vm = this.vmNames.get(from);
        return send(200, { name: vm?.name, osProfile: { computerName: vm?.computerName } });
      }
      if (req.url !== '/metadata/scheduledevents?api-version=2020-07-01') return send(404, {});
      if (req.method === 'GET') return send(200, { DocumentIncarnation: this.events.length, Events: this.events });
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        // What the VM had done when it acknowledged: the point of the whole watcher.
        const leaverState = await cluster.localState(LEAVER).catch(() => 'unreachable');
        const leaverTasks = (await runningTasks(LEAVER).catch(() => [])).length;
        this.acks.push({ from, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), leaverState, leaverTasks });
        send(200, {});
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, address, resolve));
    return `http://${address}:${(this.server.address() as AddressInfo).port}`;
  }

  event(id: string, type: string, vmName: string): Record<string, unknown> {
    return {
      EventId: id, EventType: type, ResourceType: 'VirtualMachine', Resources: [vmName], EventStatus: 'Scheduled',
      NotBefore: new Date(Date.now() + 300_000).toUTCString(), Description: '', EventSource: 'Platform', DurationInSeconds: -1,
    };
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const metadata = new MetadataStandIn();

function runningTasks(nodeName: string): Promise<unknown[]> {
  return engineGetJson<unknown[]>(cluster.node(nodeName).socket, `/containers/json?filters=${engineFilters({ label: ['com.docker.swarm.task.id'] })}`);
}

function masterSigned(method: string, path: string, extra: { key?: string; timestamp?: number } = {}): Record<string, string> {
  return authHeaders(method, path, { key: masterKey, target: cluster.node(MASTER).address, ...extra });
}

function helper(method: string, path: string, headers: Record<string, string> = masterSigned(method, path)): Promise<HelperAnswer> {
  return callNode(cluster.node(MASTER).address, defaultPorts.helper, method, path, headers);
}

function health(nodeName: string): Promise<HelperAnswer> {
  return callNode(cluster.node(nodeName).address, defaultPorts.health, 'GET', '/healthz');
}

/** Node ids with their spec versions: any change made through the helper bumps a version. */
async function swarmSnapshot(): Promise<string[]> {
  return (await cluster.swarmNodes(MASTER)).map((node) => `${node.Description.Hostname} ${node.Spec.Availability} v${node.Version.Index}`).sort();
}

async function healthIs(nodeName: string, status: number): Promise<HelperAnswer> {
  return eventually(`health of ${nodeName} = ${status}`, 20_000, async () => {
    const answer = await health(nodeName);
    return answer.status === status ? answer : undefined;
  });
}

beforeAll(async () => {
  await cluster.create([MASTER, LEAVER, CRASHER]);
  const metadataUrl = await metadata.start(cluster.network!.gateway);
  metadata.vmNames.set(cluster.node(LEAVER).address, { name: 'agents_0', computerName: LEAVER });
  metadata.vmNames.set(cluster.node(CRASHER).address, { name: 'agents_1', computerName: CRASHER });
  await cluster.configure({
    cluster: 'node-test',
    // master1 and master2 exist only in the config (manager tokens are for configured masters):
    // their address is the bridge's, where no helper listens, so asking them fails at once.
    masters: [MASTER, 'master1', 'master2'].map((name) => ({ name, address: name === MASTER ? cluster.node(MASTER).address : cluster.network!.gateway })),
    helperPort: defaultPorts.helper,
    healthPort: defaultPorts.health,
    metadataUrl,
    downGraceSeconds: DOWN_GRACE_SECONDS,
    drainTimeoutSeconds: 30,
    eventPollSeconds: 1,
  }, helperSecret, true); // agents hold the agent root, as in Azure's scale set
}, 120_000);

afterAll(async () => {
  await cluster.destroy();
  await metadata.stop();
  for (const log of Object.values(engineCalls)) await log.stop();
}, 120_000);

/** Starts a node process of master0 whose Engine API calls go through a log of their own. */
async function startLogged(unit: 'helper' | 'health'): Promise<NodeProcess> {
  engineCalls[unit] = new EngineCallLog(`${cluster.softwareDir(MASTER)}/${unit}-engine.sock`, cluster.node(MASTER).socket);
  return cluster.start(MASTER, unit, { DOCKER_HOST: await engineCalls[unit].start() });
}

test('health answers 503 while a node is not a swarm member', async () => {
  running[`health-${MASTER}`] = await startLogged('health');
  for (const name of [LEAVER, CRASHER]) running[`health-${name}`] = cluster.start(name, 'health');
  const answer = await healthIs(LEAVER, 503);
  expect(answer.body).toEqual({ status: 'inactive' });
  await healthIs(MASTER, 503); // its server may start a moment after the agent's
});

test('master0 initialises the swarm when no other master can hand it a manager token, and stays on a second boot', async () => {
  running.helper = await startLogged('helper');
  await eventually('the helper to listen', 10_000, async () => (running.helper.lines.some((line) => line.includes('listening')) ? true : undefined));
  const lines = await cluster.runToEnd(MASTER, 'join');
  expect(lines.join('\n')).toMatch(/initialised a new swarm advertising 10\.213\.\d+\.10/);
  expect(await cluster.localState(MASTER)).toBe('active');
  expect((await healthIs(MASTER, 200)).body).toEqual({ status: 'active' });
  expect((await cluster.runToEnd(MASTER, 'join')).join('\n')).toContain('already an active swarm member; staying');
  // A worker that dies is Down after ~3 s instead of ~15 s: keeps the grace test short.
  const swarm = await engineGetJson<{ Version: { Index: number }; Spec: { Dispatcher: Record<string, number> } }>(cluster.node(MASTER).socket, '/swarm');
  swarm.Spec.Dispatcher.HeartbeatPeriod = 1_000_000_000;
  const updated = await cluster.engine(MASTER, 'POST', `/swarm/update?version=${swarm.Version.Index}`, swarm.Spec);
  expect(updated.status).toBe(200);
});

test('agents join as workers through the helper, in parallel', async () => {
  const outputs = await Promise.all([cluster.runToEnd(LEAVER, 'join'), cluster.runToEnd(CRASHER, 'join')]);
  for (const output of outputs) expect(output.join('\n')).toContain('joined as worker through master0');
  const nodes = await cluster.swarmNodes(MASTER);
  expect(nodes.map((node) => `${node.Description.Hostname} ${node.Spec.Role} ${node.Status.State}`).sort()).toEqual([
    `${LEAVER} worker ready`, `${CRASHER} worker ready`, `${MASTER} manager ready`,
  ]);
  await healthIs(LEAVER, 200);
  await healthIs(CRASHER, 200);
  expect(running.helper.lines.filter((line) => line.includes('worker join token handed to')).length).toBe(2);
});

test('a storm of 50 token requests at once: each answered with the token, from the helper\'s view of the swarm', async () => {
  const swarm = await engineGetJson<{ JoinTokens: { Worker: string } }>(cluster.node(MASTER).socket, '/swarm');
  const names = Array.from({ length: 50 }, (_, index) => `storm${String(index).padStart(2, '0')}`);
  const started = Date.now();
  const answers = await Promise.all(names.map((name) => helper('POST', `/v1/join/worker/${name}`)));
  const calls = engineCalls.helper.since(started);
  console.log(`50 token requests at once: ${calls.length} Engine API calls by the helper meanwhile (${calls.join(', ')})`);
  expect(answers.filter((answer) => answer.status !== 200 || answer.body.token !== swarm.JoinTokens.Worker)).toEqual([]);
  // Three calls per request before (/info, /nodes, /swarm: 150 here); now only the view's own
  // refreshes, every 10 s whatever the requests.
  expect(calls.length).toBeLessThan(10);
  expect(calls.every((call) => /^GET \/v[\d.]+\/(info|nodes|swarm)$/.test(call))).toBe(true);
  // Names without an entry: nothing was removed or changed.
  expect((await cluster.swarmNodes(MASTER)).map((node) => node.Description.Hostname).sort()).toEqual([CRASHER, LEAVER, MASTER].sort());
});

test('an unprobed health endpoint asks Docker nothing; probes close together share one answer', async () => {
  const quietFrom = Date.now();
  await sleep(5_000); // nobody probes master0's health meanwhile
  expect(engineCalls.health.since(quietFrom)).toEqual([]);
  const probedFrom = Date.now();
  const probes = [];
  for (let probe = 0; probe < 10; probe += 1) probes.push(await health(MASTER));
  expect(probes.map((probe) => probe.status)).toEqual(Array(10).fill(200));
  await sleep(500); // a refresh the last probes started, behind their answers
  const calls = engineCalls.health.since(probedFrom);
  expect(calls.length).toBeGreaterThanOrEqual(1);
  expect(calls.length).toBeLessThan(probes.length);
  expect(calls.every((call) => /^GET \/v[\d.]+\/info$/.test(call))).toBe(true);
});

test('requests without valid, fresh, first-time credentials get 401 and change nothing', async () => {
  const drain = `/v1/nodes/${CRASHER}/drain`;
  const before = await swarmSnapshot();
  const now = Math.floor(Date.now() / 1000);
  const refused: Record<string, Record<string, string>> = {
    none: {},
    'wrong key': masterSigned('POST', drain, { key: randomBytes(32).toString('hex') }),
    'signed for another path': masterSigned('POST', `/v1/nodes/${LEAVER}/drain`),
    'signed for another method': masterSigned('GET', drain),
    stale: masterSigned('POST', drain, { timestamp: now - 120 }),
    'from the future': masterSigned('POST', drain, { timestamp: now + 120 }),
  };
  for (const [kind, headers] of Object.entries(refused)) {
    const answer = await helper('POST', drain, headers);
    expect({ kind, ...answer }).toEqual({ kind, status: 401, body: { error: 'unauthorized' } });
  }
  for (const role of ['worker', 'manager']) {
    const answer = await helper('POST', `/v1/join/${role}/master1`, {});
    expect(answer).toEqual({ status: 401, body: { error: 'unauthorized' } });
  }
  expect(await swarmSnapshot()).toEqual(before);

  const tokenPath = `/v1/join/worker/${CRASHER}`;
  const once = masterSigned('POST', tokenPath);
  const first = await helper('POST', tokenPath, once);
  const swarm = await engineGetJson<{ JoinTokens: { Worker: string } }>(cluster.node(MASTER).socket, '/swarm');
  expect(first).toEqual({ status: 200, body: { token: swarm.JoinTokens.Worker } });
  expect(await helper('POST', tokenPath, once)).toEqual({ status: 401, body: { error: 'unauthorized' } });
  // the helper's log reaches us through a pipe, a moment after its answer
  await eventually('the replay to be logged', 10_000, async () => (running.helper.lines.some((line) => line.includes('replayed signature')) ? true : undefined));
  expect(running.helper.lines.join('\n')).not.toContain(swarm.JoinTokens.Worker);
});

test('hostile node names are refused with 400 and run nothing', async () => {
  const before = await swarmSnapshot();
  const linesBefore = running.helper.lines.length;
  const hostile = ['a;reboot', '$(id)', '../x', 'a'.repeat(300), '-leading-dash', 'under_score', 'a b', 'x%00y'];
  const paths = hostile.flatMap((name) => {
    const encoded = encodeURIComponent(name);
    return [`/v1/nodes/${encoded}/drain`, `/v1/nodes/${encoded}/leaving`, `/v1/join/worker/${encoded}`, `/v1/join/manager/${encoded}`];
  });
  paths.push('/v1/nodes/../x/drain');
  for (const path of paths) {
    const answer = await helper('POST', path);
    expect({ path, status: answer.status }).toEqual({ path, status: 400 });
  }
  expect(await swarmSnapshot()).toEqual(before);
  expect(running.helper.lines.slice(linesBefore)).toEqual([]);
});

test('managers are handed out one at a time: a second master waits while the first is joining', async () => {
  const manager = (await engineGetJson<{ JoinTokens: { Manager: string } }>(cluster.node(MASTER).socket, '/swarm')).JoinTokens.Manager;
  expect(await helper('POST', '/v1/join/manager/master1')).toEqual({ status: 200, body: { token: manager } });
  expect(await helper('POST', '/v1/join/manager/master2')).toEqual({ status: 409, body: { error: 'master1 is joining' } });
  // The holder itself may ask again (a retry after a failed join).
  expect((await helper('POST', '/v1/join/manager/master1')).status).toBe(200);
});

test('drain of a named node works and is refused for unknown nodes', async () => {
  expect(await helper('POST', `/v1/nodes/${CRASHER}/drain`)).toEqual({ status: 200, body: { node: CRASHER, done: 'drained' } });
  const crasher = (await cluster.swarmNodes(MASTER)).find((node) => node.Description.Hostname === CRASHER)!;
  expect(crasher.Spec.Availability).toBe('drain');
  expect(await helper('POST', '/v1/nodes/nosuchnode/drain')).toEqual({ status: 404, body: { error: 'no node named nosuchnode' } });
  expect(running.helper.lines).toContain(`helper: ${CRASHER} drained`);
});

test('the events watcher ignores other VMs, then drains, waits for tasks, leaves and only then acknowledges', async () => {
  await loadLabImages(cluster.node(LEAVER).socket);
  const created = await cluster.engine(MASTER, 'POST', '/services/create', {
    Name: 'pinned',
    TaskTemplate: { ContainerSpec: { Image: labWebImage }, Placement: { Constraints: [`node.hostname==${LEAVER}`] } },
    Mode: { Replicated: { Replicas: 1 } },
  });
  expect(created.status).toBe(201);
  await eventually('a task running on the leaver', 60_000, async () => ((await runningTasks(LEAVER)).length === 1 ? true : undefined));

  for (const name of [LEAVER, CRASHER]) running[`events-${name}`] = cluster.start(name, 'events');
  metadata.events.push(metadata.event('11111111-aaaa-4bbb-8ccc-000000000001', 'Terminate', 'agents_9'));
  metadata.events.push(metadata.event('11111111-aaaa-4bbb-8ccc-000000000002', 'Freeze', 'agents_0'));
  await eventually('both watchers to know their VM', 20_000, async () =>
    [LEAVER, CRASHER].every((name) => running[`events-${name}`].lines.some((line) => line.includes('watching scheduled events'))) ? true : undefined);
  await sleep(3_000); // a few polls: neither an unrelated VM's event nor a Freeze may trigger anything
  expect(metadata.acks).toEqual([]);
  expect(await cluster.localState(LEAVER)).toBe('active');

  const terminate = '11111111-aaaa-4bbb-8ccc-000000000003';
  metadata.events.push(metadata.event(terminate, 'Terminate', 'agents_0'));
  await eventually('the acknowledgement', 60_000, async () => (metadata.acks.length > 0 ? true : undefined));
  await sleep(3_000); // handled once: no second acknowledgement on later polls
  expect(metadata.acks).toEqual([
    { from: cluster.node(LEAVER).address, body: { StartRequests: [{ EventId: terminate }] }, leaverState: 'inactive', leaverTasks: 0 },
  ]);
  const watcher = running[`events-${LEAVER}`].lines.join('\n');
  expect(watcher).toMatch(/drained through master0 \(Terminate event\)[\s\S]*no task runs on agents000000 any more[\s\S]*left the swarm[\s\S]*acknowledged/);
  // The shutdown that follows runs `leave` (the join unit's ExecStop): the watcher's marker tells
  // it the node has left, without a question to Docker.
  expect((await cluster.runToEnd(LEAVER, 'leave')).join('\n')).toContain(`leave: ${LEAVER} has left the swarm already (shutdown); nothing to do`);
  expect((await health(LEAVER)).body).toEqual({ status: 'draining' });
  expect((await health(LEAVER)).status).toBe(503);
  expect(running[`events-${CRASHER}`].lines.join('\n')).not.toContain('scheduled for');
});

test('a node announced as leaving is removed as soon as it is Down', async () => {
  await eventually(`${LEAVER} removed`, 25_000, async () =>
    (await cluster.swarmNodes(MASTER)).some((node) => node.Description.Hostname === LEAVER) ? undefined : true);
  await removalLogged(new RegExp(`removed node ${LEAVER} \\(\\w+\\): announced leaving`));
});

/** The helper logs a removal right after it, through a pipe: the line may come a moment after the swarm shows it. */
async function removalLogged(removal: RegExp): Promise<void> {
  await eventually('the removal to be logged', 5_000, async () => (removal.test(running.helper.lines.join('\n')) ? true : undefined));
}

test('a node that joins anew before swarm sees its old entry Down: the old entry is removed once a new one is Ready', async () => {
  const entries = async () => (await cluster.swarmNodes(MASTER)).filter((node) => node.Description.Hostname === CRASHER);
  const [old] = await entries();
  // The node drops its swarm state without the managers knowing: its entry stays Ready for a few
  // heartbeats, so its token request (answered from the helper's view) finds nothing to remove.
  expect((await cluster.engine(CRASHER, 'POST', '/swarm/leave?force=true')).status).toBe(200);
  expect((await cluster.runToEnd(CRASHER, 'join')).join('\n')).toContain('joined as worker through master0');
  // Removed by the cleanup as soon as the new entry is Ready (or, when swarm saw the old one Down
  // before the token request, by that request), never only after the Down grace period.
  const removal = await eventually('the old entry removed', 60_000, async () =>
    running.helper.lines.find((line) => line.includes(`${CRASHER} (${old!.ID.slice(0, 12)})`)));
  expect(removal).toMatch(/: a new entry of that name is Ready$| before it rejoins$/);
  expect((await entries()).map((node) => node.ID === old!.ID ? 'old' : node.Status.State)).toEqual(['ready']);
}, 90_000);

test('a crashed node is removed only after the Down grace period', async () => {
  await cluster.kill(CRASHER);
  const crasher = async () => (await cluster.swarmNodes(MASTER)).find((node) => node.Description.Hostname === CRASHER);
  await eventually(`${CRASHER} Down`, 30_000, async () => ((await crasher())?.Status.State === 'down' ? true : undefined));
  const downAt = Date.now();
  await sleep((DOWN_GRACE_SECONDS - 5) * 1000);
  expect((await crasher())?.Status.State).toBe('down'); // still listed: a rebooting VM would come back
  await eventually(`${CRASHER} removed`, 30_000, async () => ((await crasher()) === undefined ? true : undefined));
  const removedAfter = (Date.now() - downAt) / 1000;
  expect(removedAfter).toBeGreaterThanOrEqual(DOWN_GRACE_SECONDS - 5);
  await removalLogged(new RegExp(`removed node ${CRASHER} \\(\\w+\\): down for \\d+s`));
  expect((await cluster.swarmNodes(MASTER)).map((node) => node.Description.Hostname)).toEqual([MASTER]);
}, 120_000);

test('a node removed while it was down leaves its stale swarm state and joins again when it boots', async () => {
  await cluster.boot(CRASHER);
  const lines = (await cluster.runToEnd(CRASHER, 'join')).join('\n');
  expect(lines).toMatch(/local swarm state is [^\n]+; leaving it to rejoin/);
  expect(lines).toContain('joined as worker through master0');
  const nodes = await cluster.swarmNodes(MASTER);
  expect(nodes.map((node) => `${node.Description.Hostname} ${node.Status.State}`).sort()).toEqual([`${CRASHER} ready`, `${MASTER} ready`]);
}, 120_000);

test('memory: resident size of the helper, the health server and the watcher', async () => {
  const sizes = {
    helper: await NodeCluster.rssKiB(running.helper),
    health: await NodeCluster.rssKiB(running[`health-${MASTER}`]),
    events: await NodeCluster.rssKiB(running[`events-${LEAVER}`]),
  };
  console.log(`RSS (KiB) after the scenario: ${JSON.stringify(sizes)}`);
  // The goal: under 20 MB (20,000,000 bytes) resident each.
  for (const size of Object.values(sizes)) expect(size * 1024).toBeLessThan(20_000_000);
});

test('nothing of the test cluster is left on the machine', async () => {
  const marker = `azs-${cluster.lab}-`;
  const where = { netnsMarker: marker, linkMarker: cluster.network!.bridge, cgroupMarker: marker, folder: cluster.root };
  await cluster.destroy();
  expect(await leftovers(where)).toEqual(noLeftovers);
}, 120_000);
