// The agents' scale set: list, scale, stop/start, restart and reimage instances. Every
// operation is a long-running ARM operation whose poller honours Retry-After; instance actions
// go to the scale set's batch form, one request for many instance ids.
import type { VirtualMachineScaleSetVM } from '@azure/arm-compute';
import type { Reporter } from '../../core/reporter.js';
import type { AgentInstance, AgentPowerState, Cluster, ClusterInfo, DeploymentStep } from '../../core/cluster.js';
import { reconcileAutoscale, type AutoscaleBoundsPolicy } from './autoscale.js';
import type { AzureClients } from './clients.js';
import { listOperations } from './deployment.js';
import { AzureError, azureCall, azureOperation } from './errors.js';
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
    await this.onInstances(deallocate ? 'deallocate' : 'powerOff', instanceIds);
  }

  async startAgents({ instanceIds }: { instanceIds?: string[] } = {}): Promise<void> {
    await this.onInstances('start', instanceIds);
  }

  async restartAgents(instanceIds: string[]): Promise<void> {
    await this.onInstances('restart', instanceIds);
  }

  async reimageAgents(instanceIds: string[]): Promise<void> {
    await this.onInstances('reimage', instanceIds);
  }

  /**
   * One scale set action on the given instances (all listed ones when none given) as ONE request
   * naming their ids, the batch form of the scale set API: one write and one operation to poll
   * whatever the count, where an action per instance made 100 writes and 100 operations for 100
   * agents. Callers bound how many act at once (reimage and chaos monkey pass a batch of
   * `batch-size`); a stop or start of the whole cluster is one request (see docs/scale.md).
   */
  private async onInstances(action: BatchAction, instanceIds: string[] | undefined): Promise<void> {
    const ids = instanceIds ?? (await this.listAgents()).map((agent) => agent.instanceId);
    // No id list means every instance of the scale set to ARM (whatever appeared since the
    // listing): the ids are always sent, and with none there is nothing to do.
    if (ids.length === 0) return;
    const sets = (await this.clients.compute()).virtualMachineScaleSets;
    const what = `${batchActions[action].verb} agent ${ids.length === 1 ? 'instance' : 'instances'} ${describeIds(ids)}`;
    try {
      await azureOperation(what, (observer) => {
        const options = { ...this.poll, ...observer };
        const vmInstanceIDs = { instanceIds: ids };
        switch (action) {
          case 'deallocate': return sets.deallocate(...this.scaleSet, { ...options, vmInstanceIDs });
          case 'powerOff': return sets.powerOff(...this.scaleSet, { ...options, vmInstanceIDs });
          case 'start': return sets.start(...this.scaleSet, { ...options, vmInstanceIDs });
          case 'restart': return sets.restart(...this.scaleSet, { ...options, vmInstanceIDs });
          case 'reimage': return sets.reimage(...this.scaleSet, { ...options, vmScaleSetReimageInput: vmInstanceIDs });
        }
      });
    } catch (error) {
      throw await this.withInstanceStates(error, ids, batchActions[action].settled);
    }
  }

  /**
   * A failed batch names its instances, ARM's code, message and correlation id; ARM's answer
   * rarely says which of them failed, so the instances are read once more and those not in the
   * state the action leads to are named with the state they are in.
   */
  private async withInstanceStates(error: unknown, ids: readonly string[], settled: AgentPowerState): Promise<unknown> {
    if (!(error instanceof AzureError)) return error;
    const agents = await this.listAgents().catch(() => undefined);
    if (!agents) return error;
    const unsettled = ids
      .map((id) => ({ id, state: agents.find((agent) => agent.instanceId === id)?.state ?? 'absent' }))
      .filter((instance) => instance.state !== settled);
    if (unsettled.length === 0) return error;
    const states = unsettled.map((instance) => `${instance.id} ${instance.state}`).join(', ');
    return new AzureError(`${error.message}; not ${settled} afterwards: ${states}`, error.code, error.correlationId, error.hint, { cause: error.cause });
  }
}

/** The scale set actions that take a list of instance ids: what they are called and lead to. */
const batchActions = {
  deallocate: { verb: 'deallocate', settled: 'deallocated' },
  powerOff: { verb: 'power off', settled: 'stopped' },
  start: { verb: 'start', settled: 'running' },
  restart: { verb: 'restart', settled: 'running' },
  reimage: { verb: 'reimage', settled: 'running' },
} satisfies Record<string, { verb: string; settled: AgentPowerState }>;

type BatchAction = keyof typeof batchActions;

/** Instance ids for a message, consecutive runs of numeric ids shortened: "0-19, 40". */
function describeIds(ids: readonly string[]): string {
  if (!ids.every((id) => /^\d+$/.test(id))) return ids.join(', ');
  const sorted = [...new Set(ids.map(Number))].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let index = 0; index < sorted.length;) {
    let end = index;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end += 1;
    runs.push(end === index ? String(sorted[index]) : `${sorted[index]}-${sorted[end]}`);
    index = end + 1;
  }
  return runs.join(', ');
}
