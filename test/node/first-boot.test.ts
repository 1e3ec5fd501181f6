// What a first boot and a multi-VM Scheduled Event do on real nodes (issue 15): lab nodes with
// their own dockerd run the shipped swarm-node.py as their units would. A join that finds no
// docker, then no masters, keeps trying and shows it in /healthz, and joins once both appear;
// an event naming two agents is acknowledged only after both have left the swarm.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect, createServer as createSocketServer, type Server as SocketServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCommand } from '../../src/providers/lab/host/command.js';
import { engineGetJson } from '../../src/providers/lab/host/engine-api.js';
import { defaultPorts } from '../../src/render/node-config.js';
import { leftovers, noLeftovers } from '../lab/host-leftovers.js';
import { callNode, type HelperAnswer } from './helper-client.js';
import { eventually, NodeCluster, type NodeProcess } from './node-cluster.js';

const MASTER = 'master0';
const FIRST = 'agents000000'; // VM agents_0
const SECOND = 'agents000001'; // VM agents_1
const secret = randomBytes(32).toString('hex');
const cluster = new NodeCluster();
const running: Record<string, NodeProcess> = {};

interface Ack {
  from: string;
  eventId: string;
  states: Record<string, string>;
}

/** Scheduled Events as Azure serves them: an acknowledged event starts and leaves the document. */
class ScheduledEventsStandIn {
  events: Record<string, unknown>[] = [];
  acks: Ack[] = [];
  server?: Server;
  readonly vmNames = new Map<string, string>();
  /** By source address: the computer name (hostname) an agent's helper credential is for. */
  readonly computerNames = new Map<string, string>();

