// Real-boot lab nodes (AZSWARM_LAB_BOOT=systemd) on a REAL lab of 1 master + 2 agents: the node
// image under systemd-nspawn with systemd as PID 1 and cloud-init from the same rendered
// document as Azure's VMs. Each node's own account of its boot (PID 1, cloud-init's result,
// failed units, systemd's complaints about unit files), the swarm, the seed and what cloud-init
// made of it, restart as a clean shutdown and boot, a reboot while the masters are unreachable (boot
// completes, the join retries in /healthz), a power cut, reimage as a fresh disk, and a subtly wrong unit
// file caught the way it would show on a VM. Destroy leaves nothing on the machine.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { killAndRemoveCgroup } from '../../src/providers/lab/host/cgroups.js';
import { runCommand } from '../../src/providers/lab/host/command.js';
import { labWebImage } from '../../src/providers/lab/images.js';
import { labBootVariable } from '../../src/providers/lab/host/boot-mode.js';
import { readRealNodeBoot, realNodeBootFailure, realNodeBootProblems } from '../../src/providers/lab/host/node-checks.js';
import { nspawnNodeFiles } from '../../src/providers/lab/host/nspawn-node.js';
import { renderNodeCloudConfig, secretNames } from '../../src/providers/lab/lab-context.js';
import { bootNode, provisionNodeFolder, shutdownNode } from '../../src/providers/lab/lab-nodes.js';
import { nodeExec } from '../../src/providers/lab/host/node-host.js';
import { LabProvider } from '../../src/providers/lab/provider.js';
import { labDir, readLabState, readSecret, writeLabState, type LabNodeState, type LabState } from '../../src/providers/lab/state.js';
import { defaultPorts } from '../../src/render/node-config.js';
import type { Cluster } from '../../src/core/cluster.js';
import { callNode } from '../node/helper-client.js';
import { leftovers, noLeftovers } from './host-leftovers.js';
import { eventually, labSettings, recordingReporter, swarmNodes, useTemporaryLabRoot } from './lab-support.js';

const lab = `real${process.pid % 1000}`;
const provider = new LabProvider();
const reporter = recordingReporter();
let root: string;
let cluster: Cluster;
let bridge: string;

async function state(): Promise<LabState> {
  return (await readLabState(labDir(lab)))!;
}

async function node(name: string): Promise<LabNodeState> {
  return (await state()).nodes.find((entry) => entry.name === name)!;
}

async function inNode(name: string, script: string): Promise<string> {
  return (await nodeExec((await node(name)).host!, ['sh', '-c', script])).stdout.trim();
}

beforeAll(async () => {
  root = await useTemporaryLabRoot();
  process.env[labBootVariable] = 'systemd';
  const started = Date.now();
  cluster = await provider.deploy(labSettings(lab, 1, 2), reporter);
  process.stdout.write(`real-boot lab 1+2 ready in ${Date.now() - started} ms\n`);
  bridge = (await state()).network!.bridge;
}, 900_000);

afterAll(async () => {
  delete process.env[labBootVariable];
  await provider.destroy(lab, reporter);
  await rm(root, { recursive: true, force: true });
}, 120_000);

test('every node runs systemd as PID 1, cloud-init finished without errors, no unit failed, and the swarm formed', async () => {
  expect(reporter.phases).toEqual(['network', 'node image', 'lab daemon', 'masters', 'agents', 'swarm ready']);
  for (const entry of (await state()).nodes) {
    const boot = await readRealNodeBoot(entry.host!);
    expect({ node: entry.name, problems: realNodeBootProblems(boot) }).toEqual({ node: entry.name, problems: [] });
    expect(boot.init).toBe('systemd');
  }
  expect(await swarmNodes(lab)).toEqual(['agents000000 Ready Active', 'agents000001 Ready Active', 'master0 Ready Active']);
  // the units came from cloud-init's write_files and runcmd, started by systemd
  expect(await inNode('agents000000', 'systemctl is-active swarm-join.service swarm-events.service swarm-health.service')).toBe('active\nactive\nactive');
  expect(await inNode('master0', 'systemctl is-active docker.service ssh.service swarm-helper.service')).toBe('active\nactive\nactive');
}, 180_000);

test('containers run on every node: a global service of the lab image gets a running task on each', async () => {
  const socket = `unix://${labDir(lab)}/nodes/master0/docker.sock`;
  await runCommand(['docker', '-H', socket, 'service', 'create', '--detach', '--name', 'everywhere', '--mode', 'global', labWebImage]);
  const running = await eventually(
    async () => (await runCommand(['docker', '-H', socket, 'service', 'ps', 'everywhere', '--filter', 'desired-state=running', '--format', '{{.Node}} {{.CurrentState}}'])).stdout,
    (text) => text.split('\n').filter((line) => / Running /.test(line)).length === 3,
    60_000,
  );
  expect(running.split('\n').filter(Boolean).map((line) => line.split(' ')[0]).sort()).toEqual(['agents000000', 'agents000001', 'master0']);
  await runCommand(['docker', '-H', socket, 'service', 'rm', 'everywhere']);
}, 90_000);

