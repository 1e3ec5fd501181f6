// The scale row (`npm run bench -- --only scale`, as root; long and heavy: one 1+50 lab per run):
// a 1+20 lab, then scale-agents 50 (30 agents joining at once through one helper; a 1+50 deploy
// in one go overran the lab's fixed 180 s swarm-ready budget at a load average of 90-135), the join storm's traces
// (token retries, each token request's answer time, duplicate or stale node entries), idle CPU
// over a minute by process kind (supervisors, dockerd, containerd, shims, the Python units, the
// lab daemon), idle memory per node (its own processes; containers live in cgroups of their own
// and are not counted), the load balancer's success rate with 8 replicas on 51 nodes (1,000
// bounded requests), and a scale-in of 20 agents at once (50 → 30) under one Terminate event.
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { silentReporter } from '../../build/src/core/reporter.js';
import { parseClusterSettings } from '../../build/src/core/validate.js';
import { deployCluster } from '../../build/src/operations/cluster.js';
import { deployReplicatedService } from '../../build/src/operations/services.js';
import { publicPorts, serviceNames } from '../../build/src/operations/service-flavours.js';
import { withSwarm } from '../../build/src/operations/swarm-access.js';
import { providerFor } from '../../build/src/providers/index.js';
import { loadBalancerState } from '../../build/src/providers/lab/daemon/client.js';
import { cgroupPids, nodeCgroupName } from '../../build/src/providers/lab/host/cgroups.js';
import { runCommand } from '../../build/src/providers/lab/host/command.js';
import { hostDockerSocket } from '../../build/src/providers/lab/host/node-host.js';
import { labDir, readLabState } from '../../build/src/providers/lab/state.js';
import { generateSshKeyPair } from '../../build/src/render/keys.js';
import { observeScaleIn, runningTaskNodes } from '../../build/test/support/scale-in-observer.js';

// AZSWARM_BENCH_LAB (as for the lab row): another name, when someone else's bench lab may run on the machine
const labName = process.env.AZSWARM_BENCH_LAB ? `${process.env.AZSWARM_BENCH_LAB}-scale` : 'scl-bench';
const idleSeconds = 60;
const provider = providerFor('lab');
const ticksPerSecond = 100; // USER_HZ on Linux

/** What a process is, for the CPU table: the node unit's role, the daemon's name, or its command. */
async function kindOf(pid) {
  const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
  const script = argv.findIndex((arg) => arg.endsWith('swarm-node.py'));
  if (script >= 0) return `python swarm-node.py ${argv.at(-1)}`;
  // sshd rewrites its title ("sshd: /usr/sbin/sshd -D ... [listener] 0 of 10-100 startups"): the first word names it
  const command = (argv[0] ?? '?').split(/[\s:]/)[0].split('/').at(-1);
  if (command === 'node' || command.startsWith('node')) return 'node (lab supervisor)';
  if (command.startsWith('containerd-shim')) return 'containerd-shim';
  return command;
}

/**
 * utime + stime in clock ticks, RSS and PSS in KiB, of a process (undefined once it ended). RSS
 * counts the pages of dockerd's and containerd's binaries (~80 MiB) in full in every node, though
 * the 51 nodes share them; PSS divides each shared page among the processes that map it, so the
 * nodes' PSS adds up to what they take from the machine.
 */
async function usage(pid) {
  try {
    const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(rollup)?.[1] ?? 0);
    return { ticks: Number(stat[11]) + Number(stat[12]), rssKiB: kib('Rss'), pssKiB: kib('Pss') };
  } catch {
    return undefined;
  }
}

/** Every process of the lab's nodes (their cgroups) and the lab daemon, with its node and kind. */
async function labProcesses(nodes) {
  const found = [];
  for (const node of nodes) {
    for (const pid of await cgroupPids(nodeCgroupName(labName, node))) {
      const kind = await kindOf(pid).catch(() => undefined);
      if (kind) found.push({ pid, node, kind });
    }
  }
  const daemon = (await readLabState(labDir(labName)))?.daemon;
  if (daemon) found.push({ pid: daemon.pid, node: '(lab)', kind: 'lab daemon (IMDS, load balancer)' });
  return found;
}