  async start(address: string): Promise<string> {
    this.server = createServer((req, res) => {
      const send = (status: number, body: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      if (req.headers.metadata !== 'true') return send(400, {});
      const from = req.socket.remoteAddress ?? '';
      if (req.url === '/metadata/instance/compute?api-version=2021-02-01') return send(200, { name: this.vmNames.get(from), osProfile: { computerName: this.computerNames.get(from) } });
      if (req.url !== '/metadata/scheduledevents?api-version=2020-07-01') return send(404, {});
      if (req.method === 'GET') return send(200, { DocumentIncarnation: this.acks.length + this.events.length, Events: this.events });
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        const eventId = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { StartRequests: { EventId: string }[] }).StartRequests[0]!.EventId;
        const states = Object.fromEntries(await Promise.all([FIRST, SECOND].map(async (name) => [name, await cluster.localState(name).catch(() => 'unreachable')])));
        this.acks.push({ from, eventId, states });
        this.events = this.events.filter((event) => event.EventId !== eventId);
        send(200, {});
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, address, resolve));
    return `http://${address}:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const metadata = new ScheduledEventsStandIn();

function health(nodeName: string): Promise<HelperAnswer> {
  return callNode(cluster.node(nodeName).address, defaultPorts.health, 'GET', '/healthz');
}

/** Waits until /healthz of a node answers a body that `wanted` accepts. */
function healthWhere(nodeName: string, what: string, wanted: (body: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  return eventually(`${nodeName} health: ${what}`, 30_000, async () => {
    const { body } = await health(nodeName);
    return wanted(body) ? body : undefined;
  });
}

/**
 * docker "installed late": a unix socket in front of the node's real dockerd, opened when the
 * test says so, that records the request line of every Engine API call passing through it.
 */
async function recordingDockerSocket(path: string, dockerSocket: string, requests: string[]): Promise<SocketServer> {
  const server = createSocketServer((client) => {
    const daemon = connect(dockerSocket);
    client.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString('latin1').matchAll(/^(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r$/gm)) requests.push(`${match[1]} ${match[2]}`);
    });
    client.pipe(daemon).pipe(client);
    const close = () => {
      client.destroy();
      daemon.destroy();
    };
    client.on('error', close);
    daemon.on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return server;
}

const joinOf = (body: Record<string, unknown>) => (body.join ?? {}) as { waitingFor?: string; attempt?: number; detail?: string };

beforeAll(async () => {
  await cluster.create([MASTER, FIRST, SECOND]);
  const metadataUrl = await metadata.start(cluster.network!.gateway);
  metadata.vmNames.set(cluster.node(FIRST).address, 'agents_0');
  metadata.vmNames.set(cluster.node(SECOND).address, 'agents_1');
  for (const name of [FIRST, SECOND]) metadata.computerNames.set(cluster.node(name).address, name);
  await cluster.configure({
    cluster: 'first-boot-test',
    masters: [{ name: MASTER, address: cluster.node(MASTER).address }],
    helperPort: defaultPorts.helper,
    healthPort: defaultPorts.health,
    metadataUrl,
    downGraceSeconds: 600,
    drainTimeoutSeconds: 20,
    eventPollSeconds: 1,
  }, secret, true); // agents hold the agent root, as in Azure's scale set: each asks `gone` about the other
  for (const name of [MASTER, FIRST, SECOND]) running[`health-${name}`] = cluster.start(name, 'health');
  await cluster.runToEnd(MASTER, 'join');
  // Workers that leave are Down after ~3 s instead of ~15 s.
  const swarm = await engineGetJson<{ Version: { Index: number }; Spec: { Dispatcher: Record<string, number> } }>(cluster.node(MASTER).socket, '/swarm');
  swarm.Spec.Dispatcher.HeartbeatPeriod = 1_000_000_000;
  expect((await cluster.engine(MASTER, 'POST', `/swarm/update?version=${swarm.Version.Index}`, swarm.Spec)).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await cluster.destroy();
  await metadata.stop();
}, 120_000);

test('a join that finds no docker, then no masters, keeps retrying, shows it in /healthz, and joins once both are there', async () => {
  // docker "not installed yet": the socket the join uses does not exist until the test links it.
  const socket = join(cluster.softwareDir(FIRST), 'late-docker.sock');
  const joining = cluster.start(FIRST, 'join', { DOCKER_HOST: `unix://${socket}` });
  const noDocker = await healthWhere(FIRST, 'joining, waiting for docker, attempt 3+', (body) =>
    body.status === 'joining' && joinOf(body).waitingFor === 'docker' && (joinOf(body).attempt ?? 0) >= 3);
  expect(noDocker).toMatchObject({ status: 'joining', join: { waitingFor: 'docker', detail: expect.stringContaining('late-docker.sock') } });
  expect(joining.child.exitCode).toBeNull();
  expect(joining.lines.join('\n')).toMatch(/docker not usable yet \(docker API 0: socket [^)]*late-docker\.sock/);

  // docker appears; the masters' helper does not run yet: a reboot with unreachable masters.
  const requests: string[] = [];
  const lateDocker = await recordingDockerSocket(socket, join(cluster.node(FIRST).host.dir, 'docker.sock'), requests);
  const noMasters = await healthWhere(FIRST, 'joining, waiting for masters', (body) => joinOf(body).waitingFor === 'masters');
  expect(noMasters).toMatchObject({ status: 'joining', join: { waitingFor: 'masters', detail: expect.stringMatching(/^master0: unreachable/) } });
  await sleep(3_000);
  expect(joining.child.exitCode).toBeNull(); // still trying, never given up

  running.helper = cluster.start(MASTER, 'helper');
  expect(await joining.exited).toBe(0);
  expect(joining.lines.join('\n')).toContain('joined as worker through master0');
  await healthWhere(FIRST, 'active', (body) => body.status === 'active');
  expect(await cluster.localState(FIRST)).toBe('active');
  await new Promise((resolve) => lateDocker.close(resolve));

  // The Engine API on versioned paths only, the version read once from GET /version.
  const version = (await engineGetJson<{ ApiVersion: string }>(cluster.node(FIRST).socket, '/version')).ApiVersion;
  expect(requests[0]).toBe('GET /version');
  expect(requests.filter((line) => line === 'GET /version')).toHaveLength(1);
  expect(requests.slice(1).filter((line) => !line.split(' ')[1]!.startsWith(`/v${version}/`))).toEqual([]);
  expect(requests).toEqual(expect.arrayContaining([`GET /v${version}/info`, `POST /v${version}/swarm/join`]));
}, 120_000);

