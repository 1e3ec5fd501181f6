// Security of a REAL lab after the full demo sequence (1 master, agents scaled 3 -> 7 -> 3,
// services, stack, chaos monkey; kept up): an agent's own credential, used from inside the agent
// with the shipped node software, cannot get a manager token nor act on a master; the monitor
// answers nothing of the Engine API; and no secret the lab generated (keys, helper keys, join
// tokens) shows in what the CLI printed nor in any log of the lab, its daemon or its nodes.
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { engineGetJson } from '../../src/providers/lab/host/engine-api.js';
import { secretNames } from '../../src/providers/lab/lab-context.js';
import { hostDockerSocket, nodeExec } from '../../src/providers/lab/host/node-host.js';
import { labDir, readLabState, readSecret, type LabState } from '../../src/providers/lab/state.js';
import { helperKeys, nodeHelperKey } from '../../src/render/helper-keys.js';
import { defaultPorts } from '../../src/render/node-config.js';
import { cli } from '../cli/run-cli.js';
import { useTemporaryLabRoot } from './lab-support.js';

const lab = `sec${process.pid % 1000}`;
let root: string;
let state: LabState;
const printed: string[] = [];

async function azswarm(...argv: string[]): Promise<void> {
  const run = await cli(...argv);
  printed.push(run.stdout, run.stderr);
  if (run.code !== 0) throw new Error(`azswarm ${argv.join(' ')} ended with ${run.code}:\n${run.stdout}\n${run.stderr}`);
}

function httpGet(host: string, port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path}: no answer`)));
    req.on('error', reject);
    req.end();
  });
}

/** The node software's own client, run inside a node: its credential, its address, its code. */
const asNode = `
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("swarm_node", "/usr/local/lib/swarm-cluster/swarm_node.py")
node = importlib.util.module_from_spec(spec)
spec.loader.exec_module(node)
config = node.load_config()
key = node.load_key(config)
master = config["masters"][0]
answers = {}
for path in json.loads(sys.argv[1]):
    status, _ = node.call_helper(key, master["address"], config["helperPort"], "POST", path)
    answers[path] = status
