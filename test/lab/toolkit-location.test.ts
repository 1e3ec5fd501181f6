// The lab runs from wherever the toolkit is: here a copy of the compiled toolkit (its own
// node_modules and Node binary included) under /tmp, in a folder with a space, forms a 1+3 lab
// through the CLI. Each node mounts a fresh /tmp, which once hid the toolkit from the node's
// own init. The same copy with an entry that cannot start shows that a node whose init dies
// fails the deploy at once, naming the node and quoting its log, with nothing left behind.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand, tryCommand } from '../../src/providers/lab/host/command.js';
import { pathsToCarry } from '../../src/providers/lab/host/node-host.js';
import { listLabNames } from '../../src/providers/lab/state.js';
import { useTemporaryLabRoot } from './lab-support.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
// what the lean entry loads for a node's init only (the lab daemon, from the same entry, still starts)
const supervisorModule = join('build', 'src', 'providers', 'lab', 'supervisor', 'node-supervisor.js');
let labRoot: string;
// lab names are machine-wide (namespaces, cgroups): unique to this run
const suffix = process.pid % 1000;
let copyParent: string;
let copy: string;

interface Run { code: number | null; stdout: string; stderr: string; ms: number }

/** Runs the copy's CLI with the copy's own Node, as a user who cloned under /tmp would. */
function copiedCli(...args: string[]): Promise<Run> {
  const started = Date.now();
  const child = spawn(join(copy, 'node_modules', '.bin', 'node'), [join(copy, 'bin', 'azswarm.js'), ...args], {
    cwd: copy, env: { ...process.env, AZSWARM_LAB_ROOT: labRoot, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

beforeAll(async () => {
  labRoot = await useTemporaryLabRoot();
  copyParent = await mkdtemp('/tmp/azs toolkit ');
  copy = join(copyParent, 'checkout');
  for (const part of ['build', 'bin', 'package.json']) await cp(join(repo, part), join(copy, part), { recursive: true });
  // hard links when /tmp shares the file system (fast), a real copy otherwise (a tmpfs /tmp)
  const modules = join(copy, 'node_modules');
  if (!(await tryCommand(['cp', '-al', join(repo, 'node_modules'), modules]))) {
    await rm(modules, { recursive: true, force: true });
    await runCommand(['cp', '-a', join(repo, 'node_modules'), modules], { timeoutMs: 110_000 });
  }
}, 120_000);

afterAll(async () => {
  // by name, not --all: --all also sweeps idle lab objects machine-wide, which another lab
  // test running at the same time may be creating
  for (const lab of [`tmpclone${suffix}`, `brokeninit${suffix}`]) await copiedCli('destroy-cluster', '--name', lab);
  await rm(copyParent, { recursive: true, force: true });
  await rm(labRoot, { recursive: true, force: true });
}, 120_000);

test('the node init carries the top folder under /tmp of the Node binary and the entry, nothing else', () => {
  expect(pathsToCarry(['/tmp/a b/node_modules/node/bin/node', '/tmp/a b/build/main.js'])).toEqual(['/tmp/a b']);
  expect(pathsToCarry(['/usr/bin/node', '/home/runner/work/x/dist/index.js'])).toEqual([]);
  expect(pathsToCarry(['/tmp/node', '/tmpfoo/entry.js'])).toEqual(['/tmp/node']);
  expect(() => pathsToCarry(['/run/user/0/node'])).toThrow(/cannot start a node from \/run\/user\/0\/node: each node mounts its own \/run/);
});

test('a toolkit copied under /tmp, in a path with a space, forms a 1+3 lab and removes it', async () => {
  expect(copy.startsWith('/tmp/azs toolkit ')).toBe(true);
  const deployed = await copiedCli('deploy-cluster', '--name', `tmpclone${suffix}`, '--masters', '1', '--agents', '3');
  process.stdout.write(`1+3 lab from ${copy}: exit ${deployed.code} in ${deployed.ms} ms\n`);
  expect(deployed.stderr).not.toMatch(/failed|error/i);
  expect(deployed.code).toBe(0);
  expect(deployed.stdout).toMatch(/agents000002\s+worker\s+ready/);
  const destroyed = await copiedCli('destroy-cluster', '--name', `tmpclone${suffix}`);
  expect(destroyed.code).toBe(0);
  expect(await listLabNames()).toEqual([]);
}, 240_000);

test('a node whose init cannot start fails the deploy within seconds, naming the node and quoting its log', async () => {
  const entry = join(copy, supervisorModule);
  const original = await readFile(entry);
  await writeFile(entry, "throw new Error('probe: this entry cannot start');\n");
  try {
    const deployed = await copiedCli('deploy-cluster', '--name', `brokeninit${suffix}`, '--masters', '1', '--agents', '1');
    process.stdout.write(`deploy with a broken node init failed in ${deployed.ms} ms:\n${deployed.stderr}\n`);
    expect(deployed.code).not.toBe(0);
    // Far below the 180 s swarm-ready budget it would otherwise wait out (generous: a loaded machine).
    expect(deployed.ms).toBeLessThan(60_000);
    expect(deployed.stderr).toMatch(/node (master0|agents000000) stopped during its boot: its init exited; the last lines of its init log:/);
    expect(deployed.stderr).toContain('Error: probe: this entry cannot start');
    const logPath = /the full log is (\S+init\.log)/.exec(deployed.stderr)?.[1];
    expect(logPath).toBeDefined();
    expect(await readFile(logPath!, 'utf8')).toContain('probe: this entry cannot start');
    // the failed lab was removed: no lab, and its logs kept outside it
    expect(await listLabNames()).toEqual([]);
  } finally {
    await writeFile(entry, original);
  }
}, 120_000);
