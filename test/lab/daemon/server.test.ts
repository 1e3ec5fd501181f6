// The lab daemon on a real two-node swarm (lab core primitives: bridge, namespaces, one dockerd
// per node): the registry-free images run as swarm services, the nodes read their own metadata
// and acknowledge a Scheduled Event from inside their namespaces, the load balancer forwards to
// the tasks' host ports on healthy nodes, the Redis-backed counter counts, the monitor shows the
// swarm. Then everything is removed and the host is checked for leftovers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { nodeCgroupName } from '../../../src/providers/lab/host/cgroups.js';
import { runCommand } from '../../../src/providers/lab/host/command.js';
import { labWebImage, labRedisImage, labWebPort, loadLabImages } from '../../../src/providers/lab/images.js';
import {
  clearScheduledEvents, loadBalancerState, nodesChanged, postScheduledEvent, startLabDaemon, stopLabDaemon,
} from '../../../src/providers/lab/daemon/client.js';
import { daemonFiles, labMetadataPort, type LabDaemonConfig } from '../../../src/providers/lab/daemon/config.js';
import { addNodeLink, createLabNetwork, labAddress, removeLabNetwork, removeNodeLink, type LabNetwork, type NodeLink } from '../../../src/providers/lab/host/network.js';
import {
  dockerdArgv, dockerdEnv, hostDockerSocket, nodeExec, startNodeHost, stopNodeHost, waitForDocker, type NodeHostRecord,
} from '../../../src/providers/lab/host/node-host.js';
import { isAlive, type ProcessRecord } from '../../../src/providers/lab/host/processes.js';
import { leftovers, noLeftovers } from '../host-leftovers.js';

const lab = `svc${process.pid % 10000}`;
const names = ['master0', 'agent1'];
const healthPort = 8401;
let root: string;
let stateDir: string;
let network: LabNetwork;
let daemon: ProcessRecord | undefined;
const links: NodeLink[] = [];
const nodes: NodeHostRecord[] = [];
const healthEndpoints = new Map<string, ChildProcess>();

const docker = (...args: string[]) => runCommand(['docker', '-H', `unix://${hostDockerSocket(nodes[0]!.dir)}`, ...args]);

/** busybox httpd in the node's namespace serving /healthz, standing in for the node's health service. */
async function startHealthEndpoint(link: NodeLink, folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'healthz'), 'ok\n');
  const child = spawn('nsenter', [`--net=/run/netns/${link.netns}`, 'busybox', 'httpd', '-f', '-p', `${link.address}:${healthPort}`, '-h', folder], { stdio: 'ignore' });
  healthEndpoints.set(link.netns, child);
}

