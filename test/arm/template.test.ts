// What arm/cluster.json asks Azure to create, evaluated for real parameter sets: the addresses
// the renderer relies on, ports and probes, the scale set's behaviour, autoscale, the file
// share key injection and the outputs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentCountCap, agentScaleLimits } from '../../src/core/validators.js';
import { azureNetwork, defaultPorts } from '../../src/render/node-config.js';
import { type Expansion, expandTemplate, fakeEnvironment, type Json, type JsonObject } from './support/evaluate.js';
import { loadTemplate, requiredParameters } from './support/template.js';

const storageKey = 'c3RvcmFnZS1rZXktdGhhdC1tdXN0LW5vdC1sZWFr';

function expand(overrides: JsonObject = {}, listKeys?: () => Json): Expansion {
  return expandTemplate(loadTemplate(), requiredParameters(overrides), listKeys ? { listKeys } : {});
}

function deployedOfType(expansion: Expansion, type: string): JsonObject[] {
  return expansion.resources.filter((resource) => resource.type === type && resource.deployed).map((resource) => resource.body!);
}

function only(expansion: Expansion, type: string): JsonObject {
  const [resource, ...others] = deployedOfType(expansion, type);
  if (!resource || others.length > 0) throw new Error(`expected exactly one ${type}`);
  return resource;
}

/** `a.b.c` of a JSON value, for reading deep properties without a cast on every level. */
function at(value: Json | undefined, path: string): Json {
  return path.split('.').reduce<Json>((node, key) => (node as JsonObject)[key] ?? null, value ?? null);
}

function decodedCustomData(osProfile: Json): string {
  return Buffer.from(String(at(osProfile, 'customData')), 'base64').toString('utf8');
}

interface Rule {
  name: string;
  access: string;
  protocol: string;
  source: string;
  ports: string[];
}

function securityRules(expansion: Expansion, nsgName: string): Rule[] {
  const nsg = deployedOfType(expansion, 'Microsoft.Network/networkSecurityGroups').find((candidate) => candidate.name === nsgName)!;
  return (at(nsg, 'properties.securityRules') as JsonObject[]).map((rule) => ({
    name: String(rule.name),
    access: String(at(rule, 'properties.access')),
    protocol: String(at(rule, 'properties.protocol')),
    source: String(at(rule, 'properties.sourceAddressPrefix')),
    ports: (at(rule, 'properties.destinationPortRanges') as string[] | null) ?? [String(at(rule, 'properties.destinationPortRange'))],
  }));
}

