// Azure's rule for existing VMs: osProfile.customData and the SSH public keys are fixed at
// creation; a later deployment that changes them fails with PropertyChangeNotAllowed on the VM.
// The stand-in remembers what the group's first deployment gave its VMs (the template's
// parameters masterCloudInit, agentCloudInit, adminPublicKey) and holds later ones to it.
import type { DeploymentPlan } from './plan.js';
import { ArmState } from './state.js';

const fixedAtCreation = [
  { parameter: 'masterCloudInit', property: 'customData' },
  { parameter: 'agentCloudInit', property: 'customData' },
  { parameter: 'adminPublicKey', property: 'linuxConfiguration.ssh.publicKeys' },
] as const;

/** The plan, with the master VMs failing when this deployment changes a property fixed at creation. */
export function refuseFixedPropertyChanges(state: ArmState, group: string, parameters: Record<string, { value?: unknown }>, plan: DeploymentPlan): DeploymentPlan {
  const key = ArmState.key(group, 'vm-properties');
  const current = Object.fromEntries(fixedAtCreation.map(({ parameter }) => [parameter, JSON.stringify(parameters[parameter]?.value)]));
  const created = state.vmProperties.get(key);
  if (!created) {
    state.vmProperties.set(key, current);
    return plan;
  }
  const changed = fixedAtCreation.find(({ parameter }) => created[parameter] !== current[parameter]);
  if (!changed) return plan;
  const error = { code: 'PropertyChangeNotAllowed', message: `Changing property '${changed.property}' is not allowed.` };
  const operations = plan.operations.map((operation) => (operation.resourceType === 'Microsoft.Compute/virtualMachines' ? { ...operation, error } : operation));
  return { ...plan, operations };
}
