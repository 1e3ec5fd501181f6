// The lab's stand-in for Azure's load balancer: one listener per public service port on the lab
// bridge's address, forwarding whole TCP connections round-robin to the tasks of the service
// that claims the port, on nodes whose health endpoint answers 200 (Azure's probe: every ~2 s,
// out after 2 failures). Swarm's routing mesh needs IPVS, which this kernel lacks, so lab
// services publish in host mode and the balancer finds each task's host port itself.
import { request } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { engineFilters, engineGetJson } from '../host/engine-api.js';
import { lbPortLabel } from '../../../core/service-flavour.js';

export interface LbNode {
  name: string;
  address: string;
}

export interface Backend {
  node: string;
  host: string;
  port: number;
}

/** Finds, on the given (healthy) nodes, the backends of every public port. */
export type BackendDiscovery = (healthyNodes: LbNode[]) => Promise<Map<number, Backend[]>>;

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

  private async probeAndDiscover(): Promise<void> {
    if (this.closed) return;
    const threshold = this.options.unhealthyThreshold ?? 2;
    const entries = [...this.health.values()];
    const results = await Promise.all(entries.map((entry) => this.probe(entry.node)));
    entries.forEach((entry, index) => {
      if (results[index]) {
        entry.healthy = true;
        entry.failures = 0;
      } else if (++entry.failures >= threshold) {
        entry.healthy = false;
      }
    });
    const healthy = entries.filter((entry) => entry.healthy).map((entry) => entry.node);
    try {
      this.discovered = await this.options.discover(healthy);
      this.lastProblem = undefined;
    } catch (error) {
      const problem = `load balancer: backend discovery failed: ${(error as Error).message}`;
      if (problem !== this.lastProblem) this.options.onProblem?.(problem);
      this.lastProblem = problem;
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

// --- Backend discovery through the nodes' docker sockets -------------------------------------

/** The part of the Engine API's /services answer that discovery reads. */
interface EngineService {
  Spec: {
    Name: string;
    Labels?: Record<string, string>;
    EndpointSpec?: { Ports?: Array<{ TargetPort?: number; PublishMode?: string; Protocol?: string }> };
  };
}

/** The part of /containers/json that discovery reads. */
interface EngineContainer {
  State: string;
  Labels?: Record<string, string>;
  Ports?: Array<{ PrivatePort: number; PublicPort?: number; Type: string }>;
}

export interface BalancedService {
  lbPort: number;
  /** Container port that the service publishes in host mode. */
  targetPort: number;
}

/** Services that claim a public port (label `azswarm.lb-port`) and publish a port in host mode. */
export function balancedServices(services: EngineService[], publicPorts: number[]): Map<string, BalancedService> {
  const claimed = new Map<string, BalancedService>();
  for (const service of services) {
    const lbPort = Number(service.Spec.Labels?.[lbPortLabel]);
    const published = service.Spec.EndpointSpec?.Ports?.find((port) => port.PublishMode === 'host' && (port.Protocol ?? 'tcp') === 'tcp');
    if (publicPorts.includes(lbPort) && published?.TargetPort) claimed.set(service.Spec.Name, { lbPort, targetPort: published.TargetPort });
  }
  return claimed;
}

/** Backends that one node's running containers offer, by public port. */
export function backendsOnNode(containers: EngineContainer[], services: Map<string, BalancedService>, node: LbNode): Array<[number, Backend]> {
  const found = new Map<string, [number, Backend]>();
  for (const container of containers) {
    const service = services.get(container.Labels?.['com.docker.swarm.service.name'] ?? '');
    if (!service || container.State !== 'running') continue;
    for (const port of container.Ports ?? []) {
      // Each host port is listed once for IPv4 and once for IPv6: keep one backend per port.
      if (port.PrivatePort === service.targetPort && port.Type === 'tcp' && port.PublicPort) {
        found.set(`${port.PublicPort}`, [service.lbPort, { node: node.name, host: node.address, port: port.PublicPort }]);
      }
    }
  }
  return [...found.values()].sort((a, b) => a[1].port - b[1].port);
}

export interface DockerNode extends LbNode {
  role: 'master' | 'agent';
  dockerSocket: string;
}

/**
 * Discovery for the lab: the services (and their labels) from the first master that answers,
 * then each healthy node's running task containers from that node's own docker socket.
 */
export function dockerBackendDiscovery(currentNodes: () => DockerNode[], publicPorts: number[], onProblem?: (message: string) => void): BackendDiscovery {
  return async (healthyNodes) => {
    const nodes = currentNodes();
    const services = await servicesFromAMaster(nodes.filter((node) => node.role === 'master'), publicPorts);
    const byPort = new Map<number, Backend[]>(publicPorts.map((port) => [port, []]));
    if (services.size === 0) return byPort;
    const bySocket = new Map(nodes.map((node) => [node.name, node]));
    const perNode = await Promise.all(
      healthyNodes.map(async (healthy) => {
        const node = bySocket.get(healthy.name);
        if (!node) return [];
        try {
          const filters = engineFilters({ label: ['com.docker.swarm.service.name'], status: ['running'] });
          return backendsOnNode(await engineGetJson<EngineContainer[]>(node.dockerSocket, `/containers/json?filters=${filters}`), services, node);
        } catch (error) {
          onProblem?.(`load balancer: cannot list tasks on ${node.name}: ${(error as Error).message}`);
          return [];
        }
      }),
    );
    for (const [port, backend] of perNode.flat()) byPort.get(port)?.push(backend);
    return byPort;
  };
}

async function servicesFromAMaster(masters: DockerNode[], publicPorts: number[]): Promise<Map<string, BalancedService>> {
  let lastError: unknown;
  for (const master of masters) {
    try {
      return balancedServices(await engineGetJson<EngineService[]>(master.dockerSocket, '/services'), publicPorts);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError ?? new Error('the lab has no master');
}
