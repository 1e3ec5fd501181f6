// A small real cluster for testing the node software: lab nodes (own network namespace,
// hostname, filesystem and dockerd, from src/providers/lab/) on a lab bridge, with the shipped
// swarm-node.py run inside them as real processes. Everything it starts is recorded and
// removed by `destroy`, also after a failed test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { asset } from '../../src/core/assets.js';
import { nodeCgroupName } from '../../src/providers/lab/host/cgroups.js';
import { engineGetJson, engineRequest } from '../../src/providers/lab/host/engine-api.js';
import {
  addNodeLink, createLabNetwork, labAddress, removeLabNetwork, removeNodeLink, type LabNetwork, type NodeLink,
} from '../../src/providers/lab/host/network.js';
import {
  dockerdArgv, dockerdEnv, hostDockerSocket, startNodeHost, stopNodeHost, waitForDocker, type NodeHostRecord, type NodeHostSpec,
} from '../../src/providers/lab/host/node-host.js';
import { helperKeys, nodeHelperKey } from '../../src/render/helper-keys.js';
import type { NodeConfig } from '../../src/render/node-config.js';

export interface TestNode {
  name: string;
  address: string;
  spec: NodeHostSpec;
  host: NodeHostRecord;
  link: NodeLink;
  /** The node's dockerd from the machine's side. */
  socket: string;
}

export interface NodeProcess {
  child: ChildProcess;
  /** Everything the process printed so far, one entry per line. */
  lines: string[];
  exited: Promise<number | null>;
}

export interface SwarmNodeSummary {
  ID: string;
  Description: { Hostname: string };
  Spec: { Role: string; Availability: string; Labels?: Record<string, string> };
  Status: { State: string };
  Version: { Index: number };
}

export class NodeCluster {
  readonly nodes = new Map<string, TestNode>();
  readonly processes: NodeProcess[] = [];
  network?: LabNetwork;
  root = '';
  readonly lab = `nsw${process.pid % 10000}`;

  /** The node's own folder is visible at the same path inside it: script, config and key go there. */
  softwareDir(nodeName: string): string {
    return join(this.node(nodeName).host.dir, 'software');
  }

  async create(names: string[]): Promise<void> {
    this.root = await mkdtemp('/tmp/azs-node-');
    this.network = await createLabNetwork();
    const network = this.network;
    const addresses = names.map((_, index) => labAddress(network, 10 + index));
    const hosts = `127.0.0.1 localhost\n${names.map((name, index) => `${addresses[index]} ${name}`).join('\n')}\n`;
    await Promise.all(
      names.map(async (name, index) => {
        const link = await addNodeLink(network, `azs-${this.lab}-${name}`, `n${index}`, addresses[index]);
        const dir = join(this.root, name);
        const cgroup = nodeCgroupName(this.lab, name);
        const spec: NodeHostSpec = { hostname: name, netns: link.netns, dir, cgroup, hosts, init: dockerdArgv(dir, name, cgroup), env: dockerdEnv };
        this.nodes.set(name, { name, address: addresses[index], spec, host: await startNodeHost(spec), link, socket: hostDockerSocket(dir) });
        await waitForDocker(hostDockerSocket(dir), 30_000);
      }),
    );
  }

  node(name: string): TestNode {
    const node = this.nodes.get(name);
    if (!node) throw new Error(`no test node ${name}`);
    return node;
  }

