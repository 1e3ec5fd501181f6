// Removal of labs from their state files: the daemon, every node (processes by recorded pid and
// by the node's cgroup, its namespace and veth), the bridge, the exact iptables rule, the
// folders. Works after a crash of the command that created the lab, and twice in a row.
// Then the sweep (sweep.ts) removes leftovers that no state mentions, only where they are
// provably orphaned: labs of other lab roots may be alive on the same machine.
import { readdir, rm } from 'node:fs/promises';
import { stopLabDaemon } from './daemon/client.js';
import { deleteNode } from './lab-nodes.js';
import { relaxNeighbourTable, removeLabNetwork } from './host/network.js';
import { stopProcess } from './host/processes.js';
import { releaseLabClaim } from './lab-claims.js';
import { labDir, listLabNames, readLabState, withLabLock, writeLabState, type LabState } from './state.js';
import { sweepLeftovers, type SweepOutcome } from './sweep.js';

/** In a destroy the whole swarm goes: no drain is worth waiting for. */
const destroyGraceMs = 5_000;

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
    // its own leftovers (a namespace made just before a crash, not recorded yet): unless a lab of
    // the same name under another root holds them
    await sweepLeftovers({ isTarget: (lab) => lab === name, destroyedDirs: [dir], bridges: false });
  }, 30_000).catch(async (error: unknown) => {
    // a lock held by a live but stuck command must not make destroy impossible
    if ((error as { code?: string }).code !== 'lab-busy') throw error;
    const state = await readLabState(dir);
    if (state) await destroyFromState(dir, state);
  });
  await rm(dir, { recursive: true, force: true });
  await releaseLabClaim(name, dir);
  return true;
}

export interface DestroyAllOutcome {
  /** The labs of this lab root, destroyed from their state. */
  destroyed: string[];
  /** Every lab-named object of the machine the sweep looked at: removed or left, and why. */
  swept: SweepOutcome[];
}

/** Destroys every lab under the root, then sweeps the machine's provably orphaned lab leftovers (after a crash). */
export async function destroyAllLabs(): Promise<DestroyAllOutcome> {
  const destroyed = await listLabNames();
  for (const name of destroyed) await destroyLab(name);
  const swept = await sweepLeftovers({ isTarget: () => true, destroyedDirs: destroyed.map(labDir), bridges: true });
  await relaxNeighbourTable();
  return { destroyed, swept };
}
