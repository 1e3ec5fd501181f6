// logs: the original's `make tail-helper`, generalised — a node's unit log (join, helper,
// events, health), so that a user can see why a node did not join. The lab keeps each unit's
// output in a file per node (the journal's stand-in); on Azure, master0's journal is read over
// the pinned SSH session.
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SettingError, SettingProblems, ToolkitError } from '../../core/errors.js';
import { labDir, readLabState } from '../../providers/index.js';
import { SshSession } from '../../swarm/ssh-session.js';
import type { CommandContext, CommandDefinition } from '../command.js';
import { untilInterrupted } from '../interrupt.js';
import { checkedClusterName, openCluster, providerKind } from './cluster-access.js';

export const logUnits = { join: 'swarm-join.service', helper: 'swarm-helper.service', events: 'swarm-events.service', health: 'swarm-health.service' } as const;
type LogUnit = keyof typeof logUnits;

const followPollMs = 500;

function parseUnit(value: string | undefined): LogUnit {
  const unit = value ?? 'join';
  if (!(unit in logUnits)) throw new SettingError('unit', `must be one of ${Object.keys(logUnits).join(', ')}`, unit);
  return unit as LogUnit;
}

/** The lab node's unit log: printed whole, then (with follow) what is appended, until Ctrl-C. */
async function labLogs(context: CommandContext, lab: string, node: string, unit: LogUnit, follow: boolean): Promise<{ node: string; unit: string; file: string }> {
  const state = await readLabState(labDir(lab));
  if (!state) throw new ToolkitError(`lab ${lab} does not exist`, 'cluster-not-found', 'create it with deploy-cluster --provider lab');
  const found = state.nodes.find((candidate) => candidate.name === node);
  if (!found) throw new SettingError('node', `must be a node of lab ${lab} (${state.nodes.map((candidate) => candidate.name).join(', ')})`, node);
  const file = join(found.dir, 'log', `${logUnits[unit]}.log`);
  const size = await stat(file).then((info) => info.size, () => undefined);
  if (size === undefined) throw new ToolkitError(`${node} has no ${logUnits[unit]} log yet (${file})`, 'log-not-found', 'the unit has not started on that node');
  let offset = await printFrom(context, file, 0);
  if (!follow) return { node, unit: logUnits[unit], file };
  const interrupted = untilInterrupted();
  let stopped = false;
  void interrupted.done.then(() => void (stopped = true));
  try {
    while (!stopped) {
      await Promise.race([sleep(followPollMs), interrupted.done]);
      offset = await printFrom(context, file, offset);
    }
  } finally {
    interrupted.stop();
  }
  return { node, unit: logUnits[unit], file };
}

/** Prints the file's bytes from `offset` on (whole lines only); returns the new offset. */
async function printFrom(context: CommandContext, file: string, offset: number): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size < offset) offset = 0; // truncated or replaced: start again
    if (size === offset) return offset;
    const buffer = Buffer.alloc(size - offset);
    await handle.read(buffer, 0, buffer.length, offset);
    const text = buffer.toString('utf8');
    const complete = text.lastIndexOf('\n') + 1;
    if (complete > 0) context.out(text.slice(0, complete - 1));
    return offset + Buffer.byteLength(text.slice(0, complete));
  } finally {
    await handle.close();
  }
}

/** master0's journal over the pinned session; agents' host keys are not pinned, so they are refused. */
async function azureLogs(context: CommandContext, node: string, unit: LogUnit, follow: boolean): Promise<{ node: string; unit: string }> {
  const cluster = await openCluster(context);
  if (node !== 'master0') {
    throw new ToolkitError(`logs of ${node}: on Azure only master0's journal can be read yet (the agents' SSH host keys are not pinned, and the CLI never trusts an unpinned key)`, 'logs-unsupported', 'read the agent\'s boot with `az vmss get-boot-log`, or master0\'s helper log, which records every join');
  }
  const session = await SshSession.open(cluster.info.ssh, context.reporter);
  try {
    const argv = ['sudo', 'journalctl', '--no-pager', '--output', 'short-iso', '-u', logUnits[unit]];
    // --follow is bounded by the session's command timeout; Ctrl-C ends the CLI and the session.
    const output = await session.check(follow ? [...argv, '--follow'] : argv, follow ? { timeoutMs: 3_600_000 } : {});
    context.out(output.trimEnd());
    return { node, unit: logUnits[unit] };
  } finally {
    session.close();
  }
}

const logs: CommandDefinition = {
  name: 'logs',
  summary: "a node's unit log (join, helper, events, health), to see why a node did not join",
  description: 'Lab: any node. Azure: master0 (its journal over the pinned SSH session).',
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
