// The outputs of arm/cluster.json that the provider reads back: the contract between the
// template and this provider (documented in docs/azure.md).
import { ToolkitError } from '../../core/errors.js';

export interface ClusterOutputs {
  /** The deployment these outputs come from (its operations are the cluster's deployment steps). */
  deploymentName: string;
  masterFqdns: string[];
  agentsFqdn: string;
  scaleSetName: string;
  /** The template names it `<scaleSetName>-cpu-autoscale`; deployed disabled when autoscale is off. */
  autoscaleSettingName: string;
  adminUsername: string;
}

type RawOutputs = Record<string, { value?: unknown } | undefined> | undefined;

export function readOutputs(deployment: string, raw: RawOutputs): ClusterOutputs {
  const value = (name: string) => raw?.[name]?.value;
  const text = (name: string): string => {
    const found = value(name);
    if (typeof found !== 'string' || found === '') {
      throw new ToolkitError(`deployment ${deployment} has no output ${name}`, 'deployment-outputs', 'deploy the cluster with this toolkit version first');
    }
    return found;
  };
  const list = (name: string): string[] => {
    const found = value(name);
    return Array.isArray(found) ? found.map(String) : [];
  };
  const masterFqdns = list('masterFqdns');
  if (masterFqdns.length === 0) throw new ToolkitError(`deployment ${deployment} has no output masterFqdns`, 'deployment-outputs');
  const scaleSetName = text('scaleSetName');
  return {
    deploymentName: deployment,
    masterFqdns,
    agentsFqdn: text('agentsFqdn'),
    scaleSetName,
    autoscaleSettingName: `${scaleSetName}-cpu-autoscale`,
    adminUsername: text('adminUsername'),
  };
}
