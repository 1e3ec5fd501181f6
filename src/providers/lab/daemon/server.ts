// The lab daemon: one long-running process per lab, in the machine's own namespace, serving on
// the lab bridge's gateway address what Azure's platform gives the VMs and the user: instance
// metadata + Scheduled Events, the load balancer, and the monitor page. The lab core writes
// `daemon.json` in the lab's state folder and drives the daemon through `daemon.sock` (HTTP over
// a unix socket) with the client functions at the bottom of this file.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeError, ToolkitError } from '../../../core/errors.js';
import { defaultPorts } from '../../../render/node-config.js';
import { dockerBackendDiscovery, LabLoadBalancer, type DockerNode } from './load-balancer.js';
import { ScheduledEventBoard, startMetadataServer, type MetadataIdentity, type ScheduledEventType, type EventOutcome } from './metadata.js';
import { readClusterStatus, renderMonitorPage } from './monitor.js';
import { readLogTail } from '../host/log-tail.js';
import { readCappedBody } from './http-body.js';
import { isAlive, type ProcessRecord } from '../host/processes.js';
import { spawnLabProcess } from '../process-command.js';

/** Port of the metadata service on the lab gateway; the core puts `http://<gateway>:<port>` in metadataUrl. */
export const labMetadataPort = 8410;

export interface LabDaemonNode {
  /** Hostname: master0, agents00000a. */
  name: string;
  address: string;
  role: 'master' | 'agent';
  /** Host-side path of the node's docker socket. */
  dockerSocket: string;
  /** Scale set instance id for agents; the master index for masters. */
  instanceId: string;
  /** VM name as metadata shows it (`compute.name`, event Resources); default: the hostname. */
  vmName?: string;
  /** Stable VM id; default: derived from the lab, the name and the instance id. */
  vmId?: string;
  /** Scale set name of an agent, as `compute.vmScaleSetName`. */
  scaleSet?: string;
}

/** The content of `<stateDir>/daemon.json`, written by the lab core. */
export interface LabDaemonConfig {
  lab: string;
  /** The lab bridge's address in the machine's namespace: everything listens there. */
  gateway: string;
  ports?: {
    metadata?: number;
    monitor?: number;
    /** Public service ports of the load balancer. */
    services?: number[];
    /** The nodes' health endpoint (GET /healthz). */
    health?: number;
  };
  /** Load balancer probe period; Azure's default is about 2 s. */
  probeIntervalMs?: number;
  nodes: LabDaemonNode[];
}

export const daemonFiles = {
  config: 'daemon.json',
  socket: 'daemon.sock',
  log: 'daemon.log',
};

// --- config -----------------------------------------------------------------------------------

/** Reads and checks daemon.json; every problem names the field and the rule. */
export function readDaemonConfig(stateDir: string): LabDaemonConfig {
  const path = join(stateDir, daemonFiles.config);
  let config: LabDaemonConfig;
  try {
    config = JSON.parse(readFileSync(path, 'utf8')) as LabDaemonConfig;
  } catch (error) {
    throw new ToolkitError(`${path}: cannot read the lab daemon's settings: ${describeError(error)}`, 'lab-daemon-config-invalid');
  }
  const problems: string[] = [];
  const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;
  if (typeof config.lab !== 'string' || config.lab === '') problems.push('lab: must be the lab name');
  if (typeof config.gateway !== 'string' || !ipv4.test(config.gateway)) problems.push('gateway: must be an IPv4 address');
  if (!Array.isArray(config.nodes)) problems.push('nodes: must be a list');
  for (const [index, node] of (Array.isArray(config.nodes) ? config.nodes : []).entries()) {
    if (typeof node.name !== 'string' || node.name === '') problems.push(`nodes[${index}].name: must be the hostname`);
    if (typeof node.address !== 'string' || !ipv4.test(node.address)) problems.push(`nodes[${index}].address: must be an IPv4 address`);
    if (node.role !== 'master' && node.role !== 'agent') problems.push(`nodes[${index}].role: must be master or agent`);
    if (typeof node.dockerSocket !== 'string' || !node.dockerSocket.startsWith('/')) problems.push(`nodes[${index}].dockerSocket: must be an absolute path`);
    if (typeof node.instanceId !== 'string') problems.push(`nodes[${index}].instanceId: must be a string`);
  }
  if (problems.length > 0) throw new ToolkitError(`${path}: ${problems.join('; ')}`, 'lab-daemon-config-invalid');
  return config;
}

