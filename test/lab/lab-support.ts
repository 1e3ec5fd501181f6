// Shared by the lab tests: a private lab root per test file, a reporter that records phases,
// the swarm's node list read through a master's docker socket, and polling with a pause.
import { mkdtemp } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseClusterSettings } from '../../src/core/validate.js';
import type { ClusterSettings } from '../../src/core/settings.js';
import type { Reporter } from '../../src/core/reporter.js';
import { runCommand } from '../../src/providers/lab/host/command.js';
import { hostDockerSocket } from '../../src/providers/lab/host/node-host.js';
import { labDir } from '../../src/providers/lab/state.js';
import { generateSshKeyPair } from '../../src/render/keys.js';
import { join } from 'node:path';

/** Points the lab root at a fresh temporary folder (short: docker socket paths are limited). */
export async function useTemporaryLabRoot(): Promise<string> {
  const root = await mkdtemp('/tmp/azs-lab-');
  process.env.AZSWARM_LAB_ROOT = root;
  return root;
}

export function labSettings(name: string, masters: number, agents: number): ClusterSettings {
  return parseClusterSettings(
    { 'resource-group': name, 'master-count': String(masters), 'agent-count': String(agents), 'ssh-public-key': generateSshKeyPair('test').publicKey },
    'lab',
  );
}

export interface RecordingReporter extends Reporter {
  phases: string[];
  secrets: string[];
}

export function recordingReporter(): RecordingReporter {
  const reporter: RecordingReporter = {
    phases: [],
    secrets: [],
    info: () => undefined,
    warn: () => undefined,
    debug: () => undefined,
    secret: (value) => void reporter.secrets.push(value),
    phase: async (title, work) => {
      reporter.phases.push(title.split(':')[0]);
      return work();
    },
  };
  return reporter;
}

/** `hostname status availability` of every swarm node, as master0 lists them. */
export async function swarmNodes(lab: string): Promise<string[]> {
  const socket = hostDockerSocket(join(labDir(lab), 'nodes', 'master0'));
  const { stdout } = await runCommand(['docker', '-H', `unix://${socket}`, 'node', 'ls', '--format', '{{.Hostname}} {{.Status}} {{.Availability}}']);
  return stdout.trim().split('\n').sort();
}

/** Polls `probe` every second until it returns true; fails with the last value seen. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value)) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await sleep(1_000);
    value = await read();
  }
  return value;
}

/**
 * Makes the file's labs real-boot nodes unless AZSWARM_LAB_BOOT names a node kind: the default
 * of the tests of node behaviour (what runs on the node — cloud-init, units, sshd, how restart,
 * stop and reimage reach it), while the operations-level tests keep the lab's emulated default
 * (docs/lab.md, *Which node kind for what*). `AZSWARM_LAB_BOOT=emulated` still runs them emulated.
 */
export function bootNodesForReal(): void {
  if (!process.env.AZSWARM_LAB_BOOT?.trim()) process.env.AZSWARM_LAB_BOOT = 'systemd';
}

/** Whether this test run deploys real-boot nodes (AZSWARM_LAB_BOOT=systemd, see docs/lab.md). */
export function realBoot(): boolean {
  return process.env.AZSWARM_LAB_BOOT === 'systemd';
}

/** Deploy's phases for the node kind under test (real-boot labs first make sure of the node image). */
export function deployPhases(): string[] {
  return ['network', ...(realBoot() ? ['node image'] : []), 'lab daemon', 'masters', 'agents', 'swarm ready'];
}

/**
 * What a node's unit logged, read from the machine's side (also while the node is down): the
 * stand-in's log file, or a real-boot node's persistent journal on its disk.
 */
export async function unitLog(lab: string, node: string, unit: string): Promise<string> {
  const dir = join(labDir(lab), 'nodes', node);
  if (!realBoot()) return (await runCommand(['cat', join(dir, 'log', `${unit}.log`)])).stdout;
  return (await runCommand(['journalctl', '--directory', join(dir, 'disk', 'upper', 'var', 'log', 'journal'), '--unit', unit, '-o', 'cat', '--no-pager'])).stdout;
}

/** Changes with every first boot of a node's disk: the stand-in's marker, or cloud-init's instance id in the seed. */
export async function firstBootMark(lab: string, node: string): Promise<string> {
  const dir = join(labDir(lab), 'nodes', node);
  return (await runCommand(['cat', realBoot() ? join(dir, 'seed', 'meta-data') : join(dir, 'instance-done')])).stdout;
}
