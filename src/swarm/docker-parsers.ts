// Pure parsers of the docker CLI's machine-readable output (`--format '{{json .}}'`, `inspect`).
// Kept apart from running commands so that they are tested on output captured from a real
// dockerd (test/fixtures/docker/). Field names are the docker CLI's; the shapes are ours.
import { ToolkitError } from '../core/errors.js';

export type NodeStatus = 'ready' | 'down' | 'unknown' | 'disconnected';
export type NodeAvailability = 'active' | 'pause' | 'drain';

export interface SwarmNode {
  id: string;
  hostname: string;
  status: NodeStatus;
  availability: NodeAvailability;
  /** `Leader`, `Reachable` or `Unreachable` for managers; empty for workers. */
  managerStatus: string;
  isManager: boolean;
  /** The node the command ran on. */
  self: boolean;
  engineVersion: string;
}

export interface NodeDetail {
  id: string;
  hostname: string;
  role: 'manager' | 'worker';
  availability: NodeAvailability;
  status: NodeStatus;
  /** The address the node talks to the swarm from. */
  address: string;
  labels: Record<string, string>;
  cpus: number;
  memoryBytes: number;
  leader: boolean;
}

export interface ServiceSummary {
  id: string;
  name: string;
  mode: 'replicated' | 'global';
  image: string;
  running: number;
  desired: number;
}

export interface HostPort {
  published: number;
  target: number;
  protocol: string;
}

export interface ServiceTask {
  id: string;
  /** `web.3` for replicated tasks, `web.<node id>` for global ones. */
  name: string;
  node: string;
  desiredState: string;
  /** First word of CurrentState, lower case: `running`, `starting`, `shutdown`, `failed`... */
  state: string;
  error: string;
  /** Host-mode published ports (each listed once). */
  ports: HostPort[];
}

export interface SwarmInfo {
  nodeId: string;
  nodeAddress: string;
  /** `inactive`, `pending`, `active`, `error` or `locked`. */
  localState: string;
  isManager: boolean;
  error: string;
  /** Present on managers only. */
  nodes?: number;
  managers?: number;
}

type Json = Record<string, unknown>;

function outputError(command: string, detail: string): ToolkitError {
  return new ToolkitError(`unexpected output from docker ${command}: ${detail}`, 'docker-output-invalid');
}

function parseJson(command: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw outputError(command, `not JSON: ${text.slice(0, 80)}`);
  }
}

function jsonLines(command: string, text: string): Json[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const value = parseJson(command, line);
      if (typeof value !== 'object' || value === null) throw outputError(command, `not an object: ${line.slice(0, 80)}`);
      return value as Json;
    });
}

function text(command: string, record: Json, key: string): string {
  const value = record[key];
  if (typeof value !== 'string') throw outputError(command, `field ${key} missing`);
  return value;
}

function nested(record: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Json)[key] : undefined), record);
}

function oneOf<T extends string>(command: string, value: string, allowed: readonly T[], field: string): T {
  const lower = value.toLowerCase();
  if (!(allowed as readonly string[]).includes(lower)) throw outputError(command, `${field} "${value}" is not one of ${allowed.join(', ')}`);
  return lower as T;
}

const statuses = ['ready', 'down', 'unknown', 'disconnected'] as const;
const availabilities = ['active', 'pause', 'drain'] as const;

/** `docker node ls --format '{{json .}}'` */
export function parseNodeList(output: string): SwarmNode[] {
  const command = 'node ls';
  return jsonLines(command, output).map((row) => {
    const managerStatus = text(command, row, 'ManagerStatus');
    return {
      id: text(command, row, 'ID'),
      hostname: text(command, row, 'Hostname'),
      status: oneOf(command, text(command, row, 'Status'), statuses, 'Status'),
      availability: oneOf(command, text(command, row, 'Availability'), availabilities, 'Availability'),
      managerStatus,
      isManager: managerStatus !== '',
      self: row.Self === true,
      engineVersion: typeof row.EngineVersion === 'string' ? row.EngineVersion : '',
    };
  });
}

