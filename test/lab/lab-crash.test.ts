// destroyAll after a crash: the command creating a lab is SIGKILLed while its nodes boot; the
// state file alone must be enough to remove everything. A lab-named namespace with no state at
// all (a crash before any state was written) is swept too.
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { cgroupPids, nodeCgroupName } from '../../src/providers/lab/host/cgroups.js';
import { runCommand } from '../../src/providers/lab/host/command.js';
import { destroyAllLabs } from '../../src/providers/lab/destroy.js';
import { listNetns } from '../../src/providers/lab/host/network.js';
import { labDir, readLabState } from '../../src/providers/lab/state.js';
import { leftovers, noLeftovers } from './host-leftovers.js';
import { useTemporaryLabRoot } from './lab-support.js';

const lab = `crash${process.pid % 1000}`;
const strayNetns = `azs-stray${process.pid % 1000}-master0`;
let root: string;

beforeAll(async () => {
  root = await useTemporaryLabRoot();
});

afterAll(async () => {
  await destroyAllLabs();
  await rm(root, { recursive: true, force: true });
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
  // kill it once a node is recorded as booting: processes, mounts and namespaces exist by then
  for (let tries = 0; tries < 300; tries++) {
    const state = await readLabState(labDir(lab)).catch(() => undefined);
    if (state?.nodes.some((node) => node.host)) break;
    await sleep(100);
  }
  child.kill('SIGKILL');
  await exited;
  // the nodes outlive the command that started them (they are detached)
  expect((await cgroupPids(nodeCgroupName(lab, 'master0'))).length).toBeGreaterThan(0);
  const bridge = (await readLabState(labDir(lab)))!.network!.bridge;
  // a namespace and cgroup of a lab that never got a state file
  await runCommand(['ip', 'netns', 'add', strayNetns]);
  await mkdir(`/sys/fs/cgroup/pids/${strayNetns}`);

  expect(await destroyAllLabs()).toEqual([lab]);

  expect(await leftovers({ netnsMarker: `azs-${lab}-`, linkMarker: bridge, cgroupMarker: `azs-${lab}-`, folder: labDir(lab) })).toEqual(noLeftovers);
  expect(await listNetns()).not.toContain(strayNetns);
  // no lab process of it outlives the destroy, its daemon included (the killed command may not
  // have recorded it yet: an orphaned daemon stops once its lab folder is gone)
  for (let tries = 0; tries < 50 && (await labProcessesOf(labDir(lab))).length > 0; tries++) await sleep(100);
  expect(await labProcessesOf(labDir(lab))).toEqual([]);
  await expect(runCommand(['ls', `/sys/fs/cgroup/pids/${strayNetns}`])).rejects.toThrow();
  expect(await destroyAllLabs()).toEqual([]);
}, 120_000);
