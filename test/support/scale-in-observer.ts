// A lab scale-in seen from outside, for the scale-in fault test and the scale bench: for each
// removed agent, when its tasks of a service stopped running on it (drained), when master0 stopped
// listing it Ready (left), and what its Scheduled Events watcher logged of the Terminate event it
// saw (id, the instances it names, its NotBefore). The logs are read while the scale-in runs: the
// lab deletes a node's directory, logs included, once the event is acknowledged.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCommand } from '../../src/providers/lab/host/command.js';
import { hostDockerSocket } from '../../src/providers/lab/host/node-host.js';
import { labDir } from '../../src/providers/lab/state.js';
import { unitLog } from '../lab/lab-support.js';

/** Times in ms after the observation started; `notBefore` is the event's own (epoch ms). */
export interface RemovedAgent { eventId?: string; resources?: string[]; notBefore?: number; announcedMs?: number; drainedMs?: number; leftMs?: number }

/** The nodes running a task of `service`, as master0 lists them (one entry per task). */
export async function runningTaskNodes(lab: string, service: string): Promise<string[]> {
  const socket = hostDockerSocket(join(labDir(lab), 'nodes', 'master0'));
  const { stdout } = await runCommand(['docker', '-H', `unix://${socket}`, 'service', 'ps', service, '--filter', 'desired-state=running', '--format', '{{.Node}} {{.CurrentState}}']);
  return stdout.split('\n').filter((line) => line.split(' ')[1] === 'Running').map((line) => line.split(' ')[0]!);
}

/** `hostname status` of each of master0's node entries. */
async function nodeStatuses(lab: string): Promise<string[]> {
  const socket = hostDockerSocket(join(labDir(lab), 'nodes', 'master0'));
  const { stdout } = await runCommand(['docker', '-H', `unix://${socket}`, 'node', 'ls', '--format', '{{.Hostname}} {{.Status}}']);
  return stdout.split('\n').filter(Boolean);
}

/**
 * Starts watching (every 500 ms) until `stop()`; start it just before the scale-in. Drained and
 * left come from master0 (one `service ps` and one `node ls` a round, so a round stays short on a
 * loaded machine); the event's details from each node's log, read until found.
 */
export function observeScaleIn(lab: string, service: string, removed: readonly string[]) {
  const started = Date.now();
  const agents = new Map<string, RemovedAgent>(removed.map((node) => [node, {}]));
  let watching = true;
  const loop = (async () => {
    while (watching) {
      const [hosts, statuses] = await Promise.all([
        runningTaskNodes(lab, service).then((nodes) => new Set(nodes), () => undefined),
        nodeStatuses(lab).catch(() => undefined),
      ]);
      await Promise.all(removed.map(async (node) => {
        const agent = agents.get(node)!;
        if (hosts && !hosts.has(node) && agent.drainedMs === undefined) agent.drainedMs = Date.now() - started;
        // left: master0 lists it Down, or no more (none of its entries Ready)
        if (statuses && !statuses.includes(`${node} Ready`) && agent.leftMs === undefined) agent.leftMs = Date.now() - started;
        if (agent.eventId !== undefined) return;
        const event = /events: Terminate (\S+) scheduled for (.+) \(not before (.+)\)/.exec(await unitLog(lab, node, 'swarm-events.service').catch(() => ''));
        if (event) Object.assign(agent, { eventId: event[1], resources: event[2]!.split(', '), notBefore: Date.parse(event[3]!), announcedMs: Date.now() - started });
      }));
      await sleep(500);
    }
  })();
  return {
    started,
    agents,
    async stop(): Promise<void> {
      watching = false;
      await loop;
    },
  };
}