/** Idle CPU over `seconds` by process kind (cores), and each node's own RSS (MiB). */
async function idleFigures(figures, nodes, seconds) {
  const agents = nodes.length - 1;
  const processes = await labProcesses(nodes);
  const before = new Map(await Promise.all(processes.map(async (entry) => [entry.pid, await usage(entry.pid)])));
  const machineBefore = (await readFile('/proc/stat', 'utf8')).split('\n')[0].split(/\s+/).slice(1).map(Number);
  await sleep(seconds * 1000);
  const machineAfter = (await readFile('/proc/stat', 'utf8')).split('\n')[0].split(/\s+/).slice(1).map(Number);
  const byKind = new Map();
  const rssByNode = new Map();
  const pssByNode = new Map();
  const pssByKind = new Map();
  for (const entry of processes) {
    const [start, end] = [before.get(entry.pid), await usage(entry.pid)];
    if (!start || !end) continue;
    byKind.set(entry.kind, (byKind.get(entry.kind) ?? 0) + (end.ticks - start.ticks));
    if (entry.node === '(lab)') continue;
    rssByNode.set(entry.node, (rssByNode.get(entry.node) ?? 0) + end.rssKiB);
    pssByNode.set(entry.node, (pssByNode.get(entry.node) ?? 0) + end.pssKiB);
    if (entry.node !== 'master0') pssByKind.set(entry.kind, [...(pssByKind.get(entry.kind) ?? []), end.pssKiB]);
  }
  const cores = (ticks) => Number((ticks / ticksPerSecond / seconds).toFixed(3));
  let total = 0;
  for (const [kind, ticks] of [...byKind].sort((a, b) => b[1] - a[1])) {
    figures.add(`1+${agents} idle CPU cores over ${seconds} s: ${kind}`, cores(ticks));
    total += ticks;
  }
  figures.add(`1+${agents} idle CPU cores over ${seconds} s: all lab processes`, cores(total));
  // The machine's system (kernel) share over the same minute: shared with everything else on it.
  const [user, nice, system, idle, iowait, irq, softirq] = machineAfter.map((value, index) => value - machineBefore[index]);
  const all = user + nice + system + idle + iowait + irq + softirq;
  figures.add(`1+${agents} idle: machine system+irq+softirq CPU share % (whole machine, shared)`, Number((((system + irq + softirq) / all) * 100).toFixed(1)));
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const mib = (kib) => Math.round(kib / 1024);
  const pss = [...pssByNode.values()].map(mib);
  figures.add(`1+${agents} idle node memory MiB (the node's own processes' PSS, containers excluded): median node`, median(pss));
  figures.add(`1+${agents} idle node memory MiB (the node's own processes' PSS, containers excluded): largest node`, Math.max(...pss));
  for (const [kind, values] of [...pssByKind].sort()) figures.add(`1+${agents} idle agent memory PSS MiB: ${kind} (median agent)`, Number((median(values) / 1024).toFixed(1)));
  const rss = [...rssByNode.values()].map(mib);
  figures.add(`1+${agents} idle node memory MiB (RSS, shared binary pages counted in every node): median node`, median(rss));
}

/**
 * The join storm's traces in the storm agents' join logs (each token request's outcome is logged
 * with how long it took): "no token yet" retries; how long the requests that got a token took
 * (the goal: within 1 s); the helpers' refusals (503 busy: its queue was full); the requests no
 * helper answered (refused connection, or nothing within the join's 5 s); and master0's node
 * entries beyond one per node.
 */
