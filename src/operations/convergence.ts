// "Converged" as `docker service create` shows it: every wanted task running, then still so
// throughout a stability window (a task that crashes right after starting does not count).
import type { Reporter } from '../core/reporter.js';
import type { ServiceSummary, ServiceTask } from '../swarm/docker-parsers.js';
import type { SwarmClient } from '../swarm/swarm-client.js';
import { staysDone, waitFor } from './wait.js';

/** How often it looks again during the stability window: a task that fails and is replaced within the window is seen. */
const windowPollMs = 1_000;

export interface ConvergenceOptions {
  timeoutMs?: number;
  /** How long the services must stay converged (docker's own monitor period is 5 s). */
  stableMs?: number;
  /**
   * Count a service as settled when its missing tasks are Pending for want of any node they
   * may run on (after stop-agents, a service constrained to workers waits for the agents).
   */
  allowUnplaceable?: boolean;
}

/** Pending tasks that the scheduler cannot place anywhere (their error says why). */
export function unplaceableTasks(tasks: readonly ServiceTask[]): ServiceTask[] {
  return tasks.filter((task) => task.state === 'pending' && task.error.startsWith('no suitable node'));
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
  const check = async () => {
    const services = await swarm.services();
    const short = await settledServices(swarm, services, options.allowUnplaceable === true, reporter);
    const wanted = names.length > 0 ? names : services.map((service) => service.name);
    const missing = shortfall(short, wanted) || (await unfinishedUpdates(swarm, wanted, services));
    return { done: missing === '', value: services, missing };
  };
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  for (;;) {
    await waitFor('services to converge', check, {
      timeoutMs: Math.max(0, deadline - Date.now()),
      onChange: (missing) => reporter.debug(`converging: ${missing}`),
    });
    reporter.debug(`converged; watching for ${stableMs} ms that it stays so`);
    const after = await staysDone(check, Date.now() + stableMs, windowPollMs);
    if (after.done) return after.value;
    reporter.debug(`not stable: ${after.missing}`);
  }
}

/** A rolling update (service update --force, stack deploy) keeps the task count while it runs. */
async function unfinishedUpdates(swarm: SwarmClient, names: readonly string[], services: readonly ServiceSummary[]): Promise<string> {
  const existing = names.filter((name) => services.some((service) => service.name === name));
  const states = await swarm.updateStates(existing);
  return existing
    .map((name, index) => (states[index] === 'updating' || states[index] === 'rollback_started' ? `${name} is ${states[index]}` : ''))
    .filter((problem) => problem !== '')
    .join(', ');
}

/** The services, with those whose only missing tasks cannot be placed counted as complete. */
async function settledServices(swarm: SwarmClient, services: ServiceSummary[], allowUnplaceable: boolean, reporter: Reporter): Promise<ServiceSummary[]> {
  if (!allowUnplaceable) return services;
  return Promise.all(
    services.map(async (service) => {
      if (service.running === service.desired) return service;
      const waiting = unplaceableTasks(await swarm.tasks(service.name));
      if (service.running + waiting.length < service.desired) return service;
      reporter.debug(`${service.name}: ${waiting.length} tasks wait for a node they may run on (${waiting[0]?.error ?? ''})`);
      return { ...service, running: service.desired };
    }),
  );
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
