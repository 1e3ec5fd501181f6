// Agent operations (the scale action and the agent commands): each asks the provider to act on
// the scale set (or the lab's agents), then checks the result in the swarm itself.
import type { Reporter } from '../core/reporter.js';
import type { AgentInstance, Cluster } from '../core/cluster.js';
import { defaultBatchSizes } from '../core/validators.js';
import type { SwarmClient } from '../swarm/swarm-client.js';
import { waitForServices } from './convergence.js';
import { liveAgents, nodeIds, waitForNodes } from './nodes.js';
import { masterNames } from './swarm-access.js';

export interface AgentContext {
  cluster: Cluster;
  swarm: SwarmClient;
  reporter: Reporter;
  /** Longest wait for the swarm to reflect a change. */
  timeoutMs?: number;
  /** Stability window of service convergence checks. */
  stableMs?: number;
}

const names = (agents: readonly AgentInstance[]) => agents.map((agent) => agent.name);

export interface ScaleOutcome {
  before: string[];
  after: string[];
  joined: string[];
  removed: string[];
}

/** Sets the agent count, then waits until new agents are Ready and removed ones left `node ls`. */
export async function scaleAgents(context: AgentContext, count: number): Promise<ScaleOutcome> {
  const { cluster, reporter } = context;
  const before = names(await cluster.listAgents());
  await reporter.phase(`scale agents ${before.length} → ${count}`, () => cluster.scaleAgents(count));
  const after = names(liveAgents(await cluster.listAgents()));
  const joined = after.filter((name) => !before.includes(name));
  const removed = before.filter((name) => !after.includes(name));
  await waitForNodes(context.swarm, { ready: [...masterNames(cluster.info), ...after], gone: removed }, reporter, context.timeoutMs);
  if (joined.length > 0) reporter.info(`joined: ${joined.join(', ')}`);
  if (removed.length > 0) reporter.info(`left the swarm: ${removed.join(', ')}`);
  return { before, after, joined, removed };
}

/** Stops (or deallocates) every agent; their tasks move to the masters. */
export async function stopAgents(context: AgentContext, options: { deallocate?: boolean } = {}): Promise<string[]> {
  const { cluster, reporter } = context;
  const agents = names(await cluster.listAgents());
  await reporter.phase(`${options.deallocate ? 'deallocate' : 'stop'} ${agents.length} agents`, () =>
    cluster.stopAgents({ deallocate: options.deallocate ?? false }),
  );
  // A stopped agent goes Down (or is removed by the helper after its drain): either way not Ready.
  await waitForNodes(context.swarm, { ready: masterNames(cluster.info), notReady: agents }, reporter, context.timeoutMs);
  // Services constrained to workers have nowhere to go until the agents are back.
  await reporter.phase('tasks rescheduled', () =>
    waitForServices(context.swarm, [], reporter, { timeoutMs: context.timeoutMs, stableMs: context.stableMs, allowUnplaceable: true }),
  );
  return agents;
}

/** Starts every agent and waits until each is Ready again. */
export async function startAgents(context: AgentContext): Promise<string[]> {
  const { cluster, reporter } = context;
  await reporter.phase('start agents', () => cluster.startAgents());
  const agents = names(await cluster.listAgents());
  await waitForNodes(context.swarm, { ready: [...masterNames(cluster.info), ...agents] }, reporter, context.timeoutMs);
  return agents;
}

/** Waits until the agents are back as new swarm nodes (a restart or reimage rejoins afresh). */
function waitForRejoin(context: AgentContext, agents: readonly string[], staleIds: readonly string[]) {
  const expected = { ready: masterNames(context.cluster.info), rejoined: { names: agents, staleIds } };
  return waitForNodes(context.swarm, expected, context.reporter, context.timeoutMs);
}

/** `items` in consecutive groups of at most `size` (parsed by parseBatchSize above this layer). */
export function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

/**
 * Acts on agents in bounded batches: each batch is one action on all its agents (on Azure one
 * scale set request naming their instance ids), then `settle` runs for that batch (waiting for
 * the swarm, or nothing when only the provider's side is checked) before the next batch starts.
 * A batch of one is "one after another".
 */