function portsOf(config: LabDaemonConfig) {
  return {
    metadata: config.ports?.metadata ?? labMetadataPort,
    monitor: config.ports?.monitor ?? defaultPorts.visualizer,
    services: config.ports?.services ?? defaultPorts.services,
    health: config.ports?.health ?? defaultPorts.health,
  };
}

function identityOf(config: LabDaemonConfig, node: LabDaemonNode): MetadataIdentity {
  const vmId = node.vmId ?? uuidFrom(`${config.lab}/${node.name}/${node.instanceId}`);
  return {
    name: node.name,
    vmName: node.vmName ?? node.name,
    vmId,
    role: node.role,
    address: node.address,
    lab: config.lab,
    ...(node.scaleSet ? { scaleSet: node.scaleSet } : {}),
  };
}

function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// --- the daemon -------------------------------------------------------------------------------

/** Runs until a shutdown request or SIGTERM; called by process-entry for AZSWARM_LAB_PROCESS=lab-daemon. */
/** How often a running daemon checks that its lab still exists. */
const orphanCheckMs = 2_000;

export async function runLabDaemon(stateDir: string): Promise<void> {
  const log = (message: string) => appendFileSync(join(stateDir, daemonFiles.log), `${new Date().toISOString()} ${message}\n`);
  let config = readDaemonConfig(stateDir);
  const ports = portsOf(config);
  const events = new ScheduledEventBoard();
  const dockerNodes = (): DockerNode[] => config.nodes.map(({ name, address, role, dockerSocket }) => ({ name, address, role, dockerSocket }));

  const servers: Server[] = [];
  let balancer: LabLoadBalancer | undefined;
  let stopRequested: () => Promise<void> = async () => undefined;
  const stopped = new Promise<void>((resolve) => {
    const stop = async () => {
      events.close();
      await balancer?.close();
      await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
      await rm(join(stateDir, daemonFiles.socket), { force: true });
      log('stopped');
      resolve();
    };
    let stopping: Promise<void> | undefined;
    const requestStop = () => (stopping ??= stop());
    process.once('SIGTERM', requestStop);
    process.once('SIGINT', requestStop);
    stopRequested = requestStop;
  });
  // A daemon whose lab folder is gone is an orphan (its lab was destroyed while the command that
  // started it was killed before recording it): it must not keep holding the lab's ports.
  const orphanCheck = setInterval(() => {
    if (existsSync(stateDir)) return;
    clearInterval(orphanCheck);
    void stopRequested();
  }, orphanCheckMs);
  void stopped.then(() => clearInterval(orphanCheck));

  try {
    servers.push(
      await startMetadataServer({
        address: config.gateway,
        port: ports.metadata,
        events,
        identify: (address) => {
          const node = config.nodes.find((candidate) => candidate.address === address);
          return node && identityOf(config, node);
        },
      }),
    );
    balancer = await LabLoadBalancer.start(
      {
        listenAddress: config.gateway,
        ports: ports.services,
        healthPort: ports.health,
        probeIntervalMs: config.probeIntervalMs ?? 2_000,
        discover: dockerBackendDiscovery(dockerNodes, ports.services, log),
        onProblem: log,
      },
      dockerNodes(),
    );
    servers.push(await listenHttp(createServer((req, res) => void serveMonitor(req, res, config)), { port: ports.monitor, host: config.gateway }));
    const control = createServer((req, res) => {
      const context = {
        events,
        balancer: balancer!,
        reload: () => {
          const previous = config;
          config = readDaemonConfig(stateDir);
          balancer!.setNodes(dockerNodes());
          for (const node of previous.nodes) if (!config.nodes.some((kept) => kept.name === node.name)) events.clear(node.name);
          log(`nodes changed: ${config.nodes.map((node) => node.name).join(', ')}`);
        },
        identity: (name: string) => {
          const node = config.nodes.find((candidate) => candidate.name === name);
          return node && identityOf(config, node);
        },
        stop: () => stopRequested(),
        log,
      };
      handleControl(req, res, context).catch((error: unknown) => sendJson(res, 500, { error: describeError(error) }));
    });
    await rm(join(stateDir, daemonFiles.socket), { force: true });
    servers.push(await listenHttp(control, join(stateDir, daemonFiles.socket)));
    log(`ready: metadata ${config.gateway}:${ports.metadata}, monitor :${ports.monitor}, load balancer :${ports.services.join(', :')}`);
  } catch (error) {
    log(`failed to start: ${describeError(error)}`);
    await stopRequested();
    throw error;
  }
  await stopped;
}

