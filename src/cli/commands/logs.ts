// logs: the original's `make tail-helper`, generalised — a node's unit log (join, helper,
// events, health), so that a user can see why a node did not join. The lab reads a node's log
// from the machine (src/providers/lab/node-logs.ts: a file per unit on emulated nodes, the
// node's journal on real-boot ones); on Azure, the node's journal is read over SSH: master0's
// session, and through it (pinned host keys end to end) any other node.
import { SettingError, SettingProblems, ToolkitError } from '../../core/errors.js';
import { readLabNodeLogs } from '../../providers/index.js';
import type { AgentInstance, ClusterInfo, SshTarget } from '../../core/cluster.js';
import { azureNetwork, defaultPorts } from '../../render/node-config.js';
import { SshSession } from '../../swarm/ssh-session.js';
import type { CommandContext, CommandDefinition } from '../command.js';
import { runUntilInterrupted } from '../interrupt.js';
import { checkedClusterName, openCluster, providerKind } from './cluster-access.js';

export const logUnits = { join: 'swarm-join.service', helper: 'swarm-helper.service', events: 'swarm-events.service', health: 'swarm-health.service' } as const;
type LogUnit = keyof typeof logUnits;

function parseUnit(value: string | undefined): LogUnit {
  const unit = value ?? 'join';
  if (!(unit in logUnits)) throw new SettingError('unit', `must be one of ${Object.keys(logUnits).join(', ')}`, unit);
  return unit as LogUnit;
}

/**
 * The lab node's unit log: printed whole, then (with follow) what is appended, until Ctrl-C. The
 * nodes' logs are root's: a user who is not root reads them through the lab's `sudo -n`, as the
 * other lab commands do.
 */
async function labLogs(context: CommandContext, lab: string, node: string, unit: LogUnit, follow: boolean): Promise<{ node: string; unit: string; file: string }> {
  const request = { lab, node, unit: logUnits[unit], follow };
  const print = (text: string) => context.out(text);
  const file = follow
    ? await runUntilInterrupted((interrupted) => readLabNodeLogs(request, print, interrupted, context.reporter))
    : await readLabNodeLogs(request, print, new Promise<never>(() => undefined), context.reporter);
  return { node, unit: logUnits[unit], file };
}

/**
 * Where node's sshd is, as master0 sees it, with the host keys it must present: master0 itself
 * (no hop), another master at its private address (the masters share one host key), or an agent
 * by its computer name (the virtual network's DNS knows it) with the agents' own host keys.
 */
export function azureNodeRoute(info: ClusterInfo, node: string, agents: readonly AgentInstance[]): { target: SshTarget; throughMaster0: boolean } {
  const masters = Array.from({ length: info.masterCount }, (_unused, index) => `master${index}`);
  if (node === 'master0') return { target: info.ssh, throughMaster0: false };
  const masterIndex = masters.indexOf(node);
  if (masterIndex > 0) return { target: { ...info.ssh, host: azureNetwork.masterAddress(masterIndex), port: defaultPorts.ssh }, throughMaster0: true };
  if (!agents.some((agent) => agent.name === node)) {
    throw new SettingError('node', `must be a node of cluster ${info.name} (${[...masters, ...agents.map((agent) => agent.name)].join(', ')})`, node);
  }
  if (!info.agentHostKeys || info.agentHostKeys.length === 0) {
    throw new ToolkitError(`logs of ${node}: the agents' host keys are not known, and the CLI never trusts an unpinned key`, 'host-key-missing', 'set AZSWARM_CLUSTER_SECRET (the agents\' keys derive from it)');
  }
  return { target: { ...info.ssh, host: node, port: defaultPorts.ssh, hostKeys: info.agentHostKeys }, throughMaster0: true };
}

/** The node's journal of the unit, over master0's pinned session (and on through it to another node). */
async function azureLogs(context: CommandContext, node: string, unit: LogUnit, follow: boolean): Promise<{ node: string; unit: string }> {
  const cluster = await openCluster(context);
  const agents = node === 'master0' ? [] : await cluster.listAgents();
  const { target, throughMaster0 } = azureNodeRoute(cluster.info, node, agents);
  const master0 = await SshSession.open(cluster.info.ssh, context.reporter);
  try {
    const session = throughMaster0 ? await SshSession.open(target, context.reporter, { through: master0 }) : master0;
    try {
      const argv = ['sudo', 'journalctl', '--no-pager', '--output', 'short-iso', '-u', logUnits[unit]];
      if (follow) await followRemote(context, session, [...argv, '--follow']);
      else context.out((await session.check(argv)).trimEnd());
      return { node, unit: logUnits[unit] };
    } finally {
      if (session !== master0) session.close();
    }
  } finally {
    master0.close();
  }
}

/** A follow that nobody stops ends after this long (the remote `timeout` kills it too). */
const remoteFollowLimitMs = 3_600_000;

/** Prints the remote command's whole lines as they arrive, until Ctrl-C (or the command ends). */
async function followRemote(context: CommandContext, session: SshSession, argv: readonly string[]): Promise<void> {
  let pending = '';
  const printLines = (text: string) => {
    pending += text;
    const end = pending.lastIndexOf('\n');
    if (end < 0) return;
    context.out(pending.slice(0, end));
    pending = pending.slice(end + 1);
  };
  const finished = session.run(argv, { timeoutMs: remoteFollowLimitMs, onStdout: printLines });
  // After Ctrl-C the caller closes the session, which ends the remote reader: its error then is no news.
  finished.catch(() => undefined);
  const ended = await runUntilInterrupted((interrupted) => Promise.race([finished, interrupted]));
  if (typeof ended === 'object' && ended.code !== 0) {
    throw new ToolkitError(`${argv.slice(0, 2).join(' ')} ended with exit ${ended.code}: ${ended.stderr.split('\n').slice(-5).join('\n')}`, 'remote-command-failed');
  }
}

const logs: CommandDefinition = {
  name: 'logs',
  summary: "a node's unit log (join, helper, events, health), to see why a node did not join",
  description: [
    "Lab: any node. Azure: any node's journal: master0's over its pinned SSH session, another master's",
    "or an agent's through master0, each node's host key pinned (the agents' derive from AZSWARM_CLUSTER_SECRET).",
  ].join('\n'),
  flags: [
    { name: 'node', kind: 'string', valueName: 'NAME', summary: 'the node, e.g. master0 or agents000001 (default master0)' },
    { name: 'unit', kind: 'string', valueName: 'join|helper|events|health', summary: 'which unit (default join)' },
    { name: 'follow', kind: 'boolean', summary: 'keep printing what is appended, until Ctrl-C' },
  ],
  async run(context) {
    const problems = new SettingProblems();
    const unit = problems.check(() => parseUnit(context.flags.string('unit')));
    const name = problems.check(() => checkedClusterName(context, { needsClusterSecret: true }));
    problems.throwIfAny();
    const node = context.flags.string('node') ?? 'master0';
    const follow = context.flags.boolean('follow');
    return providerKind(context) === 'lab' ? labLogs(context, name!, node, unit!, follow) : azureLogs(context, node, unit!, follow);
  },
};

export const logsCommands: readonly CommandDefinition[] = [logs];
