// The metadata server over real HTTP. Nodes are told apart by source address: here each "node"
// sends from its own loopback address (127.0.0.21-23); lab-daemon.test.ts does the same from
// real node namespaces on a lab bridge.
import type { Server } from 'node:http';
import { request } from 'node:http';
import { ScheduledEventBoard, startMetadataServer, type MetadataIdentity, type ScheduledEventsDocument } from '../../../src/providers/lab/daemon/metadata.js';

const identities: MetadataIdentity[] = [
  { name: 'master0', vmName: 'master0', vmId: '00000000-0000-4000-8000-000000000000', role: 'master', address: '127.0.0.21', lab: 'mdtest' },
  { name: 'agents000001', vmName: 'agents_1', vmId: '11111111-1111-4111-8111-111111111111', role: 'agent', address: '127.0.0.22', lab: 'mdtest', scaleSet: 'agents' },
  { name: 'agents000002', vmName: 'agents_2', vmId: '22222222-2222-4222-8222-222222222222', role: 'agent', address: '127.0.0.23', lab: 'mdtest', scaleSet: 'agents' },
];
const [master, agent1, agent2] = identities as [MetadataIdentity, MetadataIdentity, MetadataIdentity];
const eventsPath = '/metadata/scheduledevents?api-version=2020-07-01';
const computePath = '/metadata/instance/compute?api-version=2021-02-01';

let server: Server;
let port: number;
let board: ScheduledEventBoard;

interface Answer {
  status: number;
  text: string;
  json: () => unknown;
}

function call(from: MetadataIdentity | string, path: string, options: { method?: string; body?: unknown; metadataHeader?: boolean } = {}): Promise<Answer> {
  const localAddress = typeof from === 'string' ? from : from.address;
  const headers: Record<string, string> = options.metadataHeader === false ? {} : { Metadata: 'true' };
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', localAddress, headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, json: () => JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(options.body === undefined ? undefined : JSON.stringify(options.body));
  });
}

const events = async (from: MetadataIdentity) => (await call(from, eventsPath)).json() as ScheduledEventsDocument;

beforeAll(async () => {
  board = new ScheduledEventBoard();
  server = await startMetadataServer({ address: '127.0.0.1', port: 0, events: board, identify: (address) => identities.find((node) => node.address === address) });
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  board.close();
  await new Promise((resolve) => server.close(resolve));
});

test('requests without the Metadata header or api-version get 400, like Azure', async () => {
  const noHeader = await call(agent1, eventsPath, { metadataHeader: false });
  expect(noHeader.status).toBe(400);
  expect(noHeader.json()).toEqual({ error: 'Bad request. Required metadata header not specified' });
  expect((await call(agent1, '/metadata/scheduledevents')).status).toBe(400);
});

test('each node gets its own compute metadata, chosen by its source address', async () => {
  const compute = (await call(agent1, computePath)).json() as Record<string, unknown>;
  expect(compute).toMatchObject({ name: 'agents_1', vmId: agent1.vmId, vmScaleSetName: 'agents', resourceGroupName: 'mdtest', osType: 'Linux' });
  expect(compute.osProfile).toMatchObject({ computerName: 'agents000001' });
  expect((await call(master, computePath)).json()).toMatchObject({ name: 'master0', vmId: master.vmId });
  const name = await call(agent2, '/metadata/instance/compute/name?api-version=2021-02-01&format=text');
  expect(name.text).toBe('agents_2');
  const instance = (await call(agent2, '/metadata/instance?api-version=2021-02-01')).json() as { network: { interface: Array<{ ipv4: { ipAddress: Array<{ privateIpAddress: string }> } }> } };
  expect(instance.network.interface[0]!.ipv4.ipAddress[0]!.privateIpAddress).toBe('127.0.0.23');
  expect((await call('127.0.0.99', computePath)).status).toBe(403);
});

test('an event shows with Azure\'s shape to the VMs of its scale set, and an acknowledgement starts it', async () => {
  const before = (await events(agent1)).DocumentIncarnation;
  const posted = board.post(agent1, 'Terminate', 300);
  const seen = await events(agent2); // the whole scale set sees it: watchers must check Resources
  expect(seen.DocumentIncarnation).toBeGreaterThan(before);
  expect(seen.Events).toEqual([
    {
      EventId: posted.eventId,
      EventType: 'Terminate',
      ResourceType: 'VirtualMachine',
      Resources: ['agents_1'],
      EventStatus: 'Scheduled',
      NotBefore: expect.stringMatching(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/),
      Description: expect.any(String),
      EventSource: 'User',
      DurationInSeconds: -1,
    },
  ]);
  expect(Date.parse(seen.Events[0]!.NotBefore) - Date.now()).toBeGreaterThan(290_000);
  expect((await events(master)).Events).toEqual([]); // the masters' availability set does not

  const unknown = await call(agent1, eventsPath, { method: 'POST', body: { StartRequests: [{ EventId: 'NOPE' }] } });
  expect(unknown.status).toBe(400);
  const malformed = await call(agent1, eventsPath, { method: 'POST', body: { Start: [] } });
  expect(malformed.status).toBe(400);

  const ack = await call(agent1, eventsPath, { method: 'POST', body: { StartRequests: [{ EventId: posted.eventId }] } });
  expect(ack.status).toBe(200);
  await expect(posted.started).resolves.toBe('acknowledged');
  const after = await events(agent1);
  expect(after.Events[0]!.EventStatus).toBe('Started');
  expect(after.DocumentIncarnation).toBeGreaterThan(seen.DocumentIncarnation);

  board.clear('agents000001');
  expect((await events(agent1)).Events).toEqual([]);
});

