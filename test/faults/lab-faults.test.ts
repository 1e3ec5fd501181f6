// Lab faults on a real swarm, each with its measured time (printed at the end, quoted in
// docs/reliability.md). Run with `npm run test:faults` (as root); not part of `npm test`.
// 3 masters: the leader's dockerd (master0's, as formed) SIGKILLed and held down -> a new leader,
// the service still managed through another master, a new agent joins (its worker token from
// another master's helper), the lost master back -> it rejoins as a manager; an agent's dockerd
// SIGKILLed -> Down, its tasks elsewhere, back -> Ready; an agent's link down and up; the leader
// partitioned and back; every agent reimaged in parallel while tasks run; every agent stopped
// and started; quorum lost (2 of 3 masters), reported by list-agents and the helper; every
// helper killed while an agent joins; a Scheduled Event nobody acknowledges. 5 masters: the leader
// and one more lost at once, likewise. Every fault waits for
// a leader all masters agree on first: under load a young swarm may still be electing one.
import { rmSync } from 'node:fs';
import { silentReporter } from '../../src/core/reporter.js';
import { reimageAgents, startAgents, stopAgents } from '../../src/operations/agents.js';
import { deployCluster } from '../../src/operations/cluster.js';
import { deployReplicatedService } from '../../src/operations/services.js';
import { serviceNames } from '../../src/operations/service-flavours.js';
import { withSwarm } from '../../src/operations/swarm-access.js';
import { providerFor } from '../../src/providers/index.js';
import type { Cluster } from '../../src/core/cluster.js';
import { clearScheduledEvents, postScheduledEvent } from '../../src/providers/lab/daemon/client.js';
import { labDir, readLabState } from '../../src/providers/lab/state.js';
import { cli } from '../cli/run-cli.js';
import { labSettings, unitLog, useTemporaryLabRoot } from '../lab/lab-support.js';
import { LabFaults, timeUntil } from './lab-fault-tools.js';

const lab = `flt${process.pid % 1000}`;
/** The node software's own client inside a master, signing as that master: `python3 -c askHelper MASTER PATH`. */
const askHelper = `
import json, sys
sys.path.insert(0, "/usr/local/lib/swarm-cluster")
import swarm_node as node
config = node.load_config()
key = node.load_key(config)
master = next(m for m in config["masters"] if m["name"] == sys.argv[1])
print(json.dumps(node.call_helper(key, master["address"], config["helperPort"], "POST", sys.argv[2])))
`;
const provider = providerFor('lab');
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
/** Accepts `running/desired` once the desired count is `desired` and that many run. */
const atLeast = (desired: number) => (text: string) => {
  const [running, wanted] = text.split('/').map(Number);
  return wanted === desired && running! >= desired;
};
/** True for `running/desired` with every desired replica running. */
const whole = (text: string) => {
  const [running, wanted] = text.split('/').map(Number);
  return wanted! > 0 && running === wanted;
};
/** Nodes running a task of the service that should run, as `through` sees it. */
const taskNodes = async (through: string) =>
  (await faults.docker(through, ['service', 'ps', service, '--filter', 'desired-state=running', '--format', '{{.Node}} {{.CurrentState}}']).catch(() => ''))
    .split('\n').filter((line) => line.split(' ')[1] === 'Running').map((line) => line.split(' ')[0]!);

/**
 * A master is back when another master lists it Ready and reachable (or leading) and it knows the
 * leader itself: its own raft view has caught up, so commands through it work again.
 */
const masterBack = (master: string, other: string) => async () => {
  const seen = await faults.nodes(other).catch(() => []);
  const listed = seen.some((node) => node.hostname === master && node.status === 'Ready' && (node.manager === 'Reachable' || node.manager === 'Leader'));
  return listed && (await faults.leader(master)) !== undefined;
};

/**
 * The leader once every master names the same one three times in a row: under load a young swarm
 * may still hold an election after it formed, and a fault injected then measures that election.
 */