print(json.dumps({"kind": key.kind, "name": key.name, "answers": answers}))
`;

beforeAll(async () => {
  root = await useTemporaryLabRoot();
  await azswarm('demo', '--name', lab, '--keep');
  await azswarm('list-endpoints', '--name', lab);
  await azswarm('deploy-monitor', '--name', lab);
  state = (await readLabState(labDir(lab)))!;
}, 900_000);

afterAll(async () => {
  await cli('destroy-cluster', '--name', lab);
  await rm(root, { recursive: true, force: true });
}, 180_000);

test('an agent holds only its own node key, which gets its worker token but no manager token and no master', async () => {
  const agent = state.nodes.find((node) => node.role === 'agent')!;
  const files = (await nodeExec(agent.host!, ['ls', '/etc/swarm-cluster'])).stdout.trim().split('\n').sort();
  expect(files).toEqual(['cluster.json', 'node.key']);
  const paths = [
    `/v1/join/worker/${agent.name}`,
    `/v1/join/manager/${agent.name}`,
    '/v1/join/manager/master0',
    '/v1/nodes/master0/drain',
    '/v1/nodes/master0/leaving',
  ];
  const result = JSON.parse((await nodeExec(agent.host!, ['python3', '-c', asNode, JSON.stringify(paths)])).stdout) as { kind: string; name: string; answers: Record<string, number> };
  expect(result).toEqual({
    kind: 'node',
    name: agent.name,
    answers: {
      [`/v1/join/worker/${agent.name}`]: 200,
      [`/v1/join/manager/${agent.name}`]: 403,
      '/v1/join/manager/master0': 401,
      '/v1/nodes/master0/drain': 401,
      '/v1/nodes/master0/leaving': 401,
    },
  });
  const master = await engineGetJson<{ Spec: { Availability: string; Labels: Record<string, string> } }[]>(
    hostDockerSocket(state.nodes.find((node) => node.name === 'master0')!.dir), '/nodes?filters=%7B%22role%22%3A%5B%22manager%22%5D%7D');
  expect(master.map((node) => [node.Spec.Availability, Object.keys(node.Spec.Labels)])).toEqual([['active', []]]);
}, 60_000);

test('the monitor serves its page and status only: no Engine API endpoint, no token, no environment', async () => {
  const gateway = state.network!.gateway;
  const engineApi = ['/swarm', '/apis/swarm', '/secrets', '/configs', '/services', '/apis/services', '/nodes', '/tasks', '/info',
    '/containers/json', '/v1.41/swarm', '/_ping', '/version', '/services/x', '/status.json/../swarm', '/%2e%2e/swarm'];
  const answers = Object.fromEntries(await Promise.all(engineApi.map(async (path) => [path, (await httpGet(gateway, defaultPorts.visualizer, path)).status])));
  expect(answers).toEqual(Object.fromEntries(engineApi.map((path) => [path, 404])));
  for (const path of ['/', '/status.json']) {
    const page = await httpGet(gateway, defaultPorts.visualizer, path);
    expect(page.status).toBe(200);
    expect(page.body).not.toMatch(/SWMTKN|JoinTokens|"Env"|REDIS_/);
  }
}, 60_000);

async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(path)));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

test('no generated secret shows in anything the CLI printed nor in any log of the lab', async () => {
  const dir = labDir(lab);
  const helperSecret = (await readSecret(dir, secretNames.helperSecret)).trim();
  const keys = helperKeys(helperSecret);
  const master0 = hostDockerSocket(state.nodes.find((node) => node.name === 'master0')!.dir);
  const tokens = (await engineGetJson<{ JoinTokens: { Worker: string; Manager: string } }>(master0, '/swarm')).JoinTokens;
  // Every agent name the demo used (scaled to 7, so agents000000 .. at least agents000006).
  const agentNames = Array.from({ length: 12 }, (_, index) => `agents${String(index).padStart(6, '0')}`);
  // The first body line of an unencrypted ed25519 key is the same for every key (openssh-key-v1, none, none).
  const privateKeyLines = async (name: string) => (await readSecret(dir, name)).split('\n').filter((line) => line.length > 20 && !line.startsWith('-----')).slice(1);
  const secrets: Record<string, string> = {
    'helper secret': helperSecret,
    'master helper key': keys.master,
    'agent root': keys.agentRoot,
    'worker join token': tokens.Worker,
    'manager join token': tokens.Manager,
    ...Object.fromEntries(agentNames.map((name) => [`node key of ${name}`, nodeHelperKey(keys.agentRoot, name)])),
    ...Object.fromEntries((await privateKeyLines(secretNames.operatorKey)).map((line, index) => [`operator key line ${index}`, line])),
    ...Object.fromEntries((await privateKeyLines(secretNames.hostKey)).map((line, index) => [`host key line ${index}`, line])),
  };
  // Logs: every *.log of the lab (daemon, nodes' consoles and units) and the state files. A
  // node's cloud-config.json is its customData (the secrets' delivery): owner-only, not a log.
  const files = (await filesUnder(dir)).filter((path) => /\.(log|json)$/.test(path) && !path.includes('/docker/') && !path.includes('/data/'));
  const customData = files.filter((path) => path.endsWith('/cloud-config.json'));
  expect(customData.length).toBeGreaterThan(3);
  for (const path of customData) expect({ path, mode: (await stat(path)).mode & 0o777 }).toEqual({ path, mode: 0o600 });
  const logs = files.filter((path) => !customData.includes(path));
  const texts: Record<string, string> = { 'CLI output': printed.join('\n') };
  for (const path of logs) if ((await stat(path)).size < 50 * 1024 * 1024) texts[path] = await readFile(path, 'utf8');
  console.log(`scanned ${Object.keys(texts).length} texts (${Math.round(Object.values(texts).reduce((sum, text) => sum + text.length, 0) / 1024)} KiB) for ${Object.keys(secrets).length} secrets`);
  expect(logs.filter((path) => path.endsWith('.log')).length).toBeGreaterThan(5);
  const leaks = Object.entries(texts).flatMap(([where, text]) =>
    Object.entries(secrets).filter(([, value]) => text.includes(value)).map(([what]) => `${what} in ${where}`));
  expect(leaks).toEqual([]);
}, 60_000);
