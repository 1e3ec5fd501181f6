// destroyAll after a crash: the command creating a lab is SIGKILLed while its nodes boot; the
// state file alone must be enough to remove everything. A lab-named namespace and cgroup of a lab
// that crashed before it wrote any state (only its machine-wide claim names it) are swept too.
// Beside them, what the sweep must leave, since other labs share the machine (CI ran two test
// files at once, and a sweep once removed the other's namespaces): an idle namespace of a lab of
// another lab root that is being made, one of a lab with a state there (a stopped node), and one
// that no lab claims and that is younger than the sweep's bound. The report says why of each.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cgroupPids, nodeCgroupName } from '../../src/providers/lab/host/cgroups.js';
import { runCommand } from '../../src/providers/lab/host/command.js';
import { destroyAllLabs } from '../../src/providers/lab/destroy.js';
import { listNetns } from '../../src/providers/lab/host/network.js';
import { claimLab, readLabClaims, releaseLabClaim } from '../../src/providers/lab/lab-claims.js';
import { LabProvider } from '../../src/providers/lab/provider.js';
import { labDir, readLabState, writeLabState } from '../../src/providers/lab/state.js';
import { leftovers, noLeftovers } from './host-leftovers.js';
import { recordingReporter, useTemporaryLabRoot } from './lab-support.js';

const id = process.pid % 1000;
const lab = `crash${id}`;
/** Labs of another lab root: crashed before any state, being made, with a state (stopped nodes). */
const stray = `stray${id}`;
const making = `making${id}`;
const stopped = `stopped${id}`;
/** A lab-named namespace that no lab claims. */
const unclaimed = `azs-unclaimed${id}-master0`;
const nodeNetns = (name: string) => `azs-${name}-master0`;
let root: string;
let otherRoot: string;

beforeAll(async () => {
  root = await useTemporaryLabRoot();
  otherRoot = await mkdtemp('/tmp/azs-other-');
});

afterAll(async () => {
  await destroyAllLabs();
  for (const netns of [making, stopped].map(nodeNetns).concat(unclaimed)) await runCommand(['ip', 'netns', 'del', netns]).catch(() => undefined);
  for (const name of [stray, making, stopped]) await releaseLabClaim(name, join(otherRoot, name));
  await rm(root, { recursive: true, force: true });
  await rm(otherRoot, { recursive: true, force: true });
}, 120_000);

/** Pids of the lab processes (daemon, supervisors) started for a lab folder, found by their marker. */
async function labProcessesOf(dir: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const environment = await readFile(`/proc/${entry}/environ`, 'utf8').catch(() => '');
    if (environment.split('\0').some((variable) => variable === `AZSWARM_LAB_PROCESS_DIR=${dir}` || variable.startsWith(`AZSWARM_LAB_PROCESS_DIR=${dir}/`))) pids.push(Number(entry));
  }
  return pids;
}

/** Claims `name` for a folder under the other lab root from a process that then ends (as a crashed command would). */
async function claimFromEndedProcess(name: string): Promise<void> {
  const claims = new URL('../../src/providers/lab/lab-claims.js', import.meta.url).href;
  const code = `const { claimLab } = await import(${JSON.stringify(claims)}); await claimLab(${JSON.stringify(name)}, ${JSON.stringify(join(otherRoot, name))});`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: 'ignore' });
  expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0);
}

/** The kernel's index of a link (a new link of a reused name gets a new one), or undefined. */
async function linkIndex(name: string): Promise<string | undefined> {
  return (await runCommand(['ip', '-o', 'link', 'show', 'dev', name]).catch(() => undefined))?.stdout.split(':')[0];
}

/** Starts `deploy-cluster` of a 1+1 lab in a separate process (the CLI's stand-in). */
function deployInChild() {
  const provider = new URL('../../src/providers/lab/provider.js', import.meta.url).href;
  const support = new URL('./lab-support.js', import.meta.url).href;
  const code = `
    const { LabProvider } = await import(${JSON.stringify(provider)});
    const { labSettings } = await import(${JSON.stringify(support)});
    const quiet = { info() {}, warn() {}, debug() {}, secret() {}, phase: (_t, work) => work() };
    await new LabProvider().deploy(labSettings(${JSON.stringify(lab)}, 1, 1), quiet);`;
  return spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: 'ignore', env: { ...process.env } });
}

