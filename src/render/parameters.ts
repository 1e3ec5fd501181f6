// ARM deployment parameters for arm/cluster.json, rendered from validated settings and the
// cluster's generated secrets; plus what a deployer needs afterwards to reach the masters
// over SSH with a pinned host key.
import type { ClusterSettings } from '../core/settings.js';
import { renderCloudInit } from './cloud-init.js';
import { helperKeys } from './helper-keys.js';
import { generateHelperSecret, generateHostKeyPair, knownHostsLine, type SshKeyPair } from './keys.js';
import { azureNetwork, defaultPorts, type NodeConfig } from './node-config.js';

export const deploymentParametersSchema = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';

/** Fixed choices of the template that are not user settings. */
export const azureDefaults = {
  agentPrefix: 'agents',
  metadataUrl: 'http://169.254.169.254',
  /** Scheduled Events terminate notification: Azure accepts PT5M to PT15M. */
  terminateNotBeforeTimeout: 'PT5M',
  downGraceSeconds: 300,
  drainTimeoutSeconds: 120,
  eventPollSeconds: 5,
  osDiskType: 'StandardSSD_LRS',
  osDiskSizeGB: 32,
  fileShareQuotaGB: 100,
} as const;

/** Generated once per cluster at deploy time; all of it is secret except the host public key. */
export interface ClusterSecrets {
  helperSecret: string;
  masterHostKey: SshKeyPair;
}

export function generateClusterSecrets(cluster: string): ClusterSecrets {
  return { helperSecret: generateHelperSecret(), masterHostKey: generateHostKeyPair(cluster) };
}

/** Every value of `secrets` (and the helper keys derived from it) that must be masked in logs. */
export function secretValues(secrets: ClusterSecrets): string[] {
  const keys = helperKeys(secrets.helperSecret);
  return [secrets.helperSecret, keys.master, keys.agentRoot, secrets.masterHostKey.privateKey];
}

export interface DeploymentParameters {
  $schema: string;
  contentVersion: string;
  parameters: Record<string, { value: unknown }>;
}

export function azureNodeConfig(settings: ClusterSettings, role: NodeConfig['role']): NodeConfig {
  return {
    cluster: settings.name,
    role,
    masters: masterIndexes(settings).map((index) => ({ name: `master${index}`, address: azureNetwork.masterAddress(index) })),
    helperPort: defaultPorts.helper,
    healthPort: defaultPorts.health,
    metadataUrl: azureDefaults.metadataUrl,
    downGraceSeconds: azureDefaults.downGraceSeconds,
    drainTimeoutSeconds: azureDefaults.drainTimeoutSeconds,
    eventPollSeconds: azureDefaults.eventPollSeconds,
  };
}

/** The plain cloud-config text of masters and agents (the template base64-encodes it). */
export function renderAzureCloudInit(settings: ClusterSettings, secrets: ClusterSecrets): { master: string; agent: string } {
  const common = {
    adminUsername: settings.adminUsername,
    sshPublicKey: settings.sshPublicKey,
    helperSecret: secrets.helperSecret,
    fileShare: settings.fileShare,
  };
  return {
    master: renderCloudInit({ ...common, role: 'master', node: azureNodeConfig(settings, 'master'), masterHostKey: secrets.masterHostKey }),
    agent: renderCloudInit({ ...common, role: 'agent', node: azureNodeConfig(settings, 'agent') }),
  };
}

export function renderDeploymentParameters(settings: ClusterSettings, secrets: ClusterSecrets): DeploymentParameters {
  const cloudInit = renderAzureCloudInit(settings, secrets);
  const values: Record<string, unknown> = {
    // Absent: the template defaults to the resource group's location.
    ...(settings.location === undefined ? {} : { location: settings.location }),
    dnsPrefix: settings.dnsPrefix,
    masterCount: settings.masterCount,
    masterSize: settings.masterSize,
    agentSize: settings.agentSize,
    agentPrefix: azureDefaults.agentPrefix,
    agentCount: settings.agentCount,
    minAgentCount: settings.minAgentCount,
    maxAgentCount: settings.maxAgentCount,
    autoscaleEnabled: settings.autoscale,
    adminUsername: settings.adminUsername,
    adminPublicKey: settings.sshPublicKey,
    allowedSshCidr: settings.allowedSshCidr,
    healthPort: defaultPorts.health,
    helperPort: defaultPorts.helper,
    servicePorts: defaultPorts.services,
    terminateNotBeforeTimeout: azureDefaults.terminateNotBeforeTimeout,
    osDiskType: azureDefaults.osDiskType,
    osDiskSizeGB: azureDefaults.osDiskSizeGB,
    fileShareEnabled: settings.fileShare,
    fileShareQuotaGB: azureDefaults.fileShareQuotaGB,
    masterCloudInit: cloudInit.master,
    agentCloudInit: cloudInit.agent,
    tags: settings.tags,
  };
  return {
    $schema: deploymentParametersSchema,
    contentVersion: '1.0.0.0',
    parameters: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value }])),
  };
}

/** `<dnsPrefix>-master<i>.<location>.cloudapp.azure.com`, master0 first. */
export function masterFqdns(settings: ClusterSettings, location: string): string[] {
  return masterIndexes(settings).map((index) => `${settings.dnsPrefix}-master${index}.${location}.cloudapp.azure.com`);
}

export interface MasterAccess {
  username: string;
  /** The admin's OpenSSH private key. A secret. */
  privateKey: string;
  /** The masters' host public key, to pin. */
  hostKeys: string[];
  masterFqdns: string[];
  masterAddresses: string[];
  /** One known_hosts line pinning the host key for every master FQDN and private address. */
  knownHosts: string;
}

/**
 * What deploy-cluster needs after the deployment to reach the masters. `location` is the
 * settings' location or, when that was absent, the resource group's.
 */
export function masterAccess(settings: ClusterSettings, secrets: ClusterSecrets, adminPrivateKey: string, location: string): MasterAccess {
  const fqdns = masterFqdns(settings, location);
  const addresses = masterIndexes(settings).map((index) => azureNetwork.masterAddress(index));
  return {
    username: settings.adminUsername,
    privateKey: adminPrivateKey,
    hostKeys: [secrets.masterHostKey.publicKey],
    masterFqdns: fqdns,
    masterAddresses: addresses,
    knownHosts: knownHostsLine([...fqdns, ...addresses], secrets.masterHostKey.publicKey),
  };
}

function masterIndexes(settings: ClusterSettings): number[] {
  return Array.from({ length: settings.masterCount }, (_, index) => index);
}
