// Scale-in under load on a real lab swarm (issue 12): while a bounded HTTP client keeps asking
// the replicated service through the lab's load balancer (which forwards only to nodes whose
// health endpoint answers and that host a task), 5 agents go down to 2. The scale-in is one
// Terminate event naming the 3 newest agents; each drains, leaves, then the event is
// acknowledged and the nodes are deleted. Counts failed requests (the goal: none) and measures
// each removed node's drain time (scale-in start → no task of the service left running on it).
// Run with `npm run test:faults` (root); prints its figures with the load average.
import { request } from 'node:http';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { silentReporter } from '../../src/core/reporter.js';
import { deployCluster } from '../../src/operations/cluster.js';
import { deployReplicatedService } from '../../src/operations/services.js';
import { publicPorts, serviceNames } from '../../src/operations/service-flavours.js';
import { withSwarm } from '../../src/operations/swarm-access.js';
import { providerFor } from '../../src/providers/index.js';
import { labSettings } from '../lab/lab-support.js';
import { LabFaults } from './lab-fault-tools.js';
import { useTemporaryLab } from './temporary-lab.js';

const lab = `scl-sin${process.pid % 100}`;
const provider = providerFor('lab');
const minutes = (count: number) => count * 60_000;
const service = serviceNames.replicated;

/** One GET with a deadline: the answer's status, or the error that ended it. */
function get(url: string, timeoutMs: number): Promise<{ ok: boolean; detail: string }> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ok: res.statusCode === 200, detail: `HTTP ${res.statusCode}` }));
      res.on('error', (error) => resolve({ ok: false, detail: error.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => resolve({ ok: false, detail: error.message }));
    req.end();
  });
}

/**
 * A bounded client: `concurrency` loops, each one request at a time with a 5 s deadline and a
 * short pause, until `stop` is set. Counts successes and keeps every failure's reason.
 */
function loadClient(url: string, concurrency: number) {
  const state = { ok: 0, failed: [] as string[], stop: false };
  const loops = Array.from({ length: concurrency }, async () => {
    while (!state.stop) {
      const answer = await get(url, 5_000);
      if (answer.ok) state.ok += 1;
      else state.failed.push(`${new Date().toISOString()} ${answer.detail}`);
      await sleep(20);
    }
  });
  return { state, done: () => Promise.all(loops) };
}

useTemporaryLab(lab, minutes(2));

it('5 agents → 2 while a bounded client requests the replicated service: no failed request, each node drained', async () => {
  const { cluster } = await deployCluster(provider, labSettings(lab, 1, 5), silentReporter, { waitForSwarm: true, timeoutMs: minutes(4) });
  await withSwarm(cluster.info, silentReporter, (swarm) =>
    deployReplicatedService({ info: cluster.info, swarm, reporter: silentReporter, skipProbe: true, convergence: { stableMs: 2_000 } }, 8));
  const faults = new LabFaults(lab);
  const url = cluster.info.endpoints.services[publicPorts.replicated]!;
  const agentsBefore = (await cluster.listAgents()).map((agent) => agent.name);
  const removed = agentsBefore.slice(-3); // the newest go (the lab's scale-in policy, like the template's)

  // the load balancer serves before the scale-in starts: a failure now is no scale-in's fault
  for (let attempt = 0; !(await get(url, 5_000)).ok; attempt++) {
    if (attempt > 60) throw new Error(`the replicated service does not answer through ${url}`);
    await sleep(1_000);
  }
  const client = loadClient(url, 2);
  await sleep(3_000);
  const before = { ok: client.state.ok, failed: client.state.failed.length };

  // each removed node's drain: from the scale-in's start until no task of the service runs on it
  const started = Date.now();
  const drained = new Map<string, number>();
  let scaling = true;
  const watch = (async () => {
    while (scaling && drained.size < removed.length) {
      const running = (await faults.docker('master0', ['service', 'ps', service, '--filter', 'desired-state=running', '--format', '{{.Node}} {{.CurrentState}}']).catch(() => undefined));
      if (running !== undefined) {
        const hosts = new Set(running.split('\n').filter((line) => line.split(' ')[1] === 'Running').map((line) => line.split(' ')[0]));
        for (const node of removed) if (!hosts.has(node) && !drained.has(node)) drained.set(node, Date.now() - started);
      }
      await sleep(250);
    }
  })();
  await cluster.scaleAgents(2);
  const scaleInMs = Date.now() - started;
  scaling = false;
  await watch;
  await sleep(3_000); // the client keeps going on the 2 agents left
  client.state.stop = true;
  await client.done();

  const during = { ok: client.state.ok - before.ok, failed: client.state.failed.slice(before.failed) };
  const load = loadavg().map((value) => value.toFixed(1)).join(' ');
  console.log([
    `scale-in under load, 1 master + 5 → 2 agents, 8 replicas (load average ${load}):`,
    `  requests: ${client.state.ok + client.state.failed.length} in all, ${client.state.failed.length} failed (${during.failed.length} of ${during.ok + during.failed.length} during and after the scale-in)`,
    `  scale-in took ${(scaleInMs / 1000).toFixed(1)} s (event, drain and leave of all three, node deletion)`,
    ...removed.map((node) => `  ${node} drained in ${drained.has(node) ? `${((drained.get(node)!) / 1000).toFixed(1)} s` : 'an unknown time (not seen)'}`),
    ...client.state.failed.map((line) => `  failed: ${line}`),
  ].join('\n'));

  expect((await cluster.listAgents()).map((agent) => agent.name)).toEqual(agentsBefore.slice(0, 2));
  expect([...drained.keys()].sort()).toEqual([...removed].sort());
  expect(during.ok).toBeGreaterThan(0);
  expect(client.state.failed).toEqual([]);
}, minutes(12));
