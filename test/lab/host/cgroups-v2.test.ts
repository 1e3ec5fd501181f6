// The lab's cgroup v2 layout (GitHub's ubuntu-24.04 runners have only cgroup v2), run for real on
// this cgroup v1 machine: AZSWARM_LAB_CGROUP_ROOT points the lab at a cgroup2 mount (the
// machine's own, /sys/fs/cgroup/unified here, or a fresh one). A node's cgroup gets its leaf, a
// process tree runs in the leaf and a "container" beside it, the lab lists them, reads their CPU
// time and memory peak, kills and removes the whole subtree, and nothing is left. The
// controllers of this machine are bound to v1, so this v2 hierarchy has none to enable: the lab
// must skip them and say so. What only a v2 runner shows (controllers enabled, dockerd's
// containers in the tree, memory.peak) is in docs/workflows.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCommand } from '../../../src/providers/lab/host/command.js';
import {
  availableUnifiedControllers, cgroupPids, cgroupPlacement, createNodeCgroup, isUnifiedCgroup, killAndRemoveCgroup,
  nodeCgroupName, nodeCpuMs, nodeLeaf, nodeMemory, topLevelCgroupNames, unifiedControllers,
} from '../../../src/providers/lab/host/cgroups.js';
import { deleteNetns } from '../../../src/providers/lab/host/network.js';
import { dockerdArgv, startNodeHost, stopNodeHost } from '../../../src/providers/lab/host/node-host.js';

const lab = `cgv2t${process.pid % 10000}`;
const name = nodeCgroupName(lab, 'master0');
const hostName = nodeCgroupName(lab, 'agents000000');
let root: string;
let ownMount: string | undefined;
const children: ChildProcess[] = [];

/** A cgroup2 mount of this machine, or a fresh one (unmounted after). */
async function cgroup2Root(): Promise<string> {
  const mounts = (await readFile('/proc/self/mounts', 'utf8')).split('\n').map((line) => line.split(' '));
  const existing = mounts.find((fields) => fields[2] === 'cgroup2')?.[1];
  if (existing) return existing;
  ownMount = await mkdtemp('/tmp/azs-cgv2-');
  await runCommand(['mount', '-t', 'cgroup2', 'none', ownMount]);
  return ownMount;
}

beforeAll(async () => {
  root = await cgroup2Root();
  process.env.AZSWARM_LAB_CGROUP_ROOT = root;
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await killAndRemoveCgroup(name).catch(() => undefined);
  await killAndRemoveCgroup(hostName).catch(() => undefined);
  await deleteNetns(hostName).catch(() => undefined);
  delete process.env.AZSWARM_LAB_CGROUP_ROOT;
  if (ownMount) {
    await runCommand(['umount', ownMount]);
    await rm(ownMount, { recursive: true, force: true });
  }
});

function started(argv: string[]): ChildProcess {
  const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return child;
}

async function running(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat !== undefined && !/^\d+ \(.*\) [ZX] /.test(stat);
}

async function firstLines(child: ChildProcess, count: number): Promise<string[]> {
  let text = '';
  child.stdout!.setEncoding('utf8');
  for await (const chunk of child.stdout!) {
    text += chunk as string;
    if (text.split('\n').length > count) break;
  }
  return text.split('\n').slice(0, count);
}

test('the root is the unified hierarchy, and the controllers it lacks are said once, by name', async () => {
  expect(isUnifiedCgroup()).toBe(true);
  const available = (await readFile(join(root, 'cgroup.controllers'), 'utf8')).split(/\s+/);
  const missing = unifiedControllers.filter((controller) => !available.includes(controller));
  expect(availableUnifiedControllers().missing).toEqual(missing);
  const line = cgroupPlacement([name]);
  expect(line).toContain(`cgroups: ${name} in ${root} (cgroup v2; each with a leaf ${nodeLeaf}`);
  if (missing.length > 0) expect(line).toContain(`not available on this machine: ${missing.join(' ')}`);
  else expect(line).not.toContain('not available');
  // the node's dockerd puts its containers beside the leaf with the cgroupfs driver
  expect(dockerdArgv('/tmp/x', 'master0', name).join(' ')).toContain('--cgroup-parent /' + name + ' --exec-opt native.cgroupdriver=cgroupfs');
});