test('an event nobody acknowledges starts when NotBefore passes', async () => {
  const started = Date.now();
  const posted = board.post(agent2, 'Reboot', 1);
  expect((await events(agent2)).Events[0]).toMatchObject({ EventStatus: 'Scheduled', EventType: 'Reboot' });
  await expect(posted.started).resolves.toBe('timed-out');
  const waited = Date.now() - started;
  // NotBefore has whole seconds on the wire: the start comes 1 to 2 s later
  expect(waited).toBeGreaterThanOrEqual(990);
  expect(waited).toBeLessThan(2_100);
  expect((await events(agent2)).Events[0]!.EventStatus).toBe('Started');
  board.clear('agents000002');
});

test('a scale-in of several instances is ONE event naming them all; clearing one of them drops it', async () => {
  const posted = board.post([agent1, agent2], 'Terminate', 300);
  const seen = (await events(agent1)).Events;
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatchObject({ EventId: posted.eventId, EventType: 'Terminate', Resources: ['agents_1', 'agents_2'], EventStatus: 'Scheduled' });
  expect((await events(agent2)).Events.map((event) => event.EventId)).toEqual([posted.eventId]);
  // either VM's acknowledgement starts it (the node software waits until all of them have left)
  expect((await call(agent2, eventsPath, { method: 'POST', body: { StartRequests: [{ EventId: posted.eventId }] } })).status).toBe(200);
  await expect(posted.started).resolves.toBe('acknowledged');
  board.clear('agents000001');
  expect((await events(agent2)).Events).toEqual([]);
  expect(() => board.post([master, agent1], 'Terminate', 1)).toThrow(/nodes: an event names one or more nodes, all masters or all agents/);
  expect(() => board.post([], 'Terminate', 1)).toThrow(/nodes: /);
});

test('bad event requests name the setting and the rule', () => {
  expect(() => board.post(agent1, 'Explode' as never, 1)).toThrow(/eventType: must be one of Freeze, Reboot, Redeploy, Preempt, Terminate/);
  expect(() => board.post(agent1, 'Reboot', -1)).toThrow(/notBeforeSeconds: must be a number of seconds, 0 or more/);
});

describe('the lab\'s long poll: an unchanged document without events is answered when something changes', () => {
  let heldServer: Server;
  let heldPort: number;
  let heldBoard: ScheduledEventBoard;

  const get = (from: MetadataIdentity) => new Promise<ScheduledEventsDocument>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: heldPort, path: eventsPath, localAddress: from.address, headers: { Metadata: 'true' }, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve(JSON.parse(text) as ScheduledEventsDocument));
    });
    req.on('error', reject);
    req.end();
  });
  /** Whether `answer` is still unanswered after the server had time to answer it. */
  const stillHeld = async (answer: Promise<unknown>) => {
    let settled = false;
    void answer.then(() => (settled = true), () => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    return !settled;
  };

  beforeAll(async () => {
    heldBoard = new ScheduledEventBoard();
    // longer than jest's 5 s per test: a request held by mistake fails its test
    heldServer = await startMetadataServer({
      address: '127.0.0.1', port: 0, events: heldBoard, holdIdleEventsMs: 60_000,
      identify: (address) => identities.find((node) => node.address === address),
    });
    heldPort = (heldServer.address() as { port: number }).port;
  });

  afterAll(async () => {
    heldBoard.close();
    await new Promise((resolve) => heldServer.close(resolve));
  });

  test('the first request is answered at once; the next waits for the event, which it gets as soon as it is posted', async () => {
    const first = await get(agent1);
    expect(first.Events).toEqual([]);
    const next = get(agent1);
    expect(await stillHeld(next)).toBe(true);
    expect((await get(agent2)).Events).toEqual([]); // another node's first request is not held behind it
    const posted = heldBoard.post(agent1, 'Reboot', 300);
    const seen = await next;
    expect(seen.Events.map((event) => event.EventId)).toEqual([posted.eventId]);
    expect(seen.DocumentIncarnation).toBeGreaterThan(first.DocumentIncarnation);
    // with an event in it, every request is answered at once (a watcher waiting for others looks every poll)
    expect((await get(agent1)).Events).toHaveLength(1);
    expect((await get(agent1)).Events).toHaveLength(1);
    heldBoard.clear('agents000001');
    expect((await get(agent1)).Events).toEqual([]); // changed since its last answer: at once
  });

  test('one request per node is held: a second one at the same time is answered at once', async () => {
    await get(agent2);
    const held = get(agent2);
    expect(await stillHeld(held)).toBe(true);
    expect((await get(agent2)).Events).toEqual([]);
    heldBoard.post(master, 'Freeze', 300); // any change of the board answers the held request
    expect((await held).Events).toEqual([]); // the masters' event is not the agents'
    heldBoard.clear('master0');
  });

  test('a watcher that goes away frees its place, and closing the board answers every held request', async () => {
    await get(master);
    const gone = request({ host: '127.0.0.1', port: heldPort, path: eventsPath, localAddress: master.address, headers: { Metadata: 'true' }, agent: false });
    gone.on('error', () => undefined);
    gone.end();
    await new Promise((resolve) => setTimeout(resolve, 300));
    gone.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const held = get(master); // held again: the place the gone request took is free
    expect(await stillHeld(held)).toBe(true);
    heldBoard.close();
    expect((await held).Events).toEqual([]);
  });
});

test('without the long poll (Azure\'s behaviour) an unchanged document is answered at once, every time', async () => {
  const first = await events(master);
  expect(await events(master)).toEqual(first);
});