/** `docker node inspect ID...` (a JSON array) */
export function parseNodeInspect(output: string): NodeDetail[] {
  const command = 'node inspect';
  const value = parseJson(command, output);
  if (!Array.isArray(value)) throw outputError(command, 'not an array');
  return value.map((node: unknown) => {
    const field = (...path: string[]) => {
      const found = nested(node, ...path);
      if (typeof found !== 'string') throw outputError(command, `field ${path.join('.')} missing`);
      return found;
    };
    const role = field('Spec', 'Role');
    if (role !== 'manager' && role !== 'worker') throw outputError(command, `Spec.Role "${role}"`);
    const labels = nested(node, 'Spec', 'Labels');
    return {
      id: field('ID'),
      hostname: field('Description', 'Hostname'),
      role,
      availability: oneOf(command, field('Spec', 'Availability'), availabilities, 'Spec.Availability'),
      status: oneOf(command, field('Status', 'State'), statuses, 'Status.State'),
      address: field('Status', 'Addr'),
      labels: typeof labels === 'object' && labels !== null ? (labels as Record<string, string>) : {},
      cpus: Number(nested(node, 'Description', 'Resources', 'NanoCPUs') ?? 0) / 1e9,
      memoryBytes: Number(nested(node, 'Description', 'Resources', 'MemoryBytes') ?? 0),
      leader: nested(node, 'ManagerStatus', 'Leader') === true,
    };
  });
}

/** `docker service ls --format '{{json .}}'` */
export function parseServiceList(output: string): ServiceSummary[] {
  const command = 'service ls';
  return jsonLines(command, output).map((row) => {
    const replicas = /^(\d+)\/(\d+)/.exec(text(command, row, 'Replicas'));
    if (!replicas) throw outputError(command, `Replicas "${String(row.Replicas)}"`);
    return {
      id: text(command, row, 'ID'),
      name: text(command, row, 'Name'),
      mode: text(command, row, 'Mode') === 'global' ? 'global' : 'replicated',
      image: text(command, row, 'Image'),
      running: Number(replicas[1]),
      desired: Number(replicas[2]),
    };
  });
}

/** `*:32768->8080/tcp,*:32768->8080/tcp` (IPv4 and IPv6 listed alike) */
export function parseTaskPorts(ports: string): HostPort[] {
  const found = new Map<string, HostPort>();
  for (const match of ports.matchAll(/:(\d+)->(\d+)\/(\w+)/g)) {
    found.set(match[0], { published: Number(match[1]), target: Number(match[2]), protocol: match[3] });
  }
  return [...found.values()];
}

/** `docker service ps NAME --format '{{json .}}'` (history rows included unless filtered) */
export function parseServiceTasks(output: string): ServiceTask[] {
  const command = 'service ps';
  return jsonLines(command, output).map((row) => ({
    id: text(command, row, 'ID'),
    // History rows of older docker clients carry a `\_ ` prefix.
    name: text(command, row, 'Name').replace(/^\\_\s*/, ''),
    node: text(command, row, 'Node'),
    desiredState: text(command, row, 'DesiredState').toLowerCase(),
    state: text(command, row, 'CurrentState').split(' ')[0].toLowerCase(),
    // With --no-trunc the CLI prints the error in double quotes.
    error: typeof row.Error === 'string' ? row.Error.replace(/^"(.*)"$/s, '$1') : '',
    ports: parseTaskPorts(typeof row.Ports === 'string' ? row.Ports : ''),
  }));
}

/** `docker info --format '{{json .Swarm}}'` */
export function parseSwarmInfo(output: string): SwarmInfo {
  const command = 'info';
  const value = parseJson(command, output.trim());
  if (typeof value !== 'object' || value === null) throw outputError(command, 'not an object');
  const info = value as Json;
  return {
    nodeId: text(command, info, 'NodeID'),
    nodeAddress: text(command, info, 'NodeAddr'),
    localState: text(command, info, 'LocalNodeState'),
    isManager: info.ControlAvailable === true,
    error: typeof info.Error === 'string' ? info.Error : '',
    ...(typeof info.Nodes === 'number' ? { nodes: info.Nodes } : {}),
    ...(typeof info.Managers === 'number' ? { managers: info.Managers } : {}),
  };
}

/**
 * One line per service of `docker service inspect --format '{{json .UpdateStatus}}' NAME...`:
 * the rolling update's state (`updating`, `completed`, `paused`, `rollback_started`...), or
 * `none` for a service that was never updated.
 */
export function parseUpdateStates(output: string): string[] {
  const command = 'service inspect';
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const value = parseJson(command, line);
      if (value === null) return 'none';
      const state = nested(value, 'State');
      if (typeof state !== 'string') throw outputError(command, `UpdateStatus without State: ${line.slice(0, 80)}`);
      return state;
    });
}
