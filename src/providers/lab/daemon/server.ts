// The lab daemon: one long-running process per lab, in the machine's own namespace, serving on
// the lab bridge's gateway address what Azure's platform gives the VMs and the user: instance
// metadata + Scheduled Events, the load balancer, and the monitor page. The lab core writes
// `daemon.json` in the lab's state folder (config.ts) and drives the daemon through `daemon.sock`
// (HTTP over a unix socket) with client.ts.
import { appendFileSync, existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { describeError, ToolkitError } from '../../../core/errors.js';
import { defaultPorts } from '../../../render/node-config.js';
import { daemonFiles, labMetadataPort, readDaemonConfig, type LabDaemonConfig, type LabDaemonNode } from './config.js';
import { readCappedBody } from './http-body.js';
import { dockerBackendDiscovery, type DockerNode } from './backend-discovery.js';
import { LabLoadBalancer } from './load-balancer.js';
import { ScheduledEventBoard, startMetadataServer, type MetadataIdentity, type ScheduledEventType } from './metadata.js';
import { readClusterStatus, renderMonitorPage } from './monitor.js';

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

/** How often a running daemon checks that its lab still exists. */
const orphanCheckMs = 2_000;

/**
 * How long the metadata server holds a watcher's Scheduled Events request while nothing changed
 * for it (event-long-poll.ts): well within the watcher's 120 s timeout for that call.
 */
const idleEventsHoldMs = 30_000;

/** Runs until a shutdown request or SIGTERM; called by process-entry for AZSWARM_LAB_PROCESS=lab-daemon. */
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
        holdIdleEventsMs: idleEventsHoldMs,
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
        discover: dockerBackendDiscovery(dockerNodes, ports.services),
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
      const { nodes, eventType, notBeforeSeconds } = body as { nodes?: string[]; eventType?: ScheduledEventType; notBeforeSeconds?: number };
      const identities = (Array.isArray(nodes) ? nodes : []).map((name) => ({ name, identity: context.identity(String(name)) }));
      const missing = identities.find((entry) => entry.identity === undefined);
      if (identities.length === 0 || missing) return sendJson(res, 404, { error: `nodes: no node named ${JSON.stringify(missing?.name)} in this lab` });
      const posted = context.events.post(identities.map((entry) => entry.identity!), eventType as ScheduledEventType, notBeforeSeconds ?? 0);
      context.log(`scheduled event ${posted.eventId}: ${eventType} for ${identities.map((entry) => entry.name).join(', ')}, not before ${notBeforeSeconds ?? 0} s`);
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
