// A scale-in of 20 agents at once on a real lab swarm (issue 14): 1 master + 23 agents → 3 with a
// replicated service of 20 tasks running. Azure announces such a scale-in as ONE Scheduled Events
// document whose Terminate event names every removed instance; the lab posts it the same way.
// Each of the 20 agents' events watchers must see that one event, drain (its tasks move to the
// agents that stay), leave, and the event must be acknowledged before its NotBefore (after which
// the platform would delete the VMs whether drained or not). Afterwards the swarm lists none of
// the 20 and the service is back to its 20 tasks. Prints each node's drain and leave times.
// Run with `npm run test:faults` (root; a 24-node lab: heavy on a small machine).
import { loadavg } from 'node:os';
import { silentReporter } from '../../src/core/reporter.js';
import { deployCluster } from '../../src/operations/cluster.js';
import { deployReplicatedService } from '../../src/operations/services.js';
import { serviceNames } from '../../src/operations/service-flavours.js';
import { withSwarm } from '../../src/operations/swarm-access.js';
import { providerFor } from '../../src/providers/index.js';
import { eventually, labSettings, recordingReporter } from '../lab/lab-support.js';
import { observeScaleIn, runningTaskNodes } from '../support/scale-in-observer.js';
import { LabFaults } from './lab-fault-tools.js';
import { useTemporaryLab } from './temporary-lab.js';

const lab = `si-many${process.pid % 100}`;
const provider = providerFor('lab');
const minutes = (count: number) => count * 60_000;
const service = serviceNames.replicated;
const replicas = 20;

useTemporaryLab(lab, minutes(3));

it('23 agents → 3: one Terminate event names all 20, each drains and leaves before its NotBefore, no task lost', async () => {
  const infos: string[] = [];
  const reporter = { ...recordingReporter(), info: (message: string) => void infos.push(message) };
  const { cluster } = await deployCluster(provider, labSettings(lab, 1, 23), reporter, { waitForSwarm: true, timeoutMs: minutes(8) });
  await withSwarm(cluster.info, silentReporter, (swarm) =>
    deployReplicatedService({ info: cluster.info, swarm, reporter: silentReporter, skipProbe: true, convergence: { stableMs: 2_000 } }, replicas));
  const faults = new LabFaults(lab);
  const agentsBefore = (await cluster.listAgents()).map((agent) => agent.name);
  const removed = agentsBefore.slice(-20); // the newest go (the lab's scale-in policy, like the template's)
  const tasksBefore = await runningTaskNodes(lab, service);

  const observed = observeScaleIn(lab, service, removed);
  await cluster.scaleAgents(3);
  const scaleInMs = Date.now() - observed.started;
  await observed.stop();

  const second = (ms: number | undefined) => (ms === undefined ? 'not seen' : `${(ms / 1000).toFixed(1)} s`);
  const load = loadavg().map((value) => value.toFixed(1)).join(' ');
  const first = observed.agents.get(removed[0]!)!;
  console.log([
    `scale-in of 20 agents at once, 1 master + 23 → 3 agents, ${replicas} replicas (${tasksBefore.filter((node) => removed.includes(node)).length} on the removed agents; load average ${load}):`,
    `  one Terminate event ${first.eventId ?? '(not seen)'} naming ${first.resources?.length ?? 0} instances, NotBefore ${first.notBefore === undefined ? '?' : `${((first.notBefore - observed.started) / 1000).toFixed(0)} s after the start`}`,
    `  the whole scale-in ${second(scaleInMs)} (event, 20 drains and leaves, acknowledgement, node deletion); ${infos.find((line) => line.includes('Terminate event')) ?? ''}`,
    ...[...observed.agents].map(([node, agent]) => `  ${node}: event read from its log ${second(agent.announcedMs)}, drained ${second(agent.drainedMs)}, left the swarm ${second(agent.leftMs)}`),
  ].join('\n'));

  // one event, the same for all 20, naming all 20 (as VM names; the watcher maps them to hostnames)
  expect(new Set(removed.map((node) => observed.agents.get(node)!.eventId))).toEqual(new Set([first.eventId]));
  expect(first.eventId).toBeDefined();
  expect(first.resources).toHaveLength(20);
  // every node drained and left before the event's NotBefore, and the lab saw the acknowledgement
  for (const node of removed) {
    const entry = observed.agents.get(node)!;
    expect([node, entry.drainedMs !== undefined, entry.leftMs !== undefined]).toEqual([node, true, true]);
    expect(observed.started + Math.max(entry.drainedMs!, entry.leftMs!)).toBeLessThan(entry.notBefore!);
  }
  expect(infos.some((line) => /Terminate event acknowledged after/.test(line))).toBe(true);
  // the swarm and the lab list none of the 20; the service is back to its desired count
  expect((await cluster.listAgents()).map((agent) => agent.name)).toEqual(agentsBefore.slice(0, 3));
  // (a node that left stays listed Down until a helper's cleanup removes it: those marked leaving go first)
  const stale = async () => (await faults.nodes('master0')).map((node) => node.hostname).filter((name) => removed.includes(name));
  expect(await eventually(stale, (names) => names.length === 0, minutes(3))).toEqual([]);
  const settled = await eventually(() => runningTaskNodes(lab, service), (hosts) => hosts.length === replicas, minutes(3));
  expect(settled.filter((node) => removed.includes(node))).toEqual([]);
}, minutes(20));
