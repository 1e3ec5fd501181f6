// The lab as GitHub's hosted runners use it: the CLI run by an unprivileged user with
// passwordless sudo (a user made for this test), the lab's privileged part through `sudo -n`.
// The whole run happens in a private network namespace whose FORWARD policy is DROP and which
// has Docker's DOCKER-USER chain, as a runner with docker-ce running has (the machine's own
// networking is never touched). Checks: a clear error without passwordless sudo; a 1+2 lab
// formed and answering (SSH from the user's side, list-agents, a node's log with and without
// --follow, the lab daemon over HTTP through the bridge); what the lab says it changed; no key
// readable by anyone but the user; destroy leaves no namespace, link, iptables rule, cgroup or
// process behind.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { runCommand, tryCommand } from '../../src/providers/lab/host/command.js';
import { listNetns } from '../../src/providers/lab/host/network.js';
import { leftovers } from '../lab/host-leftovers.js';

const suffix = randomBytes(3).toString('hex');
const user = `rlsudo${suffix}`;
const lab = `rls${suffix}`;
const netns = `rl-fwdrop-${suffix}`;
const sudoersFile = `/etc/sudoers.d/${user}`;
const base = `/tmp/rl-${suffix}`;
const labRoot = join(base, 'labs');
const repo = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const cliEntry = join(repo, 'bin', 'azswarm.js');

interface Run { code: number; stdout: string; stderr: string }

/** nsenter's arguments that run the CLI as the test's user inside the private namespace, with a login-like environment. */
function userCommand(argv: string[]): string[] {
  const env = [`HOME=/home/${user}`, `USER=${user}`, 'PATH=/usr/local/bin:/usr/bin:/bin', `AZSWARM_LAB_ROOT=${labRoot}`];
  return ['--net=/run/netns/' + netns, '--', 'runuser', '-u', user, '--', 'env', '-i', ...env, process.execPath, cliEntry, ...argv];
}

function asUser(...argv: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile('nsenter', userCommand(argv), { timeout: 240_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? Number((error as { code?: unknown }).code ?? 1) || 1 : 0, stdout, stderr });
    });
  });
}

/** Pids of the lab's privileged processes of this test's lab root (sudo -n and its command). */
async function elevatedProcesses(): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const environment = await readFile(`/proc/${entry}/environ`, 'utf8').catch(() => '');
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (environment.split('\0').includes(`AZSWARM_LAB_PROCESS_DIR=${labRoot}`) || cmdline.split('\0').includes(`AZSWARM_LAB_PROCESS_DIR=${labRoot}`)) pids.push(Number(entry));
  }
  return pids;
}

async function inNetns(...argv: string[]): Promise<string> {
  return (await runCommand(['ip', 'netns', 'exec', netns, ...argv])).stdout;
}

async function uidOf(name: string): Promise<number> {
  return Number((await runCommand(['id', '-u', name])).stdout.trim());
}

/** Every file under `dir` with its mode, owner and whether it holds a private key. */
async function files(dir: string): Promise<Array<{ path: string; mode: number; uid: number; key: boolean }>> {
  const found: Array<{ path: string; mode: number; uid: number; key: boolean }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const info = await stat(path);
    const head = info.size < 1_000_000 ? await readFile(path, 'utf8').catch(() => '') : '';
    found.push({ path, mode: info.mode & 0o777, uid: info.uid, key: head.includes('PRIVATE KEY') });
  }
  return found;
}

beforeAll(async () => {
  await runCommand(['useradd', '--create-home', '--shell', '/bin/bash', user]);
  await mkdir(base, { mode: 0o755 });
  await chown(base, await uidOf(user), 0);
  await runCommand(['ip', 'netns', 'add', netns]);
  await inNetns('ip', 'link', 'set', 'lo', 'up');
  // a runner with docker-ce: FORWARD policy DROP, Docker's DOCKER-USER chain jumped to first
  await inNetns('iptables', '-P', 'FORWARD', 'DROP');
  await inNetns('iptables', '-N', 'DOCKER-USER');
  await inNetns('iptables', '-A', 'FORWARD', '-j', 'DOCKER-USER');
  // br_netfilter's switch is per network namespace: bridged frames pass iptables' FORWARD here
  await inNetns('sysctl', '-q', '-w', 'net.bridge.bridge-nf-call-iptables=1');
}, 60_000);

afterAll(async () => {
  // whatever a failed test left: destroyed as root, in the same namespace
  await tryCommand(['nsenter', `--net=/run/netns/${netns}`, '--', 'env', `AZSWARM_LAB_ROOT=${labRoot}`, process.execPath, cliEntry, 'destroy-cluster', '--provider', 'lab', '--name', lab], { timeoutMs: 120_000 });
  await rm(sudoersFile, { force: true });
  // last, and failing loudly: --force: lab nodes' own users (the admin user `cluster` inside a node, of any lab on this
  // machine) may have the same numeric uid, and userdel would refuse while such a process runs
  await tryCommand(['ip', 'netns', 'del', netns]);
  await rm(base, { recursive: true, force: true });
  await runCommand(['userdel', '--force', '--remove', user]);
}, 180_000);

it('without passwordless sudo: a clear error naming what is missing, nothing created', async () => {
  const run = await asUser('deploy-cluster', '--provider', 'lab', '--name', lab, '--agents', '2');
  expect(run.code).not.toBe(0);
  expect(run.stderr).toMatch(/the lab needs root/);
  expect(run.stderr).toMatch(/passwordless sudo/);
  expect((await listNetns()).filter((name) => name.startsWith(`azs-${lab}-`))).toEqual([]);
  expect(await stat(join(labRoot, lab)).catch(() => undefined)).toBeUndefined();
}, 60_000);

