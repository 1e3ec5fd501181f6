// Smoke test of the lab primitives on the real machine: two nodes (own netns, hostname,
// filesystem and dockerd each) form a real swarm, then everything is removed and the host
// itself is inspected for leftovers. agent1 boots from a docker folder seeded with the lab's
// image store: its dockerd has the images at once, and runs them.
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from '../../../src/providers/lab/host/command.js';
import { nodeCgroupName } from '../../../src/providers/lab/host/cgroups.js';
import { addNodeLink, createLabNetwork, labAddress, removeLabNetwork, removeNodeLink, type LabNetwork, type NodeLink } from '../../../src/providers/lab/host/network.js';
import {
  dockerdArgv, dockerdEnv, hostDockerSocket, nodeExec, startNodeHost, stopNodeHost, waitForDocker, type NodeHostRecord,
} from '../../../src/providers/lab/host/node-host.js';
import { labWebImage, packLabImages, seedDockerStore } from '../../../src/providers/lab/images.js';
import { leftovers, noLeftovers } from '../host-leftovers.js';

const lab = `smoke${process.pid % 10000}`;
const names = ['master0', 'agent1'];
let root: string;
let network: LabNetwork;
const links: NodeLink[] = [];
const nodes: NodeHostRecord[] = [];

async function teardown(): Promise<void> {
  await Promise.all(nodes.map((node) => stopNodeHost(node, 20_000)));
  for (const link of links) await removeNodeLink(link);
  if (network) await removeLabNetwork(network);
  await rm(root, { recursive: true, force: true });
}

afterAll(teardown, 60_000);

test('two lab nodes form a swarm, and teardown leaves nothing on the host', async () => {
  root = await mkdtemp('/tmp/azs-');
  network = await createLabNetwork();
  const addresses = names.map((_, index) => labAddress(network, 10 + index));
  const hosts = `127.0.0.1 localhost\n${names.map((name, index) => `${addresses[index]} ${name}`).join('\n')}\n`;
  for (const [index, hostname] of names.entries()) {
    links.push(await addNodeLink(network, `azs-${lab}-${hostname}`, `n${index}`, addresses[index]));
  }
  const cacheDir = join(root, 'image-cache');
  const agentDocker = join(root, 'agent1', 'docker');
  expect(await seedDockerStore(agentDocker, { cacheDir })).toBe(true);
  // a folder that holds data already (a reboot's) is left as it is
  expect(await seedDockerStore(agentDocker, { cacheDir })).toBe(false);
  // allSettled: when one node fails to start, the other is still recorded, so teardown stops it.
  const started = await Promise.allSettled(names.map(async (hostname, index) => {
    const dir = join(root, hostname);
    const cgroup = nodeCgroupName(lab, hostname);
    nodes[index] = await startNodeHost({
      hostname, netns: links[index].netns, dir, cgroup, hosts, init: dockerdArgv(dir, hostname, cgroup), env: dockerdEnv,
    });
    await waitForDocker(hostDockerSocket(dir), 20_000);
  }));
  for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;

  const [master, agent] = nodes;
  expect((await nodeExec(agent, ['hostname'])).stdout.trim()).toBe('agent1');
  const docker = (node: NodeHostRecord, ...args: string[]) => runCommand(['docker', '-H', `unix://${hostDockerSocket(node.dir)}`, ...args]);
  await docker(master, 'swarm', 'init', '--advertise-addr', addresses[0]);
  const token = (await docker(master, 'swarm', 'join-token', '-q', 'worker')).stdout.trim();
  // plain `docker` inside the node talks to the node's own daemon; master0 resolves via its /etc/hosts
  await nodeExec(agent, ['docker', 'swarm', 'join', '--token', token, 'master0:2377']);
  const listed = (await docker(master, 'node', 'ls', '--format', '{{.Hostname}} {{.Status}}')).stdout.trim().split('\n').sort();
  expect(listed).toEqual(['agent1 Ready', 'master0 Ready']);

  const [web] = (await packLabImages(cacheDir)).filter((image) => image.image === labWebImage);
  const imageKey = (node: NodeHostRecord) => docker(node, 'image', 'inspect', '--format', '{{index .Config.Labels "azswarm.image-key"}}', labWebImage);
  expect((await imageKey(agent)).stdout.trim()).toBe(web!.key);
  await expect(imageKey(master)).rejects.toThrow(/No such image/);
  const ran = await docker(agent, 'run', '--rm', '--network', 'none', labWebImage, '/bin/busybox', 'cat', '/www/cgi-bin/index.cgi');
  expect(ran.stdout).toContain('#!');

  await teardown();
  const left = await leftovers({ netnsMarker: `azs-${lab}-`, linkMarker: network.bridge, cgroupMarker: `azs-${lab}-`, folder: root });
  expect(left).toEqual(noLeftovers);
}, 120_000);
