import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseClusterSettings, type RawSettings } from '../../src/core/validate.js';
import { storagePlaceholders } from '../../src/render/cloud-init.js';
import { generateSshKeyPair } from '../../src/render/keys.js';
import { helperKeys } from '../../src/render/helper-keys.js';
import { agentHostPublicKeys } from '../../src/render/cluster-secret.js';
import {
  deploymentParametersSchema,
  generateClusterSecrets,
  secretValues,
  swapSizeMiBFor,
  renderDeploymentParameters,
} from '../../src/render/parameters.js';

interface TemplateParameter {
  type: string;
  defaultValue?: unknown;
  allowedValues?: unknown[];
  minValue?: number;
  maxValue?: number;
}
const template = JSON.parse(readFileSync(new URL('../../../arm/cluster.json', import.meta.url), 'utf8')) as {
  parameters: Record<string, TemplateParameter>;
};

const admin = generateSshKeyPair('test');
function settingsOf(overrides: RawSettings = {}) {
  return parseClusterSettings(
    { 'resource-group': 'team-swarm', location: 'westeurope', 'ssh-public-key': admin.publicKey, 'allowed-ssh-cidr': '203.0.113.7/32', ...overrides },
    'azure',
  );
}

/** What `parameters('x')` has on the Azure side of a rendered parameters file. */
function valuesOf(parameters: ReturnType<typeof renderDeploymentParameters>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(parameters.parameters).map(([name, { value }]) => [name, value]));
}