async function joinStormFigures(figures, nodes, stormAgents) {
  let retries = 0;
  const tokenMs = [];
  const refusedMs = [];
  let unanswered = 0;
  for (const node of stormAgents) {
    const log = await readFile(join(labDir(labName), 'nodes', node, 'log', 'swarm-join.service.log'), 'utf8').catch(() => '');
    retries += log.split('\n').filter((line) => line.includes('no worker token yet')).length;
    for (const line of log.split('\n')) {
      const answered = /token request answered in ([\d.]+) s/.exec(line);
      if (!answered) continue;
      if (line.includes('unreachable')) unanswered += 1;
      else (line.includes('worker token yet') ? refusedMs : tokenMs).push(Number(answered[1]) * 1000);
    }
  }
  const sorted = (values) => [...values].sort((a, b) => a - b);
  figures.add(`join storm: "no worker token yet" retries (the ${stormAgents.length} joining agents' join logs)`, retries);
  if (tokenMs.length > 0) {
    figures.add('join storm: token requests that got a token: ms to the answer, median request', Math.round(sorted(tokenMs)[Math.floor(tokenMs.length / 2)]));
    figures.add('join storm: token requests that got a token: ms to the answer, slowest request', Math.round(sorted(tokenMs).at(-1)));
    figures.add('join storm: token requests that got a token: answered after more than 1 s', tokenMs.filter((ms) => ms > 1000).length);
  }
  figures.add('join storm: token requests a helper refused (e.g. 503 busy: its queue was full)', refusedMs.length);
  if (refusedMs.length > 0) figures.add('join storm: refused token requests: ms to the answer, slowest', Math.round(sorted(refusedMs).at(-1)));
  figures.add('join storm: token requests no helper answered (refused connection, or no answer within 5 s)', unanswered);
  const socket = hostDockerSocket(join(labDir(labName), 'nodes', 'master0'));
  const listed = (await runCommand(['docker', '-H', `unix://${socket}`, 'node', 'ls', '--format', '{{.Hostname}}'])).stdout.trim().split('\n');
  figures.add('join storm: node entries beyond one per node (duplicate or stale)', listed.length - new Set(listed).size + [...new Set(listed)].filter((name) => !nodes.includes(name)).length);
}

/** Waits until master0's node list shows every one of `nodes` Ready. */
async function allReady(nodes, timeoutMs) {
  const socket = hostDockerSocket(join(labDir(labName), 'nodes', 'master0'));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await runCommand(['docker', '-H', `unix://${socket}`, 'node', 'ls', '--format', '{{.Hostname}} {{.Status}}']).then((out) => out.stdout, () => '');
    const ready = new Set(text.split('\n').filter((line) => line.endsWith(' Ready')).map((line) => line.split(' ')[0]));
    if (nodes.every((node) => ready.has(node))) return;
    if (Date.now() > deadline) throw new Error(`not Ready after ${timeoutMs / 1000} s: ${nodes.filter((node) => !ready.has(node)).join(', ')}`);
    await sleep(2_000);
  }
}

function get(url) {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** 1,000 requests through the load balancer, 4 at a time, each with a 5 s deadline; then which nodes it would try. */
async function loadBalancerFigures(figures, url, nodeCount) {
  let ok = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < 1000) {
      next += 1;
      if (await get(url)) ok += 1;
    }
  }));
  figures.add(`LB with 8 replicas on ${nodeCount} nodes: successful of 1,000 bounded requests`, ok);
  figures.add(`LB with 8 replicas on ${nodeCount} nodes: ms for 1,000 requests (4 at a time)`, Math.round(performance.now() - started));
  // The balancer tries only its backends for the port: each must be a node running a task of the service.
  const taskNodes = new Set(await runningTaskNodes(labName, serviceNames.replicated));
  const backends = (await loadBalancerState(labDir(labName))).backends[String(publicPorts.replicated)] ?? [];
  figures.add(`LB with 8 replicas on ${nodeCount} nodes: backends for the port`, backends.length);
  figures.add(`LB with 8 replicas on ${nodeCount} nodes: backends on a node without a task of the service`, backends.filter((backend) => !taskNodes.has(backend.node)).length);
}

/** The scale-in row's target: 20 agents go (50 → 30), or fewer in a smaller lab (at least 3 stay). */
const scaleInTo = (agents) => Math.max(3, agents - 20);

/**
 * Scale-in of the newest agents at once, with the replicated service running: ONE Terminate
 * event names them all; per node, when its tasks stopped running there and when it left the
 * swarm (both against the event's NotBefore), and the whole scale-in.
 */
