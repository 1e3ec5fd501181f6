// The lab daemon's client, which the lab core uses: starts and stops the daemon and drives it
// through `daemon.sock` (HTTP over a unix socket in the lab's state folder).
import { request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ToolkitError } from '../../../core/errors.js';
import { readLogTail } from '../host/log-tail.js';
import { isAlive, type ProcessRecord } from '../host/processes.js';
import { spawnLabProcess } from '../process-command.js';
import { daemonFiles } from './config.js';
import { readCappedBody } from './http-body.js';
import type { EventOutcome, ScheduledEventType } from './metadata.js';

function control<T>(stateDir: string, method: 'GET' | 'POST', path: string, body?: unknown, timeoutMs = 10_000): Promise<T> {
  const socketPath = join(stateDir, daemonFiles.socket);
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method, timeout: timeoutMs, headers: { 'Content-Type': 'application/json' } }, (res) => {
      readCappedBody(res).then((text) => {
        const answer = JSON.parse(text || '{}') as T & { error?: string };
        if (res.statusCode === 200) resolve(answer);
        else reject(new ToolkitError(`lab daemon: ${method} ${path}: ${answer.error ?? res.statusCode}`, 'lab-daemon-error'));
      }).catch(reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) =>
      reject(new ToolkitError(`lab daemon at ${socketPath} is not reachable: ${error.message}`, 'lab-daemon-unreachable', `see ${join(stateDir, daemonFiles.log)}`)),
    );
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** True when the daemon answers on its control socket. */
export async function isLabDaemonReady(stateDir: string): Promise<boolean> {
  try {
    await control(stateDir, 'GET', '/ready', undefined, 1_000);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts the lab's daemon (daemon.json must be written first) and resolves with its process
 * record once it serves; the caller records it in the lab's state for destroy.
 */
export async function startLabDaemon(
  stateDir: string,
  /** Records the process before it is waited for, so that a destroy finds it even if this caller dies. */
  onSpawned: (record: ProcessRecord) => Promise<void>,
  readyTimeoutMs = 30_000,
): Promise<ProcessRecord> {
  const record = await spawnLabProcess('lab-daemon', stateDir, join(stateDir, daemonFiles.log));
  await onSpawned(record);
  const deadline = Date.now() + readyTimeoutMs;
  const hint = `see ${join(stateDir, daemonFiles.log)}`;
  // Usually ready in well under a second; a busy 2-core machine loading a 3 MB action bundle
  // has been seen to need more than 10 s, hence the generous bound.
  while (!(await isLabDaemonReady(stateDir))) {
    if (!(await isAlive(record))) {
      const tail = await readLogTail(join(stateDir, daemonFiles.log));
      throw new ToolkitError(`the lab daemon exited while starting; the last lines of its log:\n${tail}`, 'lab-daemon-start-failed', hint);
    }
    if (Date.now() > deadline) throw new ToolkitError(`the lab daemon did not start within ${readyTimeoutMs} ms`, 'lab-daemon-start-failed', hint);
    await sleep(50);
  }
  return record;
}

/** Tells the daemon that daemon.json changed (nodes added, removed or re-created). */
export async function nodesChanged(stateDir: string): Promise<void> {
  await control(stateDir, 'POST', '/nodes-changed');
}

/**
 * Announces one Scheduled Event naming the given nodes (a scale-in names all it removes, as Azure does) and resolves when it is Started: 'acknowledged' when
 * the node approved it, 'timed-out' when NotBefore passed first. The core then acts, and calls
 * clearScheduledEvents once the node is down (before it boots again).
 */
export async function postScheduledEvent(
  stateDir: string,
  nodeNames: readonly string[],
  eventType: ScheduledEventType,
  options: { notBeforeSeconds: number },
): Promise<EventOutcome> {
  const answer = await control<{ outcome: EventOutcome }>(
    stateDir, 'POST', '/events', { nodes: nodeNames, eventType, notBeforeSeconds: options.notBeforeSeconds }, (options.notBeforeSeconds + 30) * 1000,
  );
  return answer.outcome;
}

/** Removes a node's events from the metadata (Azure drops an event once the platform acted). */
export async function clearScheduledEvents(stateDir: string, nodeName: string): Promise<void> {
  await control(stateDir, 'POST', '/events/clear', { node: nodeName });
}

export interface LoadBalancerState {
  healthyNodes: string[];
  backends: Record<string, Array<{ node: string; host: string; port: number }>>;
}

/** What the load balancer currently forwards to (for list-endpoints, convergence checks, tests). */
export function loadBalancerState(stateDir: string): Promise<LoadBalancerState> {
  return control(stateDir, 'GET', '/load-balancer');
}

/** Asks the daemon to stop and waits until its process is gone (the caller may then kill it by record). */
export async function stopLabDaemon(stateDir: string, record: ProcessRecord, timeoutMs = 5_000): Promise<boolean> {
  await control(stateDir, 'POST', '/shutdown', undefined, 2_000).catch(() => undefined);
  const deadline = Date.now() + timeoutMs;
  while (await isAlive(record)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}
