// The helper and the health endpoint against hostile clients: the shipped swarm-node.py on lab
// nodes with real dockerds (two masters in one swarm, two agents), attacked from the machine
// (the lab bridge's address, like any host of the virtual network) and from inside an agent.
// Every hostile request has its expected status; the suite ends with `N tried, N refused, 0 granted`.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { promisify } from 'node:util';
import { engineGetJson } from '../../src/providers/lab/host/engine-api.js';
import { helperKeys, nodeHelperKey } from '../../src/render/helper-keys.js';
import { defaultPorts } from '../../src/render/node-config.js';
import { leftovers, noLeftovers } from '../lab/host-leftovers.js';
import { authHeaders, callNode, type Credentials } from './helper-client.js';
import { eventually, NodeCluster, type NodeProcess } from './node-cluster.js';

const MASTERS = ['master0', 'master1'];
const ATTACKER = 'agents000000';
const VICTIM = 'agents000001';
/** Low enough that the excess of a flood is refused, above the 1,000 idle connections that must fit. */
const MAX_CONNECTIONS = 1500;
const helperSecret = randomBytes(32).toString('hex');
const keys = helperKeys(helperSecret);
const cluster = new NodeCluster();
const running: Record<string, NodeProcess> = {};
const run = promisify(execFile);

interface Outcome {
  case: string;
  expected: number | 'closed';
  got: number | 'closed';
}
const outcomes: Outcome[] = [];

const address = (name: string) => cluster.node(name).address;
const nodeKey = (name: string) => nodeHelperKey(keys.agentRoot, name);
const signed = (method: string, path: string, credentials: Partial<Credentials> = {}) =>
  authHeaders(method, path, { key: keys.master, target: address('master0'), ...credentials });

/** A request from the machine (the bridge's address) to a master's helper. */
async function fromOutside(master: string, method: string, path: string, headers: Record<string, string>): Promise<number> {
  return (await callNode(address(master), defaultPorts.helper, method, path, headers)).status;
}

/** A request from inside a node's network namespace: its source address is the node's own. */
async function fromNode(node: string, master: string, path: string, headers: Record<string, string>): Promise<number> {
  const script = [
    'import http.client, json, sys',
    'a = json.loads(sys.argv[1])',
    'c = http.client.HTTPConnection(a["host"], a["port"], timeout=10)',
    'c.request("POST", a["path"], body=b"", headers=a["headers"])',
    'print(c.getresponse().status)',
  ].join('\n');
  const target = JSON.stringify({ host: address(master), port: defaultPorts.helper, path, headers });
  const { stdout } = await run('nsenter', [`--net=/var/run/netns/${cluster.node(node).link.netns}`, '/usr/bin/python3', '-c', script, target]);
  return Number(stdout.trim());
}

/** Raw bytes to a port; the status of the answer, or 'closed' when the server closed without one. */
function raw(host: string, port: number, request: string | Buffer): Promise<number | 'closed'> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const chunks: Buffer[] = [];
    socket.setTimeout(15_000, () => socket.destroy(new Error('no answer within 15 s')));
    socket.on('connect', () => socket.end(request));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve('closed') : reject(error)));
    socket.on('close', () => {
      const status = /^HTTP\/1\.[01] (\d{3}) /.exec(Buffer.concat(chunks).toString('latin1'));
      resolve(status ? Number(status[1]) : 'closed');
    });
  });
}

async function expectRefused(name: string, expected: number | 'closed', got: Promise<number | 'closed'>): Promise<void> {
  outcomes.push({ case: name, expected, got: await got });
}

/** Opens `count` connections to a port; each sends `prefix` (nothing: idle) and waits. */
async function openConnections(host: string, port: number, count: number, prefix = ''): Promise<Socket[]> {
  const sockets = await Promise.all(Array.from({ length: count }, () => new Promise<Socket>((resolve) => {
    const socket = connect({ host, port }, () => resolve(socket));
    socket.on('error', () => resolve(socket));
    if (prefix) socket.write(prefix);
  })));
  return sockets;
}