function listenHttp(server: Server, where: string | { port: number; host: string }): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(where, () => resolve(server));
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function serveMonitor(req: IncomingMessage, res: ServerResponse, config: LabDaemonConfig): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://monitor').pathname;
  if (path !== '/' && path !== '/status.json') return sendJson(res, 404, { error: 'not found' });
  let status;
  try {
    status = await firstAnswer(config.nodes.filter((node) => node.role === 'master'), (node) => readClusterStatus(node.dockerSocket));
  } catch (error) {
    status = { error: describeError(error), generatedAt: new Date().toISOString() };
  }
  if (path === '/status.json') return sendJson(res, 'error' in status ? 503 : 200, status);
  const html = renderMonitorPage(config.lab, status);
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html), 'Cache-Control': 'no-store' });
  res.end(html);
}

/** The first master whose docker answers (master0 may be down while another master leads). */
async function firstAnswer<T>(masters: LabDaemonNode[], read: (node: LabDaemonNode) => Promise<T>): Promise<T> {
  let lastError: unknown = new ToolkitError('the lab has no master', 'lab-no-master');
  for (const master of masters) {
    try {
      return await read(master);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

interface ControlContext {
  events: ScheduledEventBoard;
  balancer: LabLoadBalancer;
  reload(): void;
  identity(name: string): MetadataIdentity | undefined;
  stop(): Promise<void>;
  log(message: string): void;
}

async function handleControl(req: IncomingMessage, res: ServerResponse, context: ControlContext): Promise<void> {
  const route = `${req.method} ${new URL(req.url ?? '/', 'http://control').pathname}`;
  const body = req.method === 'POST' ? await readJson(req) : {};
  switch (route) {
    case 'GET /ready':
      return sendJson(res, 200, { pid: process.pid });
    case 'GET /load-balancer': {
      const ports = Object.fromEntries(context.balancer.ports.map((port) => [port, context.balancer.backends(port)]));
      return sendJson(res, 200, { healthyNodes: context.balancer.healthyNodes(), backends: ports });
    }
    case 'POST /nodes-changed':
      context.reload();
      await context.balancer.refresh();
      return sendJson(res, 200, {});
    case 'POST /events': {
      const { node, eventType, notBeforeSeconds } = body as { node?: string; eventType?: ScheduledEventType; notBeforeSeconds?: number };
      const identity = context.identity(node ?? '');
      if (!identity) return sendJson(res, 404, { error: `node: no node named ${JSON.stringify(node)} in this lab` });
      const posted = context.events.post(identity, eventType as ScheduledEventType, notBeforeSeconds ?? 0);
      context.log(`scheduled event ${posted.eventId}: ${eventType} for ${identity.name}, not before ${notBeforeSeconds ?? 0} s`);
      const outcome = await posted.started;
      context.log(`scheduled event ${posted.eventId} started: ${outcome}`);
      return sendJson(res, 200, { eventId: posted.eventId, outcome });
    }
    case 'POST /events/clear': {
      const { node } = body as { node?: string };
      context.events.clear(node ?? '');
      return sendJson(res, 200, {});
    }
    case 'POST /shutdown':
      sendJson(res, 200, {});
      res.once('finish', () => void context.stop());
      return;
    default:
      return sendJson(res, 404, { error: `no control route ${route}` });
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readCappedBody(req);
  try {
    return text === '' ? {} : JSON.parse(text);
  } catch {
    throw new ToolkitError('control request body is not JSON', 'lab-daemon-bad-request');
  }
}

// --- the client the lab core uses ------------------------------------------------------------------

function control<T>(stateDir: string, method: 'GET' | 'POST', path: string, body?: unknown, timeoutMs = 10_000): Promise<T> {
  const socketPath = join(stateDir, daemonFiles.socket);
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method, timeout: timeoutMs, headers: { 'Content-Type': 'application/json' } }, (res) => {
      readCappedBody(res).then((text) => {
        const answer = JSON.parse(text || '{}') as T & { error?: string };
        if (res.statusCode === 200) resolve(answer);
        else reject(new ToolkitError(`lab daemon: ${method} ${path}: ${answer.error ?? res.statusCode}`, 'lab-daemon-error'));
      }).catch(reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) =>
      reject(new ToolkitError(`lab daemon at ${socketPath} is not reachable: ${error.message}`, 'lab-daemon-unreachable', `see ${join(stateDir, daemonFiles.log)}`)),
    );
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** True when the daemon answers on its control socket. */
export async function isLabDaemonReady(stateDir: string): Promise<boolean> {
  try {
    await control(stateDir, 'GET', '/ready', undefined, 1_000);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts the lab's daemon (daemon.json must be written first) and resolves with its process
 * record once it serves; the caller records it in the lab's state for destroy.
 */
export async function startLabDaemon(
  stateDir: string,
  /** Records the process before it is waited for, so that a destroy finds it even if this caller dies. */
  onSpawned: (record: ProcessRecord) => Promise<void>,
  readyTimeoutMs = 30_000,
): Promise<ProcessRecord> {
  const record = await spawnLabProcess('lab-daemon', stateDir, join(stateDir, daemonFiles.log));
  await onSpawned(record);
  const deadline = Date.now() + readyTimeoutMs;
  const hint = `see ${join(stateDir, daemonFiles.log)}`;
  // Usually ready in well under a second; a busy 2-core machine loading a 3 MB action bundle
  // has been seen to need more than 10 s, hence the generous bound.
  while (!(await isLabDaemonReady(stateDir))) {
    if (!(await isAlive(record))) {
      const tail = await readLogTail(join(stateDir, daemonFiles.log));
      throw new ToolkitError(`the lab daemon exited while starting; the last lines of its log:\n${tail}`, 'lab-daemon-start-failed', hint);
    }
    if (Date.now() > deadline) throw new ToolkitError(`the lab daemon did not start within ${readyTimeoutMs} ms`, 'lab-daemon-start-failed', hint);
    await sleep(50);
  }
  return record;
}

/** Tells the daemon that daemon.json changed (nodes added, removed or re-created). */
export async function nodesChanged(stateDir: string): Promise<void> {
  await control(stateDir, 'POST', '/nodes-changed');
}

/**
 * Announces a Scheduled Event for a node and resolves when it is Started: 'acknowledged' when
 * the node approved it, 'timed-out' when NotBefore passed first. The core then acts, and calls
 * clearScheduledEvents once the node is down (before it boots again).
 */
export async function postScheduledEvent(
  stateDir: string,
  nodeName: string,
  eventType: ScheduledEventType,
  options: { notBeforeSeconds: number },
): Promise<EventOutcome> {
  const answer = await control<{ outcome: EventOutcome }>(
    stateDir, 'POST', '/events', { node: nodeName, eventType, notBeforeSeconds: options.notBeforeSeconds }, (options.notBeforeSeconds + 30) * 1000,
  );
  return answer.outcome;
}

/** Removes a node's events from the metadata (Azure drops an event once the platform acted). */
export async function clearScheduledEvents(stateDir: string, nodeName: string): Promise<void> {
  await control(stateDir, 'POST', '/events/clear', { node: nodeName });
}

export interface LoadBalancerState {
  healthyNodes: string[];
  backends: Record<string, Array<{ node: string; host: string; port: number }>>;
}

/** What the load balancer currently forwards to (for list-endpoints, convergence checks, tests). */
export function loadBalancerState(stateDir: string): Promise<LoadBalancerState> {
  return control(stateDir, 'GET', '/load-balancer');
}

/** Asks the daemon to stop and waits until its process is gone (the caller may then kill it by record). */
export async function stopLabDaemon(stateDir: string, record: ProcessRecord, timeoutMs = 5_000): Promise<boolean> {
  await control(stateDir, 'POST', '/shutdown', undefined, 2_000).catch(() => undefined);
  const deadline = Date.now() + timeoutMs;
  while (await isAlive(record)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}
