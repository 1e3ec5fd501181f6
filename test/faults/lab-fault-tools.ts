// What the lab fault suite does to a lab node and how it watches the swarm: a node's dockerd
// SIGKILLed and held down (its supervisor paused, so that it does not restart it at once), the
// node's link set down and up, and `docker` against any node's socket (the host end the lab
// gives every node), so the swarm is read through a master that is still alive.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cgroupPids, nodeCgroupName } from '../../src/providers/lab/host/cgroups.js';
import { runCommand } from '../../src/providers/lab/host/command.js';
import { hostDockerSocket, nodeExec } from '../../src/providers/lab/host/node-host.js';
import { labDir, readLabState } from '../../src/providers/lab/state.js';

export class LabFaults {
  /** Supervisors paused while their dockerd is held down, by node. */
  private readonly paused = new Map<string, number>();

  constructor(readonly lab: string) {}

  async docker(node: string, args: string[]): Promise<string> {
    const socket = hostDockerSocket(join(labDir(this.lab), 'nodes', node));
    return (await runCommand(['docker', '-H', `unix://${socket}`, ...args], { timeoutMs: 20_000 })).stdout.trim();
  }

  /** `hostname status manager-status` of every node, as `through` sees the swarm (stale entries included). */
  async nodes(through: string): Promise<{ hostname: string; status: string; manager: string }[]> {
    const text = await this.docker(through, ['node', 'ls', '--format', '{{.Hostname}} {{.Status}} {{.ManagerStatus}}']);
    return text.split('\n').filter(Boolean).map((line) => {
      const [hostname, status, manager = ''] = line.split(' ');
      return { hostname: hostname!, status: status!, manager };
    });
  }

  /** The leader `through` knows, or undefined while there is none (or it cannot answer). */
  async leader(through: string): Promise<string | undefined> {
    const nodes = await this.nodes(through).catch(() => []);
    return nodes.find((node) => node.manager === 'Leader')?.hostname;
  }

  /** True when `node` has a Ready entry in `through`'s node list. */
  async ready(through: string, node: string): Promise<boolean> {
    const nodes = await this.nodes(through).catch(() => []);
    return nodes.some((entry) => entry.hostname === node && entry.status === 'Ready');
  }

  /** SIGKILLs the node's dockerd with its supervisor paused first: the daemon stays down until `restoreDockerd`. */
  async killDockerd(node: string): Promise<void> {
    const dockerd = await this.dockerdPid(node);
    const supervisor = Number((await readFile(`/proc/${dockerd}/stat`, 'utf8')).split(') ')[1]!.split(' ')[1]);
    process.kill(supervisor, 'SIGSTOP');
    this.paused.set(node, supervisor);
    process.kill(dockerd, 'SIGKILL');
  }

  /** Resumes the supervisor, which sees its dockerd gone and starts it again (as systemd would). */
  restoreDockerd(node: string): void {
    const supervisor = this.paused.get(node);
    if (supervisor === undefined) throw new Error(`dockerd of ${node} is not held down`);
    process.kill(supervisor, 'SIGCONT');
    this.paused.delete(node);
  }

  /** Resumes every paused supervisor (after a failed test, before the lab is destroyed). */
  restoreAll(): void {
    for (const node of [...this.paused.keys()]) this.restoreDockerd(node);
  }

  async setLink(node: string, state: 'up' | 'down'): Promise<void> {
    const entry = (await readLabState(labDir(this.lab)))?.nodes.find((candidate) => candidate.name === node);
    if (!entry?.link) throw new Error(`node ${node} has no link`);
    await runCommand(['ip', 'link', 'set', 'dev', entry.link.hostVeth, state]);
  }

  /** Pid of the node's `swarm-node.py <command>` (helper, health, events, join), or undefined while none runs. */
  async nodeSoftwarePid(node: string, command: string): Promise<number | undefined> {
    for (const pid of await cgroupPids(nodeCgroupName(this.lab, node)).catch(() => [])) {
      const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0').filter(Boolean);
      if (argv.some((arg) => arg.endsWith('/swarm-node.py')) && argv.at(-1) === command) return pid;
    }
    return undefined;
  }

  /** Runs argv inside a node (its namespaces), e.g. the node software's own client. */
  async inNode(node: string, argv: readonly string[]): Promise<string> {
    const entry = (await readLabState(labDir(this.lab)))?.nodes.find((candidate) => candidate.name === node);
    if (!entry?.host) throw new Error(`node ${node} is not running`);
    return (await nodeExec(entry.host, argv, { timeoutMs: 30_000 })).stdout.trim();
  }

  private async dockerdPid(node: string): Promise<number> {
    for (const pid of await cgroupPids(nodeCgroupName(this.lab, node))) {
      const name = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
      if (name.trim() === 'dockerd') return pid;
    }
    throw new Error(`no dockerd runs in node ${node}`);
  }
}

/** Polls until `accept` holds; gives the time it took in ms, or fails with the last value. */
export async function timeUntil<T>(what: string, read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs: number, since = Date.now(), pollMs = 250): Promise<number> {
  const deadline = since + timeoutMs;
  let value = await read();
  while (!accept(value)) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms; last seen ${JSON.stringify(value)}`);
    await sleep(pollMs);
    value = await read();
  }
  return Date.now() - since;
}
