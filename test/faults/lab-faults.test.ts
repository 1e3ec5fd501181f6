// Lab faults on a real swarm, each with its measured time (printed at the end, quoted in
// docs/reliability.md). Run with `npm run test:faults` (as root); not part of `npm test`.
// 3 masters: master0's dockerd SIGKILLed and held down -> a new leader, the service still managed
// through another master, a new agent joins (its worker token from another master's helper),
// master0 back -> it rejoins as a manager; an agent's dockerd SIGKILLed -> Down, its tasks
// elsewhere, back -> Ready; an agent's link down and up. 5 masters: two lost at once, likewise.
import { rmSync } from 'node:fs';
import { silentReporter } from '../../src/core/reporter.js';
import { deployCluster } from '../../src/operations/cluster.js';
import { deployReplicatedService } from '../../src/operations/services.js';
import { serviceNames } from '../../src/operations/service-flavours.js';
import { withSwarm } from '../../src/operations/swarm-access.js';
import { createProvider } from '../../src/providers/index.js';
import type { Cluster } from '../../src/providers/provider.js';
import { labSettings, useTemporaryLabRoot } from '../lab/lab-support.js';
import { LabFaults, timeUntil } from './lab-fault-tools.js';

const lab = `flt${process.pid % 1000}`;
const provider = createProvider('lab');
const minutes = (count: number) => count * 60_000;
const service = serviceNames.replicated;

const figures: string[] = [];
const measure = (fault: string, ms: number) => figures.push(`${fault}: ${(ms / 1000).toFixed(1)} s`);

let root: string;
let faults: LabFaults;

beforeAll(async () => {
  root = await useTemporaryLabRoot();
  faults = new LabFaults(lab);
});

afterAll(async () => {
  faults.restoreAll();
  await provider.destroy(lab, silentReporter);
  rmSync(root, { recursive: true, force: true });
  console.log(`lab fault figures (under the machine's load at the time):\n${figures.map((line) => `  ${line}`).join('\n')}`);
}, minutes(2));

async function deploy(masters: number, agents: number): Promise<Cluster> {
  await provider.destroy(lab, silentReporter);
  const started = Date.now();
  const { cluster } = await deployCluster(provider, labSettings(lab, masters, agents), silentReporter, { waitForSwarm: true, timeoutMs: minutes(3) });
  measure(`${masters} masters + ${agents} agents formed (every node Ready)`, Date.now() - started);
  return cluster;
}

/** `running/desired` of the replicated service, as `through` sees it. */
const replicas = (through: string) => faults.docker(through, ['service', 'ls', '--filter', `name=${service}`, '--format', '{{.Replicas}}']).catch(() => '?');
/** Nodes running a task of the service that should run, as `through` sees it. */
const taskNodes = async (through: string) =>
  (await faults.docker(through, ['service', 'ps', service, '--filter', 'desired-state=running', '--format', '{{.Node}} {{.CurrentState}}']).catch(() => ''))
    .split('\n').filter((line) => line.split(' ')[1] === 'Running').map((line) => line.split(' ')[0]!);

/** Adds one agent through the provider and times until `through` lists it Ready. */
async function newAgentJoins(cluster: Cluster, through: string, label: string): Promise<string> {
  const before = new Set((await cluster.listAgents()).map((agent) => agent.name));
  const started = Date.now();
  await cluster.scaleAgents(before.size + 1);
  const added = (await cluster.listAgents()).map((agent) => agent.name).find((name) => !before.has(name))!;
  measure(label, await timeUntil(`${added} Ready`, () => faults.ready(through, added), Boolean, minutes(2), started));
  return added;
}

