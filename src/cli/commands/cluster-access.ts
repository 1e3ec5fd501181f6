// What the cluster commands share: which provider and cluster a command means, opening it, and
// one SSH session to its master for the whole command.
import { SettingError, SettingProblems } from '../../core/errors.js';
import type { ProviderKind } from '../../core/settings.js';
import { defaultSettings } from '../../core/validate.js';
import { validateLabName } from '../../core/validators.js';
import { withSwarm } from '../../operations/swarm-access.js';
import type { Cluster } from '../../core/cluster.js';
import type { SwarmClient } from '../../swarm/swarm-client.js';
import { azureEnvironmentProblems, clusterProvider } from '../cluster-provider.js';
import type { CommandContext } from '../command.js';

/** The lab is the default provider of every cluster command. */
export function providerKind(context: CommandContext): ProviderKind {
  return context.provider ?? 'lab';
}

export function clusterName(context: CommandContext): string {
  if (providerKind(context) === 'lab') return validateLabName('name', context.name ?? defaultSettings.labName);
  if (context.name === undefined) throw new SettingError('name', 'is required with --provider azure (the resource group)');
  return context.name;
}

/**
 * The cluster's name, after every problem of the name and of the environment the provider reads
 * has been reported at once: nothing is signed in, no secret derived, while any remains.
 */
export function checkedClusterName(context: CommandContext, { needsClusterSecret }: { needsClusterSecret: boolean }): string {
  const problems = new SettingProblems();
  const name = problems.check(() => clusterName(context));
  if (providerKind(context) === 'azure') problems.add(...azureEnvironmentProblems({ needsClusterSecret }));
  problems.throwIfAny();
  return name!;
}

export function openCluster(context: CommandContext): Promise<Cluster> {
  const name = checkedClusterName(context, { needsClusterSecret: true });
  return clusterProvider(providerKind(context), name, context.reporter).open(name, context.reporter);
}

export async function withClusterSwarm<T>(context: CommandContext, work: (cluster: Cluster, swarm: SwarmClient) => Promise<T>): Promise<T> {
  const cluster = await openCluster(context);
  return withSwarm(cluster.info, context.reporter, (swarm) => work(cluster, swarm));
}

/** The command's only positional (`scale-agents N`), parsed by `parse` (validators.ts). */
export function countArgument(context: CommandContext, name: string, parse: (setting: string, value: string) => number): number {
  return parse(name, context.positionals[0] ?? '');
}

/** Left-aligned text columns, a header line first. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
