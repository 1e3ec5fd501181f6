// "Converged" as `docker service create` shows it: every wanted task running, then still so
// after a stability window (a task that crashes right after starting does not count).
import type { Reporter } from '../core/reporter.js';
import type { ServiceSummary, ServiceTask } from '../swarm/docker-parsers.js';
import type { SwarmClient } from '../swarm/swarm-client.js';
import { sleep, waitFor } from './wait.js';

export interface ConvergenceOptions {
  timeoutMs?: number;
  /** How long the services must stay converged (docker's own monitor period is 5 s). */
  stableMs?: number;
}

export function shortfall(services: readonly ServiceSummary[], names: readonly string[]): string {
  return names
    .map((name) => {
      const service = services.find((candidate) => candidate.name === name);
      if (service === undefined) return `${name} does not exist`;
      return service.running === service.desired ? '' : `${name} ${service.running}/${service.desired}`;
    })
    .filter((problem) => problem !== '')
    .join(', ');
}

/** Waits until each named service runs all its tasks, stably; `[]` means every service. */
export async function waitForServices(
  swarm: SwarmClient,
  names: readonly string[],
  reporter: Reporter,
  options: ConvergenceOptions = {},
): Promise<ServiceSummary[]> {
  const stableMs = options.stableMs ?? 5_000;
  const wanted = async () => (names.length > 0 ? names : (await swarm.services()).map((service) => service.name));
  const check = async () => {
    const services = await swarm.services();
    const missing = shortfall(services, await wanted());
    return { done: missing === '', value: services, missing };
  };
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  for (;;) {
    await waitFor('services to converge', check, {
      timeoutMs: Math.max(0, deadline - Date.now()),
      onChange: (missing) => reporter.debug(`converging: ${missing}`),
    });
    await sleep(stableMs);
    const after = await check();
    if (after.done) return after.value;
    reporter.debug(`not stable: ${after.missing}`);
  }
}

/** How many running tasks of a service each node has. */
export function tasksPerNode(tasks: readonly ServiceTask[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const task of tasks.filter((candidate) => candidate.state === 'running')) counts[task.node] = (counts[task.node] ?? 0) + 1;
  return counts;
}

export function describePlacement(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([node, count]) => `${node}:${count}`)
    .join(' ');
}