/** How the server ended each connection: the statuses it answered, or 'closed'. */
function endings(sockets: Socket[]): Promise<(number | 'closed')[]> {
  return Promise.all(sockets.map((socket) => new Promise<number | 'closed'>((resolve) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = () => {
      const status = /^HTTP\/1\.[01] (\d{3}) /.exec(Buffer.concat(chunks).toString('latin1'));
      resolve(status ? Number(status[1]) : 'closed');
    };
    if (socket.destroyed) done();
    else socket.on('close', done);
  })));
}

async function timedHealth(node: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const answer = await callNode(address(node), defaultPorts.health, 'GET', '/healthz');
  return { status: answer.status, ms: Math.round(performance.now() - started) };
}

beforeAll(async () => {
  await cluster.create([...MASTERS, ATTACKER, VICTIM]);
  await cluster.configure({
    cluster: 'hostile-test',
    masters: MASTERS.map((name) => ({ name, address: address(name) })),
    helperPort: defaultPorts.helper,
    healthPort: defaultPorts.health,
    // No metadata service here: the agents hold their node key (as lab agents do), and the
    // join command is not run on them (the test joins them through the Engine API).
    metadataUrl: `http://${cluster.network!.gateway}:9`,
    downGraceSeconds: 600,
    drainTimeoutSeconds: 30,
    eventPollSeconds: 1,
    maxConnections: MAX_CONNECTIONS,
  }, helperSecret);
  for (const name of MASTERS) running[`helper-${name}`] = cluster.start(name, 'helper');
  for (const name of cluster.nodes.keys()) running[`health-${name}`] = cluster.start(name, 'health');
  await eventually('both helpers to listen', 10_000, async () =>
    MASTERS.every((name) => running[`helper-${name}`].lines.some((line) => line.includes('listening'))) ? true : undefined);
  await cluster.runToEnd('master0', 'join');
  await cluster.runToEnd('master1', 'join');
  // The agents join with tokens the test asks for with their own node keys: the granted path.
  for (const agent of [ATTACKER, VICTIM]) {
    const path = `/v1/join/worker/${agent}`;
    const status = await fromNode(agent, 'master0', path, authHeaders('POST', path, { key: nodeKey(agent), target: address('master0') }));
    expect(status).toBe(200);
  }
  const token = await engineGetJson<{ JoinTokens: { Worker: string } }>(cluster.node('master0').socket, '/swarm');
  for (const agent of [ATTACKER, VICTIM]) {
    const joined = await cluster.engine(agent, 'POST', '/swarm/join', {
      ListenAddr: '0.0.0.0:2377', AdvertiseAddr: address(agent), RemoteAddrs: [`${address('master0')}:2377`], JoinToken: token.JoinTokens.Worker,
    });
    expect(joined.status).toBe(200);
  }
  await eventually('two managers and two workers ready', 60_000, async () => {
    const nodes = await cluster.swarmNodes('master0');
    return nodes.length === 4 && nodes.every((node) => node.Status.State === 'ready') ? true : undefined;
  });
}, 240_000);

afterAll(async () => {
  await cluster.destroy();
}, 120_000);

test('an agent\'s own key does what an agent needs, from its own address', async () => {
  for (const action of ['drain', 'leaving']) {
    const path = `/v1/nodes/${VICTIM}/${action}`;
    expect(await fromNode(VICTIM, 'master1', path, authHeaders('POST', path, { key: nodeKey(VICTIM), target: address('master1') }))).toBe(200);
  }
}, 60_000);

