// The services of the original Makefile (monitor, replicated, global, scale, stack, rebalance,
// remove) as use cases shared by the CLI and the rollout action. Each waits for convergence
// and probes the published endpoint.
import { ToolkitError } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import type { ClusterInfo } from '../core/cluster.js';
import { publishFlags, testServiceImage } from '../core/service-flavour.js';
import type { SwarmClient } from '../swarm/swarm-client.js';
import { describePlacement, tasksPerNode, waitForServices, type ConvergenceOptions } from './convergence.js';
import { hitCount, probeEndpoint } from './probe.js';
import { publicPorts, serviceNames, visualizerImage } from './service-flavours.js';

export interface ServiceContext {
  info: ClusterInfo;
  swarm: SwarmClient;
  reporter: Reporter;
  convergence?: ConvergenceOptions;
  /** Skip the HTTP probe (e.g. when the endpoint is not reachable from here). */
  skipProbe?: boolean;
  /** The test-image setting: the test service by digest, for a provider with no image of its own (validated by the entry code). */
  testImage?: string;
}

export interface ServiceOutcome {
  service: string;
  running: number;
  desired: number;
  /** Running tasks per node. */
  placement: Record<string, number>;
  url?: string;
  /** The node named by the probe's answer, when the page names one. */
  answeredBy?: string;
}

export const defaultStackFile = 'stacks/web-redis.yml';

function endpointUrl(info: ClusterInfo, port: number): string {
  return info.endpoints.services[port] ?? `http://${info.endpoints.agents}:${port}/`;
}

async function converge(context: ServiceContext, names: string[]): Promise<void> {
  await context.reporter.phase(`converge ${names.join(', ')}`, () => waitForServices(context.swarm, names, context.reporter, context.convergence));
}

function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

async function outcome(context: ServiceContext, name: string, url?: string): Promise<ServiceOutcome> {
  // Side by side, on two channels of the one SSH connection; a missing service is named as such
  // rather than by the failure of its `service ps`.
  const [listed, tasks] = await Promise.allSettled([context.swarm.service(name), context.swarm.tasks(name)]);
  const summary = settled(listed);
  if (summary === undefined) throw new ToolkitError(`service ${name} does not exist`, 'service-not-found');
  const placement = tasksPerNode(settled(tasks));
  context.reporter.info(`${name}: ${summary.running}/${summary.desired} running; per node: ${describePlacement(placement)}`);
  const result: ServiceOutcome = { service: name, running: summary.running, desired: summary.desired, placement };
  if (url === undefined) return result;
  if (context.skipProbe) return { ...result, url };
  const answer = await context.reporter.phase(`probe ${url}`, () => probeEndpoint(url));
  return { ...result, url, ...(answer.node === undefined ? {} : { answeredBy: answer.node }) };
}

/** Waits for a service to converge and tells where its tasks run. */
export async function convergedService(context: ServiceContext, name: string = serviceNames.replicated): Promise<ServiceOutcome> {
  await converge(context, [name]);
  return outcome(context, name);
}

/**
 * `docker service create` of a load-balanced web service; re-running it keeps an existing
 * service, scaled to `replicas` when given (so the rollout is idempotent). The create comes
 * first and Docker's refusal of a taken name tells that the service exists: one docker command
 * fewer than asking first (docs/benchmarks.md).
 */
async function deployWebService(context: ServiceContext, name: string, port: number, mode: string[], replicas?: number): Promise<ServiceOutcome> {
  const flavour = context.info.flavour;
  // Without an image (Azure with no test-image setting) an existing service is still kept, and
  // only a missing one is an error: that needs the question first.
  const imageless = flavour.webImage === undefined && context.testImage === undefined;
  const created = imageless && (await context.swarm.service(name)) !== undefined ? false : await context.swarm.createService(name, [
    '--detach', ...mode,
    ...publishFlags(flavour, port, flavour.webPort),
    '--env', 'NODE_NAME={{.Node.Hostname}}',
    ...flavour.commonFlags,
    testServiceImage(flavour, context.testImage),
  ]);
  if (created) {
    context.reporter.info(`${name} created`);
  } else {
    context.reporter.info(`${name} already exists; keeping it${replicas === undefined ? '' : ` with ${replicas} replicas`}`);
    if (replicas !== undefined) await context.swarm.docker(['service', 'scale', '--detach', `${name}=${replicas}`]);
  }
  await converge(context, [name]);
  return outcome(context, name, endpointUrl(context.info, port));
}

