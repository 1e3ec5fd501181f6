// One cgroup per lab node. The node's init joins it first, so every process of the node —
// supervisor, dockerd, containerd, shims, units, and the containers (dockerd gets it as
// --cgroup-parent) — is inside. That gives teardown a complete list of the node's processes
// even after a crash, the memory controller gives the node's memory use and the CPU accounting
// its CPU time (independent of the machine's load, which inflates every wall time on a shared
// machine).
// Two layouts:
//  - cgroup v1 (this project's machines): the node's cgroup in the pids, memory and cpuacct
//    hierarchies, the node's processes in it directly;
//  - cgroup v2 only (GitHub's ubuntu-24.04 runners; /sys/fs/cgroup/cgroup.controllers exists):
//    one cgroup azs-<lab>-<node> with the pids, memory and cpu controllers enabled for its
//    children, the node's processes in its leaf child `init` (v2 allows no process in a cgroup
//    that hands controllers to children) and the containers' cgroups beside that leaf.
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, rmdir, stat, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ToolkitError } from '../../../core/errors.js';

/**
 * The machine's cgroup filesystem. AZSWARM_LAB_CGROUP_ROOT is for the lab's own tests only: it
 * points the lab at another mount of cgroup2 to run the v2 layout on a v1 machine.
 */
export function cgroupRoot(): string {
  return process.env.AZSWARM_LAB_CGROUP_ROOT ?? '/sys/fs/cgroup';
}

/** cgroup v2 only: the root is itself the unified hierarchy (its root holds cgroup.controllers). */
export function isUnifiedCgroup(root = cgroupRoot()): boolean {
  return existsSync(join(root, 'cgroup.controllers'));
}

/** v1: the hierarchies the node's init joins; dockerd adds its containers to every hierarchy. */
export const trackedControllers = ['pids', 'memory', 'cpuacct'];
/** v2: the controllers the node's cgroup hands to its leaf and its containers, where available. */
export const unifiedControllers = ['pids', 'memory', 'cpu'];
/** v2: the node's own processes' cgroup, a child of the node's cgroup. */
export const nodeLeaf = 'init';

export function nodeCgroupName(lab: string, node: string): string {
  return `azs-${lab}-${node}`;
}

/** v2: which of unifiedControllers this machine can give the lab's cgroups (a root's cgroup.controllers). */
export function availableUnifiedControllers(root = cgroupRoot()): { enabled: string[]; missing: string[] } {
  const available = readFileSync(join(root, 'cgroup.controllers'), 'utf8').split(/\s+/);
  return {
    enabled: unifiedControllers.filter((controller) => available.includes(controller)),
    missing: unifiedControllers.filter((controller) => !available.includes(controller)),
  };
}

/** Where the lab's cgroups live, for the machine-change lines (the missing v2 controllers said once). */
export function cgroupPlacement(names: readonly string[]): string {
  const root = cgroupRoot();
  if (!isUnifiedCgroup(root)) return `cgroups: ${names.join(', ')} in ${trackedControllers.map((controller) => join(root, controller)).join(', ')}`;
  const { enabled, missing } = availableUnifiedControllers(root);
  const controllers = enabled.length > 0 ? `controllers ${enabled.join(' ')} enabled below them` : 'no controller enabled below them';
  const unmeasured = missing.length > 0 ? `; not available on this machine: ${missing.join(' ')} (skipped${missing.includes('memory') ? '; the nodes\' memory peak is not measured' : ''})` : '';
  return `cgroups: ${names.join(', ')} in ${root} (cgroup v2; each with a leaf ${nodeLeaf} for the node's processes; ${controllers}${unmeasured})`;
}

/** Creates the node's cgroups; returns the cgroup.procs files the node's init writes itself into. */
export async function createNodeCgroup(name: string): Promise<string[]> {
  const root = cgroupRoot();
  if (isUnifiedCgroup(root)) return [await createUnifiedNodeCgroup(root, name)];
  const procsFiles: string[] = [];
  for (const controller of trackedControllers) {
    const dir = join(root, controller, name);
    await mkdir(dir, { recursive: true });
    procsFiles.push(join(dir, 'cgroup.procs'));
  }
  return procsFiles;
}

async function createUnifiedNodeCgroup(root: string, name: string): Promise<string> {
  const { enabled } = availableUnifiedControllers(root);
  const dir = join(root, name);
  // the root first (a runner's systemd has done it already), so the node's cgroup has them to hand on
  await enableControllers(root, enabled);
  await mkdir(join(dir, nodeLeaf), { recursive: true });
  await enableControllers(dir, enabled);
  return join(dir, nodeLeaf, 'cgroup.procs');
}

/** One write per controller, so that a refusal (the kernel's errno alone says little) names it. */
async function enableControllers(dir: string, controllers: readonly string[]): Promise<void> {
  for (const controller of controllers) {
    await writeFile(join(dir, 'cgroup.subtree_control'), `+${controller}`).catch((error: unknown) => {
      throw new ToolkitError(`could not enable the ${controller} controller in ${join(dir, 'cgroup.subtree_control')}: ${(error as Error).message}`, 'lab-cgroup-controller', undefined, { cause: error });
    });
  }
}