describe('lab faults: 3 masters', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await deploy(3, 2);
    await withSwarm(cluster.info, silentReporter, (swarm) =>
      deployReplicatedService({ info: cluster.info, swarm, reporter: silentReporter, skipProbe: true, convergence: { stableMs: 2_000 } }, 4));
  }, minutes(5));

  it('master0 dockerd SIGKILLed: a new leader, the service still managed, a new agent joins, master0 rejoins', async () => {
    expect(await faults.leader('master1')).toBe('master0');
    const killed = Date.now();
    await faults.killDockerd('master0');
    measure('master0 dockerd SIGKILLed: another master leads', await timeUntil('a new leader', () => faults.leader('master1'), (leader) => leader === 'master1' || leader === 'master2', minutes(1), killed));

    const scaled = Date.now();
    await faults.docker('master1', ['service', 'scale', '--detach', `${service}=6`]);
    measure('master0 down: service scaled 4 -> 6 through master1, converged', await timeUntil('6 replicas', () => replicas('master1'), (text) => text === '6/6', minutes(2), scaled));

    await newAgentJoins(cluster, 'master1', 'master0 down: a new agent joins (worker token from another master)');

    const restored = Date.now();
    faults.restoreDockerd('master0');
    measure('master0 dockerd back: Ready and a reachable manager again', await timeUntil('master0 back as a manager', () => faults.nodes('master1').catch(() => []),
      (nodes) => nodes.some((node) => node.hostname === 'master0' && node.status === 'Ready' && (node.manager === 'Reachable' || node.manager === 'Leader')), minutes(2), restored));
    expect(await faults.leader('master0')).toMatch(/^master[0-2]$/);
  }, minutes(6));

  it('an agent dockerd SIGKILLed: Down, its tasks run elsewhere; back: Ready again', async () => {
    const [agent] = await cluster.listAgents();
    const name = agent!.name;
    await timeUntil('tasks on the agent', () => taskNodes('master1'), (nodes) => nodes.includes(name), minutes(1)).catch(() => 0);
    const killed = Date.now();
    await faults.killDockerd(name);
    measure('agent dockerd SIGKILLed: the swarm marks it Down', await timeUntil(`${name} Down`, () => faults.nodes('master1'),
      (nodes) => nodes.filter((node) => node.hostname === name).every((node) => node.status === 'Down'), minutes(1), killed));
    measure('agent dockerd SIGKILLed: all replicas running on other nodes', await timeUntil('replicas elsewhere', async () => ({ nodes: await taskNodes('master1'), replicas: await replicas('master1') }),
      ({ nodes, replicas: text }) => !nodes.includes(name) && text === '6/6', minutes(2), killed));
    const restored = Date.now();
    faults.restoreDockerd(name);
    measure('agent dockerd back: Ready again', await timeUntil(`${name} Ready`, () => faults.ready('master1', name), Boolean, minutes(2), restored));
  }, minutes(6));

  it('an agent cut off (its link down) goes Down; link up: Ready again', async () => {
    const agents = await cluster.listAgents();
    const name = agents.at(-1)!.name;
    const cut = Date.now();
    await faults.setLink(name, 'down');
    try {
      measure('agent link down: the swarm marks it Down', await timeUntil(`${name} Down`, () => faults.nodes('master1'),
        (nodes) => nodes.filter((node) => node.hostname === name).every((node) => node.status === 'Down'), minutes(1), cut));
      measure('agent link down: all replicas running', await timeUntil('6/6', () => replicas('master1'), (text) => text === '6/6', minutes(2), cut));
    } finally {
      await faults.setLink(name, 'up');
    }
    const restored = Date.now();
    measure('agent link up: Ready again', await timeUntil(`${name} Ready`, () => faults.ready('master1', name), Boolean, minutes(2), restored));
  }, minutes(5));
});

describe('lab faults: 5 masters', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await deploy(5, 1);
  }, minutes(5));

  it('two masters lost at once (master0 and master1): a new leader, a new agent joins, both rejoin', async () => {
    expect(await faults.leader('master2')).toBe('master0');
    const killed = Date.now();
    await faults.killDockerd('master0');
    await faults.killDockerd('master1');
    measure('5 masters, two dockerd SIGKILLed: another master leads', await timeUntil('a new leader', () => faults.leader('master2'), (leader) => ['master2', 'master3', 'master4'].includes(leader ?? ''), minutes(1), killed));
    await newAgentJoins(cluster, 'master2', '5 masters, two down: a new agent joins');
    const restored = Date.now();
    faults.restoreDockerd('master0');
    faults.restoreDockerd('master1');
    measure('5 masters: both back as reachable managers', await timeUntil('both back', () => faults.nodes('master2').catch(() => []),
      (nodes) => ['master0', 'master1'].every((master) => nodes.some((node) => node.hostname === master && node.status === 'Ready' && node.manager !== '' && node.manager !== 'Unreachable')), minutes(2), restored));
  }, minutes(6));
});
