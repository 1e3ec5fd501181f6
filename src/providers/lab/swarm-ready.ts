// "Swarm ready" as the lab checks it: every expected node is Ready in the swarm's node list,
// managers also reachable, read through a running master's docker socket (the swarm engineer's
// SSH path is checked in their tests). Stale entries of an earlier incarnation are ignored.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ToolkitError } from '../../core/errors.js';
import { engineGetJson } from './host/engine-api.js';
import { readJsonFile } from './json-file.js';
import { lastLines, readLogTail } from './host/log-tail.js';
import { hostDockerSocket, isNodeHostRunning, nodeLogFile } from './host/node-host.js';
import { keepFailedBootLogs, labOfNode } from './state.js';
import { nodeFiles, type NodeStatus } from './supervisor/boot-plan.js';
import type { LabNodeState } from './state.js';
import { realNodeBootFailure } from './host/node-checks.js';
import { readLabNodeLog } from './node-logs.js';

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
  throw await notReadyError(masters, expected.filter((node) => missing.includes(node.name)), timeoutMs);
}

/** Nodes whose logs a timeout quotes: enough to tell one stuck join from a swarm that never formed. */
const quotedNodes = 3;
const quotedUnitLines = 8;
const quotedDockerdLines = 4;

/** The last lines of one of a node's unit logs (emulated: the unit's file; real boot: its journal). */
async function unitLogTail(node: LabNodeState, unit: string): Promise<string> {
  const text: string[] = [];
  await readLabNodeLog({ lab: labOfNode(node), node: node.name, unit, follow: false }, (lines) => text.push(lines), Promise.resolve())
    .catch((error: Error) => text.push(`(no log: ${error.message})`));
  return lastLines(text.join('\n'), quotedUnitLines);
}

/**
 * The timeout's error: the nodes not Ready with the end of their join logs and the first
 * master's helper log (who asked for a token, what was answered). A failed deploy removes the
 * lab, so the logs are quoted and copied out first, like a failed boot's.
 */
async function notReadyError(masters: readonly LabNodeState[], missing: readonly LabNodeState[], timeoutMs: number): Promise<ToolkitError> {
  const quoted = missing.slice(0, quotedNodes);
  const sections = await Promise.all(quoted.map(async (node) => [
    `${node.name} swarm-join.service, last lines:\n${await unitLogTail(node, 'swarm-join.service')}`,
    // emulated nodes only (a real-boot node's dockerd logs to its journal): why a join waits for docker
    ...(existsSync(nodeLogFile(node.dir, 'docker')) ? [`${node.name} dockerd, last lines:\n${await readLogTail(nodeLogFile(node.dir, 'docker'), quotedDockerdLines)}`] : []),
  ].join('\n')));
  if (masters[0]) sections.push(`${masters[0].name} swarm-helper.service, last lines:\n${await unitLogTail(masters[0], 'swarm-helper.service')}`);
  const kept = await Promise.all([...quoted, ...masters.slice(0, 1)].map((node) => keepFailedBootLogs(node, nodeFiles.logDir(node.dir)).catch(() => undefined)));
  const folder = kept.find((path) => path !== undefined);
  return new ToolkitError(
    `swarm not ready after ${Math.round(timeoutMs / 1000)} s: ${missing.map((node) => node.name).join(', ')} not Ready\n${sections.join('\n')}`,
    'lab-swarm-timeout',
    folder ? `the nodes' logs are kept in ${dirname(folder)}` : 'see the node logs under the lab folder (log/*.log)',
  );
}
