// The Cluster operations on a lab, each doing what Azure does to a scale set's VMs, with the
// same Scheduled Events first (posted through the lab daemon, acted on after the node's
// acknowledgement or NotBefore): scale-in deletes the newest instances after a Terminate event,
// restart posts Reboot, reimage posts Redeploy; stop and deallocate send no event (Azure shuts
// the guest OS down: systemd's stop runs the join unit's ExecStop, which drains and leaves).
import type { Reporter } from '../../core/reporter.js';
import { ToolkitError } from '../../core/errors.js';
import type { AgentInstance, Cluster, ClusterInfo } from '../../core/cluster.js';
import { clearScheduledEvents, postScheduledEvent } from './daemon/client.js';
import type { ScheduledEventType } from './daemon/metadata.js';
import { agentNode, attachNode, bootNode, deleteNode, observedPower, provisionNodeFolder, shutdownNode } from './lab-nodes.js';
import { agents, labEventNotBeforeSeconds, publishNodesToDaemon, renderNodeCloudConfig, saveState, secretNames, type LabContext } from './lab-context.js';
import { isAlive } from './host/processes.js';
import { claimLab } from './lab-claims.js';
import { relaxNeighbourTable } from './host/network.js';
import { readLabState, readSecret, withLabLock, type LabNodeState } from './state.js';

/** Creates, attaches and boots a node, saving the state before each step creates something. */
export async function launchNode(context: LabContext, node: LabNodeState): Promise<void> {
  if (!context.state.nodes.includes(node)) context.state.nodes.push(node);
  await saveState(context);
  await provisionNodeFolder(node, await renderNodeCloudConfig(context, node));
  await attachNode(context.state, node);
  await saveState(context);
  await bootNode(context.state, node, await readSecret(context.dir, secretNames.operatorPublicKey));
  await saveState(context);
}

export class LabCluster implements Cluster {
  constructor(
    readonly info: ClusterInfo,
    private readonly dir: string,
    private readonly reporter: Reporter,
  ) {}

  /** Runs one operation under the lab's lock on freshly read state. */
  private async change<T>(work: (context: LabContext) => Promise<T>): Promise<T> {
    return withLabLock(this.dir, async () => {
      const state = await readLabState(this.dir);
      if (!state) throw new ToolkitError(`lab ${this.info.name} does not exist any more`, 'cluster-not-found');
      // (again: a lab made before claims existed gets one before its nodes change)
      await claimLab(state.name, this.dir, state.network?.bridge);
      const context: LabContext = { dir: this.dir, state };
      try {
        return await work(context);
      } finally {
        await saveState(context);
      }
    });
  }

  async listAgents(): Promise<AgentInstance[]> {
    const state = await readLabState(this.dir);
    if (!state) throw new ToolkitError(`lab ${this.info.name} does not exist any more`, 'cluster-not-found');
    return Promise.all(agents(state).map(async (node) => ({ instanceId: node.instanceId, name: node.name, state: await observedPower(node) })));
  }

  async scaleAgents(count: number): Promise<void> {
    await this.change(async (context) => {
      const current = agents(context.state).sort((a, b) => Number(a.instanceId) - Number(b.instanceId));
      if (count > current.length) await this.scaleOut(context, count - current.length);
      else if (count < current.length) await this.scaleIn(context, current.slice(count).reverse());
    });
  }

  private async scaleOut(context: LabContext, added: number): Promise<void> {
    const { state } = context;
    const nodes: LabNodeState[] = [];
    for (let i = 0; i < added; i++) {
      if (!state.network) throw new ToolkitError(`lab ${state.name} has no network`, 'lab-state-invalid');
      const node = agentNode(this.dir, state, state.network, state.nextInstanceId++);
      state.nodes.push(node);
      nodes.push(node);
    }
    await saveState(context);
    await publishNodesToDaemon(context);
    this.reporter.info(`scale-out: booting ${nodes.map((node) => node.name).join(', ')}`);
    await Promise.all(nodes.map((node) => launchNode(context, node)));
  }

