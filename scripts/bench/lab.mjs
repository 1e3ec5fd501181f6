// Lab figures (as root, after `npm run build`): bring-up of 1+3, 3+5 and 1+10 clusters until
// every node is Ready (checked over SSH), destroy time, convergence of the replicated service at
// 8 and 16 and of the global service with the stability window reported apart, the chaos
// monkey's return to full strength on 3 agents (with and without the window), and the resident memory of the node software
// (the helper, health endpoint and events watcher of every node, VmRSS). Each bring-up also
// reports the CPU time one node took from its start to Ready (its cgroup's cpuacct: every
// process of the node, load-independent). `bringUpOnly` measures the bring-ups and destroys
// alone (the quick way to compare node kinds: AZSWARM_LAB_BOOT=systemd for real-boot nodes);
// `convergenceOnly` the 1+3 part alone (convergence, chaos, memory: no 3+5 or 1+10).
import { readdir, readFile } from 'node:fs/promises';
import { silentReporter } from '../../build/src/core/reporter.js';
import { parseClusterSettings } from '../../build/src/core/validate.js';
import { chaosMonkey } from '../../build/src/operations/agents.js';
import { deployCluster } from '../../build/src/operations/cluster.js';
import { deployGlobalService, deployReplicatedService, scaleService } from '../../build/src/operations/services.js';
import { withSwarm } from '../../build/src/operations/swarm-access.js';
import { providerFor } from '../../build/src/providers/index.js';
import { nodeCgroupName, nodeCpuMs, nodeMemory } from '../../build/src/providers/lab/host/cgroups.js';
import { generateSshKeyPair } from '../../build/src/render/keys.js';
import { longestServiceShortfallMs, observeStrength } from '../../build/test/support/strength-observer.js';

// AZSWARM_BENCH_LAB: another name, when someone else's bench lab may run on the machine
const labName = process.env.AZSWARM_BENCH_LAB || 'bench';
/** The stability window: convergence waits this long after the tasks run, to see them stay. */
const stableMs = 5_000;
const provider = providerFor('lab');
/** Issue 12's budget: no replicated service below its desired count for longer than this during chaos. */
const shortfallBudgetMs = 20_000;

async function timed(work) {
  const started = performance.now();
  const value = await work();
  return { ms: Math.round(performance.now() - started), value };
}

function settings(masters, agents) {
  return parseClusterSettings(
    { 'resource-group': labName, 'master-count': String(masters), 'agent-count': String(agents), 'ssh-public-key': generateSshKeyPair('bench').publicKey },
    'lab',
  );
}

/**
 * A reporter that times the stability windows convergence watched, by its debug lines: a window
 * opens at "converged; watching" and ends at "not stable" (cut short) or, when it held, counts
 * stableMs (its last check starts then; that check's own time is convergence work, kept in).
 */
function windowTimer() {
  let closedMs = 0;
  let openedAt;
  const debug = (message) => {
    if (message.startsWith('converged; watching')) openedAt = performance.now();
    if (message.startsWith('not stable') && openedAt !== undefined) {
      closedMs += performance.now() - openedAt;
      openedAt = undefined;
    }
  };
  const reporter = { ...silentReporter, debug, phase: (_title, work) => work() };
  return { reporter, windowsMs: () => Math.round(closedMs + (openedAt === undefined ? 0 : stableMs)) };
}

/** Times one convergence and records it with and without its stability windows. */
async function convergence(figures, name, work) {
  const timer = windowTimer();
  const { ms } = await timed(() => work(timer.reporter));
  figures.add(`${name}: converged ms (stability window included)`, ms);
  figures.add(`${name}: converged ms without the ${stableMs / 1000} s stability window`, ms - timer.windowsMs());
}

/** VmRSS in KiB of each node-software process (`swarm-node.py helper|health|events`) of the lab. */
async function nodeSoftwareMemory() {
  const found = [];
  for (const pid of (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry))) {
    try {
      const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
      const script = argv.findIndex((arg) => arg.endsWith('swarm-node.py'));
      const role = argv[script + 1];
      if (script < 0 || !['helper', 'health', 'events'].includes(role)) continue;
      const cgroups = await readFile(`/proc/${pid}/cgroup`, 'utf8');
      if (!cgroups.includes(nodeCgroupName(labName, ''))) continue;
      const rss = Number(/^VmRSS:\s+(\d+)/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1]);
      found.push({ role, rssKiB: rss });
    } catch {
      // the process ended while it was read
    }
  }
  return found;
}

/** Each node's memory cgroup high-water mark (every process of the node, containers and page cache included); undefined where not measured. */
async function peakMemoryMiB(nodes) {
  return Promise.all(nodes.map(async (node) => {
    const { peakBytes } = await nodeMemory(nodeCgroupName(labName, node));
    return peakBytes === undefined ? undefined : Math.round(peakBytes / 2 ** 20);
  }));
}

/** CPU milliseconds each node's processes used so far (its cgroup's); undefined where a node has none to read. */
async function nodesCpuMs(nodes) {
  const each = await Promise.all(nodes.map((node) => nodeCpuMs(nodeCgroupName(labName, node))));
  return each.includes(undefined) ? undefined : each;
}