  /**
   * Writes the shipped script, cluster.json (role by membership in masters) and each role's
   * helper keys (0600) into every node, as the renderer does: masters the master key and the
   * agent root; agents their own node key, or the agent root with `agentsHoldRoot` (Azure's
   * scale set).
   */
  async configure(config: Omit<NodeConfig, 'role'>, helperSecret: string, agentsHoldRoot = false): Promise<void> {
    const keys = helperKeys(helperSecret);
    for (const name of this.nodes.keys()) {
      const dir = this.softwareDir(name);
      const role = config.masters.some((master) => master.name === name) ? 'master' : 'agent';
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'swarm-node.py'), asset('cloud-init/swarm-node.py'), { mode: 0o755 });
      await writeFile(join(dir, 'swarm_node.py'), asset('cloud-init/swarm_node.py'), { mode: 0o644 });
      await writeFile(join(dir, 'cluster.json'), JSON.stringify({ ...config, role }));
      const files = role === 'master' ? { 'helper.key': keys.master, 'agent-root.key': keys.agentRoot }
        : agentsHoldRoot ? { 'agent-root.key': keys.agentRoot } : { 'node.key': nodeHelperKey(keys.agentRoot, name) };
      for (const [file, key] of Object.entries(files)) await writeFile(join(dir, file), `${key}\n`, { mode: 0o600 });
    }
  }

  /** Starts `swarm-node.py <command>` inside the node, like its systemd unit would (`env` adds to its environment). */
  start(nodeName: string, command: string, env: Record<string, string> = {}): NodeProcess {
    const node = this.node(nodeName);
    const dir = this.softwareDir(nodeName);
    const child = spawn(
      'nsenter',
      ['-t', String(node.host.init.pid), '-n', '-u', '-m', '-r', '--', '/usr/bin/python3',
        join(dir, 'swarm-node.py'), '--config', join(dir, 'cluster.json'), command],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', ...env } },
    );
    const lines: string[] = [];
    const collect = (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const started: NodeProcess = { child, lines, exited };
    this.processes.push(started);
    return started;
  }

  /** Runs a oneshot command (join, leave) to its end; rejects with its output when it fails. */
  async runToEnd(nodeName: string, command: string, timeoutMs = 90_000): Promise<string[]> {
    const started = this.start(nodeName, command);
    if (!(await exitsWithin(started, timeoutMs))) throw new Error(`${command} on ${nodeName} still runs after ${timeoutMs} ms:\n${started.lines.join('\n')}`);
    if (started.child.exitCode !== 0) throw new Error(`${command} on ${nodeName} ended with ${started.child.exitCode}:\n${started.lines.join('\n')}`);
    return started.lines;
  }

  async swarmNodes(managerName: string): Promise<SwarmNodeSummary[]> {
    return engineGetJson<SwarmNodeSummary[]>(this.node(managerName).socket, '/nodes');
  }

  async localState(nodeName: string): Promise<string> {
    const info = await engineGetJson<{ Swarm: { LocalNodeState: string } }>(this.node(nodeName).socket, '/info');
    return info.Swarm.LocalNodeState;
  }

  async engine(nodeName: string, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
    const { Readable } = await import('node:stream');
    return engineRequest(this.node(nodeName).socket, path, {
      method,
      ...(body === undefined ? {} : { body: Readable.from([JSON.stringify(body)]), contentType: 'application/json' }),
    });
  }

  /** Resident memory of a running node process, in KiB (VmRSS). */
  static async rssKiB(started: NodeProcess): Promise<number> {
    const status = await readFile(`/proc/${started.child.pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1]);
  }

  /** Stops one node abruptly (its dockerd dies with it), as a crashed or powered-off VM. */
  async kill(nodeName: string): Promise<void> {
    await stopNodeHost(this.node(nodeName).host, 0);
  }

  /** Boots a killed node again with its disk (docker's swarm state included) as it was. */
  async boot(nodeName: string): Promise<void> {
    const node = this.node(nodeName);
    node.host = await startNodeHost(node.spec);
    // A node with swarm state answers only after dockerd's swarm start-up, which waits up to 20 s
    // for managers that may have removed it (moby's swarmConnectTimeout): 30 s was short under load.
    await waitForDocker(node.socket, 60_000);
  }

  /** Removes everything the cluster started or created; safe to call twice. */
  async destroy(): Promise<void> {
    for (const started of this.processes.splice(0)) {
      if (started.child.exitCode !== null || started.child.signalCode !== null) continue;
      started.child.kill('SIGTERM');
      if (!(await exitsWithin(started, 5_000))) started.child.kill('SIGKILL');
    }
    const nodes = [...this.nodes.values()];
    this.nodes.clear();
    await Promise.all(nodes.map((node) => stopNodeHost(node.host, 20_000)));
    for (const node of nodes) await removeNodeLink(node.link);
    if (this.network) await removeLabNetwork(this.network);
    if (this.root) await rm(this.root, { recursive: true, force: true });
  }
}

/** Waits for a process to end, at most `timeoutMs`; leaves no timer behind. */
async function exitsWithin(started: NodeProcess, timeoutMs: number): Promise<boolean> {
  const timer = new AbortController();
  const timedOut = sleep(timeoutMs, 'timeout', { signal: timer.signal }).catch(() => 'aborted');
  const outcome = await Promise.race([started.exited.then(() => 'exited'), timedOut]);
  timer.abort();
  return outcome === 'exited';
}

/** Polls `check` (every 250 ms) until it returns a value other than undefined. */
export async function eventually<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}
