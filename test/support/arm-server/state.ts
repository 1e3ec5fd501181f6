// What the ARM stand-in remembers: resource groups, deployments and the resources a deployment
// "creates", scale set instances, autoscale settings, and running long operations.

export interface Group {
  name: string;
  location: string;
  tags: Record<string, string>;
  provisioningState: 'Succeeded' | 'Deleting';
}

export interface DeploymentOperationRecord {
  resourceType: string;
  resourceName: string;
  /** Set when this resource fails: ARM's statusMessage.error. */
  error?: { code: string; message: string };
  /** This resource never finishes: the deployment stays Running (the others succeed meanwhile). */
  hangs?: boolean;
}

export interface Deployment {
  name: string;
  group: string;
  body: unknown;
  provisioningState: 'Accepted' | 'Running' | 'Succeeded' | 'Failed';
  outputs: Record<string, { type: string; value: unknown }>;
  operations: DeploymentOperationRecord[];
  correlationId: string;
  timestamp: string;
}

export interface Instance {
  instanceId: string;
  computerName: string;
  power: 'running' | 'stopped' | 'deallocated' | 'starting' | 'stopping';
  createdAt: number;
}

export interface ScaleSet {
  name: string;
  group: string;
  capacity: number;
  computerNamePrefix: string;
  instances: Instance[];
  nextInstanceId: number;
}

export interface AutoscaleSetting {
  name: string;
  group: string;
  body: { location?: string; tags?: Record<string, string>; properties: { profiles: { name: string; capacity: { minimum: string; maximum: string; default: string }; rules: unknown[] }[]; enabled?: boolean; targetResourceUri?: string } & Record<string, unknown> };
}

export interface LongOperation {
  id: string;
  /** InProgress answers left before the operation completes. */
  pollsLeft: number;
  /** Applies the operation's effect; returns an error to end it as Failed. */
  complete: () => OperationError | undefined;
  /** Runs on every poll before completion (a deployment moves its operations along). */
  onPoll?: () => void;
  /** True while real work behind the operation is still running. */
  waiting: boolean;
  status: 'InProgress' | 'Succeeded' | 'Failed';
  error?: OperationError;
}

/** ARM's error of a failed operation; `details` holds one error per failed part (target: which). */
export interface OperationError {
  code: string;
  message: string;
  details?: { code: string; target: string; message: string }[];
}

export class ArmState {
  readonly groups = new Map<string, Group>();
  readonly deployments = new Map<string, Deployment>();
  readonly scaleSets = new Map<string, ScaleSet>();
  readonly publicIps = new Map<string, { name: string; group: string; fqdn: string }>();
  readonly autoscale = new Map<string, AutoscaleSetting>();
  readonly operations = new Map<string, LongOperation>();
  /** Per group: the VM properties fixed at creation (vm-properties.ts). */
  readonly vmProperties = new Map<string, Record<string, string>>();
  /**
   * The subscription's regional vCPU quota, counted as scale set instances (one vCPU each, the
   * template's Standard_B1ls); a capacity change beyond it is refused. No quota when undefined.
   */
  coreQuota: number | undefined;

  /** vCPUs in use: every scale set instance of every group. */
  coresInUse(): number {
    return [...this.scaleSets.values()].reduce((sum, set) => sum + set.instances.length, 0);
  }

  /** Names are case-insensitive in ARM. */
  static key(...parts: string[]): string {
    return parts.map((part) => part.toLowerCase()).join('/');
  }

  /** Everything a group holds goes with it (as ARM's group delete does). */
  removeGroup(name: string): void {
    const prefix = `${name.toLowerCase()}/`;
    this.groups.delete(name.toLowerCase());
    for (const map of [this.deployments, this.scaleSets, this.publicIps, this.autoscale, this.vmProperties] as Map<string, unknown>[]) {
      for (const key of [...map.keys()]) if (key.startsWith(prefix)) map.delete(key);
    }
  }

  addInstances(set: ScaleSet, count: number): void {
    for (let index = 0; index < count; index += 1) {
      const instanceId = String(set.nextInstanceId++);
      // Azure's Uniform naming: prefix + six base-36 digits of the instance id.
      const computerName = `${set.computerNamePrefix}${Number(instanceId).toString(36).padStart(6, '0')}`;
      set.instances.push({ instanceId, computerName, power: 'running', createdAt: Date.now() + set.nextInstanceId });
    }
  }

  /** Scale-in removes the newest instances, as the template's scale-in policy asks. */
  setCapacity(set: ScaleSet, capacity: number): void {
    if (capacity > set.instances.length) this.addInstances(set, capacity - set.instances.length);
    else set.instances.splice(capacity);
    set.capacity = capacity;
  }
}