test('the seed carries the rendered cloud-config unchanged; the lab differences are vendor-data', async () => {
  const context = { dir: labDir(lab), state: await state() };
  for (const entry of context.state.nodes) {
    const seed = await readFile(join(nspawnNodeFiles.seed(entry.dir), 'user-data'), 'utf8');
    expect(seed).toBe(await renderNodeCloudConfig(context, entry));
    // what cloud-init consumed inside the node is that document
    expect(await inNode(entry.name, 'cat /var/lib/cloud/instance/user-data.txt')).toBe(seed.trim());
  }
  const vendor = parse(await readFile(join(nspawnNodeFiles.seed((await node('master0')).dir), 'vendor-data'), 'utf8')) as Record<string, unknown>;
  expect(Object.keys(vendor).sort()).toEqual(['apt', 'bootcmd']);
  // agents' documents name no host key types: the lab's vendor-data asks for ed25519 alone
  expect(await inNode('agents000000', 'ls /etc/ssh | grep ssh_host_ || true')).toBe('ssh_host_ed25519_key\nssh_host_ed25519_key.pub');
  // master0's document pins its key (ssh_keys, ssh_deletekeys): that one alone, which SSH to it
  // checks (lab-provider.test.ts, on real-boot nodes too)
  expect(await inNode('master0', 'ls /etc/ssh | grep ssh_host_ || true')).toBe('ssh_host_ed25519_key\nssh_host_ed25519_key.pub');
  // the admin user is cloud-init's: in the docker group, the user's own key plus the operator key through sshd
  expect(await inNode('agents000001', 'id -nG cluster')).toContain('docker');
  expect(await inNode('agents000001', 'cat /home/cluster/.ssh/authorized_keys')).toBe(context.state.sshPublicKey.trim());
});

test('restart is a clean shutdown and a boot of the same disk: the join unit left the swarm, cloud-init ran no first boot', async () => {
  const instance = await inNode('agents000000', 'cat /var/lib/cloud/data/instance-id');
  const before = await node('agents000000');
  await cluster.restartAgents(['0']);
  const after = await node('agents000000');
  expect(after.host!.init.pid).not.toBe(before.host!.init.pid);
  expect(await inNode('agents000000', 'cat /var/lib/cloud/data/instance-id')).toBe(instance);
  // the previous boot's journal ends with the join unit's ExecStop and an orderly shutdown
  const previous = await inNode('agents000000', 'journalctl -b -1 -o cat --no-pager');
  expect(previous).toMatch(/left the swarm/);
  expect(previous).toMatch(/Reached target shutdown\.target/);
  await eventually(() => swarmNodes(lab), (nodes) => nodes.includes('agents000000 Ready Active'), 90_000);
  expect(realNodeBootProblems(await readRealNodeBoot(after.host!))).toEqual([]);
  // a bound for a hang, not a speed: the Reboot event, the drain and a boot took 236 s at a load average of ~100-140
}, 420_000);

test('reimage gives the agent a fresh disk: a new instance, first boot again, back in the swarm', async () => {
  const instance = await inNode('agents000001', 'cat /var/lib/cloud/data/instance-id');
  await cluster.reimageAgents(['1']);
  const reimaged = await inNode('agents000001', 'cat /var/lib/cloud/data/instance-id');
  expect(reimaged).not.toBe(instance);
  // nothing of the old disk: cloud-init knows only the new instance
  expect(await inNode('agents000001', 'ls /var/lib/cloud/instances')).toBe(reimaged);
  await eventually(() => swarmNodes(lab), (nodes) => nodes.includes('agents000001 Ready Active'), 90_000);
}, 240_000);

test('a reboot while the masters are unreachable reaches multi-user.target at once; the join retries visibly in /healthz and joins once they are back', async () => {
  const agent = await node('agents000000');
  const masters = (await state()).nodes.filter((entry) => entry.role === 'master').map((entry) => entry.address);
  // the masters vanish from the agent's network (a partition): connections fail at once
  const routes = (verb: string) => Promise.all(masters.map((address) => runCommand(['ip', '-n', agent.link!.netns, 'route', verb, 'unreachable', `${address}/32`])));
  await routes('add');
  try {
    // a clean systemd shutdown and a boot of the same disk (stop + start, no Scheduled Event)
    await cluster.stopAgents({ deallocate: false, instanceIds: ['0'] });
    await cluster.startAgents({ instanceIds: ['0'] });
    // boot completes while the join cannot: systemd's own account, then cloud-init's
    expect(await inNode('agents000000', 'systemctl is-system-running --wait || true')).toBe('running');
    expect(await inNode('agents000000', 'systemctl is-active multi-user.target; cloud-init status --wait | grep status')).toBe('active\nstatus: done');
    expect(await inNode('agents000000', 'systemctl show swarm-join.service -p ActiveState -p SubState --value')).toBe('active\nrunning');
    const health = await eventually(
      () => callNode(agent.address, defaultPorts.health, 'GET', '/healthz'),
      (answer) => (answer.body.join as { attempt?: number } | undefined)?.attempt !== undefined && (answer.body.join as { attempt: number }).attempt >= 3,
      60_000,
    );
    expect(health).toMatchObject({ status: 503, body: { status: 'joining', join: { waitingFor: 'masters', detail: expect.stringMatching(/^master0: unreachable/) } } });
  } finally {
    await routes('del');
  }
  await eventually(() => swarmNodes(lab), (nodes) => nodes.includes('agents000000 Ready Active'), 90_000);
  expect(await eventually(() => callNode(agent.address, defaultPorts.health, 'GET', '/healthz'), (answer) => answer.status === 200, 60_000)).toMatchObject({ body: { status: 'active' } });
  expect(await inNode('agents000000', 'systemctl show swarm-join.service -p SubState --value')).toBe('exited');
}, 300_000);

