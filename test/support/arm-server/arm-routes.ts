// ARM resource routes the toolkit calls: resource groups, deployments and their operations,
// scale sets and their instances, public IPs, autoscale settings. Paths match case-insensitively.
import { armError, json, newId, notFound, type ArmReply, type ArmRequest } from './http.js';
import type { LongOperations } from './long-operations.js';
import { InvalidTemplateError, type DeploymentPlan, type PlanDeployment } from './plan.js';
import { refuseFixedPropertyChanges } from './vm-properties.js';
import { ArmState, type AutoscaleSetting, type Deployment, type DeploymentOperationRecord, type Group, type Instance, type ScaleSet } from './state.js';

export interface Route {
  method: string;
  pattern: RegExp;
  handle: (request: ArmRequest) => ArmReply;
}

const SUB = '/subscriptions/([^/]+)';
const RG = `${SUB}/resourcegroups/([^/]+)`;
const VMSS = `${RG}/providers/Microsoft.Compute/virtualMachineScaleSets/([^/]+)`;
// ARM accepts deployments with and without the provider segment; the SDK uses both.
const DEPLOYMENT = `${RG}(?:/providers/Microsoft.Resources)?/deployments/([^/]+)`;
const route = (method: string, path: string, handle: Route['handle']): Route => ({
  method,
  pattern: new RegExp(`^${path}$`, 'i'),
  handle,
});

const groupId = (sub: string, name: string) => `/subscriptions/${sub}/resourceGroups/${name}`;

function groupBody(sub: string, group: Group) {
  const { name, location, tags, provisioningState } = group;
  return { id: groupId(sub, name), name, type: 'Microsoft.Resources/resourceGroups', location, tags, properties: { provisioningState } };
}

function deploymentBody(sub: string, deployment: Deployment) {
  const failed = deployment.provisioningState === 'Failed';
  return {
    id: `${groupId(sub, deployment.group)}/providers/Microsoft.Resources/deployments/${deployment.name}`,
    name: deployment.name,
    type: 'Microsoft.Resources/deployments',
    properties: {
      provisioningState: deployment.provisioningState,
      correlationId: deployment.correlationId,
      timestamp: deployment.timestamp,
      mode: 'Incremental',
      outputs: deployment.provisioningState === 'Succeeded' ? deployment.outputs : undefined,
      error: failed ? deploymentFailure() : undefined,
    },
  };
}

/** ARM's output types, from the value an output evaluated to. */
function outputType(value: unknown): string {
  if (Array.isArray(value)) return 'Array';
  if (typeof value === 'number') return 'Int';
  if (typeof value === 'boolean') return 'Bool';
  return value !== null && typeof value === 'object' ? 'Object' : 'String';
}

/** What ARM answers a write into a group whose deletion is under way. */
const groupBeingDeleted = (name: string) =>
  armError(409, 'ResourceGroupBeingDeleted', `The resource group '${name}' is in deprovisioning state and cannot perform this operation.`);

/** Compute's answer to a capacity change beyond the regional vCPU quota. */
function quotaExceeded(limit: number, usage: number, required: number): ArmReply {
  return armError(409, 'OperationNotAllowed',
    `Operation could not be completed as it results in exceeding approved Total Regional Cores quota. Additional details - Deployment Model: Resource Manager, Location: westeurope, Current Limit: ${limit}, Current Usage: ${usage}, Additional Required: ${required}, (Minimum) New Limit Required: ${usage + required}.`);
}

const deploymentFailure = () => ({
  code: 'DeploymentFailed',
  message: 'At least one resource deployment operation failed. Please list deployment operations for details.',
});

function instanceBody(sub: string, set: ScaleSet, instance: Instance, expandView: boolean) {
  return {
    id: `${groupId(sub, set.group)}/providers/Microsoft.Compute/virtualMachineScaleSets/${set.name}/virtualMachines/${instance.instanceId}`,
    name: `${set.name}_${instance.instanceId}`,
    instanceId: instance.instanceId,
    type: 'Microsoft.Compute/virtualMachineScaleSets/virtualMachines',
    location: 'westeurope',
    properties: {
      provisioningState: 'Succeeded',
      latestModelApplied: true,
      osProfile: { computerName: instance.computerName },
      ...(expandView ? { instanceView: instanceView(instance) } : {}),
    },
  };
}