test('destroyAll removes a lab whose creating command was SIGKILLed, from its state file', async () => {
  const child = deployInChild();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // kill it once master0 is recorded as booting: its processes, mounts and namespace exist by
  // then (masters and agents start side by side: under load an agent may be recorded first)
  for (let tries = 0; tries < 300; tries++) {
    const state = await readLabState(labDir(lab)).catch(() => undefined);
    if (state?.nodes.some((node) => node.name === 'master0' && node.host)) break;
    await sleep(100);
  }
  child.kill('SIGKILL');
  await exited;
  // the nodes outlive the command that started them (they are detached)
  expect((await cgroupPids(nodeCgroupName(lab, 'master0'))).length).toBeGreaterThan(0);
  const bridge = (await readLabState(labDir(lab)))!.network!.bridge;
  // a namespace and cgroup of a lab of another root that crashed before it wrote a state file
  await claimFromEndedProcess(stray);
  await runCommand(['ip', 'netns', 'add', nodeNetns(stray)]);
  await mkdir(`/sys/fs/cgroup/pids/${nodeNetns(stray)}`);
  // idle namespaces the sweep must leave: a lab being made by a live process (this one), a lab
  // whose folder holds its state (its command ended, its node stopped), one no lab claims
  await claimLab(making, join(otherRoot, making));
  await claimFromEndedProcess(stopped);
  await mkdir(join(otherRoot, stopped));
  await writeLabState(join(otherRoot, stopped), {
    version: 1, name: stopped, createdAt: new Date().toISOString(), masterCount: 1, adminUsername: 'cluster', sshPublicKey: '', nodes: [], nextInstanceId: 0,
  });
  for (const netns of [nodeNetns(making), nodeNetns(stopped), unclaimed]) await runCommand(['ip', 'netns', 'add', netns]);

  const bridgeBefore = await linkIndex(bridge);
  const { destroyed, swept } = await destroyAllLabs();
  expect(destroyed).toEqual([lab]);

  // A bridge's name is free once it is removed, and a lab that another test file makes at that
  // moment may take it at once (seen in CI): a link of that name with a new index, and its rule,
  // are that lab's, not leftovers of this one.
  const bridgeAfter = await linkIndex(bridge);
  const linkMarker = bridgeAfter === undefined || bridgeAfter === bridgeBefore ? bridge : undefined;
  expect(await leftovers({ netnsMarker: `azs-${lab}-`, linkMarker, cgroupMarker: `azs-${lab}-`, folder: labDir(lab) })).toEqual(noLeftovers);
  // no lab process of it outlives the destroy, its daemon included (the killed command may not
  // have recorded it yet: an orphaned daemon stops once its lab folder is gone)
  for (let tries = 0; tries < 50 && (await labProcessesOf(labDir(lab))).length > 0; tries++) await sleep(100);
  expect(await labProcessesOf(labDir(lab))).toEqual([]);

  const about = (object: string) => swept.find((outcome) => outcome.object === object);
  const strayWhy = `lab ${stray} has no state in ${join(otherRoot, stray)} and the process that claimed it is gone`;
  expect(about(`netns ${nodeNetns(stray)}`)).toEqual({ object: `netns ${nodeNetns(stray)}`, removed: true, why: strayWhy });
  expect(about(`cgroup ${nodeNetns(stray)}`)).toEqual({ object: `cgroup ${nodeNetns(stray)}`, removed: true, why: strayWhy });
  expect(await listNetns()).not.toContain(nodeNetns(stray));
  await expect(runCommand(['ls', `/sys/fs/cgroup/pids/${nodeNetns(stray)}`])).rejects.toThrow();
  // the crashed labs' claims are released; the others' stay
  const claimed = (await readLabClaims()).map((claim) => claim.lab);
  expect([lab, stray, making, stopped].filter((name) => claimed.includes(name))).toEqual([making, stopped]);

  expect(about(`netns ${nodeNetns(making)}`)).toEqual({ object: `netns ${nodeNetns(making)}`, removed: false, why: `lab ${making} is being made by process ${process.pid} (lab root ${otherRoot})` });
  expect(about(`netns ${nodeNetns(stopped)}`)).toEqual({ object: `netns ${nodeNetns(stopped)}`, removed: false, why: `lab ${stopped} of lab root ${otherRoot} exists` });
  expect(about(`netns ${unclaimed}`)).toEqual({ object: `netns ${unclaimed}`, removed: false, why: expect.stringMatching(/^no lab claims it, but it is only 0 min old/) });
  expect(await listNetns()).toEqual(expect.arrayContaining([nodeNetns(making), nodeNetns(stopped), unclaimed]));

  // through the provider (destroy-cluster --all): no lab left here; the report says what the sweep left and why
  const infos: string[] = [];
  expect(await new LabProvider().destroyAll({ ...recordingReporter(), info: (line: string) => void infos.push(line) })).toEqual([]);
  expect(infos).toContain(`  sweep left (lab ${making} is being made by process ${process.pid} (lab root ${otherRoot})): netns ${nodeNetns(making)}`);
  expect(await listNetns()).toEqual(expect.arrayContaining([nodeNetns(making), nodeNetns(stopped), unclaimed]));
}, 120_000);