describe('arm/cluster.json evaluated', () => {
  describe.each([1, 3, 5])('with %i masters', (masterCount) => {
    let expansion: Expansion;
    beforeAll(() => {
      expansion = expand({ masterCount });
    });
    const indexes = Array.from({ length: masterCount }, (_, index) => index);

    it('gives master i the static address the renderer computes, in the master subnet', () => {
      const nics = deployedOfType(expansion, 'Microsoft.Network/networkInterfaces');
      expect(nics.map((nic) => at(nic, 'properties.ipConfigurations.0.properties.privateIPAddress'))).toEqual(indexes.map(azureNetwork.masterAddress));
      expect(nics.every((nic) => at(nic, 'properties.ipConfigurations.0.properties.privateIPAllocationMethod') === 'Static')).toBe(true);
      expect(expansion.outputs.masterPrivateAddresses).toEqual(indexes.map(azureNetwork.masterAddress));
    });

    it('names the masters master<i>, each with a Standard static IP labelled <dnsPrefix>-master<i>-<group suffix>, FQDNs as Azure reports them', () => {
      const machines = deployedOfType(expansion, 'Microsoft.Compute/virtualMachines');
      expect(machines.map((machine) => at(machine, 'properties.osProfile.computerName'))).toEqual(indexes.map((index) => `master${index}`));
      const masterIps = deployedOfType(expansion, 'Microsoft.Network/publicIPAddresses').filter((ip) => String(ip.name).startsWith('master'));
      const labels = masterIps.map((ip) => String(at(ip, 'properties.dnsSettings.domainNameLabel')));
      expect(masterIps.map((ip) => [at(ip, 'sku.name'), at(ip, 'properties.publicIPAllocationMethod')])).toEqual(labels.map(() => ['Standard', 'Static']));
      const suffixes = labels.map((label) => /^swarmtest-master(\d)-([a-z2-7]{6})$/.exec(label)?.slice(1));
      expect(suffixes.map((match) => match?.[0])).toEqual(indexes.map(String));
      expect(new Set(suffixes.map((match) => match?.[1])).size).toBe(1);
      // The FQDN is whatever Azure puts in dnsSettings.fqdn (the evaluator plays Azure here).
      expect(expansion.outputs.masterFqdns).toEqual(labels.map((label) => `${label}.westeurope.cloudapp.azure.com`));
      expect(expansion.outputs.master0Fqdn).toBe(`${labels[0]}.westeurope.cloudapp.azure.com`);
    });
  });

  it('lays out the virtual network as src/render/node-config.ts says', () => {
    const vnet = only(expand(), 'Microsoft.Network/virtualNetworks');
    expect(at(vnet, 'properties.addressSpace.addressPrefixes')).toEqual([azureNetwork.vnetPrefix]);
    const subnets = at(vnet, 'properties.subnets') as JsonObject[];
    expect(subnets.map((subnet) => at(subnet, 'properties.addressPrefix'))).toEqual([azureNetwork.masterSubnet, azureNetwork.agentSubnet]);
    expect(at(subnets[1], 'properties.natGateway.id')).toMatch(/natGateways\/agents-nat$/);
  });

  it('serves the largest agent count settings accept: one placement group of 100, a subnet with room for it', () => {
    const scaleSet = only(expand(), 'Microsoft.Compute/virtualMachineScaleSets');
    // singlePlacementGroup left at its default (true) caps the scale set at 100 VMs: the cap settings enforce
    expect(at(scaleSet, 'properties.singlePlacementGroup') ?? true).toBe(true);
    expect(agentCountCap).toBe(agentScaleLimits.singlePlacementGroupVms);
    expect(azureNetwork.agentSubnet.endsWith(`/${agentScaleLimits.agentSubnetPrefixLength}`)).toBe(true);
    expect(2 ** (32 - agentScaleLimits.agentSubnetPrefixLength) - agentScaleLimits.reservedSubnetAddresses).toBeGreaterThanOrEqual(agentCountCap);
  });

  it('defaults the ports to the ones the node software uses', () => {
    const { parameters } = expand();
    expect([parameters.helperPort, parameters.healthPort, parameters.servicePorts]).toEqual([defaultPorts.helper, defaultPorts.health, defaultPorts.services]);
  });

  it.each([[[80, 81, 8000]], [[8080, 9000]]])('balances each service port %j, every rule probing /healthz on the health port', (servicePorts) => {
    const expansion = expand({ servicePorts, healthPort: 9401 });
    const balancer = only(expansion, 'Microsoft.Network/loadBalancers');
    expect(at(balancer, 'sku.name')).toBe('Standard');
    expect(at(balancer, 'properties.probes')).toEqual([
      { name: 'node-health', properties: { protocol: 'Http', port: 9401, requestPath: '/healthz', intervalInSeconds: 5, probeThreshold: 2 } },
    ]);
    const rules = at(balancer, 'properties.loadBalancingRules') as JsonObject[];
    expect(rules.map((rule) => [at(rule, 'properties.frontendPort'), at(rule, 'properties.backendPort')])).toEqual(servicePorts.map((port) => [port, port]));
    expect(rules.every((rule) => String(at(rule, 'properties.probe.id')).endsWith('/probes/node-health'))).toBe(true);
    expect(expansion.outputs.servicePorts).toEqual(servicePorts);
  });

  describe('network security groups', () => {
    let expansion: Expansion;
    let rules: Rule[];
    beforeAll(() => {
      expansion = expand({ helperPort: 9400, healthPort: 9401, servicePorts: [80, 8000] });
      rules = [...securityRules(expansion, 'masters-nsg'), ...securityRules(expansion, 'agents-nsg')];
    });
    const sourcesOfPort = (port: string) => new Set(rules.filter((rule) => rule.ports.includes(port)).map((rule) => rule.source));

    it('allow SSH only from allowedSshCidr', () => {
      expect(sourcesOfPort('22')).toEqual(new Set(['203.0.113.0/24']));
    });

    it('allow the helper and swarm ports only from the virtual network', () => {
      for (const port of ['9400', '2377', '7946', '4789']) expect(sourcesOfPort(port)).toEqual(new Set(['VirtualNetwork']));
      expect(rules.filter((rule) => rule.ports.includes('7946')).map((rule) => rule.protocol).sort()).toEqual(['Tcp', 'Tcp', 'Udp', 'Udp']);
      expect(rules.filter((rule) => rule.ports.includes('4789')).map((rule) => rule.protocol)).toEqual(['Udp', 'Udp']);
    });

    it('allow the health port from the virtual network and the Azure load balancer probes only', () => {
      expect(sourcesOfPort('9401')).toEqual(new Set(['VirtualNetwork', 'AzureLoadBalancer']));
    });

    it('open the service ports on the agents, and nothing for the visualizer (it proxies the Engine API)', () => {
      expect(securityRules(expansion, 'agents-nsg').find((rule) => rule.name === 'allow-services')).toMatchObject({ source: 'Internet', ports: ['80', '8000'] });
      for (const nsg of ['masters-nsg', 'agents-nsg']) {
        expect(securityRules(expansion, nsg).filter((rule) => rule.access === 'Allow' && (rule.ports.includes('8080') || rule.ports.includes('*')))).toEqual([]);
      }
    });
  });

  it('makes the agents one Uniform scale set that drains gracefully and scales in newest first', () => {
    const expansion = expand({ agentPrefix: 'workers', agentCount: 4, terminateNotBeforeTimeout: 'PT10M' });
    const scaleSet = only(expansion, 'Microsoft.Compute/virtualMachineScaleSets');
    expect(scaleSet.name).toBe('workers');
    expect(at(scaleSet, 'sku.capacity')).toBe(4);
    expect(at(scaleSet, 'properties')).toMatchObject({
      orchestrationMode: 'Uniform',
      overprovision: false,
      upgradePolicy: { mode: 'Manual' },
      scaleInPolicy: { rules: ['NewestVM'] },
      virtualMachineProfile: {
        osProfile: { computerNamePrefix: 'workers' },
        scheduledEventsProfile: { terminateNotificationProfile: { enable: true, notBeforeTimeout: 'PT10M' } },
        storageProfile: { imageReference: { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' } },
      },
    });
    expect(at(scaleSet, 'properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations.0.properties.ipConfigurations.0.properties.publicIPAddressConfiguration')).toBeNull();
    expect(expansion.outputs.scaleSetName).toBe('workers');
  });

  it('puts the masters in an aligned availability set with the fault and update domains asked for (2 and 5 by default)', () => {
    expect(at(only(expand(), 'Microsoft.Compute/availabilitySets'), 'properties')).toEqual({ platformFaultDomainCount: 2, platformUpdateDomainCount: 5 });
    expect(at(only(expand({ faultDomainCount: 3, updateDomainCount: 20 }), 'Microsoft.Compute/availabilitySets'), 'properties')).toEqual({ platformFaultDomainCount: 3, platformUpdateDomainCount: 20 });
  });

  it.each([true, false])('sets CPU autoscale min/max/default from the agent counts, enabled=%s', (autoscaleEnabled) => {
    const autoscale = only(expand({ minAgentCount: 2, maxAgentCount: 7, agentCount: 3, autoscaleEnabled }), 'Microsoft.Insights/autoscalesettings');
    expect(at(autoscale, 'properties.enabled')).toBe(autoscaleEnabled);
    expect(at(autoscale, 'properties.profiles.0.capacity')).toEqual({ minimum: '2', maximum: '7', default: '3' });
    expect(String(at(autoscale, 'properties.targetResourceUri'))).toMatch(/virtualMachineScaleSets\/agents$/);
  });

  it('applies the tags parameter to every resource that takes tags', () => {
    const tags = { 'managed-by': 'azswarm', pr: '42' };
    const expansion = expand({ tags, fileShareEnabled: true }, () => ({ keys: [{ value: storageKey }] }));
    const tracked = expansion.resources.filter((resource) => resource.body && 'location' in resource.body);
    expect(tracked.length).toBeGreaterThan(12);
    expect(tracked.filter((resource) => JSON.stringify(resource.body!.tags) !== JSON.stringify(tags)).map((resource) => resource.name)).toEqual([]);
  });

  describe('the file share and its key', () => {
    const customDataOf = (expansion: Expansion) => ({
      master: decodedCustomData(at(only(expansion, 'Microsoft.Compute/virtualMachines'), 'properties.osProfile')),
      agent: decodedCustomData(at(only(expansion, 'Microsoft.Compute/virtualMachineScaleSets'), 'properties.virtualMachineProfile.osProfile')),
    });
    const scriptOf = (properties: Json) => Buffer.from(String(at(properties, 'protectedSettings.script')), 'base64').toString('utf8');

    it('when disabled, creates no storage and no extension and never evaluates listKeys', () => {
      // No listKeys hook: any evaluation of listKeys() would throw.
      const expansion = expand({ fileShareEnabled: false });
      expect(expansion.resources.filter((resource) => resource.type.startsWith('Microsoft.Storage/')).map((resource) => resource.deployed)).toEqual([false, false, false]);
      expect(deployedOfType(expansion, 'Microsoft.Compute/virtualMachines/extensions')).toEqual([]);
      expect(at(only(expansion, 'Microsoft.Compute/virtualMachineScaleSets'), 'properties.virtualMachineProfile.extensionProfile.extensions')).toEqual([]);
      expect(expansion.outputs.storageAccountName).toBe('');
    });

    it("fills in the account and the cloud's storage suffix from environment(), the same whether the share is on or off", () => {
      const off = customDataOf(expand({ fileShareEnabled: false }));
      const on = customDataOf(expand({ fileShareEnabled: true }, () => ({ keys: [{ value: storageKey }] })));
      const suffix = String(at(fakeEnvironment, 'suffixes.storage'));
      for (const role of ['master', 'agent'] as const) {
        expect(on[role]).toBe(off[role]);
        expect(on[role]).toMatch(new RegExp(`ACCOUNT=swarm[a-z2-7]{13}\\n +SUFFIX=${suffix.replaceAll('.', '\\.')}\\n# ${role}\\n$`));
        expect(on[role]).not.toContain(storageKey);
      }
    });

    it('when enabled, hands the key to every node in extension protected settings only, and outputs only the name', () => {
      const requested: string[] = [];
      const expansion = expand({ fileShareEnabled: true, fileShareQuotaGB: 50, masterCount: 3 }, () => {
        requested.push('listKeys');
        return { keys: [{ keyName: 'key1', value: storageKey }] };
      });
      const account = only(expansion, 'Microsoft.Storage/storageAccounts');
      const share = only(expansion, 'Microsoft.Storage/storageAccounts/fileServices/shares');
      expect(share.name).toBe(`${String(account.name)}/default/srv`);
      expect(at(share, 'properties.shareQuota')).toBe(50);
      const masterExtensions = deployedOfType(expansion, 'Microsoft.Compute/virtualMachines/extensions');
      expect(masterExtensions.map((extension) => extension.name)).toEqual(['master0/srv-credentials', 'master1/srv-credentials', 'master2/srv-credentials']);
      const agentExtensions = at(only(expansion, 'Microsoft.Compute/virtualMachineScaleSets'), 'properties.virtualMachineProfile.extensionProfile.extensions') as JsonObject[];
      expect(agentExtensions.map((extension) => extension.name)).toEqual(['srv-credentials']);
      for (const properties of [...masterExtensions.map((extension) => extension.properties!), agentExtensions[0]!.properties!]) {
        expect(properties).toMatchObject({ publisher: 'Microsoft.Azure.Extensions', type: 'CustomScript', typeHandlerVersion: '2.1' });
        expect(at(properties, 'settings')).toBeNull();
        expect(scriptOf(properties)).toContain(`printf 'username=%s\\npassword=%s\\n' '${String(account.name)}' '${storageKey}' > /etc/swarm-cluster/srv.cred.new`);
      }
      expect(requested).toHaveLength(4);
      // The script itself: shellcheck-clean for /bin/sh, and the key reaches only the 0600 file.
      const dir = mkdtempSync(join(tmpdir(), 'azswarm-share-script-'));
      try {
        const file = join(dir, 'srv-credentials.sh');
        writeFileSync(file, scriptOf(agentExtensions[0]!.properties!));
        const checked = spawnSync('shellcheck', ['--shell=sh', file], { encoding: 'utf8' });
        expect(`${checked.stdout}${checked.stderr}`).toBe('');
        expect(checked.status).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      expect(scriptOf(agentExtensions[0]!.properties!)).toMatch(/^umask 077$/m);
      expect(expansion.outputs.storageAccountName).toBe(account.name);
      expect(JSON.stringify(expansion.outputs)).not.toContain(storageKey);
    });

    it('makes every node wait for the share before it boots', () => {
      const expansion = expand({ fileShareEnabled: true }, () => ({ keys: [{ value: storageKey }] }));
      const share = expansion.resources.find((resource) => resource.type.endsWith('/shares'))!;
      for (const type of ['Microsoft.Compute/virtualMachines', 'Microsoft.Compute/virtualMachineScaleSets']) {
        expect(deployedOfType(expansion, type).every((node) => (node.dependsOn as string[]).includes(share.id))).toBe(true);
      }
    });
  });

  it.each([
    [true, { securityType: 'TrustedLaunch', uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } }],
    [false, { securityType: 'Standard', uefiSettings: null }],
  ])('sets securityProfile explicitly on masters and agents, trustedLaunch=%s', (trustedLaunch, profile) => {
    const expansion = expand({ trustedLaunch });
    expect(at(only(expansion, 'Microsoft.Compute/virtualMachines'), 'properties.securityProfile')).toEqual(profile);
    expect(at(only(expansion, 'Microsoft.Compute/virtualMachineScaleSets'), 'properties.virtualMachineProfile.securityProfile')).toEqual(profile);
  });

  it('keeps deleteOption on the masters\' OS disks (single VMs) and off the Uniform scale set', () => {
    const expansion = expand();
    expect(at(only(expansion, 'Microsoft.Compute/virtualMachines'), 'properties.storageProfile.osDisk.deleteOption')).toBe('Delete');
    expect(at(only(expansion, 'Microsoft.Compute/virtualMachineScaleSets'), 'properties.virtualMachineProfile.storageProfile.osDisk')).toEqual({
      createOption: 'FromImage', caching: 'ReadWrite', diskSizeGB: 32, managedDisk: { storageAccountType: 'StandardSSD_LRS' },
    });
  });

  it('logs in with the SSH key only, as adminUsername', () => {
    const expansion = expand({ adminUsername: 'ops' });
    const linux = at(only(expansion, 'Microsoft.Compute/virtualMachines'), 'properties.osProfile.linuxConfiguration');
    expect(linux).toMatchObject({
      disablePasswordAuthentication: true,
      ssh: { publicKeys: [{ path: '/home/ops/.ssh/authorized_keys', keyData: requiredParameters().adminPublicKey }] },
    });
    expect(expansion.outputs.adminUsername).toBe('ops');
  });

  it('outputs what the actions need', () => {
    const { outputs } = expand();
    expect(Object.keys(outputs).sort()).toEqual(
      ['adminUsername', 'agentsFqdn', 'fileShareName', 'healthPort', 'helperPort', 'loadBalancerName', 'master0Fqdn', 'masterFqdns',
        'masterPrivateAddresses', 'scaleSetName', 'servicePorts', 'storageAccountName'].sort(),
    );
    expect(outputs.agentsFqdn).toMatch(/^swarmtest-agents-lb-[a-z2-7]{6}\.westeurope\.cloudapp\.azure\.com$/);
    expect(outputs.loadBalancerName).toBe('agents-lb');
  });
});
