// ARM deployment parameters for arm/cluster.json, rendered from validated settings and the
// cluster's generated secrets; plus what a deployer needs afterwards to reach the masters
// over SSH with a pinned host key.
import type { ClusterSettings } from '../core/settings.js';
import { renderCloudInit } from './cloud-init.js';
import { helperKeys } from './helper-keys.js';
import { generateHelperSecret, generateHostKeyPair, generateRsaHostKeyPair, type SshKeyPair } from './keys.js';
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
  // Preempt gives 30 s notice; the metadata service allows 5 requests a second: twice a second
  // leaves on average a quarter of a second (not half) between an event and its drain.
  eventPollSeconds: 0.5,
  osDiskType: 'StandardSSD_LRS',
  osDiskSizeGB: 32,
  fileShareQuotaGB: 100,
} as const;

/** Generated once per cluster at deploy time; all of it is secret except the host public keys. */
export interface ClusterSecrets {
  helperSecret: string;
  masterHostKey: SshKeyPair;
  /** Pinned like the ed25519 key; walinuxagent waits for an RSA host key (docs/arm.md). */
  masterRsaHostKey: SshKeyPair;
  /** The agents' own host keys (one scale set, one pair): an agent never holds the masters'. */
  agentHostKey: SshKeyPair;
  agentRsaHostKey: SshKeyPair;
}

export function generateClusterSecrets(cluster: string): ClusterSecrets {
  return {
    helperSecret: generateHelperSecret(),
    masterHostKey: generateHostKeyPair(cluster),
    masterRsaHostKey: generateRsaHostKeyPair(cluster),
    agentHostKey: generateHostKeyPair(cluster),
    agentRsaHostKey: generateRsaHostKeyPair(cluster),
  };
}

/**
 * Sizes with 2 GiB of memory or less (Ubuntu's Azure image has no swap): apt, docker.io,
 * walinuxagent and snapd together can run them out of memory on the first boot.
 */
const smallVmSizes = new Set([
  'standard_b1ls', 'standard_b1s', 'standard_b1ms', 'standard_b2ts_v2', 'standard_b2ats_v2', 'standard_b2pts_v2',
  'standard_a1_v2', 'standard_a0', 'standard_a1', 'basic_a0', 'basic_a1',
]);

/** A 2 GiB swap file for small sizes, none for the others. */
export const smallSizeSwapMiB = 2048;

export function swapSizeMiBFor(vmSize: string): number {
  return smallVmSizes.has(vmSize.toLowerCase()) ? smallSizeSwapMiB : 0;
}

/** Every value of `secrets` (and the helper keys derived from it) that must be masked in logs. */
export function secretValues(secrets: ClusterSecrets): string[] {
  const keys = helperKeys(secrets.helperSecret);
  return [
    secrets.helperSecret, keys.master, keys.agentRoot,
    secrets.masterHostKey.privateKey, secrets.masterRsaHostKey.privateKey, secrets.agentHostKey.privateKey, secrets.agentRsaHostKey.privateKey,
  ];
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
    master: renderCloudInit({
      ...common,
      role: 'master',
      node: azureNodeConfig(settings, 'master'),
      hostKey: secrets.masterHostKey,
      rsaHostKey: secrets.masterRsaHostKey,
      swapSizeMiB: settings.swapSizeMiB ?? swapSizeMiBFor(settings.masterSize),
    }),
    agent: renderCloudInit({
      ...common,
      role: 'agent',
      node: azureNodeConfig(settings, 'agent'),
      hostKey: secrets.agentHostKey,
      rsaHostKey: secrets.agentRsaHostKey,
      swapSizeMiB: settings.swapSizeMiB ?? swapSizeMiBFor(settings.agentSize),
    }),
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
    faultDomainCount: settings.faultDomainCount,
    updateDomainCount: settings.updateDomainCount,
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

/**
 * A known_hosts pattern for every master's FQDN before the deployment: the labels end in a
 * suffix only Azure computes (uniqueString of the group) and the domain depends on the cloud,
 * so FQDNs themselves come only from the deployment's outputs.
 */
export function masterHostPattern(settings: ClusterSettings): string {
  return `${settings.dnsPrefix}-master?-*`;
}

function masterIndexes(settings: ClusterSettings): number[] {
  return Array.from({ length: settings.masterCount }, (_, index) => index);
}
