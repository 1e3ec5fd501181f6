// The lab provider on a REAL lab (one lab shared by the file's tests, 1 master + 2 agents):
// deploy, agent names, scale out and in (newest drained, gone from `node ls`), restart, SSH
// to master0 with the pinned host key, destroy checked from the host. What reaches a node —
// its hostname, admin user, sshd, a restart, stop/deallocate, a reimage — is node behaviour, so
// the lab's nodes boot for real (systemd, cloud-init) unless AZSWARM_LAB_BOOT names a kind.
import { rm } from 'node:fs/promises';
import { nodeCgroupName, nodeMemory } from '../../src/providers/lab/host/cgroups.js';
import { runCommand } from '../../src/providers/lab/host/command.js';
import { nodeExec } from '../../src/providers/lab/host/node-host.js';
import { LabProvider } from '../../src/providers/lab/provider.js';
import { labDir, readLabState } from '../../src/providers/lab/state.js';
import { withSession } from '../../src/swarm/ssh-session.js';
import type { Cluster } from '../../src/core/cluster.js';
import { leftovers, noLeftovers } from './host-leftovers.js';
import { bootNodesForReal, deployPhases, eventually, firstBootMark, labSettings, recordingReporter, swarmNodes, unitLog, useTemporaryLabRoot } from './lab-support.js';

const lab = `prov${process.pid % 1000}`;
const provider = new LabProvider();
const reporter = recordingReporter();
let root: string;
let cluster: Cluster;
let bridge: string;

beforeAll(async () => {
  root = await useTemporaryLabRoot();
  bootNodesForReal();
  const started = Date.now();
  cluster = await provider.deploy(labSettings(lab, 1, 2), reporter);
  process.stdout.write(`lab 1+2 (${process.env.AZSWARM_LAB_BOOT} boot) ready in ${Date.now() - started} ms\n`);
  bridge = (await readLabState(labDir(lab)))!.network!.bridge;
}, 900_000);

afterAll(async () => {
  await provider.destroy(lab, reporter);
  await rm(root, { recursive: true, force: true });
}, 120_000);

test('deploy reports its phases and gives a Ready swarm of 1 master and 2 agents', async () => {
  expect(reporter.phases).toEqual(deployPhases());
  expect(await swarmNodes(lab)).toEqual(['agents000000 Ready Active', 'agents000001 Ready Active', 'master0 Ready Active']);
  expect(await cluster.listAgents()).toEqual([
    { instanceId: '0', name: 'agents000000', state: 'running' },
    { instanceId: '1', name: 'agents000001', state: 'running' },
  ]);
  expect(reporter.secrets).toContain(cluster.info.ssh.privateKey);
});

test('a node stays light: its processes and its memory cgroup are measured', async () => {
  for (const node of ['master0', 'agents000000']) {
    const memory = await nodeMemory(nodeCgroupName(lab, node));
    process.stdout.write(`${node}: processes ${memory.rssBytes >> 20} MiB resident, cgroup peak ${memory.peakBytes === undefined ? 'not measured' : `${memory.peakBytes >> 20} MiB`}\n`);
    expect(memory.rssBytes).toBeGreaterThan(0);
    expect(memory.peakBytes).toBeDefined();
    expect(memory.peakBytes).toBeLessThan(400 * 1024 * 1024);
  }
});

test('an agent is a machine of its own: scale-set hostname, own /etc/hosts, host files untouched', async () => {
  const state = (await readLabState(labDir(lab)))!;
  const agent = state.nodes.find((node) => node.name === 'agents000001')!;
  expect((await nodeExec(agent.host!, ['hostname'])).stdout.trim()).toBe('agents000001');
  expect((await nodeExec(agent.host!, ['cat', '/etc/hostname'])).stdout.trim()).toBe('agents000001');
  expect((await runCommand(['hostname'])).stdout.trim()).not.toBe('agents000001');
  // the admin user exists inside the node only
  expect((await nodeExec(agent.host!, ['id', '-nG', 'cluster'])).stdout).toContain('docker');
  expect(await runCommand(['id', 'cluster']).catch(() => 'absent')).toBe('absent');
});