test('authentication: missing, wrong, stale, future, malformed and replayed credentials get 401', async () => {
  const drain = `/v1/nodes/${VICTIM}/drain`;
  const now = Math.floor(Date.now() / 1000);
  const cases: [string, Record<string, string>][] = [
    ['no credentials', {}],
    ['wrong key', signed('POST', drain, { key: randomBytes(32).toString('hex') })],
    ['signed for another path', signed('POST', `/v1/nodes/${ATTACKER}/drain`)],
    ['signed for another method', signed('GET', drain)],
    ['signed for master1, sent to master0', signed('POST', drain, { target: address('master1') })],
    ['stale timestamp (-120 s)', signed('POST', drain, { timestamp: now - 120 })],
    ['future timestamp (+120 s)', signed('POST', drain, { timestamp: now + 120 })],
    ['non-digit timestamp', signed('POST', drain, { timestamp: `${now}a` })],
    ['negative timestamp', signed('POST', drain, { timestamp: '-5' })],
    ['fractional timestamp', signed('POST', drain, { timestamp: `${now}.5` })],
    ['oversized timestamp (40 digits)', signed('POST', drain, { timestamp: '9'.repeat(40) })],
    ['non-ASCII digits as timestamp', signed('POST', drain, { timestamp: '\u00b9\u00b2\u00b3' })],
    ['empty nonce', signed('POST', drain, { nonce: '' })],
    ['oversized nonce (200)', signed('POST', drain, { nonce: 'n'.repeat(200) })],
    ['nonce with a newline escape', signed('POST', drain, { nonce: `${'a'.repeat(20)}%0a` })],
    ['empty signature', { ...signed('POST', drain), 'X-Swarm-Signature': '' }],
    ['uppercase signature', (() => { const headers = signed('POST', drain); return { ...headers, 'X-Swarm-Signature': headers['X-Swarm-Signature'].toUpperCase() }; })()],
  ];
  for (const [name, headers] of cases) await expectRefused(name, 401, fromOutside('master0', 'POST', drain, headers));

  // A captured request: granted once (the control, not counted), then void here and on master1.
  const path = `/v1/join/worker/${VICTIM}`;
  const captured = signed('POST', path);
  expect(await fromOutside('master0', 'POST', path, captured)).toBe(200);
  await expectRefused('replay to the same master', 401, fromOutside('master0', 'POST', path, captured));
  await expectRefused('replay to another master', 401, fromOutside('master1', 'POST', path, captured));
  await expectRefused('valid master key, unknown endpoint', 404, fromOutside('master0', 'POST', '/v1/swarm', signed('POST', '/v1/swarm')));
  await expectRefused('valid master key, GET', 405, fromOutside('master0', 'GET', drain, signed('GET', drain)));
  await expectRefused('master key: manager token for a name that is not a master', 403,
    fromOutside('master0', 'POST', `/v1/join/manager/${ATTACKER}`, signed('POST', `/v1/join/manager/${ATTACKER}`)));
}, 60_000);

test('an agent\'s key never gets a manager token nor acts on a master or on another agent', async () => {
  const own = (path: string, master = 'master0') => authHeaders('POST', path, { key: nodeKey(ATTACKER), target: address(master) });
  // What a scale set agent that holds the agent root can sign: any name's node key.
  const as = (name: string, path: string) => authHeaders('POST', path, { key: nodeKey(name), target: address('master0') });
  const attempts: [string, number, string, Record<string, string>][] = [
    ['own key: manager token for itself', 403, `/v1/join/manager/${ATTACKER}`, own(`/v1/join/manager/${ATTACKER}`)],
    ['own key: manager token for master1', 401, '/v1/join/manager/master1', own('/v1/join/manager/master1')],
    ['own key: drain master0', 401, '/v1/nodes/master0/drain', own('/v1/nodes/master0/drain')],
    ['own key: leaving mark on master1', 401, '/v1/nodes/master1/leaving', own('/v1/nodes/master1/leaving')],
    ['own key: drain another agent', 401, `/v1/nodes/${VICTIM}/drain`, own(`/v1/nodes/${VICTIM}/drain`)],
    ['own key: leaving mark on another agent', 401, `/v1/nodes/${VICTIM}/leaving`, own(`/v1/nodes/${VICTIM}/leaving`)],
    ['own key: worker token for another agent', 401, `/v1/join/worker/${VICTIM}`, own(`/v1/join/worker/${VICTIM}`)],
    ['agent root: master0\'s node key, manager token', 403, '/v1/join/manager/master0', as('master0', '/v1/join/manager/master0')],
    ['agent root: master0\'s node key, drain master0', 403, '/v1/nodes/master0/drain', as('master0', '/v1/nodes/master0/drain')],
    ['agent root: master1\'s node key, worker token (stale-entry removal)', 403, '/v1/join/worker/master1', as('master1', '/v1/join/worker/master1')],
    ['agent root: another agent\'s key, drain it', 403, `/v1/nodes/${VICTIM}/drain`, as(VICTIM, `/v1/nodes/${VICTIM}/drain`)],
    ['agent root: another agent\'s key, leaving mark', 403, `/v1/nodes/${VICTIM}/leaving`, as(VICTIM, `/v1/nodes/${VICTIM}/leaving`)],
  ];
  for (const [name, expected, path, headers] of attempts) await expectRefused(`from the attacker agent, ${name}`, expected, fromNode(ATTACKER, 'master0', path, headers));
  // Its own key from another address (the machine's): it acts on itself only from itself.
  await expectRefused('own key from another address: drain itself', 403,
    fromOutside('master0', 'POST', `/v1/nodes/${ATTACKER}/drain`, own(`/v1/nodes/${ATTACKER}/drain`)));
  const nodes = await cluster.swarmNodes('master0');
  expect(nodes.filter((node) => node.Spec.Availability === 'drain').map((node) => node.Description.Hostname)).toEqual([VICTIM]);
  expect(nodes.filter((node) => node.Spec.Role === 'manager').map((node) => node.Description.Hostname).sort()).toEqual(MASTERS);
}, 60_000);

