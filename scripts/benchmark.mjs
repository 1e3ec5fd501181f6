#!/usr/bin/env node
// Lab benchmark (as root, after `npm run build`): time to a ready 1+3 and 3+5 cluster, time for
// the replicated service to converge at 8 and 16, time for chaos monkey to return to full
// strength, and peak memory per node (the node's memory cgroup high-water mark: every process
// of the node, its containers included). Prints a table; `--json` prints the numbers instead.
// AZSWARM_LAB_BOOT=systemd measures real-boot nodes (systemd + cloud-init in the node image).
import { readFile } from 'node:fs/promises';
import { silentReporter } from '../build/src/core/reporter.js';
import { parseClusterSettings } from '../build/src/core/validate.js';
import { chaosMonkey } from '../build/src/operations/agents.js';
import { deployCluster } from '../build/src/operations/cluster.js';
import { listNodes } from '../build/src/operations/nodes.js';
import { deployReplicatedService, scaleService } from '../build/src/operations/services.js';
import { withSwarm } from '../build/src/operations/swarm-access.js';
import { createProvider } from '../build/src/providers/index.js';
import { nodeCgroupName } from '../build/src/providers/lab/cgroups.js';
import { generateSshKeyPair } from '../build/src/render/keys.js';

const labName = 'bench';
const provider = createProvider('lab');
const json = process.argv.includes('--json');
const progress = (text) => process.stderr.write(`${text}\n`);

async function timed(work) {
  const started = performance.now();
  const value = await work();
  return { ms: Math.round(performance.now() - started), value };
}

function settings(masters, agents) {
  return parseClusterSettings(
    {
      'resource-group': labName,
      'master-count': String(masters),
      'agent-count': String(agents),
      'ssh-public-key': generateSshKeyPair('bench').publicKey,
    },
    'lab',
  );
}

async function peakMemory(nodes) {
  const peaks = {};
  for (const node of nodes) {
    const file = `/sys/fs/cgroup/memory/${nodeCgroupName(labName, node.hostname)}/memory.max_usage_in_bytes`;
    peaks[node.hostname] = Math.round(Number(await readFile(file, 'utf8')) / 2 ** 20);
  }
  return peaks;
}

async function readyCluster(masters, agents) {
  await provider.destroy(labName, silentReporter);
  progress(`deploying ${masters}+${agents} ...`);
  const { ms, value } = await timed(() => deployCluster(provider, settings(masters, agents), silentReporter, { waitForSwarm: true }));
  return { ms, cluster: value.cluster };
}

const results = { boot: process.env.AZSWARM_LAB_BOOT || 'emulated', readyMs: {}, convergeMs: {}, chaos: undefined, peakMemoryMiB: {} };
try {
  const small = await readyCluster(1, 3);
  results.readyMs['1+3'] = small.ms;
  await withSwarm(small.cluster.info, silentReporter, async (swarm) => {
    const services = { info: small.cluster.info, swarm, reporter: silentReporter, skipProbe: true };
    progress('replicated service at 8 and 16 ...');
    results.convergeMs['8'] = (await timed(() => deployReplicatedService(services, 8))).ms;
    results.convergeMs['16'] = (await timed(() => scaleService(services, 16))).ms;
    progress('chaos monkey ...');
    const chaos = await chaosMonkey({ cluster: small.cluster, swarm, reporter: silentReporter });
    results.chaos = { toFullStrengthMs: chaos.toFullStrengthMs, recoveryMs: chaos.recoveryMs, agents: chaos.order.length };
    results.peakMemoryMiB['1+3 with 16 replicas'] = await peakMemory(await listNodes(swarm));
  });
  const large = await readyCluster(3, 5);
  results.readyMs['3+5'] = large.ms;
  results.peakMemoryMiB['3+5 idle'] = await withSwarm(large.cluster.info, silentReporter, async (swarm) => peakMemory(await listNodes(swarm)));
} finally {
  await provider.destroy(labName, silentReporter);
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
if (json) {
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} else {
  const lines = [
    `nodes: ${results.boot} boot`,
    `ready 1+3 cluster: ${seconds(results.readyMs['1+3'])}`,
    `ready 3+5 cluster: ${seconds(results.readyMs['3+5'])}`,
    `replicated service converged at 8: ${seconds(results.convergeMs['8'])} (create + 5 s stability window)`,
    `replicated service converged at 16: ${seconds(results.convergeMs['16'])} (scale + 5 s stability window)`,
    `chaos monkey (${results.chaos.agents} agents): full strength ${seconds(results.chaos.toFullStrengthMs)} after the first restart, ${seconds(results.chaos.recoveryMs)} after the last`,
    ...Object.entries(results.peakMemoryMiB).map(
      ([when, peaks]) => `peak memory per node (${when}): ${Object.entries(peaks).map(([node, mib]) => `${node} ${mib} MiB`).join(', ')}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
