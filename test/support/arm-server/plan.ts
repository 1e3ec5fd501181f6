// What a deployment of the cluster template "creates" in the stand-in. The server does not
// evaluate ARM templates: a test hands it a plan (resources, outputs, failures) per deployment.
import type { DeploymentOperationRecord } from './state.js';

export interface DeploymentPlan {
  outputs: Record<string, unknown>;
  scaleSet?: { name: string; capacity: number; computerNamePrefix: string };
  publicIps: { name: string; fqdn: string }[];
  autoscale?: { name: string; minimum: number; maximum: number; default: number };
  /** The resources as deployment operations; one with `error` makes the deployment fail. */
  operations: DeploymentOperationRecord[];
}

export type PlanDeployment = (group: string, parameters: Record<string, { value?: unknown }>) => DeploymentPlan;

function parameterValue<T>(parameters: Record<string, { value?: unknown }>, name: string, fallback: T): T {
  return (parameters[name]?.value as T | undefined) ?? fallback;
}

/**
 * The cluster a deployment of arm/cluster.json yields: names follow the template's conventions
 * (`<dnsPrefix>-master0`, `<dnsPrefix>-agents-lb`, scale set `agents`, autoscale `agents-cpu-autoscale`).
 */
export const clusterPlan: PlanDeployment = (group, parameters) => {
  const prefix = parameterValue(parameters, 'dnsPrefix', group.toLowerCase());
  const masters = parameterValue(parameters, 'masterCount', 1);
  const agents = parameterValue(parameters, 'agentCount', 2);
  const fqdn = (label: string) => `${label}.westeurope.cloudapp.azure.com`;
  const masterFqdns = Array.from({ length: masters }, (_, index) => fqdn(`${prefix}-master${index}`));
  return {
    outputs: {
      masterFqdns,
      master0Fqdn: masterFqdns[0],
      agentsFqdn: fqdn(`${prefix}-agents-lb`),
      scaleSetName: 'agents',
      adminUsername: parameterValue(parameters, 'adminUsername', 'cluster'),
    },
    scaleSet: { name: 'agents', capacity: agents, computerNamePrefix: 'agents' },
    publicIps: [
      ...masterFqdns.map((name, index) => ({ name: `master${index}-ip`, fqdn: name })),
      { name: 'agents-lb-ip', fqdn: fqdn(`${prefix}-agents-lb`) },
    ],
    autoscale: {
      name: 'agents-cpu-autoscale',
      minimum: parameterValue(parameters, 'minAgentCount', 1),
      maximum: parameterValue(parameters, 'maxAgentCount', 5),
      default: agents,
    },
    operations: [
      { resourceType: 'Microsoft.Network/virtualNetworks', resourceName: 'cluster-vnet' },
      ...masterFqdns.map((_, index) => ({ resourceType: 'Microsoft.Compute/virtualMachines', resourceName: `master${index}` })),
      { resourceType: 'Microsoft.Compute/virtualMachineScaleSets', resourceName: 'agents' },
    ],
  };
};
