// The record of everything a lab creates, in `<root>/<lab>/state.json` (root:
// /var/lib/azswarm/labs, or AZSWARM_LAB_ROOT): network, nodes with their namespaces, veths and
// processes (pid + start time), the lab daemon, the next agent instance id. Written atomically
// after every change, so that destroy (also after a crash of the command that was running) can
// remove exactly what exists. Secrets live beside it in `secrets/` (0600), never in it.
import { randomUUID } from 'node:crypto';
import { chmod, cp, link, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AgentPowerState } from '../../core/cluster.js';
import { ToolkitError } from '../../core/errors.js';
import type { LabBootMode } from './host/boot-mode.js';
import { readJsonFile, writeJsonAtomic } from './json-file.js';
import type { LabNetwork, NodeLink } from './host/network.js';
import type { NodeHostRecord } from './host/node-host.js';
import { isAlive, recordProcess, type ProcessRecord } from './host/processes.js';

export const defaultLabRoot = '/var/lib/azswarm/labs';

export function labRoot(): string {
  return process.env.AZSWARM_LAB_ROOT || defaultLabRoot;
}

export function labDir(name: string): string {
  return join(labRoot(), name);
}

export interface LabNodeState {
  name: string;
  role: 'master' | 'agent';
  /** Scale set instance id of an agent (decimal, like Azure's); a master's index. */
  instanceId: string;
  address: string;
  /** Short id used in interface names (`m0`, `a1z`). */
  shortId: string;
  dir: string;
  /** Present while the node's namespace and veth exist (kept while the node is stopped). */
  link?: NodeLink;
  /** Present while the node runs. */
  host?: NodeHostRecord;
  power: AgentPowerState;
}

export interface LabState {
  version: 1;
  name: string;
  createdAt: string;
  masterCount: number;
  adminUsername: string;
  /** The user's own public key (authorized on every node besides the lab's operator key). */
  sshPublicKey: string;
  network?: LabNetwork;
  daemon?: ProcessRecord;
  nodes: LabNodeState[];
  /** Instance ids only increase, like a scale set's: a deleted agent's id is never reused. */
  nextInstanceId: number;
  /** How the nodes boot (host/boot-mode.ts); absent: emulated. */
  boot?: LabBootMode;
  /** Real-boot labs: the root folder of the node image every node boots (host/node-image.ts). */
  nodeImage?: string;
}

export const labFiles = {
  state: (dir: string) => join(dir, 'state.json'),
  lock: (dir: string) => join(dir, 'lock'),
  secrets: (dir: string) => join(dir, 'secrets'),
  nodes: (dir: string) => join(dir, 'nodes'),
};

export function readLabState(dir: string): Promise<LabState | undefined> {
  return readJsonFile<LabState>(labFiles.state(dir));
}

export async function writeLabState(dir: string, state: LabState): Promise<void> {
  await writeJsonAtomic(labFiles.state(dir), state);
}

/** The names of every lab that has a folder under the root (with or without a state file). */
/** Under the lab root, beside the labs: logs of nodes that failed to boot (no lab name starts with a dot). */
const failedBootsFolder = '.failed-boots';

export async function listLabNames(): Promise<string[]> {
  const entries = await readdir(labRoot(), { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory() && entry.name !== failedBootsFolder).map((entry) => entry.name).sort();
}

/** The name of the lab a node belongs to: its folder is `<lab root>/<lab>/nodes/<node>` (labFiles.nodes). */
export function labOfNode(node: Pick<LabNodeState, 'dir'>): string {
  return basename(dirname(dirname(node.dir)));
}

/** Copies a node's log folder to where it outlives the lab; returns the copy's folder. */
export async function keepFailedBootLogs(node: Pick<LabNodeState, 'name' | 'dir'>, logFolder: string): Promise<string> {
  const kept = join(labRoot(), failedBootsFolder, `${labOfNode(node)}-${node.name}-${Date.now()}`);
  await cp(logFolder, kept, { recursive: true });
  return kept;
}

export async function writeSecret(dir: string, name: string, value: string): Promise<void> {
  const folder = labFiles.secrets(dir);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await chmod(folder, 0o700);
  await writeFile(join(folder, name), value, { mode: 0o600 });
}

export function readSecret(dir: string, name: string): Promise<string> {
  return readFile(join(labFiles.secrets(dir), name), 'utf8');
}

/**
 * Runs `work` while holding the lab's lock file (one changing command per lab at a time). A lock
 * whose holder is gone (a killed command) is taken over.
 */
export async function withLabLock<T>(dir: string, work: () => Promise<T>, timeoutMs = 600_000): Promise<T> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = labFiles.lock(dir);
  const deadline = Date.now() + timeoutMs;
  // Written aside, then hard-linked into place: the lock appears atomically with its holder in it.
  const mine = `${path}.${process.pid}.${randomUUID()}`;
  await writeFile(mine, JSON.stringify(await recordProcess(process.pid)), { mode: 0o600 });
  for (;;) {
    try {
      await link(mine, path);
      await rm(mine, { force: true });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        await rm(mine, { force: true });
        throw error;
      }
      const holder = await readJsonFile<ProcessRecord>(path).catch(() => undefined);
      if (!holder || !(await isAlive(holder))) {
        await rm(path, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        await rm(mine, { force: true });
        throw new ToolkitError(`lab ${dir} is busy (another command holds ${path})`, 'lab-busy');
      }
      await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
}
