// What a deployment "creates" in the stand-in. By default the server evaluates the deployed
// template itself (the evaluator of test/arm/support) for the deployment's parameters and group:
// its resources become the deployment's operations, its public IPs, scale set and autoscale
// setting become state, and its outputs are the template's outputs as ARM would compute them, so
// a renamed or broken output breaks the tests that read it. A test may hand in its own plan
// (failures, odd outputs) instead.
import { expandTemplate, type ExpandedResource, type Json, type JsonObject, type Template } from '../../arm/support/evaluate.js';
import type { DeploymentOperationRecord } from './state.js';

export interface DeploymentPlan {
  outputs: Record<string, unknown>;
  scaleSet?: { name: string; capacity: number; computerNamePrefix: string };
  publicIps: { name: string; fqdn: string }[];
  autoscale?: { name: string; minimum: number; maximum: number; default: number };
  /** The resources as deployment operations; one with `error` makes the deployment fail. */
  operations: DeploymentOperationRecord[];
}

/** Where a deployment goes and what it deploys. */
export interface DeploymentTarget {
  /** The group's ARM id (`/subscriptions/<id>/resourceGroups/<name>`). */
  groupId: string;
  location: string;
  template: unknown;
}

export type PlanDeployment = (group: string, parameters: Record<string, { value?: unknown }>, target: DeploymentTarget) => DeploymentPlan;

/** A template ARM refuses before it creates anything (HTTP 400 InvalidTemplateDeployment). */
export class InvalidTemplateError extends Error {}

/** Storage keys that `listKeys()` gives the template (the stand-in's storage account has these). */
const storageKeys = { keys: [{ keyName: 'key1', permissions: 'FULL', value: 'c3RhbmQtaW4tc3RvcmFnZS1rZXk=' }] };

const isTemplate = (value: unknown): value is Template =>
  typeof value === 'object' && value !== null && ['parameters', 'resources', 'outputs'].every((key) => key in value);

/** The deployed template, evaluated as Resource Manager would for these parameters and this group. */
export const clusterPlan: PlanDeployment = (group, parameters, target) => {
  if (!isTemplate(target.template)) throw new InvalidTemplateError('the deployment carries no template with parameters, resources and outputs');
  const given = Object.fromEntries(Object.entries(parameters).filter(([, entry]) => entry.value !== undefined).map(([name, entry]) => [name, entry.value as Json]));
  let expansion: ReturnType<typeof expandTemplate>;
  try {
    expansion = expandTemplate(target.template, given, {
      resourceGroup: { id: target.groupId, name: group, location: target.location },
      listKeys: () => storageKeys,
    });
  } catch (error) {
    throw new InvalidTemplateError(`Deployment template validation failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const deployed = expansion.resources.filter((resource) => resource.deployed && resource.body);
  const ofType = (type: string) => deployed.filter((resource) => resource.type.toLowerCase() === type.toLowerCase());
  const scaleSet = ofType('Microsoft.Compute/virtualMachineScaleSets')[0];
  const autoscale = ofType('Microsoft.Insights/autoscalesettings')[0];
  return {
    outputs: expansion.outputs,
    scaleSet: scaleSet && scaleSetOf(scaleSet),
    publicIps: ofType('Microsoft.Network/publicIPAddresses').flatMap((ip) => {
      const label = path(ip.body, 'properties', 'dnsSettings', 'domainNameLabel');
      return typeof label === 'string' ? [{ name: ip.name, fqdn: `${label}.${String(ip.body!.location)}.cloudapp.azure.com` }] : [];
    }),
    autoscale: autoscale && autoscaleOf(autoscale),
    operations: deployed.map((resource) => ({ resourceType: resource.type, resourceName: resource.name })),
  };
};

function scaleSetOf(resource: ExpandedResource): DeploymentPlan['scaleSet'] {
  return {
    name: resource.name,
    capacity: Number(path(resource.body, 'sku', 'capacity')),
    computerNamePrefix: String(path(resource.body, 'properties', 'virtualMachineProfile', 'osProfile', 'computerNamePrefix')),
  };
}

function autoscaleOf(resource: ExpandedResource): DeploymentPlan['autoscale'] {
  const profiles = path(resource.body, 'properties', 'profiles') as JsonObject[];
  const capacity = profiles[0]!.capacity as JsonObject;
  return { name: resource.name, minimum: Number(capacity.minimum), maximum: Number(capacity.maximum), default: Number(capacity.default) };
}

function path(value: Json | undefined, ...keys: string[]): Json | undefined {
  let current: Json | undefined = value;
  for (const key of keys) current = current !== null && typeof current === 'object' && !Array.isArray(current) ? current[key] : undefined;
  return current;
}
