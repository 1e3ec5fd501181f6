// One cgroup per lab node (in the pids and memory hierarchies of this machine's cgroup v1).
// The node's init joins it first, so every process of the node — supervisor, dockerd,
// containerd, shims, units, and the containers (dockerd gets it as --cgroup-parent) — is inside.
// That gives teardown a complete list of the node's processes even after a crash, and the
// memory hierarchy gives the node's memory use.
import { readdir, readFile, rmdir, stat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const cgroupRoot = '/sys/fs/cgroup';
/** The hierarchies the node's init joins; dockerd adds its containers to every hierarchy. */
export const trackedControllers = ['pids', 'memory'];

export function nodeCgroupName(lab: string, node: string): string {
  return `azs-${lab}-${node}`;
}

/** Creates the node's cgroups; returns the cgroup.procs files the node's init writes itself into. */
export async function createNodeCgroup(name: string): Promise<string[]> {
  const procsFiles: string[] = [];
  for (const controller of trackedControllers) {
    const dir = join(cgroupRoot, controller, name);
    await mkdir(dir, { recursive: true });
    procsFiles.push(join(dir, 'cgroup.procs'));
  }
  return procsFiles;
}

/** Every hierarchy folder (v1 controllers, named and unified) that holds this cgroup. */
async function cgroupDirs(name: string): Promise<string[]> {
  const dirs: string[] = [];
  for (const entry of await readdir(cgroupRoot, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue; // cpu and cpuacct also appear as symlinks to cpu,cpuacct
    const dir = join(cgroupRoot, entry.name, name);
    if ((await stat(dir).catch(() => undefined))?.isDirectory()) dirs.push(dir);
  }
  return dirs;
}

async function subtree(dir: string): Promise<string[]> {
  const children = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(children.filter((c) => c.isDirectory()).map((c) => subtree(join(dir, c.name))));
  return [dir, ...nested.flat()];
}

/** Pids of every process in the node's cgroup and its sub-cgroups (containers). */
export async function cgroupPids(name: string): Promise<number[]> {
  const pids = new Set<number>();
  for (const top of await cgroupDirs(name)) {
    for (const dir of await subtree(top)) {
      const text = await readFile(join(dir, 'cgroup.procs'), 'utf8').catch(() => '');
      for (const line of text.split('\n')) if (line.trim()) pids.add(Number(line));
    }
  }
  return [...pids];
}

/**
 * SIGKILLs every process left in the node's cgroup, then removes its folders (deepest first).
 * Used after the graceful stop, and alone after a crash.
 */
export async function killAndRemoveCgroup(name: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pids = await cgroupPids(name);
    if (pids.length === 0) break;
    if (Date.now() > deadline) throw new Error(`processes ${pids.join(', ')} of cgroup ${name} did not exit`);
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await sleep(100);
  }
  for (const top of await cgroupDirs(name)) {
    for (const dir of (await subtree(top)).reverse()) await rmdir(dir).catch(() => undefined);
  }
}

export interface NodeMemory {
  /** Sum of the resident set sizes of the node's processes (containers included). */
  rssBytes: number;
  /** Peak memory charged to the node's cgroup (includes page cache) since it started. */
  peakBytes: number;
}

async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

export async function nodeMemory(name: string): Promise<NodeMemory> {
  const sizes = await Promise.all((await cgroupPids(name)).map(residentBytes));
  const peak = await readFile(join(cgroupRoot, 'memory', name, 'memory.max_usage_in_bytes'), 'utf8').catch(() => '0');
  return { rssBytes: sizes.reduce((sum, size) => sum + size, 0), peakBytes: Number(peak.trim()) };
}