test('a join that Docker times out goes on in the background: the node stays pending, is not asked to join again, and the join ends once it is a member', async () => {
  // The agent reaches its master's helper but not the swarm port: Docker answers the join after
  // its 20 s timeout and keeps trying in the background (LocalNodeState "pending"). Asking for
  // another token and joining again would only get "already part of a swarm", for ever.
  const inAgent = ['ip', 'netns', 'exec', cluster.node(SECOND).link.netns, 'iptables'];
  const blockSwarmPort = ['OUTPUT', '-p', 'tcp', '--dport', '2377', '-j', 'DROP'];
  await runCommand([...inAgent, '-I', ...blockSwarmPort]);
  const joining = cluster.start(SECOND, 'join');
  await eventually(`${SECOND}'s join timed out by Docker`, 60_000, async () =>
    joining.lines.some((line) => /worker join through master0 failed/.test(line)) ? true : undefined);
  expect(await cluster.localState(SECOND)).toBe('pending');
  await runCommand([...inAgent, '-D', ...blockSwarmPort]);

  expect(await joining.exited).toBe(0);
  const log = joining.lines.join('\n');
  expect(log.match(/worker join through master0 failed/g)).toHaveLength(1);
  expect(log).not.toMatch(/already part of a swarm/);
  // Docker's background join normally completes as soon as the port opens; should it still be
  // pending after the grace, the membership is left and joined afresh. Never a second failure.
  expect(log).toMatch(new RegExp(`${SECOND} is already an active swarm member; staying|joined as worker through master0`));
  expect(await cluster.localState(SECOND)).toBe('active');
}, 120_000);

test('an event naming two agents is acknowledged only after both have left the swarm', async () => {
  const eventId = '22222222-aaaa-4bbb-8ccc-000000000001';
  metadata.events.push({
    EventId: eventId, EventType: 'Terminate', ResourceType: 'VirtualMachine', Resources: ['agents_0', 'agents_1'], EventStatus: 'Scheduled',
    NotBefore: new Date(Date.now() + 300_000).toUTCString(), Description: '', EventSource: 'User', DurationInSeconds: -1,
  });
  running.firstWatcher = cluster.start(FIRST, 'events');
  await eventually(`${FIRST} left`, 60_000, async () => ((await cluster.localState(FIRST)) === 'inactive' ? true : undefined));
  // The second agent is still draining (its watcher has not even started): no acknowledgement.
  await eventually('the first watcher to wait for the second agent', 20_000, async () =>
    running.firstWatcher.lines.some((line) => line.includes(`${eventId} waits for ${SECOND} to leave`)) ? true : undefined);
  await sleep(4_000);
  expect(metadata.acks).toEqual([]);
  expect(await cluster.localState(SECOND)).toBe('active');

  running.secondWatcher = cluster.start(SECOND, 'events');
  await eventually('the acknowledgement', 60_000, async () => (metadata.acks.length > 0 ? true : undefined));
  await sleep(3_000); // the event has started: nobody acknowledges it again
  expect(metadata.acks).toHaveLength(1);
  expect(metadata.acks[0]).toMatchObject({ eventId, states: { [FIRST]: 'inactive', [SECOND]: 'inactive' } });
  for (const watcher of [running.firstWatcher, running.secondWatcher]) {
    expect(watcher.lines.join('\n')).toMatch(/left the swarm/);
  }
}, 180_000);

test('nothing of the test cluster is left on the machine', async () => {
  const marker = `azs-${cluster.lab}-`;
  const where = { netnsMarker: marker, linkMarker: cluster.network!.bridge, cgroupMarker: marker, folder: cluster.root };
  await cluster.destroy();
  expect(await leftovers(where)).toEqual(noLeftovers);
}, 120_000);