/** Every hierarchy folder that holds this cgroup (v1: controllers, named and unified; v2: the one). */
async function cgroupDirs(name: string): Promise<string[]> {
  const root = cgroupRoot();
  const candidates: string[] = [];
  if (isUnifiedCgroup(root)) candidates.push(join(root, name));
  else {
    for (const entry of await readdir(root, { withFileTypes: true })) {
      // cpu and cpuacct also appear as symlinks to cpu,cpuacct
      if (entry.isDirectory()) candidates.push(join(root, entry.name, name));
    }
  }
  const dirs: string[] = [];
  for (const dir of candidates) if ((await stat(dir).catch(() => undefined))?.isDirectory()) dirs.push(dir);
  return dirs;
}

/** Names of the top-level cgroups where the lab makes its nodes' (for the sweep of leftovers). */
export async function topLevelCgroupNames(): Promise<string[]> {
  const root = cgroupRoot();
  const places = isUnifiedCgroup(root) ? [root] : trackedControllers.map((controller) => join(root, controller));
  const names = new Set<string>();
  for (const place of places) for (const name of await readdir(place).catch(() => [])) names.add(name);
  return [...names];
}

async function subtree(dir: string): Promise<string[]> {
  const children = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(children.filter((c) => c.isDirectory()).map((c) => subtree(join(dir, c.name))));
  return [dir, ...nested.flat()];
}

/** Pids of every process in the node's cgroup and its sub-cgroups (its leaf, containers). */
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
 * Used after the graceful stop, and alone after a crash. Where the kernel has cgroup.kill (v2,
 * Linux 5.14+) the whole subtree is killed at once, which no fork can outrun.
 */
export async function killAndRemoveCgroup(name: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pids = await cgroupPids(name);
    if (pids.length > 0) {
      if (Date.now() > deadline) throw new Error(`processes ${pids.join(', ')} of cgroup ${name} did not exit`);
      for (const top of await cgroupDirs(name)) await writeFile(join(top, 'cgroup.kill'), '1').catch(() => undefined);
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    } else {
      // A cgroup whose last process has just died can refuse rmdir (EBUSY) for a while, longer
      // on a loaded machine (the kernel is still releasing the dead tasks): tried again.
      const refused = await removeCgroupFolders(name);
      if (refused.length === 0) return;
      if (Date.now() > deadline) throw new Error(`cgroup ${name} could not be removed: ${refused.join(', ')}`);
    }
    await sleep(100);
  }
}

/** Removes the node's cgroup folders, deepest first; returns those refused (with the reason). */
async function removeCgroupFolders(name: string): Promise<string[]> {
  const refused: string[] = [];
  for (const top of await cgroupDirs(name)) {
    for (const dir of (await subtree(top)).reverse()) {
      await rmdir(dir).catch((error: NodeJS.ErrnoException) => void (error.code !== 'ENOENT' && refused.push(`${dir} (${error.code})`)));
    }
  }
  return refused;
}

export interface NodeMemory {
  /** Sum of the resident set sizes of the node's processes (containers included). */
  rssBytes: number;
  /**
   * Peak memory charged to the node's cgroup (includes page cache) since it started; undefined
   * (not measured) where the machine has no such figure (v2 without the memory controller, or a
   * kernel before memory.peak).
   */
  peakBytes: number | undefined;
}

async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

export async function nodeMemory(name: string): Promise<NodeMemory> {
  const sizes = await Promise.all((await cgroupPids(name)).map(residentBytes));
  const root = cgroupRoot();
  const peakFile = isUnifiedCgroup(root) ? join(root, name, 'memory.peak') : join(root, 'memory', name, 'memory.max_usage_in_bytes');
  const peak = await readFile(peakFile, 'utf8').catch(() => undefined);
  return { rssBytes: sizes.reduce((sum, size) => sum + size, 0), peakBytes: peak === undefined ? undefined : Number(peak.trim()) };
}

/**
 * CPU milliseconds the node's processes (containers included) used so far: v1 cpuacct.usage (ns),
 * v2 cpu.stat usage_usec. Undefined where the node has no such cgroup.
 */
export async function nodeCpuMs(name: string): Promise<number | undefined> {
  const root = cgroupRoot();
  if (isUnifiedCgroup(root)) {
    const stat = await readFile(join(root, name, 'cpu.stat'), 'utf8').catch(() => '');
    const match = /^usage_usec (\d+)$/m.exec(stat);
    return match ? Math.round(Number(match[1]) / 1e3) : undefined;
  }
  const usage = await readFile(join(root, 'cpuacct', name, 'cpuacct.usage'), 'utf8').catch(() => undefined);
  return usage === undefined ? undefined : Math.round(Number(usage) / 1e6);
}