function stopHealthEndpoint(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function httpGet(host: string, port: number, path = '/'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, agent: false, timeout: 5_000 }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** Metadata as a node sees it: curl inside the node's namespace, from its own address. */
async function metadataFromNode(node: NodeHostRecord, path: string, method = 'GET', body?: string): Promise<string> {
  const url = `http://${network.gateway}:${labMetadataPort}${path}`;
  const argv = ['curl', '-sS', '--fail-with-body', '-H', 'Metadata: true', '-X', method, ...(body ? ['-d', body] : []), url];
  return (await nodeExec(node, argv)).stdout;
}

async function teardown(): Promise<void> {
  if (daemon && stateDir) await stopLabDaemon(stateDir, daemon);
  await Promise.all([...healthEndpoints.values()].map(stopHealthEndpoint));
  await Promise.all(nodes.map((node) => stopNodeHost(node, 20_000)));
  for (const link of links) await removeNodeLink(link);
  if (network) await removeLabNetwork(network);
  if (root) await rm(root, { recursive: true, force: true });
}

afterAll(teardown, 90_000);

beforeAll(async () => {
  root = await mkdtemp('/tmp/azs-');
  stateDir = join(root, 'state');
  await mkdir(stateDir);
  network = await createLabNetwork();
  const addresses = names.map((_, index) => labAddress(network, 10 + index));
  const hosts = `127.0.0.1 localhost\n${names.map((name, index) => `${addresses[index]} ${name}`).join('\n')}\n`;
  for (const [index, hostname] of names.entries()) links.push(await addNodeLink(network, `azs-${lab}-${hostname}`, `s${index}`, addresses[index]!));
  await Promise.all(
    names.map(async (hostname, index) => {
      const dir = join(root, hostname);
      const cgroup = nodeCgroupName(lab, hostname);
      nodes[index] = await startNodeHost({ hostname, netns: links[index]!.netns, dir, cgroup, hosts, init: dockerdArgv(dir, hostname, cgroup), env: dockerdEnv });
      await waitForDocker(hostDockerSocket(dir), 20_000);
      await loadLabImages(hostDockerSocket(dir), { cacheDir: join(root, 'image-cache') });
      await startHealthEndpoint(links[index]!, join(root, `health-${hostname}`));
    }),
  );
  await docker('swarm', 'init', '--advertise-addr', addresses[0]!);
  const token = (await docker('swarm', 'join-token', '-q', 'worker')).stdout.trim();
  await nodeExec(nodes[1]!, ['docker', 'swarm', 'join', '--token', token, 'master0:2377']);

  const config: LabDaemonConfig = {
    lab,
    gateway: network.gateway,
    probeIntervalMs: 500,
    nodes: names.map((name, index) => ({
      name,
      address: addresses[index]!,
      role: index === 0 ? 'master' : 'agent',
      dockerSocket: hostDockerSocket(nodes[index]!.dir),
      instanceId: String(index),
    })),
  };
  await writeFile(join(stateDir, daemonFiles.config), JSON.stringify(config));
  daemon = await startLabDaemon(stateDir, async () => undefined);
}, 120_000);

test('every node image store has both images, imported without a registry', async () => {
  for (const node of nodes) {
    const { stdout } = await runCommand(['docker', '-H', `unix://${hostDockerSocket(node.dir)}`, 'image', 'ls', '--format', '{{.Repository}}:{{.Tag}}']);
    expect(stdout.split('\n').filter(Boolean).sort()).toEqual([labRedisImage, labWebImage].sort());
  }
});

test('each node reads its own metadata from inside its namespace', async () => {
  const compute = JSON.parse(await metadataFromNode(nodes[1]!, '/metadata/instance/compute?api-version=2021-02-01'));
  expect(compute).toMatchObject({ name: 'agent1', resourceGroupName: lab, osProfile: { computerName: 'agent1' } });
  expect(await metadataFromNode(nodes[0]!, '/metadata/instance/compute/name?api-version=2021-02-01&format=text')).toBe('master0');
});

test('a Scheduled Event is acknowledged by the node, and the lab learns it', async () => {
  const outcome = postScheduledEvent(stateDir, ['agent1'], 'Reboot', { notBeforeSeconds: 60 });
  const eventsPath = '/metadata/scheduledevents?api-version=2020-07-01';
  const eventId = await waitFor('the event to show', async () => {
    const document = JSON.parse(await metadataFromNode(nodes[1]!, eventsPath)) as { Events: Array<{ EventId: string; Resources: string[] }> };
    return document.Events.find((event) => event.Resources.includes('agent1'))?.EventId;
  }, 10_000);
  await metadataFromNode(nodes[1]!, eventsPath, 'POST', JSON.stringify({ StartRequests: [{ EventId: eventId }] }));
  await expect(outcome).resolves.toBe('acknowledged');
  await clearScheduledEvents(stateDir, 'agent1');
  expect(JSON.parse(await metadataFromNode(nodes[1]!, eventsPath)).Events).toEqual([]);
});

test('the load balancer forwards to the tasks of a host-mode service on both nodes', async () => {
  await docker('service', 'create', '-d', '--name', 'web', '--replicas', '4', '--no-resolve-image', '--label', 'azswarm.lb-port=80',
    '--env', 'NODE_NAME={{.Node.Hostname}}', '--publish', `mode=host,target=${labWebPort}`, labWebImage);
  await waitFor('4 backends on port 80', async () => ((await loadBalancerState(stateDir)).backends['80']?.length === 4 ? true : undefined), 60_000);
  const answers = new Set<string>();
  for (let i = 0; i < 8; i++) answers.add(/^node: (\S+)/m.exec((await httpGet(network.gateway, 80)).body)?.[1] ?? '?');
  expect([...answers].sort()).toEqual(['agent1', 'master0']);
}, 90_000);

test('the Redis-backed web service counts hits across tasks', async () => {
  await docker('network', 'create', '-d', 'overlay', 'stack');
  await docker('service', 'create', '-d', '--name', 'redis', '--network', 'stack', '--endpoint-mode', 'dnsrr', '--no-resolve-image',
    '--constraint', 'node.role==manager', labRedisImage);
  await docker('service', 'create', '-d', '--name', 'counter', '--replicas', '2', '--network', 'stack', '--no-resolve-image',
    '--label', 'azswarm.lb-port=8000', '--env', 'NODE_NAME={{.Node.Hostname}}', '--env', 'REDIS_HOST=redis',
    '--publish', `mode=host,target=${labWebPort}`, labWebImage);
  const hits = async () => Number(/^hits: (\d+)$/m.exec((await httpGet(network.gateway, 8000)).body)?.[1]);
  await waitFor('2 backends on port 8000', async () => ((await loadBalancerState(stateDir)).backends['8000']?.length === 2 ? true : undefined), 60_000);
  // both tasks count once each has reached redis over the overlay network (its DNS entry may lag)
  const first = await waitFor('both tasks counting', async () => {
    const pair = [await hits(), await hits()];
    return pair.every(Number.isInteger) ? pair[1]! : undefined;
  }, 60_000);
  const next: number[] = [];
  for (let i = 0; i < 4; i++) next.push(await hits());
  expect(next).toEqual([first + 1, first + 2, first + 3, first + 4]);
}, 90_000);

test('the monitor shows nodes x tasks from the master', async () => {
  const status = JSON.parse((await httpGet(network.gateway, 8080, '/status.json')).body) as {
    nodes: Array<{ hostname: string; tasks: Array<{ service: string }> }>;
    services: Array<{ name: string; running: number; desired: number }>;
  };
  expect(status.nodes.map((node) => node.hostname)).toEqual(['master0', 'agent1']);
  expect(status.nodes.flatMap((node) => node.tasks.filter((task) => task.service === 'web'))).toHaveLength(4);
  expect(status.services.find((service) => service.name === 'web')).toMatchObject({ running: 4, desired: 4 });
  const page = await httpGet(network.gateway, 8080, '/');
  expect(page.status).toBe(200);
  expect(page.body).toContain('<h2>agent1</h2>');
});

test('a node whose health endpoint stops is taken out of the load balancer', async () => {
  await stopHealthEndpoint(healthEndpoints.get(links[1]!.netns)!);
  const started = Date.now();
  await waitFor('agent1 out', async () => (!(await loadBalancerState(stateDir)).healthyNodes.includes('agent1') ? true : undefined), 5_000);
  expect(Date.now() - started).toBeLessThan(2_500); // 2 probes of 500 ms, plus a poll
  const answers = new Set<string>();
  for (let i = 0; i < 4; i++) answers.add(/^node: (\S+)/m.exec((await httpGet(network.gateway, 80)).body)?.[1] ?? '?');
  expect([...answers]).toEqual(['master0']);
});

test('a node removed from daemon.json is forgotten on nodesChanged', async () => {
  const config = JSON.parse(await readFile(join(stateDir, daemonFiles.config), 'utf8')) as LabDaemonConfig;
  await writeFile(join(stateDir, daemonFiles.config), JSON.stringify({ ...config, nodes: config.nodes.slice(0, 1) }));
  await nodesChanged(stateDir);
  expect((await loadBalancerState(stateDir)).healthyNodes).toEqual(['master0']);
  const refused = await metadataFromNode(nodes[1]!, '/metadata/instance/compute?api-version=2021-02-01').catch((error: Error) => error.message);
  expect(refused).toContain('returned error: 403'); // curl's words for the daemon's 403 Forbidden
});

test('teardown leaves nothing behind on the host', async () => {
  const record = daemon!;
  await teardown();
  daemon = undefined;
  expect(await isAlive(record)).toBe(false);
  const left = await leftovers({ netnsMarker: `azs-${lab}-`, linkMarker: network.bridge, cgroupMarker: `azs-${lab}-`, folder: root });
  expect(left).toEqual(noLeftovers);
}, 90_000);
