// The lab's stand-in for Azure's load balancer: one listener per public service port on the lab
// bridge's address, forwarding whole TCP connections round-robin to the tasks of the service
// that claims the port, on nodes whose health endpoint answers 200 (Azure's probe: every ~2 s,
// out after 2 failures). Swarm's routing mesh needs IPVS, which this kernel lacks, so lab
// services publish in host mode and the balancer finds each task's host port itself.
// Only nodes hosting a discovered task are probed (backend-discovery.ts finds them): a node
// without a task for a port is never tried for it, so it needs no probe.
import { request } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface LbNode {
  name: string;
  address: string;
}

export interface Backend {
  node: string;
  host: string;
  port: number;
}

/** Finds the backends of every public port, on any node (the balancer keeps the healthy ones). */
export type BackendDiscovery = () => Promise<Map<number, Backend[]>>;

export interface LoadBalancerOptions {
  listenAddress: string;
  /** Public ports, e.g. 80, 81, 8000. */
  ports: number[];
  healthPort: number;
  healthPath?: string;
  probeIntervalMs?: number;
  /** Consecutive failed probes that take a node out (Azure: 2). */
  unhealthyThreshold?: number;
  discover: BackendDiscovery;
  /** Problems worth a line in the daemon's log (a node's docker socket not answering, ...). */
  onProblem?: (message: string) => void;
}

interface NodeHealth {
  node: LbNode;
  healthy: boolean;
  failures: number;
}

/** How long a backend may take to accept before the next one is tried. */
const connectTimeoutMs = 3_000;

export class LabLoadBalancer {
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();
  private health = new Map<string, NodeHealth>();
  private discovered = new Map<number, Backend[]>();
  private readonly nextIndex = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private cycle: Promise<void> = Promise.resolve();
  private closed = false;
  /** The last discovery failure reported: a swarm not formed yet must not fill the log every cycle. */
  private lastProblem: string | undefined;

  private constructor(private readonly options: LoadBalancerOptions) {}

  /** Listens on every port and starts probing; the first probe cycle has run when it resolves. */
  static async start(options: LoadBalancerOptions, nodes: LbNode[]): Promise<LabLoadBalancer> {
    const balancer = new LabLoadBalancer(options);
    balancer.setNodes(nodes);
    try {
      for (const port of options.ports) balancer.servers.push(await balancer.listen(port));
    } catch (error) {
      await balancer.close();
      throw error;
    }
    await balancer.runCycle();
    return balancer;
  }

  /** Replaces the node pool (nodes added or removed); known nodes keep their health. */
  setNodes(nodes: LbNode[]): void {
    this.health = new Map(
      nodes.map((node) => {
        const known = this.health.get(node.name);
        // A new node gets traffic only after its first successful probe, like a new VM on Azure.
        return [node.name, known && known.node.address === node.address ? known : { node, healthy: false, failures: 0 }];
      }),
    );
  }

  get ports(): number[] {
    return this.options.ports;
  }

  /** Nodes whose last probes succeeded (only nodes hosting a backend are probed). */
  healthyNodes(): string[] {
    return [...this.health.values()].filter((entry) => entry.healthy).map((entry) => entry.node.name);
  }

  /** Backends that get new connections on a public port: discovered tasks on healthy nodes. */
  backends(port: number): Backend[] {
    return (this.discovered.get(port) ?? []).filter((backend) => this.health.get(backend.node)?.healthy === true);
  }

  /** Runs one probe + discovery cycle now (after any cycle in flight) and resolves when done. */
  refresh(): Promise<void> {
    this.cycle = this.cycle.then(() => this.probeAndDiscover());
    return this.cycle;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(this.servers.map((server) => new Promise((resolve) => server.close(resolve))));
    await this.cycle;
  }

  private listen(port: number): Promise<Server> {
    const server = createServer((client) => this.forward(port, client));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.options.listenAddress, () => resolve(server));
    });
  }

  private async runCycle(): Promise<void> {
    await this.refresh();
    if (!this.closed) this.timer = setTimeout(() => void this.runCycle(), this.options.probeIntervalMs ?? 2_000);
  }

  /** Discovers the backends, then probes the nodes that host one (the others get no traffic to guard). */
  private async probeAndDiscover(): Promise<void> {
    if (this.closed) return;
    try {
      this.discovered = await this.options.discover();
      this.lastProblem = undefined;
    } catch (error) {
      const problem = `load balancer: backend discovery failed: ${(error as Error).message}`;
      if (problem !== this.lastProblem) this.options.onProblem?.(problem);
      this.lastProblem = problem;
    }
    const hosting = new Set([...this.discovered.values()].flat().map((backend) => backend.node));
    const threshold = this.options.unhealthyThreshold ?? 2;
    const entries = [...this.health.values()].filter((entry) => hosting.has(entry.node.name));
    const results = await Promise.all(entries.map((entry) => this.probe(entry.node)));
    entries.forEach((entry, index) => {
      if (results[index]) {
        entry.healthy = true;
        entry.failures = 0;
      } else if (++entry.failures >= threshold) {
        entry.healthy = false;
      }
    });
    // A node whose tasks are gone is not probed any more: it must not keep an old "healthy".
    for (const entry of this.health.values()) {
      if (!hosting.has(entry.node.name)) Object.assign(entry, { healthy: false, failures: 0 });
    }
  }

  /** Azure's HTTP probe: healthy only on a 200 within the interval. */
  private probe(node: LbNode): Promise<boolean> {
    const timeout = Math.max(200, Math.min(1_500, (this.options.probeIntervalMs ?? 2_000) - 200));
    return new Promise((resolve) => {
      const req = request({ host: node.address, port: this.options.healthPort, path: this.options.healthPath ?? '/healthz', timeout }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
      req.end();
    });
  }

  private forward(port: number, client: Socket): void {
    this.track(client);
    const candidates = this.backends(port);
    if (candidates.length === 0) {
      client.destroy(); // nothing healthy behind this port: close at once, as Azure's LB does
      return;
    }
    const first = (this.nextIndex.get(port) ?? 0) % candidates.length;
    this.nextIndex.set(port, first + 1);
    client.on('error', () => undefined);
    this.connectUpstream(client, candidates, first, candidates.length);
  }

  /** Tries backends in turn until one accepts: a task may have stopped since the last discovery. */
  private connectUpstream(client: Socket, candidates: Backend[], index: number, attemptsLeft: number): void {
    if (attemptsLeft === 0 || client.destroyed) {
      client.destroy();
      return;
    }
    const backend = candidates[index % candidates.length]!;
    const upstream = this.track(connect({ host: backend.host, port: backend.port, timeout: connectTimeoutMs }));
    let connected = false;
    upstream.once('timeout', () => upstream.destroy(new Error('connect timeout')));
    upstream.once('error', () => {
      if (!connected) this.connectUpstream(client, candidates, index + 1, attemptsLeft - 1);
    });
    upstream.once('connect', () => {
      connected = true;
      upstream.setTimeout(0);
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    return socket;
  }
}
