// Service commands: deploy-monitor, deploy-replicated-service, deploy-global-service,
// scale-service N, update-service, deploy-stack, remove-services.
import { readFile } from 'node:fs/promises';
import { SettingError } from '../../core/errors.js';
import { parseReplicaCount, parseTestImage, replicaCap } from '../../core/validators.js';
import { describePlacement } from '../../operations/convergence.js';
import {
  deployGlobalService,
  deployMonitor,
  deployReplicatedService,
  deployStack,
  rebalanceServices,
  removeServices,
  scaleService,
  type ServiceContext,
  type ServiceOutcome,
} from '../../operations/services.js';
import type { CommandContext, CommandDefinition } from '../command.js';
import { countArgument, table, withClusterSwarm } from './cluster-access.js';

function serviceCommand<T>(context: CommandContext, work: (services: ServiceContext) => Promise<T>): Promise<T> {
  const testImage = parseTestImage('test-image', context.flags.string('test-image') ?? '', context.provider ?? 'lab');
  return withClusterSwarm(context, (cluster, swarm) => work({ info: cluster.info, swarm, reporter: context.reporter, ...(testImage === undefined ? {} : { testImage }) }));
}

/** The commands that run the test service: on Azure its image comes from the registry, by digest. */
const testImageFlag = {
  name: 'test-image',
  kind: 'string',
  valueName: 'REF@sha256:DIGEST',
  summary: "Azure: the test service's image by digest, as the test-service workflow prints it (the lab builds its own)",
} as const;

function showServices(context: CommandContext, outcomes: readonly ServiceOutcome[]): void {
  context.out(
    table(
      ['SERVICE', 'RUNNING', 'TASKS PER NODE', 'URL'],
      outcomes.map((outcome) => [
        outcome.service,
        `${outcome.running}/${outcome.desired}`,
        describePlacement(outcome.placement),
        outcome.url ?? '',
      ]),
    ),
  );
}

async function showing(context: CommandContext, outcome: Promise<ServiceOutcome>): Promise<ServiceOutcome> {
  const result = await outcome;
  showServices(context, [result]);
  return result;
}

const monitor: CommandDefinition = {
  name: 'deploy-monitor',
  summary: 'the swarm monitor: the visualizer on master0\'s loopback, through an SSH tunnel (Azure) or the lab\'s live status page',
  flags: [],
  run: (context) =>
    serviceCommand(context, async (services) => {
      const result = await deployMonitor(services);
      context.out(`monitor: ${result.url}`);
      return result;
    }),
};

const replicated: CommandDefinition = {
  name: 'deploy-replicated-service',
  summary: 'a web service with 8 replicas behind the load balancer (port 80)',
  flags: [{ name: 'replicas', kind: 'string', valueName: 'N', summary: 'replica count (default 8)' }, testImageFlag],
  run: (context) => {
    const text = context.flags.string('replicas');
    const replicas = text === undefined ? 8 : parseReplicaCount('replicas', text, 1);
    return serviceCommand(context, (services) => showing(context, deployReplicatedService(services, replicas)));
  },
};

const global: CommandDefinition = {
  name: 'deploy-global-service',
  summary: 'a web service with one task on every node (port 81)',
  flags: [testImageFlag],
  run: (context) => serviceCommand(context, (services) => showing(context, deployGlobalService(services))),
};

const scale: CommandDefinition = {
  name: 'scale-service',
  summary: 'scale the replicated service to N tasks and wait until they all run',
  flags: [{ name: 'service', kind: 'string', valueName: 'NAME', summary: 'another replicated service to scale' }],
  positionals: [{ name: 'N', summary: `the replica count, 0-${replicaCap}` }],
  run: (context) => {
    const replicas = countArgument(context, 'N', (setting, value) => parseReplicaCount(setting, value, 0));
    const name = context.flags.string('service');
    return serviceCommand(context, (services) => showing(context, scaleService(services, replicas, name)));
  },
};

const update: CommandDefinition = {
  name: 'update-service',
  summary: 'rebalance: docker service update --force on the replicated services, spreading tasks over every node',
  flags: [{ name: 'service', kind: 'string', valueName: 'NAME', summary: 'only this service' }],
  run: (context) => {
    const name = context.flags.string('service');
    return serviceCommand(context, async (services) => {
      const outcomes = await rebalanceServices(services, name === undefined ? undefined : [name]);
      showServices(context, outcomes);
      return outcomes;
    });
  },
};

const stack: CommandDefinition = {
  name: 'deploy-stack',
  summary: 'the Redis-backed stack (web frontend counting hits in Redis, port 8000), or --file COMPOSE',
  flags: [{ name: 'file', kind: 'string', valueName: 'COMPOSE', summary: 'a compose file instead of the shipped stacks/web-redis.yml' }, testImageFlag],
  run: async (context) => {
    const file = context.flags.string('file');
    const compose =
      file === undefined
        ? undefined
        : {
            source: file,
            text: await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
              throw new SettingError('file', `must be a readable compose file (${error.code ?? 'unreadable'})`, file);
            }),
          };
    return serviceCommand(context, async (services) => {
      const result = await deployStack(services, compose);
      showServices(context, result.services);
      context.out(`stack ${result.stack}: ${result.url}`);
      return result;
    });
  },
};

const remove: CommandDefinition = {
  name: 'remove-services',
  summary: "remove the toolkit's services and stack (or --service NAME)",
  flags: [{ name: 'service', kind: 'string', valueName: 'NAME', summary: 'only this service or stack' }],
  run: (context) => {
    const name = context.flags.string('service');
    return serviceCommand(context, async (services) => {
      const removed = await removeServices(services, name === undefined ? undefined : [name]);
      context.out(removed.length === 0 ? 'nothing to remove' : `removed: ${removed.join(', ')}`);
      return { removed };
    });
  },
};

export const serviceCommands: readonly CommandDefinition[] = [monitor, replicated, global, scale, update, stack, remove];