test('a power cut (every process of the node killed, no shutdown) boots the same disk: no first boot, the agent stays a swarm member', async () => {
  const current = await state();
  const agent = current.nodes.find((entry) => entry.name === 'agents000000')!;
  const instance = await inNode('agents000000', 'cat /var/lib/cloud/data/instance-id');
  await killAndRemoveCgroup(agent.host!.cgroup);
  agent.host = undefined;
  await bootNode(current, agent, await readSecret(labDir(lab), secretNames.operatorPublicKey));
  await writeLabState(labDir(lab), current);
  expect(await inNode('agents000000', 'cat /var/lib/cloud/data/instance-id')).toBe(instance);
  // the previous boot simply stops: no unit was stopped, the join unit never left
  const previous = await inNode('agents000000', 'journalctl -b -1 -o cat --no-pager');
  expect(previous).not.toMatch(/Reached target shutdown\.target|left the swarm/);
  await eventually(() => swarmNodes(lab), (nodes) => nodes.includes('agents000000 Ready Active'), 90_000);
  // the join process ends once the node is settled in the swarm: here without joining anew
  await eventually(() => inNode('agents000000', 'systemctl show swarm-join.service -p SubState --value'), (state) => state === 'exited', 90_000);
  expect(await inNode('agents000000', 'journalctl -b -u swarm-join.service -o cat --no-pager')).toMatch(/already an active swarm member/);
  expect(realNodeBootProblems(await readRealNodeBoot(agent.host!))).toEqual([]);
}, 240_000);

/** The document with one unit's text changed, as a careless edit of cloud-init/units/ would. */
function withUnitEdited(document: string, unit: string, edit: (text: string) => string): string {
  const parsed = parse(document) as { write_files: { path: string; content: string }[] };
  const file = parsed.write_files.find((entry) => entry.path.endsWith(`/${unit}`))!;
  const edited = edit(file.content);
  expect(edited).not.toBe(file.content);
  file.content = edited;
  return `#cloud-config\n${stringify(parsed, { lineWidth: 0 })}`;
}

test('subtly wrong unit files fail the boot the way they would on a VM', async () => {
  const current = await state();
  const context = { dir: labDir(lab), state: current };
  const agent = current.nodes.find((entry) => entry.name === 'agents000001')!;
  let document = await renderNodeCloudConfig(context, agent);
  // a dependency on a unit that does not exist, and a misspelt Type= (systemd ignores it and runs the unit as simple)
  document = withUnitEdited(document, 'swarm-health.service', (text) => text.replace('[Unit]\n', '[Unit]\nRequires=swarm-metrics.service\n'));
  document = withUnitEdited(document, 'swarm-join.service', (text) => text.replace('\nType=exec\n', '\nType=exe\n'));
  await shutdownNode(agent);
  await provisionNodeFolder(agent, document);
  await bootNode(current, agent, await readSecret(context.dir, secretNames.operatorPublicKey));
  await writeLabState(context.dir, current);
  const problems = realNodeBootProblems(await readRealNodeBoot(agent.host!));
  expect(problems).toContainEqual(expect.stringMatching(/^cloud-init status: error$/));
  expect(problems).toContainEqual(expect.stringMatching(/^unit file: .*swarm-join\.service:\d+: Failed to parse service type, ignoring: exe$/));
  expect(await inNode('agents000001', 'systemctl is-active swarm-health.service || true')).toBe('inactive');
  expect(await inNode('agents000001', 'grep -c "swarm-metrics.service not found" /var/log/cloud-init-output.log || true')).not.toBe('0');
  // what makes a deploy's swarm-ready wait stop at once instead of timing out
  expect(await realNodeBootFailure(agent.host!)).toMatch(/^cloud-init failed on node agents000001: .*scripts-user.*runcmd/);
}, 240_000);

test('destroy removes everything from the machine', async () => {
  await provider.destroy(lab, reporter);
  expect(await leftovers({ netnsMarker: `azs-${lab}-`, linkMarker: bridge, cgroupMarker: `azs-${lab}-`, folder: labDir(lab) })).toEqual(noLeftovers);
}, 120_000);
