// The Azure provider: a cluster is a resource group holding ONE deployment of arm/cluster.json.
// deploy creates or updates the group (tags) and the deployment; open reads the deployment's
// outputs; destroy deletes the group; the janitor deletes expired groups of this toolkit.
import type { ResourceGroup } from '@azure/arm-resources';
import type { DeploymentExtended } from '@azure/arm-resourcesdeployments';
import type { ClusterSettings } from '../../core/settings.js';
import { ToolkitError } from '../../core/errors.js';
import type { Reporter } from '../../core/reporter.js';
import { defaultPorts } from '../../render/node-config.js';
import type { ClusterInfo, ClusterProvider } from '../../core/cluster.js';
import { AzureCluster, type AgentOptions } from './agents.js';
import type { AzureClients } from './clients.js';
import { runDeployment, type DeploymentTiming } from './deployment.js';
import { azureCall, unlessNotFound } from './errors.js';
import { readOutputs, type ClusterOutputs } from './outputs.js';
import type { AzureRenderOptions, RenderContext, RenderedDeployment } from './render.js';
import { azureServiceFlavour } from './service-flavour.js';
import { isExpired, managedBy } from './tags.js';
import { keysForHost, type KnownHostsEntry } from '../../swarm/known-hosts.js';

export interface AzureProviderOptions extends Partial<DeploymentTiming>, Partial<AgentOptions> {
  clients: AzureClients;
  /** What the rendering of a deploy needs besides the settings: plain data (render.ts). */
  rendering?: AzureRenderOptions;
  /** Replaces the rendering itself: only tests, which hand the ARM stand-in broken templates. */
  render?: (settings: ClusterSettings, context: RenderContext) => RenderedDeployment;
  /** Extra group tags (expires-at, pr): see toolkitTags. managed-by is always set. */
  groupTags?: Record<string, string>;
  /**
   * SSH material of an existing cluster (a later job's inputs); `knownHosts` pins master0's own
   * entries; `agentHostKeys` are pinned for agents reached through master0 (the CLI's `logs`).
   */
  ssh?: SshMaterial;
  deploymentName?: string;
  now?: () => Date;
}

type SshMaterial = { privateKey: string; hostKeys: string[]; knownHosts?: KnownHostsEntry[]; agentHostKeys?: string[] };

export const defaultDeploymentName = 'azure-swarm-cluster';

/** A cluster deployment takes minutes; an hour means something is stuck. */
export const defaultDeploymentTimeoutMs = 60 * 60_000;

export interface JanitorResult {
  expired: string[];
  deleted: string[];
}

export class AzureProvider implements ClusterProvider {
  readonly kind = 'azure' as const;
  private readonly clients: AzureClients;
  private readonly deploymentName: string;
  private readonly timing: DeploymentTiming;
  private readonly agentOptions: AgentOptions;
  private ssh: SshMaterial;

  constructor(private readonly options: AzureProviderOptions) {
    this.clients = options.clients;
    this.deploymentName = options.deploymentName ?? defaultDeploymentName;
    this.timing = {
      progressIntervalMs: options.progressIntervalMs ?? 10_000,
      pollIntervalMs: options.pollIntervalMs ?? 10_000,
      deploymentTimeoutMs: options.deploymentTimeoutMs ?? defaultDeploymentTimeoutMs,
    };
    this.agentOptions = { pollIntervalMs: this.timing.pollIntervalMs, autoscaleBounds: options.autoscaleBounds ?? 'move' };
    this.ssh = options.ssh ?? { privateKey: '', hostKeys: [] };
  }

  async deploy(settings: ClusterSettings, reporter: Reporter): Promise<AzureCluster> {
    const group = settings.name;
    // Read before any write: rendering refuses to replace the secrets of an existing cluster.
    const existing = await unlessNotFound(`read resource group ${group}`, async () => (await this.clients.resources()).resourceGroups.get(group));
    const clusterExists = existing !== undefined && (await this.readDeployment(group)) !== undefined;
    // The rendering (cloud-init, yaml, the embedded assets) is loaded when a deploy needs it: the
    // other operations never compile it (docs/benchmarks.md).
    const rendered = this.options.render?.(settings, { clusterExists })
      ?? (await import('./render.js')).renderAzureDeployment(settings, { clusterExists }, this.options.rendering);
    for (const secret of [...rendered.secrets, rendered.ssh.privateKey ?? '']) if (secret) reporter.secret(secret);
    const agentHostKeys = this.ssh.agentHostKeys;
    this.ssh = { privateKey: rendered.ssh.privateKey ?? this.ssh.privateKey, hostKeys: rendered.ssh.hostKeys, ...(agentHostKeys ? { agentHostKeys } : {}) };
    await reporter.phase(`resource group ${group}`, () => this.ensureGroup(settings, existing, reporter));
    const deployment = await reporter.phase(`deployment ${this.deploymentName} of the cluster template`, () =>
      runDeployment(this.clients, { group, name: this.deploymentName, template: rendered.template, parameters: rendered.parameters }, this.timing, reporter),
    );
    return this.cluster(group, readOutputs(this.deploymentName, deployment.properties?.outputs), reporter);
  }