describe('renderDeploymentParameters', () => {
  const settings = settingsOf({ 'master-count': '3', 'agent-count': '4', tags: 'team=core', 'file-share': 'true' });
  const secrets = generateClusterSecrets(settings.name);
  const parameters = renderDeploymentParameters(settings, secrets);
  const values = valuesOf(parameters);

  it('is an ARM deployment parameters file with the settings', () => {
    expect(parameters.$schema).toBe(deploymentParametersSchema);
    expect(parameters.contentVersion).toBe('1.0.0.0');
    expect(values).toMatchObject({
      location: 'westeurope',
      dnsPrefix: 'team-swarm',
      masterCount: 3,
      agentCount: 4,
      minAgentCount: 1,
      maxAgentCount: 5,
      autoscaleEnabled: true,
      masterSize: 'Standard_D2as_v5',
      agentPrefix: 'agents',
      adminUsername: 'cluster',
      adminPublicKey: admin.publicKey,
      allowedSshCidr: '203.0.113.7/32',
      helperPort: 8400,
      healthPort: 8401,
      servicePorts: [80, 81, 8000],
      terminateNotBeforeTimeout: 'PT5M',
      fileShareEnabled: true,
      faultDomainCount: 2,
      updateDomainCount: 5,
      tags: { team: 'core' },
    });
  });

  it('carries the plain cloud-config of each role with the cluster secrets', () => {
    const master = parse(String(values.masterCloudInit));
    const agent = parse(String(values.agentCloudInit));
    expect(String(values.masterCloudInit)).toMatch(/^#cloud-config\n/);
    expect(master.ssh_keys.ed25519_public).toBe(secrets.masterHostKey.publicKey);
    // The agents present their own host keys, never the masters' (an agent must not be able to pose as a master).
    expect(agent.ssh_keys).toEqual({
      ed25519_private: secrets.agentHostKey.privateKey, ed25519_public: secrets.agentHostKey.publicKey,
      rsa_private: secrets.agentRsaHostKey.privateKey, rsa_public: secrets.agentRsaHostKey.publicKey,
    });
    expect(agentHostPublicKeys(secrets)).toEqual([secrets.agentHostKey.publicKey, secrets.agentRsaHostKey.publicKey]);
    expect(String(values.agentCloudInit)).not.toContain(secrets.masterHostKey.privateKey.split('\n')[2]);
    expect(secretValues(secrets)).toEqual(expect.arrayContaining([secrets.agentHostKey.privateKey, secrets.agentRsaHostKey.privateKey]));
    for (const document of [master, agent]) {
      const files = new Map<string, string>(document.write_files.map((file: { path: string; content: string }) => [file.path, file.content]));
      // Masters: the master key and the agent root; the scale set's agents: the agent root only.
      const keys = helperKeys(secrets.helperSecret);
      expect(files.get('/etc/swarm-cluster/agent-root.key')).toBe(`${keys.agentRoot}\n`);
      expect(files.get('/etc/swarm-cluster/helper.key')).toBe(document === master ? `${keys.master}\n` : undefined);
      const config = JSON.parse(files.get('/etc/swarm-cluster/cluster.json')!);
      expect(config.masters).toEqual([
        { name: 'master0', address: '10.0.1.10' },
        { name: 'master1', address: '10.0.1.11' },
        { name: 'master2', address: '10.0.1.12' },
      ]);
      expect(config.metadataUrl).toBe('http://169.254.169.254');
      expect(document.users[0].ssh_authorized_keys).toEqual([admin.publicKey]);
    }
  });

  it('leaves location to the resource group when none is given', () => {
    expect(valuesOf(renderDeploymentParameters(settingsOf({ location: undefined }), secrets))).not.toHaveProperty('location');
  });

  it('renders exactly what arm/cluster.json declares, in its types and bounds', () => {
    const declared = template.parameters;
    const required = Object.keys(declared).filter((name) => !('defaultValue' in declared[name]));
    expect(Object.keys(values).filter((name) => !(name in declared))).toEqual([]);
    expect(required.filter((name) => !(name in values))).toEqual([]);
    const jsonType: Record<string, string> = { int: 'number', bool: 'boolean', string: 'string', securestring: 'string', object: 'object', array: 'object' };
    for (const [name, value] of Object.entries(values)) {
      const parameter = declared[name];
      expect({ name, type: typeof value }).toEqual({ name, type: jsonType[parameter.type.toLowerCase()] });
      if (parameter.allowedValues) expect({ name, allowed: parameter.allowedValues.includes(value) }).toEqual({ name, allowed: true });
      if (typeof value === 'number') {
        expect(value).toBeGreaterThanOrEqual(parameter.minValue ?? value);
        expect(value).toBeLessThanOrEqual(parameter.maxValue ?? value);
      }
    }
    // The cloud-init carries secrets (helper secret, host private key): never a plain string.
    expect(declared.masterCloudInit.type.toLowerCase()).toBe('securestring');
    expect(declared.agentCloudInit.type.toLowerCase()).toBe('securestring');
  });
});

describe("Azure's customData limit", () => {
  // The template swaps the placeholders for the storage account name (at most 24 characters)
  // and the cloud's storage suffix (say 32 characters), then base64-encodes: measure the worst case.
  const worstCase = (cloudInit: string) =>
    Buffer.from(cloudInit.split(storagePlaceholders.account).join('a'.repeat(24)).split(storagePlaceholders.suffix).join('s'.repeat(32))).toString(
      'base64',
    ).length;
  const limit = 64 * 1024;

  it.each([
    [1, false],
    [5, false],
    [5, true],
  ])('holds for %i masters, file share %s', (masters, fileShare) => {
    const settings = settingsOf({ 'master-count': String(masters), 'file-share': String(fileShare), tags: 'a=b' });
    const values = valuesOf(renderDeploymentParameters(settings, generateClusterSecrets(settings.name)));
    const sizes = { master: worstCase(String(values.masterCloudInit)), agent: worstCase(String(values.agentCloudInit)) };
    console.log(`customData (base64) with ${masters} masters, file share ${fileShare}: master ${sizes.master} B, agent ${sizes.agent} B, limit ${limit} B`);
    expect(sizes.master).toBeLessThanOrEqual(limit);
    expect(sizes.agent).toBeLessThanOrEqual(limit);
  });
});

describe('swap on small sizes', () => {
  it('follows swap-size when it is given: 0 turns it off on a small size, a number sets it on any size', () => {
    const swapOf = (raw: RawSettings) => {
      const settings = settingsOf({ autoscale: 'false', ...raw });
      const values = valuesOf(renderDeploymentParameters(settings, generateClusterSecrets(settings.name)));
      return [values.masterCloudInit, values.agentCloudInit].map((text) => (parse(String(text)) as { swap?: { size: number } }).swap?.size ?? 0);
    };
    expect(swapOf({ 'master-size': 'Standard_B1ls', 'agent-size': 'Standard_B1ls' })).toEqual([2048 * 2 ** 20, 2048 * 2 ** 20]);
    expect(swapOf({ 'master-size': 'Standard_B1ls', 'agent-size': 'Standard_B1ls', 'swap-size': '0' })).toEqual([0, 0]);
    expect(swapOf({ 'swap-size': '1024' })).toEqual([1024 * 2 ** 20, 1024 * 2 ** 20]);
    expect(swapOf({ 'swap-size': 'auto' })).toEqual([0, 0]);
  });

  it.each([
    ['Standard_B1ls', 2048],
    ['Standard_B1s', 2048],
    ['Standard_B2ts_v2', 2048],
    ['Standard_D2as_v5', 0],
    ['Standard_B2s', 0],
  ])('%s gets %i MiB of swap', (size, swapMiB) => {
    expect(swapSizeMiBFor(size)).toBe(swapMiB);
    const settings = settingsOf({ 'master-size': size, 'agent-size': 'Standard_D4as_v5', autoscale: 'false' });
    const values = valuesOf(renderDeploymentParameters(settings, generateClusterSecrets(settings.name)));
    const swap = (text: unknown) => (parse(String(text)) as { swap?: { size: number } }).swap?.size ?? 0;
    expect(swap(values.masterCloudInit)).toBe(swapMiB * 1024 * 1024);
    expect(swap(values.agentCloudInit)).toBe(0);
  });
});
