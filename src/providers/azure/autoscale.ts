// Azure autoscale puts a manual capacity outside its min/max back within them at its next
// evaluation. Scaling agents therefore checks the bounds first: it moves them (and says so) or
// fails clearly, never lets autoscale silently undo the change.
import type { AutoscaleSettingResource } from '@azure/arm-monitor';
import { ToolkitError } from '../../core/errors.js';
import type { Reporter } from '../../core/reporter.js';
import type { AzureClients } from './clients.js';
import { azureCall, unlessNotFound } from './errors.js';

export type AutoscaleBoundsPolicy = 'move' | 'fail';
export const autoscaleBoundsPolicies: readonly AutoscaleBoundsPolicy[] = ['move', 'fail'];

interface Bounds {
  minimum: number;
  maximum: number;
}

function boundsOf(setting: AutoscaleSettingResource): Bounds {
  const capacities = setting.profiles.map((profile) => profile.capacity);
  return {
    minimum: Math.min(...capacities.map((capacity) => Number(capacity.minimum))),
    maximum: Math.max(...capacities.map((capacity) => Number(capacity.maximum))),
  };
}

/** The setting with every profile's bounds widened just enough to hold `count`. */
function widened(setting: AutoscaleSettingResource, count: number): AutoscaleSettingResource {
  return {
    ...setting,
    profiles: setting.profiles.map((profile) => {
      const minimum = Math.min(Number(profile.capacity.minimum), count);
      const maximum = Math.max(Number(profile.capacity.maximum), count);
      return { ...profile, capacity: { minimum: String(minimum), maximum: String(maximum), default: profile.capacity.default } };
    }),
  };
}

export async function reconcileAutoscale(
  clients: AzureClients,
  group: string,
  settingName: string,
  count: number,
  policy: AutoscaleBoundsPolicy,
  reporter: Reporter,
): Promise<void> {
  const setting = await unlessNotFound(`read autoscale setting ${settingName}`, async () => (await clients.monitor()).autoscaleSettings.get(group, settingName));
  // Absent: autoscale is off and the template created no setting.
  if (setting === undefined || setting.enabled === false) return;
  const { minimum, maximum } = boundsOf(setting);
  if (count >= minimum && count <= maximum) {
    reporter.info(`autoscale ${settingName} is on (${minimum}-${maximum} agents): it may change the count again as CPU load changes`);
    return;
  }
  const problem = `agent count ${count} is outside autoscale ${settingName}'s bounds ${minimum}-${maximum}, which Azure would reset`;
  if (policy === 'fail') {
    throw new ToolkitError(problem, 'autoscale-bounds', 'pick a count inside the bounds, or set autoscale-bounds: move to widen them');
  }
  reporter.warn(`${problem}: moving the bounds to ${Math.min(minimum, count)}-${Math.max(maximum, count)}`);
  await azureCall(`update autoscale setting ${settingName}`, async () => (await clients.monitor()).autoscaleSettings.createOrUpdate(group, settingName, widened(setting, count)));
}