  private readDeployment(group: string): Promise<DeploymentExtended | undefined> {
    return unlessNotFound(`read deployment ${this.deploymentName} in ${group}`, async () => (await this.clients.deployments()).deployments.get(group, this.deploymentName));
  }

  private async ensureGroup(settings: ClusterSettings, existing: ResourceGroup | undefined, reporter: Reporter): Promise<void> {
    const group = settings.name;
    const location = existing?.location ?? settings.location;
    if (location === undefined) {
      throw new ToolkitError(`resource group ${group} does not exist and no location was given`, 'setting-invalid', 'set location (e.g. westeurope)');
    }
    if (existing && settings.location && existing.location !== settings.location) {
      reporter.warn(`resource group ${group} is in ${existing.location}; location ${settings.location} applies to new resources only`);
    }
    const tags = { ...existing?.tags, ...settings.tags, ...this.options.groupTags, [managedBy.name]: managedBy.value };
    await azureCall(`create or update resource group ${group}`, async () => (await this.clients.resources()).resourceGroups.createOrUpdate(group, { location, tags }));
    reporter.info(`resource group ${group} ${existing ? 'updated' : 'created'} in ${location}`);
  }

  async open(name: string, reporter: Reporter): Promise<AzureCluster> {
    const deployment = await this.readDeployment(name);
    if (deployment === undefined) {
      throw new ToolkitError(`no cluster in resource group ${name} (no deployment ${this.deploymentName})`, 'cluster-not-found', 'deploy it first with deploy-cluster');
    }
    if (deployment.properties?.provisioningState !== 'Succeeded') {
      reporter.warn(`deployment ${this.deploymentName} in ${name} is ${deployment.properties?.provisioningState ?? 'in an unknown state'}`);
    }
    return this.cluster(name, readOutputs(this.deploymentName, deployment.properties?.outputs), reporter);
  }

  private cluster(group: string, outputs: ClusterOutputs, reporter: Reporter): AzureCluster {
    const master0 = outputs.masterFqdns[0];
    const agents = outputs.agentsFqdn;
    const info: ClusterInfo = {
      provider: 'azure',
      name: group,
      masterCount: outputs.masterFqdns.length,
      ssh: {
        host: master0,
        port: defaultPorts.ssh,
        username: outputs.adminUsername,
        privateKey: this.ssh.privateKey,
        hostKeys: this.ssh.knownHosts ? keysForHost(this.ssh.knownHosts, master0) : this.ssh.hostKeys,
      },
      ...(this.ssh.agentHostKeys ? { agentHostKeys: this.ssh.agentHostKeys } : {}),
      endpoints: {
        masters: outputs.masterFqdns,
        agents,
        services: Object.fromEntries(defaultPorts.services.map((port) => [port, `http://${agents}:${port}/`])),
        // As master0 sees it: the visualizer listens on its loopback only (it proxies the Engine
        // API); `azswarm proxy` tunnels to it through master0's SSH.
        monitor: `http://${master0}:${defaultPorts.visualizer}/`,
      },
      flavour: azureServiceFlavour,
    };
    return new AzureCluster(info, this.clients, outputs, this.agentOptions, reporter);
  }

  async destroy(name: string, reporter: Reporter, { wait = true }: { wait?: boolean } = {}): Promise<boolean> {
    const groups = (await this.clients.resources()).resourceGroups;
    const exists = await azureCall(`check resource group ${name}`, () => groups.checkExistence(name));
    if (!exists.body) {
      reporter.info(`resource group ${name} does not exist: nothing to delete`);
      return false;
    }
    const options = { updateIntervalInMs: this.timing.pollIntervalMs };
    await azureCall(`delete resource group ${name}`, () => (wait ? groups.beginDeleteAndWait(name, options) : groups.beginDelete(name, options).then(() => undefined)));
    reporter.info(wait ? `resource group ${name} deleted` : `deletion of resource group ${name} started`);
    return true;
  }

  /** Deletes every group this toolkit manages whose expires-at has passed (or lists them). */
  async janitor(reporter: Reporter, { dryRun }: { dryRun: boolean }): Promise<JanitorResult> {
    const now = this.options.now?.() ?? new Date();
    const filter = `tagName eq '${managedBy.name}' and tagValue eq '${managedBy.value}'`;
    const expired = await azureCall('list resource groups of this toolkit', async () => {
      const names: string[] = [];
      for await (const group of (await this.clients.resources()).resourceGroups.list({ filter })) {
        if (group.name && isExpired(group.tags, now)) names.push(group.name);
      }
      return names;
    });
    reporter.info(expired.length === 0 ? 'no expired clusters' : `expired clusters: ${expired.join(', ')}`);
    if (dryRun) return { expired, deleted: [] };
    for (const name of expired) await reporter.phase(`delete ${name}`, () => this.destroy(name, reporter, { wait: false }));
    return { expired, deleted: expired };
  }
}