export function deployReplicatedService(context: ServiceContext, replicas = 8): Promise<ServiceOutcome> {
  return deployWebService(context, serviceNames.replicated, publicPorts.replicated, ['--replicas', String(replicas)], replicas);
}

export function deployGlobalService(context: ServiceContext): Promise<ServiceOutcome> {
  return deployWebService(context, serviceNames.global, publicPorts.global, ['--mode', 'global']);
}

/**
 * A built-in monitor (the lab daemon's page: derived data only, no Engine API) is already running.
 * Otherwise (Azure) the visualizer as a plain container on master0 published on its loopback only: its
 * server forwards requests to the Docker socket, so no other host may reach it (a swarm service
 * cannot publish on loopback). It is reached through an SSH tunnel, so it is not probed from here.
 */
export async function deployMonitor(context: ServiceContext): Promise<{ url: string }> {
  const url = context.info.endpoints.monitor;
  if (context.info.flavour.monitor === 'visualizer') {
    await context.reporter.phase('run the visualizer on master0\'s loopback', () => runVisualizer(context.swarm));
  } else if (!context.skipProbe) {
    await context.reporter.phase(`probe ${url}`, () => probeEndpoint(url));
  }
  context.reporter.info(`monitor: ${url}`);
  return { url };
}

async function runVisualizer(swarm: SwarmClient): Promise<void> {
  // Earlier versions ran a service published on every address: never leave it behind.
  if ((await swarm.service(serviceNames.monitor)) !== undefined) await swarm.docker(['service', 'rm', serviceNames.monitor]);
  const state = await swarm.docker(['ps', '--all', '--filter', `name=^${serviceNames.monitor}$`, '--format', '{{.State}} {{.Image}}']);
  const [status, image] = state.trim().split(' ');
  if (status === 'running' && image === visualizerImage) return;
  if (status !== undefined && status !== '') await swarm.docker(['rm', '--force', serviceNames.monitor]);
  await swarm.docker([
    'run', '--detach', '--name', serviceNames.monitor, '--restart', 'unless-stopped',
    '--publish', `127.0.0.1:${publicPorts.monitor}:8080`,
    '--mount', 'type=bind,src=/var/run/docker.sock,dst=/var/run/docker.sock,readonly',
    visualizerImage,
  ]);
}

export async function scaleService(context: ServiceContext, replicas: number, name: string = serviceNames.replicated): Promise<ServiceOutcome> {
  const service = await context.swarm.service(name);
  if (service === undefined) throw new ToolkitError(`service ${name} does not exist`, 'service-not-found', 'deploy it first');
  if (service.mode === 'global') throw new ToolkitError(`service ${name} is global: it runs one task per node`, 'service-global');
  await context.reporter.phase(`scale ${name} to ${replicas}`, () => context.swarm.docker(['service', 'scale', '--detach', `${name}=${replicas}`]));
  await converge(context, [name]);
  return outcome(context, name);
}

export interface StackOutcome {
  stack: string;
  services: ServiceOutcome[];
  url: string;
  notes: string[];
}