it('with passwordless sudo: 1+2 formed as the user, answers, keys stay the user\'s, destroy leaves nothing', async () => {
  await writeFile(sudoersFile, `${user} ALL=(ALL) NOPASSWD:ALL\n`, { mode: 0o440 });
  const uid = await uidOf(user);

  const deployed = await asUser('deploy-cluster', '--provider', 'lab', '--name', lab, '--masters', '1', '--agents', '2', '--json');
  expect({ code: deployed.code, stderr: deployed.code === 0 ? '' : deployed.stderr }).toEqual({ code: 0, stderr: '' });
  // the swarm was checked over SSH from the user's own process: every node ready
  const { result } = JSON.parse(deployed.stdout) as { result: { nodes: Array<{ status: string }>; endpoints: { agents: string; monitor: string } } };
  expect(result.nodes.map((node) => node.status)).toEqual(['ready', 'ready', 'ready']);
  expect(deployed.stderr).toContain(`lab ${lab} changed this machine:`);
  expect(deployed.stderr).toMatch(/network namespaces: azs-\S+-master0, azs-\S+-agents000000, azs-\S+-agents000001/);
  expect(deployed.stderr).toMatch(/iptables \(filter table\): -I FORWARD -i azs-\d+ -o azs-\d+ -j ACCEPT/);
  expect(deployed.stderr).not.toContain('PRIVATE KEY');

  const listed = await asUser('list-agents', '--provider', 'lab', '--name', lab, '--json');
  expect(listed.code).toBe(0);
  expect((JSON.parse(listed.stdout) as { result: Array<{ state: string; swarmStatus: string }> }).result.map((agent) => `${agent.state} ${agent.swarmStatus}`)).toEqual(['running ready', 'running ready']);
  // logs: a node's logs are root's; the user reads them through the lab's sudo -n, as the other commands do
  const logs = await asUser('logs', '--provider', 'lab', '--name', lab, '--node', 'agents000001', '--unit', 'join');
  expect({ code: logs.code, stderr: logs.stderr }).toEqual({ code: 0, stderr: '' });
  expect(logs.stdout).toContain('join: joined as worker through master0');
  // --follow prints as the root reader streams, until the user's command is told to stop (SIGTERM,
  // a cancelled job's signal): it ends cleanly, and so does the root process it asked
  const following = spawn('nsenter', userCommand(['logs', '--provider', 'lab', '--name', lab, '--node', 'agents000000', '--unit', 'join', '--follow']), { stdio: ['ignore', 'pipe', 'pipe'] });
  const followExit = new Promise<number | null>((done) => following.once('exit', done));
  let followed = '';
  following.stdout.setEncoding('utf8').on('data', (chunk: string) => void (followed += chunk));
  for (let waited = 0; !followed.includes('joined as worker') && waited < 60_000; waited += 200) await sleep(200);
  expect(followed).toContain('join: joined as worker through master0');
  expect((await elevatedProcesses()).length).toBeGreaterThan(0);
  // nsenter became runuser, whose child is the CLI (env execs node)
  const cli = (await runCommand(['pgrep', '-P', String(following.pid)])).stdout.trim();
  process.kill(Number(cli), 'SIGTERM');
  expect(await followExit).toBe(0);
  for (let waited = 0; (await elevatedProcesses()).length > 0 && waited < 10_000; waited += 200) await sleep(200);
  expect(await elevatedProcesses()).toEqual([]);

  // the lab daemon's monitor, from the user's side through the bridge
  const monitor = await runCommand(['nsenter', `--net=/run/netns/${netns}`, '--', 'runuser', '-u', user, '--', 'curl', '-sS', '-m', '20', result.endpoints.monitor]);
  expect(monitor.stdout).toContain('master0');

  // keys: the lab's secrets are the user's (0600), every other private key root's, none readable by others
  const labFiles = await files(join(labRoot, lab));
  const keys = labFiles.filter((file) => file.key);
  expect(keys.length).toBeGreaterThan(0);
  for (const key of keys) expect({ path: key.path, others: key.mode & 0o077 }).toEqual({ path: key.path, others: 0 });
  const operatorKey = join(labRoot, lab, 'secrets', 'operator_key');
  expect(labFiles.find((file) => file.path === operatorKey)).toMatchObject({ uid, mode: 0o600 });
  expect(await tryCommand(['runuser', '-u', 'nobody', '--', 'cat', operatorKey])).toBe(false);
  expect(await tryCommand(['runuser', '-u', user, '--', 'cat', operatorKey])).toBe(true);

  const destroyed = await asUser('destroy-cluster', '--provider', 'lab', '--name', lab);
  expect({ code: destroyed.code, stderr: destroyed.code === 0 ? '' : destroyed.stderr }).toEqual({ code: 0, stderr: '' });
  expect(destroyed.stderr).toContain(`lab ${lab} removed from this machine:`);

  const left = await leftovers({ netnsMarker: `azs-${lab}-`, linkMarker: 'none', cgroupMarker: `azs-${lab}-`, folder: join(labRoot, lab) });
  expect({ netns: left.netns, processes: left.processes, cgroups: left.cgroups, mounts: left.mounts, folders: left.folders })
    .toEqual({ netns: [], processes: [], cgroups: [], mounts: [], folders: [] });
  expect((await inNetns('ip', '-o', 'link', 'show')).split('\n').filter((line) => line.includes('azs-'))).toEqual([]);
  expect((await inNetns('iptables', '-S')).split('\n').filter((line) => line.includes('azs-'))).toEqual([]);
}, 420_000);
