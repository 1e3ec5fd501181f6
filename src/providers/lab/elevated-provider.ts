// The lab for a caller that is not root (GitHub's hosted runners: the user `runner` with
// passwordless sudo): the same ClusterProvider and Cluster, each operation run by the lab's
// privileged part through `sudo -n` (elevated-client.ts), while this process, its outputs and
// its SSH sessions stay the user's. Without passwordless sudo every operation fails with
// `lab-needs-root` before anything is created.
import type { AgentInstance, Cluster, ClusterInfo, ClusterProvider } from '../../core/cluster.js';
import type { Reporter } from '../../core/reporter.js';
import type { ClusterSettings } from '../../core/settings.js';
import { validateLabName } from '../../core/validators.js';
import { runElevated, type ElevatedStream } from './elevated-client.js';
import type { ElevatedClusterMethod, ElevatedRequest } from './elevated-protocol.js';
import { labPrivilege } from './host/privilege.js';
import type { LabLogRequest, LogLines } from './node-logs.js';

async function elevated<T>(request: ElevatedRequest, reporter: Reporter, stream?: ElevatedStream): Promise<T> {
  await labPrivilege();
  return (await runElevated(request, reporter, stream)) as T;
}

class ElevatedLabCluster implements Cluster {
  constructor(
    readonly info: ClusterInfo,
    private readonly reporter: Reporter,
  ) {}

  private call<T>(method: ElevatedClusterMethod, ...args: unknown[]): Promise<T> {
    return elevated<T>({ op: 'cluster', name: this.info.name, method, args }, this.reporter);
  }

  listAgents(): Promise<AgentInstance[]> {
    return this.call('listAgents');
  }

  async scaleAgents(count: number): Promise<void> {
    await this.call('scaleAgents', count);
  }

  async stopAgents(options: { deallocate: boolean; instanceIds?: string[] }): Promise<void> {
    await this.call('stopAgents', options);
  }

  async startAgents(options: { instanceIds?: string[] } = {}): Promise<void> {
    await this.call('startAgents', options);
  }

  async restartAgents(instanceIds: string[]): Promise<void> {
    await this.call('restartAgents', instanceIds);
  }

  async reimageAgents(instanceIds: string[]): Promise<void> {
    await this.call('reimageAgents', instanceIds);
  }
}

export class ElevatedLabProvider implements ClusterProvider {
  readonly kind = 'lab' as const;

  private clusterOf(info: ClusterInfo, reporter: Reporter): Cluster {
    reporter.secret(info.ssh.privateKey);
    return new ElevatedLabCluster(info, reporter);
  }

  async deploy(settings: ClusterSettings, reporter: Reporter): Promise<Cluster> {
    validateLabName('resource-group', settings.name);
    return this.clusterOf(await elevated<ClusterInfo>({ op: 'deploy', settings }, reporter), reporter);
  }

  async open(name: string, reporter: Reporter): Promise<Cluster> {
    validateLabName('name', name);
    return this.clusterOf(await elevated<ClusterInfo>({ op: 'open', name }, reporter), reporter);
  }

  destroy(name: string, reporter: Reporter): Promise<boolean> {
    validateLabName('name', name);
    return elevated<boolean>({ op: 'destroy', name }, reporter);
  }

  destroyAll(reporter: Reporter): Promise<string[]> {
    return elevated<string[]>({ op: 'destroy-all' }, reporter);
  }
}

/** A lab node's unit log (root's files) read by the lab's privileged part; its lines reach `out` as they come. */
export function elevatedLabNodeLog(request: LabLogRequest, out: LogLines, stop: Promise<unknown>, reporter: Reporter): Promise<string> {
  return elevated<string>({ op: 'logs', ...request }, reporter, { output: out, stop });
}
