// The agents' scale set: list, scale, stop/start, restart and reimage instances. Every
// operation is a long-running ARM operation whose poller honours Retry-After.
import type { VirtualMachineScaleSetVM } from '@azure/arm-compute';
import type { Reporter } from '../../core/reporter.js';
import type { AgentInstance, AgentPowerState, Cluster, ClusterInfo, DeploymentStep } from '../../core/cluster.js';
import { reconcileAutoscale, type AutoscaleBoundsPolicy } from './autoscale.js';
import type { AzureClients } from './clients.js';
import { listOperations } from './deployment.js';
import { azureCall, azureOperation, type ResponseObserver } from './errors.js';
import type { ClusterOutputs } from './outputs.js';

const powerStates: Record<string, AgentPowerState> = {
  starting: 'starting', running: 'running', stopping: 'stopping', stopped: 'stopped',
  deallocating: 'stopping', deallocated: 'deallocated',
};

function powerState(vm: VirtualMachineScaleSetVM): AgentPowerState {
  if (vm.provisioningState === 'Creating') return 'creating';
  if (vm.provisioningState === 'Deleting') return 'deleting';
  const code = vm.instanceView?.statuses?.find((status) => status.code?.startsWith('PowerState/'))?.code;
  return powerStates[code?.slice('PowerState/'.length) ?? ''] ?? 'unknown';
}

export interface AgentOptions {
  pollIntervalMs: number;
  autoscaleBounds: AutoscaleBoundsPolicy;
}

/** How often the SDK's pollers ask about a long-running operation. */
interface PollOptions {
  updateIntervalInMs?: number;
}

export class AzureCluster implements Cluster {
  constructor(
    readonly info: ClusterInfo,
    private readonly clients: AzureClients,
    private readonly outputs: ClusterOutputs,
    private readonly options: AgentOptions,
    private readonly reporter: Reporter,
  ) {}

  private get scaleSet(): [string, string] {
    return [this.info.name, this.outputs.scaleSetName];
  }

  private get poll(): PollOptions {
    return { updateIntervalInMs: this.options.pollIntervalMs };
  }

  deploymentSteps(): Promise<DeploymentStep[]> {
    const name = this.outputs.deploymentName;
    return azureCall(`list operations of deployment ${name}`, () => listOperations(this.clients, this.info.name, name));
  }

  async listAgents(): Promise<AgentInstance[]> {
    return azureCall(`list instances of scale set ${this.outputs.scaleSetName}`, async () => {
      const agents: AgentInstance[] = [];
      for await (const vm of (await this.clients.compute()).virtualMachineScaleSetVMs.list(...this.scaleSet, { expand: 'instanceView' })) {
        agents.push({ instanceId: vm.instanceId ?? '', name: vm.osProfile?.computerName ?? vm.name ?? '', state: powerState(vm) });
      }
      return agents;
    });
  }

  async scaleAgents(count: number): Promise<void> {
    await reconcileAutoscale(this.clients, this.info.name, this.outputs.autoscaleSettingName, count, this.options.autoscaleBounds, this.reporter);
    // Scale-in removes the newest instances (the template's scale-in policy); each gets a
    // Terminate scheduled event first, which its watcher turns into a drain and a swarm leave.
    await azureOperation(`set capacity of scale set ${this.outputs.scaleSetName} to ${count}`, async (options) =>
      (await this.clients.compute()).virtualMachineScaleSets.update(...this.scaleSet, { sku: { capacity: count } }, { ...this.poll, ...options }),
    );
  }

  async stopAgents({ deallocate, instanceIds }: { deallocate: boolean; instanceIds?: string[] }): Promise<void> {
    const vms = (await this.clients.compute()).virtualMachineScaleSetVMs;
    await this.eachInstance(deallocate ? 'deallocate' : 'power off', instanceIds, (id, options) =>
      deallocate ? vms.deallocate(...this.scaleSet, id, options) : vms.powerOff(...this.scaleSet, id, options),
    );
  }

  async startAgents({ instanceIds }: { instanceIds?: string[] } = {}): Promise<void> {
    await this.eachInstance('start', instanceIds, async (id, options) => (await this.clients.compute()).virtualMachineScaleSetVMs.start(...this.scaleSet, id, options));
  }

  async restartAgent(instanceId: string): Promise<void> {
    await this.eachInstance('restart', [instanceId], async (id, options) => (await this.clients.compute()).virtualMachineScaleSetVMs.restart(...this.scaleSet, id, options));
  }

  async reimageAgent(instanceId: string): Promise<void> {
    await this.eachInstance('reimage', [instanceId], async (id, options) => (await this.clients.compute()).virtualMachineScaleSetVMs.reimage(...this.scaleSet, id, options));
  }

  /**
   * Runs one instance operation on the given instances (all when none given), in parallel;
   * `operation` passes the options on to the SDK (poll interval, correlation id capture).
   */
  private async eachInstance(
    verb: string,
    instanceIds: string[] | undefined,
    operation: (id: string, options: ResponseObserver & PollOptions) => PromiseLike<void>,
  ): Promise<void> {
    const ids = instanceIds ?? (await this.listAgents()).map((agent) => agent.instanceId);
    await Promise.all(ids.map((id) => azureOperation(`${verb} agent instance ${id}`, (options) => operation(id, { ...this.poll, ...options }))));
  }
}