async function bringUp(figures, masters, agents) {
  await provider.destroy(labName, silentReporter);
  const { ms, value } = await timed(() => deployCluster(provider, settings(masters, agents), silentReporter, { waitForSwarm: true }));
  figures.add(`bring-up ${masters}+${agents}: ready ms`, ms);
  const nodes = [...Array.from({ length: masters }, (_, index) => `master${index}`), ...(await value.cluster.listAgents()).map((agent) => agent.name)];
  const cpu = await nodesCpuMs(nodes);
  if (cpu) figures.add(`bring-up ${masters}+${agents}: CPU ms per node, start to Ready (mean of the nodes' cgroups)`, Math.round(cpu.reduce((sum, each) => sum + each, 0) / cpu.length));
  return value.cluster;
}

async function destroy(figures, shape) {
  figures.add(`destroy ${shape}: ms`, (await timed(() => provider.destroy(labName, silentReporter))).ms);
}

/** Bring-up of 1+3 and 3+5 until Ready, and their destroys: nothing else. */
async function bringUpFigures(figures, runs, progress) {
  for (let run = 1; run <= runs; run += 1) {
    progress(`lab bring-up 1+3 and 3+5, run ${run}/${runs} ...`);
    await bringUp(figures, 1, 3);
    await destroy(figures, '1+3');
    await bringUp(figures, 3, 5);
    await destroy(figures, '3+5');
  }
}

/** One docker command over the open SSH session (`docker version`): what every look of a wait costs. */
async function dockerCommandMs(swarm) {
  const each = [];
  for (let sample = 0; sample < 5; sample += 1) each.push((await timed(() => swarm.docker(['version', '--format', '{{.Server.Version}}']))).ms);
  return each.sort((a, b) => a - b)[2];
}

export async function labFigures(figures, runs, progress, { bringUpOnly = false, convergenceOnly = false } = {}) {
  try {
    if (bringUpOnly) return await bringUpFigures(figures, runs, progress);
    for (let run = 1; run <= runs; run += 1) {
      progress(`lab 1+3, run ${run}/${runs}: bring-up, convergence, chaos, memory ...`);
      const small = await bringUp(figures, 1, 3);
      await withSwarm(small.info, silentReporter, async (swarm) => {
        const context = (reporter) => ({ info: small.info, swarm, reporter, skipProbe: true, convergence: { stableMs } });
        await convergence(figures, 'replicated 8', (reporter) => deployReplicatedService(context(reporter), 8));
        await convergence(figures, 'replicated 16', (reporter) => scaleService(context(reporter), 16));
        await convergence(figures, 'global', (reporter) => deployGlobalService(context(reporter)));
        // An observer of its own samples the swarm during the monkey: the time any service spent
        // below its desired count, held against the budget.
        const observer = observeStrength(swarm, []);
        const timer = windowTimer();
        const chaos = await chaosMonkey({ cluster: small, swarm, reporter: timer.reporter, stableMs });
        const shortfallMs = longestServiceShortfallMs(await observer.stop());
        const agents = `chaos monkey on ${chaos.order.length} agents`;
        figures.add(`${agents}: full strength ms after the first restart (window included)`, chaos.toFullStrengthMs);
        figures.add(`${agents}: full strength ms after the first restart without the ${stableMs / 1000} s stability window`, chaos.toFullStrengthMs - timer.windowsMs());
        figures.add(`${agents}: full strength ms after the last restart (window included)`, chaos.recoveryMs);
        figures.add(`${agents}: full strength ms after the last restart without the window`, chaos.recoveryMs - timer.windowsMs());
        figures.add(`chaos monkey on ${chaos.order.length} agents: longest ms a service was below its desired count (budget ${shortfallBudgetMs})`, shortfallMs);
        // At rest: right after the bring-up it took ~150 ms with Nagle on or off (master0 still busy).
        figures.add('one docker command over SSH at rest (docker version, median of 5) ms', await dockerCommandMs(swarm));
      });
      for (const { role, rssKiB } of await nodeSoftwareMemory()) figures.add(`node software RSS KiB: ${role} (each node)`, rssKiB);
      const peaks = await peakMemoryMiB(['master0', ...(await small.listAgents()).map((agent) => agent.name)]);
      if (!peaks.includes(undefined)) {
        figures.add('1+3 node memory peak MiB (cgroup high-water mark, containers included): master0', peaks[0]);
        figures.add('1+3 node memory peak MiB (cgroup high-water mark, containers included): largest agent', Math.max(...peaks.slice(1)));
      } else progress('1+3 node memory peak: not measured (no memory peak in this machine\'s cgroups)');
      await destroy(figures, '1+3');
      if (convergenceOnly) continue;
      progress(`lab 3+5 and 1+10, run ${run}/${runs} ...`);
      await bringUp(figures, 3, 5);
      await destroy(figures, '3+5');
      await bringUp(figures, 1, 10);
      await destroy(figures, '1+10');
    }
  } finally {
    await provider.destroy(labName, silentReporter);
  }
}
