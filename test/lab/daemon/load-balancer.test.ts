// The load balancer against real HTTP backends and health endpoints on loopback addresses
// (127.0.0.11-13 stand for three nodes); only the task discovery is given as a table here (the
// docker-socket discovery is checked on captured Engine API answers below and on a real swarm in
// lab-daemon.test.ts).
import { createServer, request, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { backendsFromTasks, balancedServices } from '../../../src/providers/lab/daemon/backend-discovery.js';
import { LabLoadBalancer, type Backend, type LbNode } from '../../../src/providers/lab/daemon/load-balancer.js';
import { fixture } from './fixtures.js';

const nodes: LbNode[] = [1, 2, 3].map((index) => ({ name: `node${index}`, address: `127.0.0.1${index}` }));
const servers: Server[] = [];
const probeIntervalMs = 300;

function listen(server: Server, host: string, port = 0): Promise<number> {
  servers.push(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}

async function freePort(host: string): Promise<number> {
  const probe = createTcpServer();
  const port = await new Promise<number>((resolve) => probe.listen(0, host, () => resolve((probe.address() as { port: number }).port)));
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function get(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

let balancer: LabLoadBalancer;
let healthPort: number;
let publicPort: number;
let emptyPort: number;
const healthServers = new Map<string, Server>();
const backends: Backend[] = [];

beforeAll(async () => {
  healthPort = await freePort('127.0.0.11');
  for (const node of nodes) {
    // node3's health endpoint answers 503: it must never get traffic
    const health = createServer((_req, res) => res.writeHead(node.name === 'node3' ? 503 : 200).end());
    healthServers.set(node.name, health);
    await listen(health, node.address, healthPort);
    const web = createServer((_req, res) => res.end(node.name));
    backends.push({ node: node.name, host: node.address, port: await listen(web, node.address) });
  }
  publicPort = await freePort('127.0.0.1');
  emptyPort = await freePort('127.0.0.1');
  balancer = await LabLoadBalancer.start(
    {
      listenAddress: '127.0.0.1',
      ports: [publicPort, emptyPort],
      healthPort,
      probeIntervalMs,
      discover: async () => new Map([[publicPort, backends]]),
    },
    nodes,
  );
});

afterAll(async () => {
  await balancer?.close();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

test('connections go round-robin to healthy nodes only', async () => {
  expect(balancer.healthyNodes()).toEqual(['node1', 'node2']);
  const answers: string[] = [];
  for (let i = 0; i < 6; i++) answers.push(await get('127.0.0.1', publicPort));
  expect(answers.filter((name) => name === 'node1')).toHaveLength(3);
  expect(answers.filter((name) => name === 'node2')).toHaveLength(3);
  expect(answers).not.toContain('node3');
});

test('a port without a healthy backend closes the connection at once', async () => {
  const started = Date.now();
  await expect(get('127.0.0.1', emptyPort)).rejects.toThrow(/socket hang up|ECONNRESET/);
  expect(Date.now() - started).toBeLessThan(500);
});

test('a node whose health endpoint stops answering is out after two failed probes', async () => {
  const health = healthServers.get('node2')!;
  health.closeAllConnections();
  await new Promise((resolve) => health.close(resolve));
  const started = Date.now();
  while (balancer.healthyNodes().includes('node2')) await new Promise((resolve) => setTimeout(resolve, 20));
  const elapsed = Date.now() - started;
  // two probes: at most two intervals plus one probe's time
  expect(elapsed).toBeLessThan(3 * probeIntervalMs);
  expect(elapsed).toBeGreaterThan(probeIntervalMs / 2);
  const answers = new Set<string>();
  for (let i = 0; i < 4; i++) answers.add(await get('127.0.0.1', publicPort));
  expect([...answers]).toEqual(['node1']);
});

test('discovery reads the services that claim a public port and their tasks\' host ports', () => {
  const services = balancedServices(fixture('services'), [80, 81, 8000]);
  expect(Object.fromEntries(services)).toEqual({ web: { lbPort: 8000, targetPort: 8080 }, glob: { lbPort: 81, targetPort: 8080 } });
  const labNodes = [{ name: 'node0', address: '10.231.0.2' }, { name: 'agent2', address: '10.231.0.3' }];
  // one task list from the manager: running tasks of balanced services, at their published host ports;
  // rejected and shut-down tasks and the unbalanced redis are left out
  expect(backendsFromTasks(fixture('tasks'), fixture('services'), [80, 81, 8000], fixture('nodes'), labNodes)).toEqual([
    [81, { node: 'node0', host: '10.231.0.2', port: 32768 }],
    [8000, { node: 'node0', host: '10.231.0.2', port: 32769 }],
    [8000, { node: 'node0', host: '10.231.0.2', port: 32770 }],
    [8000, { node: 'agent2', host: '10.231.0.3', port: 32768 }],
    [8000, { node: 'agent2', host: '10.231.0.3', port: 32769 }],
    [81, { node: 'agent2', host: '10.231.0.3', port: 32770 }],
  ]);
  // a node the lab does not know (gone from daemon.json) offers nothing
  expect(backendsFromTasks(fixture('tasks'), fixture('services'), [80, 81, 8000], fixture('nodes'), labNodes.slice(1)).every(([, backend]) => backend.node === 'agent2')).toBe(true);
  // a public port the balancer does not serve is not claimed
  expect(balancedServices(fixture('services'), [80]).size).toBe(0);
});