async function scaleInFigures(figures, cluster, agents, to) {
  const removed = (await cluster.listAgents()).map((agent) => agent.name).slice(to);
  if (removed.length === 0) return;
  const label = `scale-in ${agents} → ${to} (${removed.length} at once, 8 replicas running)`;
  const observed = observeScaleIn(labName, serviceNames.replicated, removed);
  await cluster.scaleAgents(to);
  figures.add(`${label}: ms, event to nodes deleted`, Date.now() - observed.started);
  await observed.stop();
  const seen = [...observed.agents.values()];
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  figures.add(`${label}: Terminate events seen (one expected, naming all ${removed.length})`, new Set(seen.map((agent) => agent.eventId).filter(Boolean)).size);
  figures.add(`${label}: instances the event names`, seen[0]?.resources?.length ?? 0);
  const left = seen.filter((agent) => agent.leftMs !== undefined).map((agent) => agent.leftMs);
  figures.add(`${label}: nodes seen leaving the swarm`, left.length);
  if (left.length > 0) {
    figures.add(`${label}: ms until a node left the swarm, median node`, median(left));
    figures.add(`${label}: ms until a node left the swarm, slowest node`, Math.max(...left));
  }
  const drained = seen.filter((agent) => agent.drainedMs !== undefined).map((agent) => agent.drainedMs);
  if (drained.length > 0) figures.add(`${label}: ms until a node ran no task, slowest node`, Math.max(...drained));
  figures.add(`${label}: nodes that drained or left after NotBefore`,
    seen.filter((agent) => agent.notBefore === undefined || observed.started + Math.max(agent.drainedMs ?? Infinity, agent.leftMs ?? Infinity) >= agent.notBefore).length);
  if (seen[0]?.notBefore !== undefined) figures.add(`${label}: ms budget until NotBefore`, seen[0].notBefore - observed.started);
}

/** `agents`: the lab's size (50 by default; `--scale-agents N`); up to 20 (at most half) are deployed, the rest join at once. */
export async function scaleFigures(figures, runs, progress, agents = 50) {
  const firstAgents = Math.min(20, Math.ceil(agents / 2));
  try {
    for (let run = 1; run <= runs; run += 1) {
      progress(`scale: 1+${agents} lab, run ${run}/${runs} (bring-up, ${idleSeconds} s idle, load balancer) ...`);
      await provider.destroy(labName, silentReporter);
      const settings = parseClusterSettings({ 'resource-group': labName, 'master-count': '1', 'agent-count': String(firstAgents), 'ssh-public-key': generateSshKeyPair('bench').publicKey }, 'lab');
      const started = performance.now();
      const { cluster } = await deployCluster(provider, settings, silentReporter, { waitForSwarm: true, timeoutMs: 15 * 60_000 });
      figures.add(`bring-up 1+${firstAgents}: ready ms`, Math.round(performance.now() - started));
      const firstNodes = (await cluster.listAgents()).map((agent) => agent.name);
      const storm = performance.now();
      await cluster.scaleAgents(agents);
      const nodes = ['master0', ...(await cluster.listAgents()).map((agent) => agent.name)];
      await allReady(nodes, 15 * 60_000);
      figures.add(`scale-out ${firstAgents} → ${agents}: ms until all ${agents - firstAgents} new agents are Ready (joining at once)`, Math.round(performance.now() - storm));
      await joinStormFigures(figures, nodes, nodes.filter((node) => node !== 'master0' && !firstNodes.includes(node)));
      await sleep(10_000); // let the join's aftermath settle before the idle minute
      await idleFigures(figures, nodes, idleSeconds);
      try {
        await withSwarm(cluster.info, silentReporter, (swarm) =>
          deployReplicatedService({ info: cluster.info, swarm, reporter: silentReporter, skipProbe: true, convergence: { stableMs: 2_000 } }, 8));
        await sleep(5_000); // two load-balancer cycles: the new tasks are discovered and probed
        await loadBalancerFigures(figures, cluster.info.endpoints.services[publicPorts.replicated], nodes.length);
      } catch (error) {
        // The figures taken so far still print; the table says why this row is missing.
        progress(`scale: the load balancer step failed: ${error.message}`);
      }
      await scaleInFigures(figures, cluster, agents, scaleInTo(agents));
      const destroyed = performance.now();
      await provider.destroy(labName, silentReporter);
      figures.add(`destroy 1+${agents}: ms`, Math.round(performance.now() - destroyed));
    }
  } finally {
    await provider.destroy(labName, silentReporter);
  }
}
