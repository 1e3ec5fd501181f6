// Cluster-wide commands: deploy-cluster, view-deployment, list-endpoints, env, destroy-cluster.
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { UsageError } from '../args.js';
import { deployCluster } from '../../operations/cluster.js';
import { listNodes, type NodeRow } from '../../operations/nodes.js';
import { providerFor } from '../../providers/index.js';
import type { ClusterEndpoints } from '../../core/cluster.js';
import { generateSshKeyPair } from '../../render/keys.js';
import { dockerEnv, type EnvFile } from '../../swarm/docker-env.js';
import { azureClusterSecrets, azureEnvironmentProblems, azureProvider } from '../cluster-provider.js';
import { SettingProblems } from '../../core/errors.js';
import type { CommandDefinition } from '../command.js';
import { clusterSettingFlags, clusterSettingsFromFlags } from '../settings-flags.js';
import { checkedClusterName, openCluster, providerKind, table, withClusterSwarm } from './cluster-access.js';

/** Where the CLI keeps what it generates for a cluster (the docker env files of `env`). */
export function clusterHome(kind: string, name: string): string {
  return join(process.env.AZSWARM_HOME ?? join(homedir(), '.azswarm'), `${kind}-${name}`);
}

export function nodeTable(nodes: readonly NodeRow[]): string {
  return table(
    ['NODE', 'ROLE', 'STATUS', 'AVAILABILITY', 'ADDRESS'],
    nodes.map((node) => [node.hostname, node.leader ? 'manager (leader)' : node.role, node.status, node.availability, node.address]),
  );
}

function endpointLines(endpoints: ClusterEndpoints): string {
  return table(
    ['ENDPOINT', 'URL'],
    [
      ...endpoints.masters.map((master, index) => [`master${index}`, master]),
      ['agents load balancer', endpoints.agents],
      ...Object.entries(endpoints.services).map(([port, url]) => [`service port ${port}`, url]),
      ['monitor', endpoints.monitor],
    ],
  );
}

async function writePrivateFile(path: string, text: string, mode: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode });
  await chmod(temporary, mode);
  await rename(temporary, path);
}

const deploy: CommandDefinition = {
  name: 'deploy-cluster',
  summary: 'create the cluster (or update it in place) and wait until every node is Ready',
  description: [
    'On Azure the admin key pair, the masters\' SSH host key and the helper secret are derived from',
    'AZSWARM_CLUSTER_SECRET (environment; at least 32 characters, keep it): re-runs update the cluster',
    'in place, and every later command rebuilds the SSH material from it. On the lab a key pair is',
    'generated unless --ssh-public-key is given; the lab reaches its masters with its own key.',
  ].join('\n'),
  flags: [
    ...clusterSettingFlags,
    { name: 'wait-for-swarm', kind: 'boolean', summary: 'check the swarm over SSH until every node is Ready (default on; =false skips)' },
  ],
  async run(context) {
    const kind = providerKind(context);
    if (kind === 'azure' && context.flags.has('ssh-public-key')) {
      throw new UsageError('--ssh-public-key is for the lab: on Azure the CLI derives the admin key from AZSWARM_CLUSTER_SECRET (render --out writes parameters for your own key)', 'deploy-cluster');
    }
    // Every problem of the flags and of the environment at once, before any secret is derived or anyone signed in.
    const problems = new SettingProblems();
    const environmentProblems = kind === 'azure' ? azureEnvironmentProblems({ needsClusterSecret: true }) : [];
    // Azure: the admin key derives from the cluster secret; the lab: a fresh pair (its own key reaches the masters).
    const access = kind === 'azure' && environmentProblems.length === 0 && context.name ? azureClusterSecrets(context.name, context.reporter) : undefined;
    const fallbackKey = access ? access.derived.adminKey : generateSshKeyPair('azswarm-admin');
    const settings = await problems.checkAsync(() => clusterSettingsFromFlags(context, kind, fallbackKey.publicKey));
    problems.add(...environmentProblems);
    problems.throwIfAny();
    const provider = access ? azureProvider(access, context.reporter) : providerFor('lab');
    const waitForSwarm = !context.flags.has('wait-for-swarm') || context.flags.boolean('wait-for-swarm');
    const { cluster, nodes } = await deployCluster(provider, settings!, context.reporter, { waitForSwarm });
    if (nodes) context.out(nodeTable(nodes));
    context.out(endpointLines(cluster.info.endpoints));
    return { provider: kind, name: settings!.name, endpoints: cluster.info.endpoints, nodes: nodes ?? null };
  },
};