test('master0 answers SSH for the admin user with the pinned host key, and docker works there', async () => {
  const result = await withSession(cluster.info.ssh, reporter, (session) => session.run(['docker', 'node', 'ls', '--format', '{{.Hostname}}']));
  expect(result.stdout.trim().split('\n').sort()).toEqual(['agents000000', 'agents000001', 'master0']);
});

test('scale out: a new instance boots and joins the swarm', async () => {
  await cluster.scaleAgents(3);
  expect((await cluster.listAgents()).map((agent) => agent.name)).toEqual(['agents000000', 'agents000001', 'agents000002']);
  await eventually(() => swarmNodes(lab), (nodes) => nodes.includes('agents000002 Ready Active'), 90_000);
}, 180_000);

test('scale in: the newest instance is drained, leaves and disappears from node ls', async () => {
  await cluster.scaleAgents(2);
  expect((await cluster.listAgents()).map((agent) => agent.name)).toEqual(['agents000000', 'agents000001']);
  const log = await runCommand(['cat', `${labDir(lab)}/daemon.log`]);
  expect(log.stdout).toMatch(/Terminate for agents000002/);
  await eventually(() => swarmNodes(lab), (nodes) => !nodes.some((node) => node.startsWith('agents000002')), 60_000);
  // instance ids are never reused
  await cluster.scaleAgents(3);
  expect((await cluster.listAgents()).map((agent) => agent.name)).toEqual(['agents000000', 'agents000001', 'agents000003']);
  await cluster.scaleAgents(2);
}, 180_000);

test('restart keeps the node: same name and address, back in the swarm', async () => {
  const before = (await readLabState(labDir(lab)))!.nodes.find((node) => node.name === 'agents000000')!;
  await cluster.restartAgents(['0']);
  const after = (await readLabState(labDir(lab)))!.nodes.find((node) => node.name === 'agents000000')!;
  expect(after.address).toBe(before.address);
  expect(after.host!.init.pid).not.toBe(before.host!.init.pid);
  await eventually(() => swarmNodes(lab), (nodes) => nodes.includes('agents000000 Ready Active'), 90_000);
}, 240_000);

test('stop deallocates an agent (it drains and leaves, its folder stays) and start brings it back', async () => {
  await cluster.stopAgents({ deallocate: true, instanceIds: ['1'] });
  expect((await cluster.listAgents()).find((agent) => agent.instanceId === '1')?.state).toBe('deallocated');
  expect(await unitLog(lab, 'agents000001', 'swarm-join.service')).toMatch(/left the swarm/);
  await cluster.startAgents({ instanceIds: ['1'] });
  expect((await cluster.listAgents()).find((agent) => agent.instanceId === '1')?.state).toBe('running');
  await eventually(() => swarmNodes(lab), (nodes) => nodes.includes('agents000001 Ready Active'), 90_000);
}, 240_000);

test('reimage gives the agent a fresh disk: first boot again, same name and address, back in the swarm', async () => {
  const firstBoot = await firstBootMark(lab, 'agents000001');
  const before = (await readLabState(labDir(lab)))!.nodes.find((node) => node.name === 'agents000001')!;
  await cluster.reimageAgents(['1']);
  const after = (await readLabState(labDir(lab)))!.nodes.find((node) => node.name === 'agents000001')!;
  expect(after.address).toBe(before.address);
  expect((await runCommand(['cat', `${labDir(lab)}/daemon.log`])).stdout).toMatch(/Redeploy for agents000001/);
  await eventually(() => swarmNodes(lab), (nodes) => nodes.includes('agents000001 Ready Active'), 90_000);
  expect(await firstBootMark(lab, 'agents000001')).not.toBe(firstBoot);
}, 240_000);

test('destroy removes everything from the host, and twice is fine', async () => {
  await provider.destroy(lab, reporter);
  await provider.destroy(lab, reporter);
  expect(await leftovers({ netnsMarker: `azs-${lab}-`, linkMarker: bridge, cgroupMarker: `azs-${lab}-`, folder: labDir(lab) })).toEqual(noLeftovers);
  await expect(provider.open(lab, reporter)).rejects.toMatchObject({ code: 'cluster-not-found' });
}, 120_000);
