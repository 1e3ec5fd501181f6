// The lab's monitor: on Azure the visualizer container on master0's loopback shows nodes x tasks; the
// lab cannot pull that image, so its daemon serves this page instead. The view is a pure function
// of the Engine API's /nodes, /services and /tasks answers (tested on captured JSON).
import { lbPortLabel } from '../../../core/service-flavour.js';
import { engineGetJson } from '../host/engine-api.js';

export interface MonitorTask {
  id: string;
  /** `web.3` for a replicated task, `web` for a global one. */
  name: string;
  service: string;
  state: string;
  desiredState: string;
  /** Host ports the task publishes (host mode). */
  ports: number[];
  error?: string;
}

export interface MonitorNode {
  id: string;
  hostname: string;
  role: 'manager' | 'worker';
  leader: boolean;
  state: string;
  availability: string;
  address: string;
  tasks: MonitorTask[];
}

export interface MonitorService {
  name: string;
  mode: 'replicated' | 'global';
  image: string;
  running: number;
  /** Replicas asked for; for a global service, the tasks the orchestrator wants running. */
  desired: number;
  /** The lab load balancer's public port, from the `azswarm.lb-port` label. */
  lbPort?: number;
}

export interface ClusterStatus {
  generatedAt: string;
  nodes: MonitorNode[];
  services: MonitorService[];
}

// The subset of the Engine API's answers that the view reads.
interface EngineNode {
  ID: string;
  Spec: { Role: string; Availability: string };
  Description: { Hostname: string };
  Status: { State: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean };
}
interface EngineService {
  ID: string;
  Spec: {
    Name: string;
    Labels?: Record<string, string>;
    Mode: { Replicated?: { Replicas?: number }; Global?: object };
    TaskTemplate: { ContainerSpec?: { Image?: string } };
  };
}
interface EngineTask {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  Slot?: number;
  DesiredState: string;
  Status: { State: string; Err?: string; PortStatus?: { Ports?: Array<{ PublishedPort?: number }> } };
}

/** Tasks the orchestrator still wants (not the shutdown/rejected history the API also returns). */
function isCurrent(task: EngineTask): boolean {
  return task.DesiredState === 'running' || task.DesiredState === 'ready' || task.Status.State === 'running';
}