test('hostile names and malformed HTTP are refused before anything runs', async () => {
  const snapshot = async () => (await cluster.swarmNodes('master0')).map((node) => `${node.ID} v${node.Version.Index}`).sort();
  const before = await snapshot();
  for (const name of [`${ATTACKER}\n`, 'a;reboot', '../x', 'a'.repeat(300), 'x\u0000y', '\u00e4gent', '-dash']) {
    const path = `/v1/nodes/${encodeURIComponent(name)}/drain`;
    await expectRefused(`name ${JSON.stringify(name.slice(0, 20))}`, 400, fromOutside('master0', 'POST', path, signed('POST', path)));
  }
  const helper = address('master0');
  const port = defaultPorts.helper;
  const head = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;
  const rawCases: [string, number, string | Buffer][] = [
    ['oversized header (9,000 bytes)', 431, head(['POST /v1/join/worker/x HTTP/1.1', `X-Pad: ${'p'.repeat(9000)}`])],
    ['40 headers', 431, head(['POST /v1/join/worker/x HTTP/1.1', ...Array.from({ length: 40 }, (_, index) => `X-H${index}: 1`)])],
    ['oversized path (2,000)', 414, head([`POST /${'p'.repeat(2000)} HTTP/1.1`])],
    ['oversized path (20,000, no line end)', 414, `POST /${'p'.repeat(20_000)}`],
    ['a body', 413, head(['POST /v1/join/worker/x HTTP/1.1', 'Content-Length: 10']) + '0123456789'],
    ['chunked body', 413, head(['POST /v1/join/worker/x HTTP/1.1', 'Transfer-Encoding: chunked'])],
    ['garbage request line', 400, head(['HELLO'])],
    ['repeated signature header', 400, head(['POST /v1/join/worker/x HTTP/1.1', 'X-Swarm-Signature: a', 'X-Swarm-Signature: b'])],
    ['binary junk', 400, Buffer.concat([randomBytes(64).map((byte) => (byte === 13 || byte === 10 ? 32 : byte)), Buffer.from('\r\n\r\n')])],
  ];
  for (const [name, expected, request] of rawCases) await expectRefused(name, expected, raw(helper, port, request));
  await expectRefused('health port: POST', 405, raw(address(VICTIM), defaultPorts.health, head(['POST /healthz HTTP/1.1'])));
  await expectRefused('health port: another path', 404, raw(address(VICTIM), defaultPorts.health, head(['GET /v1/join/worker/x HTTP/1.1'])));
  expect(await snapshot()).toEqual(before);
}, 60_000);