async function actInBatches(
  reporter: Reporter,
  agents: readonly AgentInstance[],
  batchSize: number,
  verb: string,
  act: (instanceIds: string[]) => Promise<void>,
  settle: (batch: readonly AgentInstance[]) => Promise<unknown>,
): Promise<string[]> {
  const batches = batchesOf(agents, batchSize);
  for (const [index, batch] of batches.entries()) {
    const title = batch.length === 1
      ? `${verb} ${batch[0].name}`
      : `${verb} ${batch.length} agents at once${batches.length > 1 ? ` (batch ${index + 1} of ${batches.length})` : ''}`;
    await reporter.phase(title, () => act(batch.map((agent) => agent.instanceId)));
    await settle(batch);
  }
  return names(agents);
}

/** Serial is batches of one; parallel, batches of `batchSize`. */
const reimageBatchSize = (strategy: 'serial' | 'parallel', batchSize: number) => (strategy === 'serial' ? 1 : batchSize);

/**
 * Reimages the agents: serially (each rejoins before the next) or in parallel batches of
 * `batchSize` (each batch rejoins before the next).
 */
export async function reimageAgents(context: AgentContext, strategy: 'serial' | 'parallel', batchSize: number = defaultBatchSizes.reimage): Promise<string[]> {
  const size = reimageBatchSize(strategy, batchSize);
  const agents = await context.cluster.listAgents();
  const staleIds = nodeIds(await context.swarm.nodes(), names(agents));
  return actInBatches(context.reporter, agents, size, 'reimage',
    (ids) => context.cluster.reimageAgents(ids), (batch) => waitForRejoin(context, names(batch), staleIds));
}

/**
 * Reimages through the provider only, for runs that skip every check over SSH (the actions'
 * `wait-for-swarm: false`): each batch's reimages finish on Azure's side before the next starts.
 */
export async function reimageAgentsWithoutSwarm(cluster: Cluster, reporter: Reporter, strategy: 'serial' | 'parallel', batchSize: number = defaultBatchSizes.reimage): Promise<string[]> {
  const size = reimageBatchSize(strategy, batchSize);
  return actInBatches(reporter, await cluster.listAgents(), size, 'reimage',
    (ids) => cluster.reimageAgents(ids), async () => undefined);
}

export interface ChaosOutcome {
  order: string[];
  /** From the first restart until every node was Ready and every service converged. */
  toFullStrengthMs: number;
  /** From the last restart's completion until full strength. */
  recoveryMs: number;
}

/** Fisher-Yates with an injectable random source (tests, reproducible runs). */
export function shuffled<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [result[index], result[other]] = [result[other], result[index]];
  }
  return result;
}

/** Restarts the (shuffled) agents in batches of `batchSize`, each batch after the previous one's restarts finished. */
function restartInBatches(cluster: Cluster, reporter: Reporter, agents: readonly AgentInstance[], batchSize: number): Promise<string[]> {
  return actInBatches(reporter, agents, batchSize, 'restart', (ids) => cluster.restartAgents(ids), async () => undefined);
}

/**
 * The chaos monkey on the provider's side only (the actions' `wait-for-swarm: false`): every
 * agent restarted in random order, `batchSize` at a time; nothing is checked in the swarm.
 */
export async function chaosMonkeyWithoutSwarm(cluster: Cluster, reporter: Reporter, random?: () => number, batchSize: number = defaultBatchSizes.chaos): Promise<string[]> {
  return restartInBatches(cluster, reporter, shuffled(await cluster.listAgents(), random), batchSize);
}

/** Restarts every agent in random order, `batchSize` at a time, and times the return to full strength. */
export async function chaosMonkey(context: AgentContext, random?: () => number, batchSize: number = defaultBatchSizes.chaos): Promise<ChaosOutcome> {
  const { cluster, reporter } = context;
  const agents = shuffled(await cluster.listAgents(), random);
  const staleIds = nodeIds(await context.swarm.nodes(), names(agents));
  const started = Date.now();
  await restartInBatches(cluster, reporter, agents, batchSize);
  const lastRestart = Date.now();
  await waitForRejoin(context, names(agents), staleIds);
  await reporter.phase('services converged', () =>
    waitForServices(context.swarm, [], reporter, { timeoutMs: context.timeoutMs, stableMs: context.stableMs }),
  );
  const done = Date.now();
  reporter.info(`back to full strength ${((done - started) / 1000).toFixed(1)} s after the first restart`);
  return { order: names(agents), toFullStrengthMs: done - started, recoveryMs: done - lastRestart };
}