test('a node cgroup holds a process tree in its leaf and a container beside it; kill and remove leaves nothing', async () => {
  const procsFiles = await createNodeCgroup(name);
  expect(procsFiles).toEqual([join(root, name, nodeLeaf, 'cgroup.procs')]);
  expect(await topLevelCgroupNames()).toContain(name);

  // the node's init: joins the leaf, burns a little CPU, then forks two children
  const init = started(['sh', '-c', 'echo $$ > "$1"; i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done; sleep 300 & echo $!; sleep 300 & echo $!; wait', 'init', procsFiles[0]!]);
  const forked = (await firstLines(init, 2)).map(Number);
  // a container's cgroup, as dockerd makes it beside the leaf
  const container = join(root, name, 'c0ffee');
  await mkdir(container);
  const inContainer = started(['sh', '-c', 'echo $$ > "$1"; echo ready; exec sleep 300', 'container', join(container, 'cgroup.procs')]);
  await firstLines(inContainer, 1);

  expect((await cgroupPids(name)).sort()).toEqual([init.pid!, ...forked, inContainer.pid!].sort());
  expect(await nodeCpuMs(name)).toBeGreaterThan(0);
  const memory = await nodeMemory(name);
  expect(memory.rssBytes).toBeGreaterThan(0);
  // memory.peak exists only where the memory controller is enabled (Linux 5.19+); else "not measured"
  expect(memory.peakBytes === undefined).toBe(!existsSync(join(root, name, 'memory.peak')));

  const exits = [init, inContainer].map((child) => once(child, 'exit'));
  await killAndRemoveCgroup(name);
  expect((await Promise.all(exits)).map(([, signal]) => signal)).toEqual(['SIGKILL', 'SIGKILL']);
  // the orphaned children: gone, or dead and waiting for the machine's init to reap them
  for (const pid of forked) expect(await running(pid)).toBe(false);
  expect(existsSync(join(root, name))).toBe(false);
  expect(await topLevelCgroupNames()).not.toContain(name);
});

test('a subtree whose processes keep forking is killed (cgroup.kill where present) and removed', async () => {
  const [procs] = await createNodeCgroup(name);
  // a (gentle) fork loop: SIGKILL by pid alone races with it, cgroup.kill does not
  const forker = started(['sh', '-c', 'echo $$ > "$1"; echo ready; while :; do sleep 300 & sleep 0.02; done', 'forker', procs!]);
  await firstLines(forker, 1);
  await sleep(200);
  expect((await cgroupPids(name)).length).toBeGreaterThan(1);
  await killAndRemoveCgroup(name);
  expect(existsSync(join(root, name))).toBe(false);
});

test('a lab node host started and stopped by the lab runs its init in the leaf, and leaves no cgroup', async () => {
  await runCommand(['ip', 'netns', 'add', hostName]);
  const dir = await mkdtemp('/tmp/azs-cgv2-node-');
  try {
    const node = await startNodeHost({
      hostname: 'agents000000', netns: hostName, dir, cgroup: hostName, hosts: '127.0.0.1 localhost\n',
      init: ['sh', '-c', 'sleep 300 & exec sleep 301'],
    });
    const membership = await readFile(`/proc/${node.init.pid}/cgroup`, 'utf8');
    expect(membership.split('\n')).toContain(`0::/${hostName}/${nodeLeaf}`);
    let pids: number[] = [];
    for (let tries = 0; tries < 50 && pids.length < 2; tries++, await sleep(50)) pids = await cgroupPids(hostName);
    expect(pids).toContain(node.init.pid);
    expect(pids).toHaveLength(2);
    await stopNodeHost(node, 1_000);
    for (const pid of pids) expect(await running(pid)).toBe(false);
    expect(existsSync(join(root, hostName))).toBe(false);
  } finally {
    await deleteNetns(hostName);
    await rm(dir, { recursive: true, force: true });
  }
});
