// Backend discovery of the lab's load balancer: which nodes run a task of a service that claims
// a public port, and on which host port. What a cycle costs scales with services and tasks, not
// with nodes: it asks one master (services, tasks, nodes: three Engine API calls).
import { lbPortLabel } from '../../../core/service-flavour.js';
import { engineFilters, engineGetJson } from '../host/engine-api.js';
import type { Backend, BackendDiscovery, LbNode } from './load-balancer.js';

/** The part of the Engine API's /services answer that discovery reads. */
interface EngineService {
  ID: string;
  Spec: {
    Name: string;
    Labels?: Record<string, string>;
    EndpointSpec?: { Ports?: Array<{ TargetPort?: number; PublishMode?: string; Protocol?: string }> };
  };
}

/** The part of /tasks that discovery reads: a host-mode task's published ports are in its status. */
interface EngineTask {
  NodeID?: string;
  ServiceID: string;
  DesiredState: string;
  Status: { State: string; PortStatus?: { Ports?: Array<{ Protocol?: string; TargetPort?: number; PublishedPort?: number; PublishMode?: string }> } };
}

/** The part of /nodes that discovery reads. */
interface EngineNode {
  ID: string;
  Description?: { Hostname?: string };
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

/**
 * Backends from a manager's task list: each task of a balanced service that runs and is meant to
 * (a draining node's tasks are meant to shut down: they get no new connections from then on),
 * on a node of the lab, at the host port it published.
 */
export function backendsFromTasks(
  tasks: EngineTask[],
  services: EngineService[],
  publicPorts: number[],
  swarmNodes: EngineNode[],
  labNodes: LbNode[],
): Array<[number, Backend]> {
  const claimed = balancedServices(services, publicPorts);
  const serviceById = new Map(services.flatMap((service) => {
    const balanced = claimed.get(service.Spec.Name);
    return balanced ? [[service.ID, balanced] as const] : [];
  }));
  const hostnameById = new Map(swarmNodes.map((node) => [node.ID, node.Description?.Hostname ?? '']));
  const labNodeByName = new Map(labNodes.map((node) => [node.name, node]));
  const found = new Map<string, [number, Backend]>();
  for (const task of tasks) {
    const service = serviceById.get(task.ServiceID);
    const node = labNodeByName.get(hostnameById.get(task.NodeID ?? '') ?? '');
    if (!service || !node || task.DesiredState !== 'running' || task.Status.State !== 'running') continue;
    for (const port of task.Status.PortStatus?.Ports ?? []) {
      // Each host port is listed once for IPv4 and once for IPv6: keep one backend per port.
      if (port.PublishMode === 'host' && (port.Protocol ?? 'tcp') === 'tcp' && port.TargetPort === service.targetPort && port.PublishedPort) {
        found.set(`${node.name}:${port.PublishedPort}`, [service.lbPort, { node: node.name, host: node.address, port: port.PublishedPort }]);
      }
    }
  }
  // In the lab's node order (masters first), then by port: the order the round robin walks.
  const order = new Map(labNodes.map((node, index) => [node.name, index]));
  return [...found.values()].sort((a, b) => order.get(a[1].node)! - order.get(b[1].node)! || a[1].port - b[1].port);
}

export interface DockerNode extends LbNode {
  role: 'master' | 'agent';
  dockerSocket: string;
}

/**
 * Discovery for the lab: services, running tasks and swarm nodes from the first master that
 * answers — three Engine API calls a cycle, however many nodes the lab has.
 */
export function dockerBackendDiscovery(currentNodes: () => DockerNode[], publicPorts: number[]): BackendDiscovery {
  return async () => {
    const nodes = currentNodes();
    const byPort = new Map<number, Backend[]>(publicPorts.map((port) => [port, []]));
    const answer = await fromAMaster(nodes.filter((node) => node.role === 'master'), async (socket) => {
      const services = await engineGetJson<EngineService[]>(socket, '/services');
      if (balancedServices(services, publicPorts).size === 0) return { services, tasks: [], swarmNodes: [] };
      const filters = engineFilters({ 'desired-state': ['running'] });
      const [tasks, swarmNodes] = await Promise.all([
        engineGetJson<EngineTask[]>(socket, `/tasks?filters=${filters}`),
        engineGetJson<EngineNode[]>(socket, '/nodes'),
      ]);
      return { services, tasks, swarmNodes };
    });
    for (const [port, backend] of backendsFromTasks(answer.tasks, answer.services, publicPorts, answer.swarmNodes, nodes)) byPort.get(port)?.push(backend);
    return byPort;
  };
}

/** The first master's answer to `ask`; the last failure when none answers. */
async function fromAMaster<T>(masters: DockerNode[], ask: (socket: string) => Promise<T>): Promise<T> {
  let lastError: unknown;
  for (const master of masters) {
    try {
      return await ask(master.dockerSocket);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError ?? new Error('the lab has no master');
}
