// Azure's Instance Metadata Service as the lab's nodes see it: instance/compute and Scheduled
// Events, with Azure's REST shapes. Served on the lab bridge's own address (never on
// 169.254.169.254 in the machine's namespace, which the machine itself uses); a node is told
// apart by its request's source address, as each node has its own address on the bridge.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ToolkitError } from '../../../core/errors.js';
import { EventLongPoll } from './event-long-poll.js';
import { readCappedBody } from './http-body.js';

/** Who a node is, as its metadata shows it. */
export interface MetadataIdentity {
  /** Hostname (computer name): master0, agents1a2b3c. */
  name: string;
  /** VM name as `compute.name` and event `Resources` show it. */
  vmName: string;
  vmId: string;
  role: 'master' | 'agent';
  address: string;
  lab: string;
  /** Scale set name (agents only). */
  scaleSet?: string;
}

export const scheduledEventTypes = ['Freeze', 'Reboot', 'Redeploy', 'Preempt', 'Terminate'] as const;
export type ScheduledEventType = (typeof scheduledEventTypes)[number];
export type EventOutcome = 'acknowledged' | 'timed-out';

interface ScheduledEvent {
  id: string;
  type: ScheduledEventType;
  /** The VMs it names (Azure names every instance of one scale-in in one event); all of one group. */
  nodes: MetadataIdentity[];
  status: 'Scheduled' | 'Started';
  notBefore: Date;
  timer: NodeJS.Timeout;
  resolve(outcome: EventOutcome): void;
}

/** The JSON body of `GET /metadata/scheduledevents`. */
export interface ScheduledEventsDocument {
  DocumentIncarnation: number;
  Events: Array<{
    EventId: string;
    EventType: ScheduledEventType;
    ResourceType: 'VirtualMachine';
    Resources: string[];
    EventStatus: 'Scheduled' | 'Started';
    NotBefore: string;
    Description: string;
    EventSource: 'User' | 'Platform';
    DurationInSeconds: number;
  }>;
}

/**
 * The events the lab has announced. Like Azure, every VM of the same availability set (the
 * masters) or scale set (the agents) sees the group's events: a watcher must check `Resources`.
 * An event becomes Started when acknowledged or when its NotBefore passes.
 */
export class ScheduledEventBoard {
  private incarnation = 1;
  private readonly events: ScheduledEvent[] = [];
  private readonly listeners = new Set<() => void>();

  /** Calls `listener` once, at the board's next change or its close; returns the cancel. */
  onNextChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Announces an event for one node or several of one group (a scale-in of many instances is one
   * Terminate event naming them all); resolves when it is Started, telling whether a node acknowledged.
   */
  post(target: MetadataIdentity | MetadataIdentity[], type: ScheduledEventType, notBeforeSeconds: number): { eventId: string; started: Promise<EventOutcome> } {
    const nodes = Array.isArray(target) ? target : [target];
    if (nodes.length === 0 || nodes.some((node) => node.role !== nodes[0].role)) {
      throw new ToolkitError('nodes: an event names one or more nodes, all masters or all agents', 'setting-invalid');
    }
    if (!scheduledEventTypes.includes(type)) {
      throw new ToolkitError(`eventType: must be one of ${scheduledEventTypes.join(', ')} (got ${JSON.stringify(type)})`, 'setting-invalid');
    }
    if (!Number.isFinite(notBeforeSeconds) || notBeforeSeconds < 0) {
      throw new ToolkitError(`notBeforeSeconds: must be a number of seconds, 0 or more (got ${notBeforeSeconds})`, 'setting-invalid');
    }
    const id = randomUUID().toUpperCase();
    let resolve!: (outcome: EventOutcome) => void;
    const started = new Promise<EventOutcome>((done) => (resolve = done));
    // NotBefore is whole seconds on the wire (RFC 1123), so the timeout rounds up to match it.
    const notBefore = new Date(Math.ceil((Date.now() + notBeforeSeconds * 1000) / 1000) * 1000);
    const timer = setTimeout(() => this.start(id, 'timed-out'), notBefore.getTime() - Date.now());
    this.events.push({ id, type, nodes, status: 'Scheduled', notBefore, timer, resolve });
    this.changed();
    return { eventId: id, started };
  }

  /** Events visible to a node: those of its group (availability set or scale set). */
  documentFor(node: MetadataIdentity): ScheduledEventsDocument {
    return {
      DocumentIncarnation: this.incarnation,
      Events: this.events
        .filter((event) => event.nodes[0].role === node.role)
        .map((event) => ({
          EventId: event.id,
          EventType: event.type,
          ResourceType: 'VirtualMachine',
          Resources: event.nodes.map((named) => named.vmName),
          EventStatus: event.status,
          NotBefore: event.notBefore.toUTCString(),
          Description: `${event.type} requested by the lab for ${event.nodes.map((named) => named.vmName).join(', ')}`,
          EventSource: 'User',
          DurationInSeconds: -1,
        })),
    };
  }

  /** A node's `StartRequests`; returns the ids that no event of the node's group has. */
  acknowledge(node: MetadataIdentity, eventIds: string[]): string[] {
    const unknown = eventIds.filter((id) => !this.events.some((event) => event.id === id && event.nodes[0].role === node.role));
    if (unknown.length === 0) for (const id of eventIds) this.start(id, 'acknowledged');
    return unknown;
  }

  /** Removes the events naming a node (the lab has acted on them); their waiters get 'timed-out'. */
  clear(nodeName: string): void {
    const names = (event: ScheduledEvent) => event.nodes.some((node) => node.name === nodeName);
    const kept = this.events.filter((event) => !names(event));
    if (kept.length === this.events.length) return;
    for (const event of this.events) {
      if (names(event)) {
        clearTimeout(event.timer);
        event.resolve('timed-out');
      }
    }
    this.events.splice(0, this.events.length, ...kept);
    this.changed();
  }