export function clusterStatus(nodes: EngineNode[], services: EngineService[], tasks: EngineTask[], now: Date): ClusterStatus {
  const serviceNames = new Map(services.map((service) => [service.ID, service.Spec.Name]));
  const current = tasks.filter(isCurrent);
  const monitorNodes = nodes
    .map((node): MonitorNode => ({
      id: node.ID,
      hostname: node.Description.Hostname,
      role: node.Spec.Role === 'manager' ? 'manager' : 'worker',
      leader: node.ManagerStatus?.Leader === true,
      state: node.Status.State,
      availability: node.Spec.Availability,
      address: node.Status.Addr ?? '',
      tasks: current
        .filter((task) => task.NodeID === node.ID)
        .map((task) => monitorTask(task, serviceNames.get(task.ServiceID) ?? task.ServiceID))
        .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true })),
    }))
    .sort((a, b) => Number(b.role === 'manager') - Number(a.role === 'manager') || a.hostname.localeCompare(b.hostname, 'en', { numeric: true }));
  const monitorServices = services
    .map((service): MonitorService => {
      const own = current.filter((task) => task.ServiceID === service.ID);
      const lbPort = Number(service.Spec.Labels?.[lbPortLabel]);
      return {
        name: service.Spec.Name,
        mode: service.Spec.Mode.Global ? 'global' : 'replicated',
        image: service.Spec.TaskTemplate.ContainerSpec?.Image?.replace(/@sha256:.*/, '') ?? '',
        running: own.filter((task) => task.Status.State === 'running').length,
        desired: service.Spec.Mode.Global ? own.filter((task) => task.DesiredState === 'running').length : (service.Spec.Mode.Replicated?.Replicas ?? 0),
        ...(Number.isInteger(lbPort) && lbPort > 0 ? { lbPort } : {}),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return { generatedAt: now.toISOString(), nodes: monitorNodes, services: monitorServices };
}

function monitorTask(task: EngineTask, service: string): MonitorTask {
  const ports = [...new Set((task.Status.PortStatus?.Ports ?? []).flatMap((port) => (port.PublishedPort ? [port.PublishedPort] : [])))];
  return {
    id: task.ID,
    name: task.Slot ? `${service}.${task.Slot}` : service,
    service,
    state: task.Status.State,
    desiredState: task.DesiredState,
    ports,
    ...(task.Status.Err ? { error: task.Status.Err } : {}),
  };
}

/** Reads the cluster's state from a manager's docker socket. */
export async function readClusterStatus(managerSocketPath: string, now = () => new Date()): Promise<ClusterStatus> {
  const [nodes, services, tasks] = await Promise.all([
    engineGetJson<EngineNode[]>(managerSocketPath, '/nodes'),
    engineGetJson<EngineService[]>(managerSocketPath, '/services'),
    engineGetJson<EngineTask[]>(managerSocketPath, '/tasks'),
  ]);
  return clusterStatus(nodes, services, tasks, now());
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string | number) => String(text).replace(/[&<>"']/g, (char) => escapes[char]!);

/** The page: one column per node with its tasks, a services table; refreshes itself every 2 s. */
export function renderMonitorPage(lab: string, status: ClusterStatus | { error: string; generatedAt: string }): string {
  const body =
    'error' in status
      ? `<p class="error">cannot read the swarm: ${escapeHtml(status.error)}</p>`
      : `<div class="nodes">${status.nodes.map(renderNode).join('')}</div>\n${renderServices(status.services)}`;
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
<title>${escapeHtml(lab)}: swarm monitor</title>
<style>
body{font-family:sans-serif;margin:1em;background:#f4f6f8}
.nodes{display:flex;flex-wrap:wrap;gap:.8em;align-items:flex-start}
.node{background:#fff;border:2px solid #3b7;border-radius:6px;padding:.5em;min-width:11em}
.node.down,.node.unknown,.node.disconnected{border-color:#c33;opacity:.7}.node.drain{border-style:dashed}
.node h2{font-size:1em;margin:0 0 .3em}.node .meta{font-size:.8em;color:#555}
.task{margin:.3em 0;padding:.2em .4em;border-radius:4px;background:#def;font-size:.85em}
.task.running{background:#cfc}.task.failed,.task.rejected{background:#fcc}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:.2em .6em}.error{color:#c33}
</style></head>
<body><h1>${escapeHtml(lab)}</h1>
<p class="meta">updated ${escapeHtml(status.generatedAt)}; <a href="status.json">status.json</a></p>
${body}
</body></html>
`;
}

function renderNode(node: MonitorNode): string {
  const role = node.role === 'manager' ? (node.leader ? 'manager (leader)' : 'manager') : 'worker';
  const tasks = node.tasks
    .map((task) => {
      const ports = task.ports.length ? ` :${task.ports.join(',:')}` : '';
      const error = task.error ? ` title="${escapeHtml(task.error)}"` : '';
      return `<div class="task ${escapeHtml(task.state)}"${error}>${escapeHtml(task.name)} <small>${escapeHtml(task.state)}${escapeHtml(ports)}</small></div>`;
    })
    .join('');
  return `<div class="node ${escapeHtml(node.state)} ${escapeHtml(node.availability)}"><h2>${escapeHtml(node.hostname)}</h2>
<div class="meta">${escapeHtml(role)} · ${escapeHtml(node.state)} · ${escapeHtml(node.availability)} · ${escapeHtml(node.address)}</div>${tasks}</div>`;
}

function renderServices(services: MonitorService[]): string {
  const rows = services
    .map((service) => `<tr><td>${escapeHtml(service.name)}</td><td>${service.mode}</td><td>${service.running}/${service.desired}</td><td>${escapeHtml(service.image)}</td><td>${service.lbPort ?? ''}</td></tr>`)
    .join('\n');
  return `<table><tr><th>service</th><th>mode</th><th>running</th><th>image</th><th>load balancer port</th></tr>\n${rows}</table>`;
}
