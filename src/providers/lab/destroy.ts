// Removal of labs from their state files: the daemon, every node (processes by recorded pid and
// by the node's cgroup, its namespace and veth), the bridge, the exact iptables rule, the
// folders. Works after a crash of the command that created the lab, and twice in a row.
// destroyAllLabs() also sweeps the machine for lab-named leftovers that no state mentions, but
// only ones with nothing running in them (a lab of another root may be alive).
import { readdir, rm } from 'node:fs/promises';
import { runCommand } from './host/command.js';
import { cgroupPids, killAndRemoveCgroup, topLevelCgroupNames } from './host/cgroups.js';
import { stopLabDaemon } from './daemon/client.js';
import { deleteNode } from './lab-nodes.js';
import { deleteNetns, forwardRuleFor, listLabLinks, listNetns, relaxNeighbourTable, removeLabNetwork } from './host/network.js';
import { stopProcess } from './host/processes.js';
import { labDir, listLabNames, readLabState, withLabLock, writeLabState, type LabState } from './state.js';

/** In a destroy the whole swarm goes: no drain is worth waiting for. */
const destroyGraceMs = 5_000;

/** The names a lab's node namespaces and cgroups have: `azs-<lab>-master<i>`, `azs-<lab>-agents<6>`. */
export const labNodeObjectPattern = /^azs-([a-z][a-z0-9-]{0,14})-(master\d|agents[0-9a-z]{6})$/;

async function destroyFromState(dir: string, state: LabState): Promise<void> {
  // Nothing recorded is forgotten if this destroy is interrupted: the state shrinks as pieces go.
  await stopLabDaemon(dir, state.daemon ?? { pid: -1, startTime: '' }, 3_000).catch(() => false);
  if (state.daemon) await stopProcess(state.daemon, 2_000);
  state.daemon = undefined;
  await writeLabState(dir, state);
  try {
    await Promise.all(state.nodes.map((node) => deleteNode(state, node, destroyGraceMs)));
  } finally {
    await relaxNeighbourTable();
  }
  state.nodes = [];
  await writeLabState(dir, state);
  if (state.network) await removeLabNetwork(state.network);
}

/** Destroys the lab named `name` under the lab root; an absent lab is success, and resolves to false. */
export async function destroyLab(name: string): Promise<boolean> {
  const dir = labDir(name);
  if (!(await readdir(dir).catch(() => undefined))) return false;
  await withLabLock(dir, async () => {
    const state = await readLabState(dir).catch(() => undefined);
    if (state) await destroyFromState(dir, state);
    await sweepLeftovers((lab) => lab === name);
  }, 30_000).catch(async (error: unknown) => {
    // a lock held by a live but stuck command must not make destroy impossible
    if ((error as { code?: string }).code !== 'lab-busy') throw error;
    const state = await readLabState(dir);
    if (state) await destroyFromState(dir, state);
  });
  await rm(dir, { recursive: true, force: true });
  return true;
}

/**
 * Namespaces and cgroups of `labs` that no state mentions, with no process in them, and bridges
 * `azs-<n>` with no port left: removed. Never kills anything.
 */
async function sweepLeftovers(isTarget: (lab: string) => boolean): Promise<void> {
  for (const netns of await listNetns()) {
    const match = labNodeObjectPattern.exec(netns);
    if (!match || !isTarget(match[1])) continue;
    const { stdout } = await runCommand(['ip', 'netns', 'pids', netns]);
    if (stdout.trim() === '') await deleteNetns(netns);
  }
  for (const name of await topLevelCgroupNames()) {
    const match = labNodeObjectPattern.exec(name);
    if (match && isTarget(match[1]) && (await cgroupPids(name)).length === 0) await killAndRemoveCgroup(name);
  }
}

/** Lab bridges without a single node plugged in: a lab that crashed before or after its nodes. */
async function sweepEmptyBridges(): Promise<void> {
  const links = await listLabLinks();
  for (const bridge of links.filter((name) => /^azs-\d+$/.test(name))) {
    if (links.some((name) => name.startsWith(`${bridge}-`))) continue;
    await removeLabNetwork({ bridge, forwardRule: forwardRuleFor(bridge) });
  }
}

/** Destroys every lab under the root, then sweeps idle lab-named leftovers (after a crash). */
export async function destroyAllLabs(): Promise<string[]> {
  const names = await listLabNames();
  for (const name of names) await destroyLab(name);
  await sweepLeftovers(() => true);
  await sweepEmptyBridges();
  await relaxNeighbourTable();
  return names;
}