/** `docker stack deploy` of a compose file (default: the shipped Redis-backed stack). */
export async function deployStack(
  context: ServiceContext,
  compose?: { text: string; source: string },
  stack: string = serviceNames.stack,
): Promise<StackOutcome> {
  // The compose parser (yaml) and the shipped stack (the embedded assets) are loaded when a stack
  // is deployed: the scale action, which scales services, compiles neither (docs/benchmarks.md).
  const [{ prepareStack }, { asset }] = await Promise.all([import('./stack.js'), import('../core/assets.js')]);
  const { text, source } = compose ?? { text: asset(defaultStackFile), source: defaultStackFile };
  const prepared = prepareStack(text, context.info.flavour, source, context.testImage);
  for (const note of prepared.notes) context.reporter.info(note);
  await context.reporter.phase(`deploy stack ${stack}`, () =>
    context.swarm.docker(['stack', 'deploy', ...context.info.flavour.stackFlags, '--compose-file', '-', stack], {
      stdin: prepared.compose,
    }),
  );
  const names = await stackServices(context.swarm, stack);
  await converge(context, names);
  const url = endpointUrl(context.info, publicPorts.stack);
  const services = await Promise.all(names.map((name) => outcome(context, name)));
  if (!context.skipProbe) await context.reporter.phase(`probe ${url}`, () => probeEndpoint(url));
  return { stack, services, url, notes: prepared.notes };
}

async function stackServices(swarm: SwarmClient, stack: string): Promise<string[]> {
  const names = (await swarm.services()).map((service) => service.name).filter((name) => name.startsWith(`${stack}_`));
  if (names.length === 0) throw new ToolkitError(`stack ${stack} has no services`, 'stack-empty');
  return names;
}

/** `docker service update --force`: spreads tasks over the nodes there are now. */
export async function rebalanceServices(context: ServiceContext, names?: string[]): Promise<ServiceOutcome[]> {
  const services = (await context.swarm.services()).filter((service) =>
    names === undefined ? service.mode === 'replicated' && service.name !== serviceNames.monitor : names.includes(service.name),
  );
  for (const service of services) {
    await context.reporter.phase(`rebalance ${service.name}`, () =>
      context.swarm.docker(['service', 'update', '--detach', '--force', ...context.info.flavour.commonFlags, service.name]),
    );
  }
  await converge(context, services.map((service) => service.name));
  return Promise.all(services.map((service) => outcome(context, service.name)));
}

/** Removes the toolkit's services and stack (or the named ones); absent ones are skipped. */
export async function removeServices(context: ServiceContext, names?: string[]): Promise<string[]> {
  const existing = (await context.swarm.services()).map((service) => service.name);
  const stacks = new Set(existing.filter((name) => name.includes('_')).map((name) => name.split('_')[0]));
  const wanted = names ?? [...Object.values(serviceNames)];
  const removed: string[] = [];
  for (const name of wanted) {
    if (stacks.has(name)) {
      await context.reporter.phase(`remove stack ${name}`, () => context.swarm.docker(['stack', 'rm', name]));
      removed.push(name);
    } else if (existing.includes(name)) {
      await context.reporter.phase(`remove service ${name}`, () => context.swarm.docker(['service', 'rm', name]));
      removed.push(name);
    }
  }
  return removed;
}

export interface CounterOutcome {
  url: string;
  before: number;
  after: number;
}

/** The stack's state lives in Redis: its counter keeps counting across restarts of the web tasks. */
export async function counterAcrossRestarts(context: ServiceContext, stack: string = serviceNames.stack): Promise<CounterOutcome> {
  const url = endpointUrl(context.info, publicPorts.stack);
  const read = async () => {
    const answer = await probeEndpoint(url);
    const hits = hitCount(answer.body);
    if (hits === undefined) throw new ToolkitError(`${url} shows no hit counter: ${answer.body.split('\n').slice(0, 4).join(' | ')}`, 'stack-counter-missing');
    return hits;
  };
  const before = await read();
  await rebalanceServices(context, [`${stack}_web`]);
  const after = await read();
  context.reporter.info(`hit counter: ${before} before the web tasks restarted, ${after} after`);
  if (after <= before) throw new ToolkitError(`the counter did not keep counting across web task restarts (${before} → ${after})`, 'stack-counter-reset');
  return { url, before, after };
}