test('1,000 idle connections on the helper and 1,000 on a health port: /healthz answers within 1 s, then the server closes them', async () => {
  const started = performance.now();
  const idleHelper = await openConnections(address('master0'), defaultPorts.helper, 1000);
  const idleHealth = await openConnections(address('master0'), defaultPorts.health, 1000);
  const helperEndings = endings(idleHelper);
  const healthEndings = endings(idleHealth);
  const probes = [await timedHealth('master0'), await timedHealth('master0'), await timedHealth('master0')];
  const path = `/v1/join/worker/${VICTIM}`;
  const signedDuring = await fromOutside('master0', 'POST', path, signed('POST', path));
  const [helperEnds, healthEnds] = await Promise.all([helperEndings, healthEndings]);
  const closedAfter = Math.round(performance.now() - started);
  console.log(`idle flood: /healthz in ${probes.map((probe) => probe.ms).join(', ')} ms with 2,000 idle connections; all closed after ${closedAfter} ms`);
  expect(probes.every((probe) => probe.status === 200 && probe.ms < 1000)).toBe(true);
  expect(signedDuring).toBe(200);
  const count = (values: (number | 'closed')[], value: number | 'closed') => values.filter((item) => item === value).length;
  outcomes.push({ case: '1,000 idle connections to the helper', expected: 408, got: count(helperEnds, 408) === 1000 ? 408 : 'closed' });
  outcomes.push({ case: '1,000 idle connections to the health port', expected: 408, got: count(healthEnds, 408) === 1000 ? 408 : 'closed' });
  expect(closedAfter).toBeLessThan(15_000);
}, 60_000);

test('slow requests meet the deadline and a flood beyond the cap is refused at once', async () => {
  // 100 clients dripping a valid-looking head one byte every 500 ms: 408 after 5 s, not later.
  const slow = await openConnections(address('master0'), defaultPorts.helper, 100);
  const drip = setInterval(() => { for (const socket of slow) if (!socket.destroyed) socket.write('X'); }, 500);
  const started = performance.now();
  const slowEnds = await endings(slow);
  clearInterval(drip);
  const slowMs = Math.round(performance.now() - started);
  outcomes.push({ case: '100 slow (drip) connections', expected: 408, got: slowEnds.every((end) => end === 408) ? 408 : 'closed' });
  expect(slowMs).toBeLessThan(8_000);

  // 2,000 at once against a cap of 1,500: at least 500 are closed without an answer, quickly.
  const flood = await openConnections(address(ATTACKER), defaultPorts.health, 2000);
  const floodStarted = performance.now();
  // For each connection: ms until the server closed it, or undefined when it was kept (1 s).
  const closedAt = await Promise.all(flood.map((socket) => new Promise<number | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 1000);
    const closed = () => { clearTimeout(timer); resolve(performance.now() - floodStarted); };
    if (socket.destroyed) closed();
    else socket.once('close', closed);
  })));
  const closedTimes = closedAt.filter((time): time is number => time !== undefined);
  const refusedQuickly = closedTimes.length;
  console.log(`flood of 2,000 against a cap of ${MAX_CONNECTIONS}: ${refusedQuickly} closed by the server, the last ${Math.round(Math.max(0, ...closedTimes))} ms after the flood was open`);
  outcomes.push({ case: `2,000 connections against a cap of ${MAX_CONNECTIONS}`, expected: 'closed', got: refusedQuickly >= 2000 - MAX_CONNECTIONS ? 'closed' : 200 });
  for (const socket of flood) socket.destroy();
  // Once the flood ends the node answers again.
  await eventually('health answers again after the flood', 10_000, async () => ((await timedHealth(ATTACKER)).status === 200 ? true : undefined));
}, 60_000);

test('the tally: every hostile request refused with its expected status, none granted', () => {
  const granted = outcomes.filter((outcome) => outcome.got === 200);
  const refused = outcomes.filter((outcome) => outcome.got !== 200);
  console.log(`${outcomes.length} tried, ${refused.length} refused, ${granted.length} granted`);
  expect(outcomes.filter((outcome) => outcome.got !== outcome.expected)).toEqual([]);
  expect(outcomes.length).toBeGreaterThanOrEqual(40);
  expect(granted).toEqual([]);
  // The helpers' logs carry reasons, never a credential or a token.
  const logs = MASTERS.map((name) => running[`helper-${name}`].lines.join('\n')).join('\n');
  expect(logs).toContain('bad signature');
  expect(logs).not.toMatch(/[0-9a-f]{64}|SWMTKN/);
});

test('nothing of the test cluster is left on the machine', async () => {
  const marker = `azs-${cluster.lab}-`;
  const where = { netnsMarker: marker, linkMarker: cluster.network!.bridge, cgroupMarker: marker, folder: cluster.root };
  await cluster.destroy();
  expect(await leftovers(where)).toEqual(noLeftovers);
}, 120_000);
