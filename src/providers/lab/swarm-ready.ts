// "Swarm ready" as the lab checks it: every expected node is Ready in the swarm's node list,
// managers also reachable, read through a running master's docker socket (the swarm engineer's
// SSH path is checked in their tests). Stale entries of an earlier incarnation are ignored.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ToolkitError } from '../../core/errors.js';
import { engineGetJson } from './host/engine-api.js';
import { readJsonFile } from './json-file.js';
import { readLogTail } from './host/log-tail.js';
import { hostDockerSocket, isNodeHostRunning, nodeLogFile } from './host/node-host.js';
import { keepFailedBootLogs } from './state.js';
import { nodeFiles, type NodeStatus } from './supervisor/boot-plan.js';
import type { LabNodeState } from './state.js';
import { realNodeBootFailure } from './host/node-checks.js';

interface EngineNode {
  Description?: { Hostname?: string };
  Spec?: { Role?: string };
  Status?: { State?: string };
  ManagerStatus?: { Reachability?: string };
}

/** Hostnames that are Ready (and reachable, for managers) in the swarm's node list. */
export function readyHostnames(nodes: readonly EngineNode[]): Set<string> {
  const ready = new Set<string>();
  for (const node of nodes) {
    const manager = node.Spec?.Role === 'manager';
    if (node.Status?.State === 'ready' && (!manager || node.ManagerStatus?.Reachability === 'reachable')) {
      ready.add(node.Description?.Hostname ?? '');
    }
  }
  return ready;
}

async function listFromAnyMaster(masters: readonly LabNodeState[]): Promise<EngineNode[] | undefined> {
  for (const master of masters) {
    try {
      return await engineGetJson<EngineNode[]>(hostDockerSocket(master.dir), '/nodes');
    } catch {
      // not a manager yet, or down: try the next one
    }
  }
  return undefined;
}

/**
 * The error for a node that cannot boot, with its log's last lines. The node's logs are copied
 * out of its folder first: a failed deploy removes the lab, and the log must outlive it.
 */
async function bootFailure(node: LabNodeState, what: string): Promise<ToolkitError> {
  const tail = await readLogTail(nodeLogFile(node.dir, 'init'));
  const kept = await keepFailedBootLogs(node, nodeFiles.logDir(node.dir));
  return new ToolkitError(`node ${node.name} ${what}; the last lines of its init log:\n${tail}`, 'lab-node-boot-failed', `the full log is ${join(kept, 'init.log')}`);
}

/**
 * Throws as soon as a node cannot come up: its init (the supervisor) exited, or the supervisor
 * gave up booting. Either way no wait would help, and the log says why.
 */
async function checkNodesBooting(nodes: readonly LabNodeState[]): Promise<void> {
  for (const node of nodes) {
    if (node.host && !(await isNodeHostRunning(node.host))) throw await bootFailure(node, 'stopped during its boot: its init exited');
    const status = await readJsonFile<NodeStatus>(nodeFiles.status(node.dir)).catch(() => undefined);
    if (status?.phase === 'failed') throw await bootFailure(node, `failed to boot: ${status.error ?? 'unknown error'}`);
    const failure = node.host?.leader ? await realNodeBootFailure(node.host) : undefined;
    if (failure) throw new ToolkitError(failure, 'lab-node-boot-failed', 'inside the node: cloud-init status --long; systemctl --failed');
  }
}

/** Resolves when every node in `expected` is Ready; rejects naming the missing ones on timeout. */
export async function waitForSwarmReady(masters: readonly LabNodeState[], expected: readonly LabNodeState[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let missing = expected.map((node) => node.name);
  while (Date.now() < deadline) {
    await checkNodesBooting(expected);
    const nodes = await listFromAnyMaster(masters);
    if (nodes) {
      const ready = readyHostnames(nodes);
      missing = expected.map((node) => node.name).filter((name) => !ready.has(name));
      if (missing.length === 0) return;
    }
    await sleep(250);
  }
  throw new ToolkitError(`swarm not ready after ${Math.round(timeoutMs / 1000)} s: ${missing.join(', ')} not Ready`, 'lab-swarm-timeout', 'see the node logs under the lab folder (log/*.log)');
}
