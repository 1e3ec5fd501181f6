// The lab provider: a real Docker Swarm of several nodes on this machine (see docs/lab.md).
import { ToolkitError } from '../../core/errors.js';
import type { Reporter } from '../../core/reporter.js';
import type { ClusterSettings } from '../../core/settings.js';
import { validateLabName } from '../../core/validators.js';
import type { Cluster, ClusterProvider } from '../../core/cluster.js';
import { LabCluster } from './cluster.js';
import { deployLab, type LabDeployOptions } from './deploy.js';
import { destroyAllLabs, destroyLab } from './destroy.js';
import { clusterInfo, type LabContext } from './lab-context.js';
import { labMachineNotes, labMachineObjects } from './machine-changes.js';
import { labDir, readLabState, withLabLock } from './state.js';

export class LabProvider implements ClusterProvider {
  readonly kind = 'lab' as const;

  /**
   * Creates the lab, or scales an existing one's agents. `options.presetSecrets` apply only when
   * the lab is created: an existing lab keeps its secrets, as a VM runs its cloud-config once.
   */
  async deploy(settings: ClusterSettings, reporter: Reporter, options: LabDeployOptions = {}): Promise<Cluster> {
    checkLabSettings(settings);
    const dir = labDir(settings.name);
    const existing = await readLabState(dir);
    if (existing) {
      if (existing.masterCount !== settings.masterCount) {
        throw new ToolkitError(`master-count: lab ${settings.name} has ${existing.masterCount} masters; a lab's masters cannot change in place (got ${settings.masterCount})`, 'setting-invalid', 'destroy the lab first');
      }
      const cluster = await this.open(settings.name, reporter);
      await reporter.phase(`agents: scaling lab ${settings.name} to ${settings.agentCount}`, () => cluster.scaleAgents(settings.agentCount));
      return cluster;
    }
    let context: LabContext | undefined;
    try {
      context = await withLabLock(dir, () => deployLab(settings, reporter, options));
    } catch (error) {
      if (process.env.AZSWARM_LAB_RETAIN === '1') {
        reporter.warn(`lab ${settings.name} is kept for inspection (AZSWARM_LAB_RETAIN=1); destroy it when done`);
      } else {
        reporter.warn(`creating lab ${settings.name} failed: removing what was created`);
        await destroyLab(settings.name);
      }
      throw error;
    }
    reportMachineChanges(reporter, `lab ${settings.name} changed this machine:`, [...labMachineObjects(context.state), ...labMachineNotes()]);
    return this.clusterOf(context, reporter);
  }

  async open(name: string, reporter: Reporter): Promise<Cluster> {
    validateLabName('name', name);
    const dir = labDir(name);
    const state = await readLabState(dir);
    if (!state || !state.network) throw new ToolkitError(`lab ${name} does not exist`, 'cluster-not-found', 'create it with deploy-cluster --provider lab');
    return this.clusterOf({ dir, state }, reporter);
  }

  async destroy(name: string, reporter: Reporter): Promise<boolean> {
    validateLabName('name', name);
    const before = await readLabState(labDir(name)).catch(() => undefined);
    const existed = await reporter.phase(`destroy: lab ${name}`, () => destroyLab(name));
    if (existed && before) reportMachineChanges(reporter, `lab ${name} removed from this machine:`, labMachineObjects(before));
    return existed;
  }

  /**
   * Destroys every lab under the lab root and sweeps the machine's provably orphaned leftovers,
   * saying what it removed and what it left, and why; returns the labs' names.
   */
  async destroyAll(reporter: Reporter): Promise<string[]> {
    const { destroyed, swept } = await reporter.phase('destroy: every lab', () => destroyAllLabs());
    const groups = new Map<string, string[]>();
    for (const outcome of swept) {
      const title = `${outcome.removed ? 'sweep removed' : 'sweep left'} (${outcome.why}):`;
      groups.set(title, [...(groups.get(title) ?? []), outcome.object]);
    }
    reportMachineChanges(reporter, swept.length === 0 ? 'sweep: no lab leftovers on this machine' : 'sweep of lab leftovers on this machine:', [...groups].map(([title, objects]) => `${title} ${objects.join(', ')}`));
    return destroyed;
  }

  private async clusterOf(context: LabContext, reporter: Reporter): Promise<Cluster> {
    const info = await clusterInfo(context);
    reporter.secret(info.ssh.privateKey);
    return new LabCluster(info, context.dir, reporter);
  }
}

function reportMachineChanges(reporter: Reporter, title: string, lines: string[]): void {
  reporter.info(title);
  for (const line of lines) reporter.info(`  ${line}`);
}

/** The lab's own rules on top of parseClusterSettings (which the entry points run first). */
function checkLabSettings(settings: ClusterSettings): void {
  if (settings.provider !== 'lab') throw new ToolkitError(`provider: the lab provider got settings for ${settings.provider}`, 'setting-invalid');
  validateLabName('resource-group', settings.name);
}