const viewDeployment: CommandDefinition = {
  name: 'view-deployment',
  summary: "show the deployment's steps (Azure: deployment operations), the agents and the swarm's nodes",
  flags: [],
  async run(context) {
    return withClusterSwarm(context, async (cluster, swarm) => {
      const steps = (await cluster.deploymentSteps?.()) ?? [];
      if (steps.length > 0) {
        context.out(table(['RESOURCE', 'STATE', 'ERROR'], steps.map((step) => [step.resource, step.state, step.error ? `${step.error.code}: ${step.error.message}` : ''])));
      }
      const agents = await cluster.listAgents();
      context.out(table(['AGENT', 'INSTANCE', 'POWER'], agents.map((agent) => [agent.name, agent.instanceId, agent.state])));
      const nodes = await listNodes(swarm);
      context.out(nodeTable(nodes));
      return { steps, agents, nodes };
    });
  },
};

const listEndpoints: CommandDefinition = {
  name: 'list-endpoints',
  summary: "the masters' names, the agents' load balancer, service URLs and the monitor",
  flags: [],
  async run(context) {
    const cluster = await openCluster(context);
    context.out(endpointLines(cluster.info.endpoints));
    return cluster.info.endpoints;
  },
};

async function writeEnvFiles(dir: string, files: readonly EnvFile[]): Promise<void> {
  for (const file of files) await writePrivateFile(join(dir, file.path), file.text, file.mode);
}

const env: CommandDefinition = {
  name: 'env',
  summary: 'print the environment that points your docker CLI at the cluster: eval "$(azswarm env)"',
  description: [
    'Writes an ssh config, the pinned known_hosts, the key and an ssh wrapper into DIR',
    '(default ~/.azswarm/PROVIDER-NAME), then prints `export PATH=DIR/bin:...` and',
    '`export DOCKER_HOST=ssh://USER@azswarm-PROVIDER-NAME`, after which `docker node ls` works.',
  ].join('\n'),
  flags: [{ name: 'dir', kind: 'string', valueName: 'DIR', summary: 'where to write the files' }],
  async run(context) {
    const cluster = await openCluster(context);
    const kind = providerKind(context);
    const dir = context.flags.string('dir') ?? clusterHome(kind, cluster.info.name);
    const environment = dockerEnv(cluster.info.ssh, `azswarm-${kind}-${cluster.info.name}`, dir);
    await context.reporter.phase(`write ssh config and pinned known_hosts to ${dir}`, () => writeEnvFiles(dir, environment.files));
    // stdout carries only the shell lines: that is what `eval "$(azswarm env)"` reads.
    context.out([...environment.exports, `# master: ${cluster.info.ssh.username}@${cluster.info.ssh.host}:${cluster.info.ssh.port}`, '# then: docker node ls'].join('\n'));
    return { dockerHost: environment.dockerHost, dir, exports: environment.exports };
  },
};

const destroy: CommandDefinition = {
  name: 'destroy-cluster',
  summary: 'remove the cluster and everything it created (an absent cluster is success)',
  flags: [{ name: 'all', kind: 'boolean', summary: 'lab only: destroy every lab and sweep leftovers of crashed runs' }],
  async run(context) {
    if (context.flags.boolean('all')) {
      if (providerKind(context) !== 'lab') throw new UsageError('--all is for the lab: Azure clusters are removed one resource group at a time', 'destroy-cluster');
      const destroyed = (await providerFor('lab').destroyAll?.(context.reporter)) ?? [];
      context.out(destroyed.length === 0 ? 'no labs' : `destroyed: ${destroyed.join(', ')}`);
      return { destroyed };
    }
    // Deleting a resource group needs no SSH: no cluster secret either.
    const name = checkedClusterName(context, { needsClusterSecret: false });
    const kind = providerKind(context);
    const existed = await providerFor(kind).destroy(name, context.reporter);
    context.out(existed ? `destroyed ${name}` : `no ${kind === 'lab' ? 'lab' : 'resource group'} ${name}: nothing to destroy`);
    return { destroyed: existed ? [name] : [] };
  },
};

export const clusterCommands: readonly CommandDefinition[] = [deploy, viewDeployment, listEndpoints, env, destroy];