  /** Drops every event and timer, and lets go of every listener (daemon shutdown). */
  close(): void {
    for (const name of new Set(this.events.flatMap((event) => event.nodes.map((node) => node.name)))) this.clear(name);
    this.notify();
  }

  private changed(): void {
    this.incarnation += 1;
    this.notify();
  }

  private notify(): void {
    const waiting = [...this.listeners];
    this.listeners.clear();
    for (const listener of waiting) listener();
  }

  private start(id: string, outcome: EventOutcome): void {
    const event = this.events.find((candidate) => candidate.id === id);
    if (!event || event.status === 'Started') return;
    clearTimeout(event.timer);
    event.status = 'Started';
    this.changed();
    event.resolve(outcome);
  }
}

export interface MetadataServerOptions {
  address: string;
  port: number;
  /** The node behind a source address, or undefined for an address that is no lab node. */
  identify(sourceAddress: string): MetadataIdentity | undefined;
  events: ScheduledEventBoard;
  /** The lab's long poll of Scheduled Events (event-long-poll.ts); 0 or absent: every answer at once, as Azure's. */
  holdIdleEventsMs?: number;
}

/** Starts the metadata server; resolves once it listens. */
export async function startMetadataServer(options: MetadataServerOptions): Promise<Server> {
  const polls = new EventLongPoll(options.events, options.holdIdleEventsMs ?? 0);
  const server = createServer((req, res) => {
    handleMetadataRequest(req, res, options, polls).catch((error: Error) => reply(res, 500, { error: error.message }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.address, () => resolve());
  });
  return server;
}

function reply(res: ServerResponse, status: number, body: unknown, contentType = 'application/json; charset=utf-8'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function handleMetadataRequest(req: IncomingMessage, res: ServerResponse, options: MetadataServerOptions, polls: EventLongPoll<MetadataIdentity, ScheduledEventsDocument>): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://metadata');
  // Azure's own rules: the header proves the request comes from code that means to ask IMDS.
  if (req.headers.metadata !== 'true') return reply(res, 400, { error: 'Bad request. Required metadata header not specified' });
  if (!url.searchParams.get('api-version')) return reply(res, 400, { error: 'Bad request. api-version was not specified in the request' });
  const source = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  const node = options.identify(source);
  if (!node) return reply(res, 403, { error: `Forbidden. ${source} is not a node of this lab` });
  const path = url.pathname.replace(/\/+$/, '');

  if (path === '/metadata/scheduledevents') {
    if (req.method === 'GET') {
      const document = await polls.answer(req, node);
      return document && reply(res, 200, document);
    }
    if (req.method === 'POST') return acknowledgeEvents(req, res, node, options.events);
    return reply(res, 405, { error: 'Method not allowed' });
  }
  if (req.method !== 'GET') return reply(res, 405, { error: 'Method not allowed' });
  const document = { compute: computeDocument(node), network: networkDocument(node) };
  const value = path.startsWith('/metadata/instance') ? lookup(document, path.slice('/metadata/instance'.length)) : undefined;
  if (value === undefined) return reply(res, 404, { error: 'Not found' });
  if (url.searchParams.get('format') === 'text') {
    if (typeof value === 'object') return reply(res, 400, { error: 'Bad request. Text format is only supported for leaf nodes' });
    return reply(res, 200, String(value), 'text/plain; charset=utf-8');
  }
  return reply(res, 200, value);
}

async function acknowledgeEvents(req: IncomingMessage, res: ServerResponse, node: MetadataIdentity, events: ScheduledEventBoard): Promise<void> {
  let body: { StartRequests?: Array<{ EventId?: unknown }> };
  try {
    body = JSON.parse(await readCappedBody(req)) as typeof body;
  } catch {
    return reply(res, 400, { error: 'Bad request. The body is not JSON' });
  }
  const ids = Array.isArray(body.StartRequests) ? body.StartRequests.map((request) => request.EventId) : undefined;
  if (!ids || ids.length === 0 || !ids.every((id): id is string => typeof id === 'string')) {
    return reply(res, 400, { error: 'Bad request. Expected {"StartRequests": [{"EventId": "..."}]}' });
  }
  const unknown = events.acknowledge(node, ids);
  if (unknown.length > 0) return reply(res, 400, { error: `Bad request. Unknown EventId: ${unknown.join(', ')}` });
  reply(res, 200, '', 'text/plain');
}

/** `/compute/name` -> document.compute.name; '' -> the whole document. */
function lookup(document: object, path: string): unknown {
  let value: unknown = document;
  for (const key of path.split('/').filter(Boolean)) {
    if (value === null || typeof value !== 'object' || !(key in value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function computeDocument(node: MetadataIdentity) {
  return {
    azEnvironment: 'AzurePublicCloud',
    location: 'lab',
    name: node.vmName,
    osType: 'Linux',
    osProfile: { adminUsername: '', computerName: node.name, disablePasswordAuthentication: 'true' },
    provider: 'Microsoft.Compute',
    resourceGroupName: node.lab,
    tags: '',
    tagsList: [],
    vmId: node.vmId,
    vmScaleSetName: node.scaleSet ?? '',
    vmSize: 'Lab',
    zone: '',
  };
}

function networkDocument(node: MetadataIdentity) {
  return {
    interface: [{ ipv4: { ipAddress: [{ privateIpAddress: node.address, publicIpAddress: '' }], subnet: [] }, ipv6: { ipAddress: [] }, macAddress: '' }],
  };
}