const instanceView = (instance: Instance) => ({
  computerName: instance.computerName,
  statuses: [
    { code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded' },
    { code: `PowerState/${instance.power}`, level: 'Info', displayStatus: `VM ${instance.power}` },
  ],
});

export type InstanceAction = 'restart' | 'reimage' | 'start' | 'powerOff' | 'deallocate';

export type DeploymentParameters = Record<string, { value?: unknown }>;

export interface RouteHooks {
  /** Real work behind a scale set action, per instance it names (e.g. restarting the lab node that plays it). */
  instanceAction?: (action: InstanceAction, instanceId: string) => Promise<void> | void;
  /**
   * Real work behind a deployment (e.g. a lab deployed with its parameters). The deployment
   * succeeds once it resolves, with the outputs it resolves to laid over the plan's; it fails
   * (as a failed operation) when it rejects.
   */
  deployment?: (group: string, parameters: DeploymentParameters) => Promise<Record<string, unknown> | void>;
}

/** How long lists are paged: `pageSize` items per answer, the rest behind an absolute nextLink. */
export interface Paging {
  pageSize: number;
  baseUrl: () => string;
}

/** One page of `items` from the request's `$skiptoken` on, with ARM's nextLink to the next. */
function page<T>(request: ArmRequest, items: readonly T[], paging: Paging): { value: T[]; nextLink?: string } {
  const start = Number(request.query.get('$skiptoken') ?? 0);
  const end = start + paging.pageSize;
  if (end >= items.length) return { value: items.slice(start) };
  const next = new URLSearchParams(request.query);
  next.set('$skiptoken', String(end));
  return { value: items.slice(start, end), nextLink: `${paging.baseUrl()}${request.path}?${next.toString()}` };
}

export function armRoutes(state: ArmState, operations: LongOperations, plan: () => PlanDeployment, hooks: RouteHooks, paging: Paging): Route[] {
  const group = (name: string) => state.groups.get(name.toLowerCase());
  const scaleSet = (rg: string, name: string) => state.scaleSets.get(ArmState.key(rg, name));
  const instance = (set: ScaleSet, id: string) => set.instances.find((candidate) => candidate.instanceId === id);

  /**
   * A scale set action in ARM's batch form: POST .../virtualMachineScaleSets/<name>/<action> with
   * `{ instanceIds }` (no list means every instance, as on ARM; an empty one is read alike), refused whole with
   * ARM's 400 InvalidParameter when an id is not an instance of the set; else an LRO that ends once
   * each instance's work (the test's hook) has, applying the effect to the instances whose work
   * succeeded and failing with the others' errors, each under `details` with its instance as target.
   */
  const batchAction = (action: InstanceAction, effect: (target: Instance) => void) =>
    route('POST', `${VMSS}/${action}`, ({ params: [sub, rg, name], body }) => {
      const set = scaleSet(rg, name);
      if (!set) return notFound('virtualMachineScaleSets', name);
      const listed = (body as { instanceIds?: unknown[] } | undefined)?.instanceIds;
      const ids = listed && listed.length > 0 ? listed.map(String) : set.instances.map((item) => item.instanceId);
      const unknown = ids.find((id) => !instance(set, id));
      if (unknown !== undefined) {
        return armError(400, 'InvalidParameter', `The provided instanceId ${unknown} is not an active Virtual Machine Scale Set VM instanceId.`, [], 'instanceIds');
      }
      const targets = ids.map((id) => instance(set, id)!);
      let outcomes: PromiseSettledResult<unknown>[] = targets.map(() => ({ status: 'fulfilled', value: undefined }));
      const work = hooks.instanceAction && Promise.allSettled(targets.map(async (target) => hooks.instanceAction!(action, target.instanceId)))
        .then((settled) => void (outcomes = settled));
      const complete = () => {
        const failures = targets.flatMap((target, index) => {
          const outcome = outcomes[index];
          if (outcome.status === 'fulfilled') {
            effect(target);
            return [];
          }
          const reason = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
          return [{ code: 'OperationFailed', target: target.instanceId, message: reason }];
        });
        if (failures.length === 0) return undefined;
        return { code: 'OperationFailed', message: [...new Set(failures.map((failure) => failure.message))].join('; '), details: failures };
      };
      return operations.start(sub, 202, undefined, complete, { until: work });
    });

  return [
    route('GET', `${SUB}/resourcegroups`, ({ params: [sub], query }) => {
      // The one $filter form the toolkit sends: tagName eq 'X' and tagValue eq 'Y'.
      const match = /tagName eq '([^']*)' and tagValue eq '([^']*)'/.exec(query.get('$filter') ?? '');
      const value = [...state.groups.values()]
        .filter((candidate) => !match || candidate.tags[match[1]] === match[2])
        .map((candidate) => groupBody(sub, candidate));
      return json(200, { value });
    }),
    route('PUT', RG, ({ params: [sub, name], body }) => {
      const existing = group(name);
      if (existing?.provisioningState === 'Deleting') return groupBeingDeleted(existing.name);
      const request = body as { location: string; tags?: Record<string, string> };
      const updated: Group = { name: existing?.name ?? name, location: request.location, tags: request.tags ?? {}, provisioningState: 'Succeeded' };
      state.groups.set(name.toLowerCase(), updated);
      return json(existing ? 200 : 201, groupBody(sub, updated));
    }),
    route('GET', RG, ({ params: [sub, name] }) => {
      const found = group(name);
      return found ? json(200, groupBody(sub, found)) : notFound('resourceGroups', name);
    }),
    route('HEAD', RG, ({ params: [, name] }) => json(group(name) ? 204 : 404, undefined)),
    route('DELETE', RG, ({ params: [sub, name] }) => {
      const found = group(name);
      if (!found) return notFound('resourceGroups', name);
      found.provisioningState = 'Deleting';
      return operations.start(sub, 202, undefined, () => {
        state.removeGroup(name);
        return undefined;
      });
    }),
    route('PUT', DEPLOYMENT, ({ params: [sub, rg, name], body }) => {
      const target = group(rg);
      if (!target) return notFound('resourceGroups', rg);
      if (target.provisioningState === 'Deleting') return groupBeingDeleted(target.name);
      const properties = (body as { properties?: { parameters?: DeploymentParameters; template?: unknown } }).properties ?? {};
      const parameters = properties.parameters ?? {};
      let planned: DeploymentPlan;
      try {
        planned = plan()(rg, parameters, { groupId: groupId(sub, target.name), location: target.location, template: properties.template });
      } catch (error) {
        if (error instanceof InvalidTemplateError) return armError(400, 'InvalidTemplateDeployment', error.message);
        throw error;
      }
      const outcome = refuseFixedPropertyChanges(state, rg, parameters, planned);
      const deployment: Deployment = {
        name, group: rg, body, provisioningState: 'Accepted', outputs: {}, operations: outcome.operations,
        correlationId: newId(), timestamp: new Date().toISOString(),
      };
      state.deployments.set(ArmState.key(rg, name), deployment);
      let workOutputs: Record<string, unknown> = {};
      const hooked = hooks.deployment?.(rg, parameters).then(
        (outputs) => void (workOutputs = outputs ?? {}),
        (error: unknown) => void deployment.operations.push({ resourceType: 'Microsoft.Test/work', resourceName: name, error: { code: 'DeploymentWorkFailed', message: String(error) } }),
      );
      // A resource that never finishes holds the deployment Running for good.
      const work = outcome.operations.some((operation) => operation.hangs) ? new Promise<void>(() => undefined) : hooked;
      const complete = () => {
        if (outcome.operations.some((operation) => operation.error)) {
          deployment.provisioningState = 'Failed';
          return deploymentFailure();
        }
        deployment.provisioningState = 'Succeeded';
        deployment.outputs = Object.fromEntries(Object.entries({ ...outcome.outputs, ...workOutputs }).map(([key, value]) => [key, { type: outputType(value), value }]));
        if (outcome.scaleSet) {
          const key = ArmState.key(rg, outcome.scaleSet.name);
          const set: ScaleSet = state.scaleSets.get(key) ?? { ...outcome.scaleSet, group: rg, capacity: 0, instances: [], nextInstanceId: 0 };
          state.scaleSets.set(key, set);
          state.setCapacity(set, outcome.scaleSet.capacity);
        }
        for (const ip of outcome.publicIps) state.publicIps.set(ArmState.key(rg, ip.name), { ...ip, group: rg });
        if (outcome.autoscale) {
          const { name: settingName, minimum, maximum, default: initial } = outcome.autoscale;
          const capacity = { minimum: String(minimum), maximum: String(maximum), default: String(initial) };
          const targetResourceUri = `${groupId(sub, rg)}/providers/Microsoft.Compute/virtualMachineScaleSets/${outcome.scaleSet?.name ?? 'agents'}`;
          const profile = { name: 'cpu', capacity, rules: [] };
          state.autoscale.set(ArmState.key(rg, settingName), { name: settingName, group: rg, body: { location: 'westeurope', properties: { enabled: true, targetResourceUri, profiles: [profile] } } });
        }
        return undefined;
      };
      const markRunning = () => void (deployment.provisioningState = 'Running');
      return operations.start(sub, 201, deploymentBody(sub, deployment), complete, { onPoll: markRunning, withLocation: false, until: work });
    }),
    route('GET', DEPLOYMENT, ({ params: [sub, rg, name] }) => {
      const found = state.deployments.get(ArmState.key(rg, name));
      return found ? json(200, deploymentBody(sub, found)) : armError(404, 'DeploymentNotFound', `Deployment '${name}' could not be found.`);
    }),
    route('GET', `${DEPLOYMENT}/operations`, ({ params: [sub, rg, name] }) => {
      const found = state.deployments.get(ArmState.key(rg, name));
      if (!found) return armError(404, 'DeploymentNotFound', `Deployment '${name}' could not be found.`);
      const settled = found.provisioningState === 'Succeeded' || found.provisioningState === 'Failed';
      // While one resource hangs, the others have finished (what ARM shows of a stuck deployment).
      const hanging = found.operations.some((operation) => operation.hangs);
      const stateOf = (operation: DeploymentOperationRecord) => {
        if (settled) return operation.error ? 'Failed' : 'Succeeded';
        return hanging && !operation.hangs && found.provisioningState === 'Running' ? 'Succeeded' : 'Running';
      };
      const value = found.operations.map((operation, index) => ({
        id: `${groupId(sub, rg)}/providers/Microsoft.Resources/deployments/${name}/operations/${index}`,
        operationId: String(index),
        properties: {
          provisioningOperation: 'Create',
          provisioningState: stateOf(operation),
          statusCode: !settled ? undefined : operation.error ? 'BadRequest' : 'OK',
          statusMessage: settled && operation.error ? { status: 'Failed', error: operation.error } : undefined,
          targetResource: { id: `${groupId(sub, rg)}/providers/${operation.resourceType}/${operation.resourceName}`, resourceType: operation.resourceType, resourceName: operation.resourceName },
          timestamp: found.timestamp,
        },
      }));
      return json(200, { value });
    }),
    route('GET', `${SUB}/providers/Microsoft.Test/locations/local/operations/([^/]+)`, ({ params: [, id] }) => operations.status(id)),
    route('GET', `${SUB}/providers/Microsoft.Test/locations/local/operationResults/([^/]+)`, ({ params: [, id] }) => operations.result(id)),
    route('GET', VMSS, ({ params: [sub, rg, name] }) => {
      const set = scaleSet(rg, name);
      if (!set) return notFound('virtualMachineScaleSets', name);
      return json(200, {
        id: `${groupId(sub, rg)}/providers/Microsoft.Compute/virtualMachineScaleSets/${set.name}`,
        name: set.name, type: 'Microsoft.Compute/virtualMachineScaleSets', location: 'westeurope',
        sku: { name: 'Standard_B1ls', tier: 'Standard', capacity: set.capacity },
        properties: { provisioningState: 'Succeeded', virtualMachineProfile: { osProfile: { computerNamePrefix: set.computerNamePrefix } } },
      });
    }),
    route('PATCH', VMSS, ({ params: [sub, rg, name], body }) => {
      const set = scaleSet(rg, name);
      if (!set) return notFound('virtualMachineScaleSets', name);
      const capacity = (body as { sku?: { capacity?: number } }).sku?.capacity;
      const added = (capacity ?? set.capacity) - set.instances.length;
      const inUse = state.coresInUse();
      if (state.coreQuota !== undefined && added > 0 && inUse + added > state.coreQuota) return quotaExceeded(state.coreQuota, inUse, added);
      return operations.start(sub, 200, { name: set.name, sku: { capacity: set.capacity }, properties: { provisioningState: 'Updating' } }, () => {
        if (capacity !== undefined) state.setCapacity(set, capacity);
        return undefined;
      }, { withLocation: false });
    }),
    route('GET', `${VMSS}/virtualMachines`, (request) => {
      const [sub, rg, name] = request.params;
      const set = scaleSet(rg, name);
      if (!set) return notFound('virtualMachineScaleSets', name);
      const expand = (request.query.get('$expand') ?? '').toLowerCase() === 'instanceview';
      return json(200, page(request, set.instances.map((item) => instanceBody(sub, set, item, expand)), paging));
    }),
    route('GET', `${VMSS}/virtualMachines/([^/]+)/instanceView`, ({ params: [, rg, name, id] }) => {
      const set = scaleSet(rg, name);
      const target = set && instance(set, id);
      return target ? json(200, instanceView(target)) : notFound('virtualMachines', `${name}/${id}`);
    }),
    route('DELETE', `${VMSS}/virtualMachines/([^/]+)`, ({ params: [sub, rg, name, id] }) => {
      const set = scaleSet(rg, name);
      const target = set && instance(set, id);
      if (!set || !target) return notFound('virtualMachines', `${name}/${id}`);
      return operations.start(sub, 202, undefined, () => {
        set.instances = set.instances.filter((candidate) => candidate !== target);
        set.capacity = set.instances.length;
        return undefined;
      });
    }),
    batchAction('restart', (target) => void (target.power = 'running')),
    batchAction('reimage', (target) => void (target.power = 'running')),
    batchAction('start', (target) => void (target.power = 'running')),
    batchAction('powerOff', (target) => void (target.power = 'stopped')),
    batchAction('deallocate', (target) => void (target.power = 'deallocated')),
    route('GET', `${RG}/providers/Microsoft.Network/publicIPAddresses/([^/]+)`, ({ params: [sub, rg, name] }) => {
      const ip = state.publicIps.get(ArmState.key(rg, name));
      if (!ip) return notFound('publicIPAddresses', name);
      return json(200, { id: `${groupId(sub, rg)}/providers/Microsoft.Network/publicIPAddresses/${ip.name}`, name: ip.name, properties: { dnsSettings: { fqdn: ip.fqdn }, ipAddress: '20.0.0.1' } });
    }),
    route('GET', `${RG}/providers/Microsoft.Insights/autoscalesettings/([^/]+)`, ({ params: [sub, rg, name] }) => {
      const setting = state.autoscale.get(ArmState.key(rg, name));
      if (!setting) return notFound('autoscalesettings', name);
      return json(200, { id: `${groupId(sub, rg)}/providers/Microsoft.Insights/autoscalesettings/${setting.name}`, name: setting.name, ...setting.body });
    }),
    route('PUT', `${RG}/providers/Microsoft.Insights/autoscalesettings/([^/]+)`, ({ params: [sub, rg, name], body }) => {
      const setting = { name, group: rg, body: body as AutoscaleSetting['body'] };
      state.autoscale.set(ArmState.key(rg, name), setting);
      return json(200, { id: `${groupId(sub, rg)}/providers/Microsoft.Insights/autoscalesettings/${name}`, name, ...setting.body });
    }),
  ];
}