  /**
   * The newest instances go, in parallel like a scale set's scale-in, after ONE Terminate event
   * naming them all (as Azure announces a scale-in): each node drains and leaves, and the event
   * starts once the last of them acknowledged it (or NotBefore passed).
   */
  private async scaleIn(context: LabContext, removed: LabNodeState[]): Promise<void> {
    this.reporter.info(`scale-in: removing ${removed.map((node) => node.name).join(', ')} (newest first)`);
    await this.announce(context, removed, 'Terminate');
    try {
      await Promise.all(removed.map(async (node) => {
        node.power = 'deleting';
        await saveState(context);
        await deleteNode(context.state, node);
        context.state.nodes = context.state.nodes.filter((other) => other !== node);
        await saveState(context);
      }));
    } finally {
      await relaxNeighbourTable();
    }
    await publishNodesToDaemon(context);
  }

  /** Posts the Scheduled Event running nodes would get and waits for its acknowledgement (or NotBefore). */
  private async announce(context: LabContext, nodes: readonly LabNodeState[], type: ScheduledEventType): Promise<void> {
    const running = nodes.filter((node) => node.host);
    if (running.length === 0) return;
    const named = running.map((node) => node.name).join(', ');
    if (!context.state.daemon || !(await isAlive(context.state.daemon))) {
      this.reporter.warn(`${named}: the lab daemon is not running, so no ${type} event is posted (the ${running.length === 1 ? 'node stops' : 'nodes stop'} without draining first)`);
      return;
    }
    const started = Date.now();
    const outcome = await postScheduledEvent(this.dir, running.map((node) => node.name), type, { notBeforeSeconds: labEventNotBeforeSeconds });
    const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
    this.reporter.info(`${named}: ${type} event ${outcome === 'acknowledged' ? `acknowledged after ${took}` : `not acknowledged before NotBefore (${took})`}`);
  }

  private async forgetEvents(context: LabContext, node: LabNodeState): Promise<void> {
    if (context.state.daemon && (await isAlive(context.state.daemon))) await clearScheduledEvents(this.dir, node.name);
  }

  private selected(context: LabContext, instanceIds?: string[]): LabNodeState[] {
    const all = agents(context.state);
    if (!instanceIds) return all;
    return instanceIds.map((id) => {
      const node = all.find((agent) => agent.instanceId === id);
      if (!node) throw new ToolkitError(`agent instance ${id} does not exist in lab ${context.state.name}`, 'agent-not-found');
      return node;
    });
  }

  async stopAgents(options: { deallocate: boolean; instanceIds?: string[] }): Promise<void> {
    await this.change(async (context) => {
      await Promise.all(this.selected(context, options.instanceIds).filter((node) => node.host).map(async (node) => {
        node.power = 'stopping';
        await saveState(context);
        await shutdownNode(node);
        node.power = options.deallocate ? 'deallocated' : 'stopped';
        await saveState(context);
      }));
    });
  }

  async startAgents(options: { instanceIds?: string[] } = {}): Promise<void> {
    await this.change(async (context) => {
      const operatorKey = await readSecret(this.dir, secretNames.operatorPublicKey);
      await Promise.all(this.selected(context, options.instanceIds).filter((node) => !node.host).map(async (node) => {
        await this.forgetEvents(context, node);
        node.power = 'starting';
        await saveState(context);
        await bootNode(context.state, node, operatorKey);
        await saveState(context);
      }));
    });
  }

  async restartAgents(instanceIds: string[]): Promise<void> {
    await Promise.all(instanceIds.map((id) => this.powerCycle(id, 'Reboot')));
  }

  /** A fresh OS disk with the same name and address: each node boots through cloud-init again. */
  async reimageAgents(instanceIds: string[]): Promise<void> {
    await Promise.all(instanceIds.map((id) => this.powerCycle(id, 'Redeploy', async (context, node) => {
      node.power = 'creating';
      await provisionNodeFolder(node, await renderNodeCloudConfig(context, node));
    })));
  }

  /** The event, its acknowledgement, a shutdown, then (after `whileDown`) a boot with the same identity. */
  private async powerCycle(instanceId: string, event: ScheduledEventType, whileDown?: (context: LabContext, node: LabNodeState) => Promise<void>): Promise<void> {
    await this.change(async (context) => {
      const [node] = this.selected(context, [instanceId]);
      await this.announce(context, [node], event);
      node.power = 'stopping';
      await shutdownNode(node);
      await this.forgetEvents(context, node);
      await whileDown?.(context, node);
      node.power = 'starting';
      await bootNode(context.state, node, await readSecret(this.dir, secretNames.operatorPublicKey));
    });
  }
}