async function settledLeader(masters: readonly string[]): Promise<string> {
  let agreed = 0;
  let last: string | undefined;
  await timeUntil('one leader every master agrees on', async () => {
    const seen = new Set(await Promise.all(masters.map((master) => faults.leader(master))));
    const [only] = seen;
    agreed = seen.size === 1 && only !== undefined && only === last ? agreed + 1 : 0;
    last = seen.size === 1 ? only : undefined;
    return agreed;
  }, (count) => count >= 2, minutes(2));
  return last!;
}

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
  const masters = ['master0', 'master1', 'master2'];
  let cluster: Cluster;
  /** A master to read the swarm through, not the one a test takes down. */
  let through: string;

  beforeAll(async () => {
    cluster = await deploy(3, 2);
    await settledLeader(masters);
    await withSwarm(cluster.info, silentReporter, (swarm) =>
      deployReplicatedService({ info: cluster.info, swarm, reporter: silentReporter, skipProbe: true, convergence: { stableMs: 2_000 } }, 4));
  }, minutes(5));

  beforeEach(async () => {
    through = await settledLeader(masters);
  }, minutes(2));

  it('the leading master (master0 as formed) dockerd SIGKILLed: a new leader, the service still managed, a new agent joins, it rejoins', async () => {
    const lost = through;
    const other = masters.find((master) => master !== lost)!;
    const killed = Date.now();
    await faults.killDockerd(lost);
    measure(`leader (${lost}) dockerd SIGKILLed: another master leads`, await timeUntil('a new leader', () => faults.leader(other), (leader) => leader !== undefined && leader !== lost, minutes(1), killed));

    const scaled = Date.now();
    await faults.docker(other, ['service', 'scale', '--detach', `${service}=6`]);
    measure(`leader down: service scaled 4 -> 6 through ${other}, converged`, await timeUntil('6 replicas', () => replicas(other), (text) => text === '6/6', minutes(2), scaled));

    await newAgentJoins(cluster, other, 'leader down: a new agent joins (worker token from another master)');

    const restored = Date.now();
    faults.restoreDockerd(lost);
    measure(`${lost} dockerd back: a reachable manager again that knows the leader`, await timeUntil(`${lost} back as a manager`, masterBack(lost, other), Boolean, minutes(2), restored));
  }, minutes(6));

  it('an agent dockerd SIGKILLed: Down, its tasks run elsewhere; back: Ready again', async () => {
    const [agent] = await cluster.listAgents();
    const name = agent!.name;
    await timeUntil('tasks on the agent', () => taskNodes(through), (nodes) => nodes.includes(name), minutes(1)).catch(() => 0);
    const killed = Date.now();
    await faults.killDockerd(name);
    measure('agent dockerd SIGKILLed: the swarm marks it Down', await timeUntil(`${name} Down`, () => faults.nodes(through),
      (nodes) => nodes.filter((node) => node.hostname === name).every((node) => node.status === 'Down'), minutes(1), killed));
    measure('agent dockerd SIGKILLed: all replicas running on other nodes', await timeUntil('replicas elsewhere', async () => ({ nodes: await taskNodes(through), replicas: await replicas(through) }),
      ({ nodes, replicas: text }) => !nodes.includes(name) && text === '6/6', minutes(2), killed));
    const restored = Date.now();
    faults.restoreDockerd(name);
    measure('agent dockerd back: Ready again', await timeUntil(`${name} Ready`, () => faults.ready(through, name), Boolean, minutes(2), restored));
  }, minutes(6));

  it('an agent cut off (its link down) goes Down; link up: Ready again', async () => {
    const agents = await cluster.listAgents();
    const name = agents.at(-1)!.name;
    const cut = Date.now();
    await faults.setLink(name, 'down');
    try {
      measure('agent link down: the swarm marks it Down', await timeUntil(`${name} Down`, () => faults.nodes(through),
        (nodes) => nodes.filter((node) => node.hostname === name).every((node) => node.status === 'Down'), minutes(1), cut));
      measure('agent link down: all replicas running', await timeUntil('6/6', () => replicas(through), (text) => text === '6/6', minutes(2), cut));
    } finally {
      await faults.setLink(name, 'up');
    }
    const restored = Date.now();
    measure('agent link up: Ready again', await timeUntil(`${name} Ready`, () => faults.ready(through, name), Boolean, minutes(2), restored));
  }, minutes(5));


  it('the leading master partitioned (its link down): another master leads, the service still managed; link up: it rejoins as a manager', async () => {
    // The leader itself is cut off: the others must elect one among themselves.
    const cutOff = through;
    const other = masters.find((master) => master !== cutOff)!;
    const cut = Date.now();
    await faults.setLink(cutOff, 'down');
    try {
      measure(`leader (${cutOff}) partitioned: another master leads`, await timeUntil('a new leader', () => faults.leader(other), (next) => next !== undefined && next !== cutOff, minutes(1), cut));
      const scaled = Date.now();
      await faults.docker(other, ['service', 'scale', '--detach', `${service}=5`]);
      // Tasks on the cut-off node cannot be confirmed stopped: it counts as running until it is back.
      measure(`leader partitioned: service scaled 6 -> 5 through ${other}, at least 5 running`, await timeUntil('5 replicas', () => replicas(other), atLeast(5), minutes(2), scaled));
    } finally {
      await faults.setLink(cutOff, 'up');
    }
    const restored = Date.now();
    measure(`${cutOff} link up: a reachable manager again that knows the leader`, await timeUntil(`${cutOff} back`, masterBack(cutOff, other), Boolean, minutes(2), restored));
  }, minutes(4));

  it('quorum lost (2 of 3 masters SIGKILLed): list-agents and the helper say the swarm has no leader; both back: a leader again', async () => {
    // The CLI reaches the swarm through master0: the other two are lost.
    const lost = masters.filter((master) => master !== 'master0');
    const agents = await cluster.listAgents();
    const killed = Date.now();
    for (const master of lost) await faults.killDockerd(master);
    try {
      // Until the leader steps down, a read through master0 may time out instead (DeadlineExceeded).
      let listed = { code: 0, stdout: '', stderr: '' };
      const before = new Set<string>();
      const noLeader = /the swarm has no leader: its managers have lost quorum \(more than half of the 3 masters are down or cut off\)/;
      const reportedMs = await timeUntil('list-agents reports no leader', async () => {
        listed = await cli('list-agents', '--name', lab);
        if (listed.code !== 0 && !noLeader.test(listed.stderr)) before.add(listed.stderr.split('\n')[0]!.replace(/^.*\(exit \d+\): /, '').slice(0, 100));
        return listed;
      }, (run) => run.code !== 0 && noLeader.test(run.stderr), minutes(3), killed);
      measure(`quorum lost (${lost.join(', ')} dockerd SIGKILLed): list-agents fails saying the swarm has no leader (before that: ${[...before].join(' | ') || 'nothing else'})`, reportedMs);
      // The provider's view is still listed; no agent is shown as absent from the swarm.
      for (const agent of agents) expect(listed.stdout).toMatch(new RegExp(`^${agent.name} .* unknown$`, 'm'));
      expect(listed.stdout).not.toMatch(/absent/);
      const helper = JSON.parse(await faults.inNode('master0', ['python3', '-B', '-c', askHelper, 'master0', `/v1/join/worker/${agents[0]!.name}`])) as unknown;
      expect(helper).toEqual([409, { error: 'no-leader', detail: expect.stringMatching(/^the swarm has no leader: .*quorum lost/) }]);
    } finally {
      for (const master of lost) faults.restoreDockerd(master);
    }
    const restored = Date.now();
    measure('quorum back (both dockerd restarted): list-agents shows every agent Ready again', await timeUntil('list-agents lists the agents',
      () => cli('list-agents', '--name', lab), (run) => run.code === 0 && agents.every((agent) => new RegExp(`^${agent.name} .* ready `, 'm').test(run.stdout)), minutes(3), restored));
  }, minutes(8));

  it('every master helper SIGKILLed while a new agent joins: the units restart them and the agent joins', async () => {
    const helpers = await Promise.all(masters.map((master) => faults.nodeSoftwarePid(master, 'helper')));
    expect(helpers.every((pid) => pid !== undefined)).toBe(true);
    const before = new Set((await cluster.listAgents()).map((agent) => agent.name));
    const started = Date.now();
    const scaling = cluster.scaleAgents(before.size + 1);
    // The moment the new node's join runs (it waits for its dockerd, then asks a helper): every helper killed.
    let added: string | undefined;
    await timeUntil('the new agent exists', async () => {
      added = (await readLabState(labDir(lab)))?.nodes.find((node) => node.role === 'agent' && node.host && !before.has(node.name))?.name;
      return added;
    }, Boolean, minutes(2), started);
    await timeUntil(`the join of ${added} runs`, () => faults.nodeSoftwarePid(added!, 'join'), (pid) => pid !== undefined, minutes(1), started, 50);
    for (const pid of helpers) process.kill(pid!, 'SIGKILL');
    const killed = Date.now();
    await scaling;
    const readyMs = await timeUntil(`${added} Ready`, () => faults.ready(through, added!), Boolean, minutes(2), killed);
    const retried = /no worker token yet/.test(await unitLog(lab, added!, 'swarm-join.service'));
    measure(`every helper SIGKILLed once the join of ${added} runs (restarted 2 s later): it is Ready (its join had to retry: ${retried ? 'yes' : 'no'})`, readyMs);
    const restarted = await Promise.all(masters.map((master) => faults.nodeSoftwarePid(master, 'helper')));
    expect(restarted.map((pid, index) => pid !== undefined && pid !== helpers[index])).toEqual(masters.map(() => true));
  }, minutes(5));

  it('a Scheduled Event nobody acknowledges (the watcher hung): NotBefore passes, the platform reboots the agent anyway, the swarm recovers', async () => {
    const [agent] = await cluster.listAgents();
    const watcher = (await faults.nodeSoftwarePid(agent!.name, 'events'))!;
    process.kill(watcher, 'SIGSTOP');
    let outcome: string;
    try {
      const posted = Date.now();
      outcome = await postScheduledEvent(labDir(lab), [agent!.name], 'Reboot', { notBeforeSeconds: 15 });
      measure('Reboot event nobody acknowledges (NotBefore 15 s): released by NotBefore', Date.now() - posted);
      // The platform acts and drops the event: the resumed watcher finds nothing left to do.
      await clearScheduledEvents(labDir(lab), agent!.name);
    } finally {
      process.kill(watcher, 'SIGCONT');
    }
    expect(outcome).toBe('timed-out');
    const rebooting = Date.now();
    await cluster.stopAgents({ deallocate: false, instanceIds: [agent!.instanceId] });
    await cluster.startAgents({ instanceIds: [agent!.instanceId] });
    measure('unacknowledged Reboot carried out (shutdown, boot): Ready again, every replica running', await timeUntil(`${agent!.name} back`,
      async () => (await faults.ready(through, agent!.name)) && whole(await replicas(through)), Boolean, minutes(3), rebooting));
  }, minutes(5));

  it('every agent reimaged in parallel while tasks run: each rejoins as a new node, the service whole again', async () => {
    await withSwarm(cluster.info, silentReporter, async (swarm) => {
      const before = new Set((await swarm.nodes()).map((node) => node.id));
      const started = Date.now();
      const reimaged = await reimageAgents({ cluster, swarm, reporter: silentReporter, timeoutMs: minutes(3), stableMs: 2_000 }, 'parallel');
      measure(`parallel reimage of ${reimaged.length} agents: all rejoined, services converged`, Date.now() - started);
      // Each agent is Ready as a new node (the old entry may linger until the swarm drops it).
      const renewed = (await swarm.nodes()).filter((node) => node.status === 'ready' && !before.has(node.id)).map((node) => node.hostname);
      expect([...new Set(renewed)].sort()).toEqual([...reimaged].sort());
      expect(await replicas(through)).toBe('5/5');
    });
  }, minutes(5));

  it('every agent stopped, then started: the swarm sees them Down, then Ready', async () => {
    await withSwarm(cluster.info, silentReporter, async (swarm) => {
      const context = { cluster, swarm, reporter: silentReporter, timeoutMs: minutes(3), stableMs: 2_000 };
      const stopping = Date.now();
      const stopped = await stopAgents(context);
      measure(`stop of ${stopped.length} agents: all Down, services settled on the masters`, Date.now() - stopping);
      const starting = Date.now();
      const started = await startAgents(context);
      measure(`start of ${started.length} agents: all Ready`, Date.now() - starting);
      expect([...started].sort()).toEqual([...stopped].sort());
      for (const name of started) expect(await faults.ready(through, name)).toBe(true);
    });
  }, minutes(5));
});

describe('lab faults: 5 masters', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await deploy(5, 1);
  }, minutes(5));

  it('two masters lost at once (the leader and one more): a new leader, a new agent joins, both rejoin', async () => {
    const masters = ['master0', 'master1', 'master2', 'master3', 'master4'];
    const leader = await settledLeader(masters);
    const lost = [leader, masters.find((master) => master !== leader)!];
    const other = masters.find((master) => !lost.includes(master))!;
    const killed = Date.now();
    for (const master of lost) await faults.killDockerd(master);
    measure(`5 masters, two dockerd SIGKILLed (${lost.join(', ')}): another master leads`, await timeUntil('a new leader', () => faults.leader(other), (next) => next !== undefined && !lost.includes(next), minutes(1), killed));
    await newAgentJoins(cluster, other, '5 masters, two down: a new agent joins');
    const restored = Date.now();
    for (const master of lost) faults.restoreDockerd(master);
    measure('5 masters: both back as reachable managers that know the leader', await timeUntil('both back',
      async () => (await masterBack(lost[0]!, other)()) && (await masterBack(lost[1]!, other)()), Boolean, minutes(2), restored));
  }, minutes(6));
});
