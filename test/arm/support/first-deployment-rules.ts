// Rules for what a first real deployment would trip over although the schemas accept it
// (issue 15, docs/arm.md "First deployment"). Like rules.ts, each returns its problems so that a
// test shows the template passing and a copy broken on purpose failing.
import { expandTemplate, type Json, type JsonObject, type Template } from './evaluate.js';
import { nodesOf } from './expression.js';
import { type Rule, withVariables } from './rules.js';
import { requiredParameters } from './template.js';

const storageKeyStub = () => ({ keys: [{ value: 'key' }] });

function expandedBodies(template: Template, type: string, overrides: JsonObject = {}): JsonObject[] {
  const expansion = expandTemplate(template, requiredParameters({ fileShareEnabled: true, ...overrides }), { listKeys: storageKeyStub });
  return expansion.resources.filter((resource) => resource.type === type && resource.deployed).map((resource) => resource.body!);
}

function at(value: Json | undefined, path: string): Json {
  return path.split('.').reduce<Json>((node, key) => (node as JsonObject | null)?.[key] ?? null, value ?? null);
}

function callsIn(value: Json, template: Template): string[] {
  return withVariables(value, template).flatMap((expression) =>
    [...nodesOf(expression)].flatMap((node) => (node.kind === 'call' ? [node.name.toLowerCase()] : [])),
  );
}

/** Public DNS labels are unique per region across all customers: each needs a per-group part. */
export const dnsLabelsAreUnique: Rule = (template) =>
  template.resources
    .filter((resource) => resource.type === 'Microsoft.Network/publicIPAddresses')
    .flatMap((resource) => {
      const dns = at(resource, 'properties.dnsSettings') as JsonObject | null;
      if (!dns) return [];
      if (dns.domainNameLabelScope) return [];
      return callsIn(dns.domainNameLabel ?? null, template).includes('uniquestring')
        ? []
        : [`${String(resource.name)}: domainNameLabel has no uniqueString() part and no domainNameLabelScope`];
    });

/** Sovereign clouds have other suffixes: only environment() and reference() know them. */
export const noCloudSuffixLiterals: Rule = (template) => {
  const literals = /core\.windows\.net|cloudapp\.azure\.com|cloudapp\.net|azure\.com/i;
  const found: string[] = [];
  const walk = (value: Json, path: string): void => {
    if (typeof value === 'string' && literals.test(value)) found.push(`${path}: names a cloud's DNS suffix (${literals.exec(value)![0]})`);
    else if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${path}[${index}]`));
    else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, `${path}.${key}`);
  };
  walk({ variables: template.variables, resources: template.resources, outputs: template.outputs } as unknown as Json, 'template');
  return found;
};

/** `osDisk.deleteOption` is documented for Flexible scale sets only. */
export const uniformScaleSetOsDiskHasNoDeleteOption: Rule = (template) =>
  expandedBodies(template, 'Microsoft.Compute/virtualMachineScaleSets')
    .filter((scaleSet) => at(scaleSet, 'properties.orchestrationMode') === 'Uniform')
    .filter((scaleSet) => at(scaleSet, 'properties.virtualMachineProfile.storageProfile.osDisk.deleteOption') !== null)
    .map((scaleSet) => `${String(scaleSet.name)}: a Uniform scale set's osDisk sets deleteOption`);

/** scaleInPolicy.forceDeletion is a preview; SMB 3.0 has no AES-GCM cipher to match channelEncryption. */
export const noPreviewOrCipherlessSettings: Rule = (template) => [
  ...expandedBodies(template, 'Microsoft.Compute/virtualMachineScaleSets')
    .filter((scaleSet) => at(scaleSet, 'properties.scaleInPolicy.forceDeletion') !== null)
    .map((scaleSet) => `${String(scaleSet.name)}: scaleInPolicy.forceDeletion is a preview feature`),
  ...expandedBodies(template, 'Microsoft.Storage/storageAccounts/fileServices')
    .flatMap((service) => String(at(service, 'properties.protocolSettings.smb.versions') ?? '').split(';'))
    .filter((version) => version !== 'SMB3.1.1')
    .map((version) => `fileServices: SMB version ${version} has none of the AES-GCM channel ciphers`),
];

/** customData may never change on a VM: nothing in it may come from list*() or reference(). */
export const customDataIsStable: Rule = (template) =>
  template.resources.flatMap((resource) => {
    const profile = resource.type === 'Microsoft.Compute/virtualMachines'
      ? at(resource, 'properties.osProfile')
      : resource.type === 'Microsoft.Compute/virtualMachineScaleSets' ? at(resource, 'properties.virtualMachineProfile.osProfile') : null;
    const customData = (profile as JsonObject | null)?.customData;
    if (customData === undefined) return [];
    return callsIn(customData, template)
      .filter((name) => name.startsWith('list') || name === 'reference')
      .map((name) => `${String(resource.type)}: customData calls ${name}()`);
  });

/** Trusted Launch, secure boot and vTPM, set explicitly on every VM and the scale set. */
export const trustedLaunchIsExplicit: Rule = (template) => {
  const profiles = [
    ...expandedBodies(template, 'Microsoft.Compute/virtualMachines').map((vm) => [String(vm.name), at(vm, 'properties.securityProfile')] as const),
    ...expandedBodies(template, 'Microsoft.Compute/virtualMachineScaleSets').map((set) => [String(set.name), at(set, 'properties.virtualMachineProfile.securityProfile')] as const),
  ];
  return profiles
    .filter(([, profile]) => at(profile, 'securityType') !== 'TrustedLaunch' || at(profile, 'uefiSettings.secureBootEnabled') !== true || at(profile, 'uefiSettings.vTpmEnabled') !== true)
    .map(([name, profile]) => `${name}: securityProfile is ${JSON.stringify(profile)}, not Trusted Launch with secure boot and vTPM`);
};

/**
 * Azure's default AllowVnetInBound (65000) opens every port between nodes: each NSG must deny
 * the virtual network before it, and allow it only named ports.
 */
export const vnetInboundIsRestricted: Rule = (template) =>
  expandedBodies(template, 'Microsoft.Network/networkSecurityGroups').flatMap((nsg) => {
    const rules = (at(nsg, 'properties.securityRules') as JsonObject[]).map((rule) => rule.properties as JsonObject);
    const fromVnet = rules.filter((rule) => rule.direction === 'Inbound' && rule.sourceAddressPrefix === 'VirtualNetwork');
    const deny = fromVnet.find((rule) => rule.access === 'Deny' && rule.destinationPortRange === '*' && rule.protocol === '*');
    const problems: string[] = [];
    if (!deny) problems.push(`${String(nsg.name)}: no rule denies the rest of the virtual network before AllowVnetInBound`);
    for (const rule of fromVnet.filter((candidate) => candidate.access === 'Allow')) {
      if (rule.destinationPortRange === '*' || rule.protocol === '*') problems.push(`${String(nsg.name)}: an Allow rule from the virtual network opens every port or protocol`);
      if (deny && Number(rule.priority) >= Number(deny.priority)) problems.push(`${String(nsg.name)}: an Allow rule from the virtual network comes after the Deny`);
    }
    return problems;
  });
