// What a real-boot node says about its own boot, read inside it the way one would on a VM:
// PID 1, cloud-init's result, systemd's failed units, and systemd's complaints about the unit
// files the document wrote (systemd ignores a setting it cannot parse and says so only in the
// journal: a unit with a bad Type= still "runs", differently).
import { readFile } from 'node:fs/promises';
import { nodeExec, type NodeHostRecord } from './node-host.js';
import { isAlive } from './processes.js';
import { nspawnNodeFailure } from './nspawn-node.js';

export interface RealNodeBoot {
  /** The command name of the node's PID 1. */
  init: string;
  /** cloud-init's status once it finished (done, error, disabled...). */
  cloudInit: string;
  /** cloud-init's own errors (result.json) and the warnings it logged. */
  cloudInitProblems: string[];
  failedUnits: string[];
  /** Journal lines of systemd about unit files under /etc/systemd/system. */
  unitFileWarnings: string[];
}

const unitDir = '/etc/systemd/system/';

async function shell(node: NodeHostRecord, script: string, timeoutMs = 60_000): Promise<string> {
  return (await nodeExec(node, ['sh', '-c', script], { timeoutMs })).stdout;
}

function lines(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter(Boolean);
}

/** Waits (bounded) for cloud-init to finish on the node, then reads how the boot went. */
export async function readRealNodeBoot(node: NodeHostRecord, timeoutMs = 120_000): Promise<RealNodeBoot> {
  const status = await shell(node, 'cloud-init status --wait 2>/dev/null || true', timeoutMs);
  const result = await shell(node, 'cat /run/cloud-init/result.json 2>/dev/null || true');
  const errors = result ? ((JSON.parse(result) as { v1?: { errors?: string[] } }).v1?.errors ?? []) : ['no /run/cloud-init/result.json'];
  const warnings = lines(await shell(node, "grep -E '\\[(WARNING|ERROR|CRITICAL)\\]' /var/log/cloud-init.log || true"));
  return {
    init: (await shell(node, 'cat /proc/1/comm')).trim(),
    cloudInit: /status: (\S+)/.exec(status)?.[1] ?? 'unknown',
    cloudInitProblems: [...errors, ...warnings],
    failedUnits: lines(await shell(node, 'systemctl --failed --no-legend --plain')).map((line) => line.split(/\s+/)[0]),
    unitFileWarnings: lines(await shell(node, 'journalctl -b -o cat --no-pager 2>/dev/null || true')).filter((line) => line.startsWith(unitDir)),
  };
}

/** Everything that would make the same boot suspect on a VM; empty for a clean boot. */
export function realNodeBootProblems(boot: RealNodeBoot): string[] {
  return [
    ...(boot.init === 'systemd' ? [] : [`PID 1 is ${boot.init}, not systemd`]),
    ...(boot.cloudInit === 'done' ? [] : [`cloud-init status: ${boot.cloudInit}`]),
    ...boot.cloudInitProblems.map((problem) => `cloud-init: ${problem}`),
    ...boot.failedUnits.map((unit) => `failed unit: ${unit}`),
    ...boot.unitFileWarnings.map((warning) => `unit file: ${warning}`),
  ];
}

/**
 * Why a booting node will never be Ready, or undefined: its nspawn exited, or cloud-init
 * finished with errors (read from the machine's side through the node's root, no process
 * started: the swarm-ready wait calls this several times a second).
 */
export async function realNodeBootFailure(node: NodeHostRecord): Promise<string | undefined> {
  const stopped = await nspawnNodeFailure(node);
  if (stopped) return stopped;
  if (!node.leader || !(await isAlive(node.leader))) return undefined;
  const result = await readFile(`/proc/${node.leader.pid}/root/run/cloud-init/result.json`, 'utf8').catch(() => undefined);
  const errors = result ? ((JSON.parse(result) as { v1?: { errors?: string[] } }).v1?.errors ?? []) : [];
  return errors.length > 0 ? `cloud-init failed on node ${node.hostname}: ${errors.join('; ')}` : undefined;
}
