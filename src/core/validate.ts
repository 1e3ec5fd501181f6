// Turns the raw text of cluster settings (action inputs, CLI flags: both use the setting names
// below) into ClusterSettings, applying defaults and checking EVERY rule before anything is
// created. All problems are reported at once in one SettingsError.
import { SettingError, SettingsError } from './errors.js';
import type { ClusterSettings, MasterCount, ProviderKind } from './settings.js';
import {
  agentCountCap,
  parseAgentCount,
  parseBoolean,
  parseIpv4Cidr,
  parseTags,
  parseWholeNumber,
  validateAdminUsername,
  validateDnsLabel,
  validateLabName,
  validateLocation,
  validateResourceGroupName,
  validateSshPublicKey,
  validateVmSize,
} from './validators.js';

export const settingNames = [
  'resource-group',
  'dns-prefix',
  'location',
  'master-count',
  'agent-count',
  'min-agent-count',
  'max-agent-count',
  'autoscale',
  'master-size',
  'agent-size',
  'admin-username',
  'ssh-public-key',
  'allowed-ssh-cidr',
  'file-share',
  'swap-size',
  'fault-domain-count',
  'update-domain-count',
  'tags',
] as const;

export type SettingName = (typeof settingNames)[number];

/** Raw values as users type them; an absent or blank value means "use the default". */
export type RawSettings = Partial<Record<SettingName, string | undefined>>;

export const defaultSettings = {
  labName: 'lab',
  masterCount: 1,
  agentCount: 2,
  minAgentCount: 1,
  maxAgentCount: 5,
  autoscale: true,
  // 2 AMD vCPUs, 8 GiB, not burstable, Trusted Launch capable: see docs/arm.md, "First deployment".
  vmSize: 'Standard_D2as_v5',
  adminUsername: 'cluster',
  fileShare: false,
  faultDomainCount: 2,
  updateDomainCount: 5,
} as const;

/** Azure's limits for an availability set (fault domains: 3 in most regions, 2 in some). */
export const domainLimits = { faultDomains: { min: 1, max: 3 }, updateDomains: { min: 1, max: 20 } } as const;

export const masterCounts: readonly MasterCount[] = [1, 3, 5];

/** Settings the lab has no use for: it warns about them and takes the defaults. */
export const labIgnoredSettings: readonly SettingName[] = ['location', 'master-size', 'agent-size', 'file-share', 'autoscale', 'min-agent-count', 'max-agent-count', 'swap-size', 'fault-domain-count', 'update-domain-count'];

/** The largest swap file a node gets (MiB). */
export const maxSwapSizeMiB = 16 * 1024;

/**
 * Derived DNS labels are `<prefix>-master<i>-<6 characters of uniqueString(group)>` and
 * `<prefix>-agents-lb-<the same 6>` (the longest suffix): labels are unique per region across
 * all of Azure, so the template adds the group's part.
 */
const longestDnsSuffix = '-agents-lb-xxxxxx';
const maxDnsPrefixLength = 63 - longestDnsSuffix.length;

/** The settings of `raw` that `provider` ignores (for a warning). */
export function ignoredSettings(raw: RawSettings, provider: ProviderKind): SettingName[] {
  if (provider !== 'lab') return [];
  return labIgnoredSettings.filter((name) => present(raw[name]) !== undefined);
}

export function parseClusterSettings(raw: RawSettings, provider: ProviderKind): ClusterSettings {
  const problems: SettingError[] = [];
  /** Runs one rule; a broken rule is collected and its setting reads as undefined. */
  const check = <T>(rule: () => T): T | undefined => {
    try {
      return rule();
    } catch (error) {
      if (!(error instanceof SettingError)) throw error;
      problems.push(error);
      return undefined;
    }
  };
  const value = (name: SettingName) => present(raw[name]);
  const azure = provider === 'azure';

  const name = check(() => parseName(value('resource-group'), provider));
  const dnsPrefix = check(() => parseDnsPrefix(value('dns-prefix'), name));
  const location = azure ? check(() => optional(value('location'), (text) => validateLocation('location', text))) : undefined;
  const masterCount = check(() => parseMasterCount(value('master-count')));
  const agentCount = check(() => agentCountOr('agent-count', value('agent-count'), defaultSettings.agentCount));
  // Without an explicit maximum, the default maximum grows to the requested agent count.
  const maxAgentCount = !azure
    ? agentCountCap
    : check(() => agentCountOr('max-agent-count', value('max-agent-count'), Math.max(defaultSettings.maxAgentCount, agentCount ?? 0), 1));
  const minAgentCount = azure ? check(() => agentCountOr('min-agent-count', value('min-agent-count'), defaultSettings.minAgentCount)) : 0;
  const autoscale = azure ? check(() => optional(value('autoscale'), (text) => parseBoolean('autoscale', text)) ?? defaultSettings.autoscale) : false;
  const vmSize = (setting: 'master-size' | 'agent-size') =>
    azure ? check(() => validateVmSize(setting, value(setting) ?? defaultSettings.vmSize)) : defaultSettings.vmSize;
  const masterSize = vmSize('master-size');
  const agentSize = vmSize('agent-size');
  const adminUsername = check(() => validateAdminUsername('admin-username', value('admin-username') ?? defaultSettings.adminUsername));
  const sshPublicKey = check(() => validateSshPublicKey('ssh-public-key', required('ssh-public-key', value('ssh-public-key'), 'the CLI generates a key pair when none is given')));
  const allowedSshCidr = check(() => parseAllowedCidr(value('allowed-ssh-cidr'), provider));
  const fileShare = azure ? check(() => optional(value('file-share'), (text) => parseBoolean('file-share', text)) ?? defaultSettings.fileShare) : false;
  const domains = (setting: 'fault-domain-count' | 'update-domain-count', range: { min: number; max: number }, fallback: number) =>
    azure ? check(() => optional(value(setting), (text) => parseWholeNumber(setting, text, range)) ?? fallback) : fallback;
  const faultDomainCount = domains('fault-domain-count', domainLimits.faultDomains, defaultSettings.faultDomainCount);
  const updateDomainCount = domains('update-domain-count', domainLimits.updateDomains, defaultSettings.updateDomainCount);
  const tags = check(() => optional(value('tags'), (text) => parseTags('tags', text)) ?? {});
  const swapSizeMiB = azure ? check(() => parseSwapSize(value('swap-size'))) : undefined;

  if (agentCount !== undefined && maxAgentCount !== undefined && minAgentCount !== undefined) {
    check(() => checkAgentBounds(agentCount, minAgentCount, maxAgentCount, autoscale === true));
  }
  if (autoscale === true && agentSize !== undefined) check(() => checkAutoscaleSize(agentSize));

  if (problems.length > 0) throw new SettingsError(problems);
  return {
    provider,
    name: name!,
    dnsPrefix: dnsPrefix!,
    ...(location === undefined ? {} : { location }),
    masterCount: masterCount!,
    agentCount: agentCount!,
    minAgentCount: minAgentCount!,
    maxAgentCount: maxAgentCount!,
    autoscale: autoscale!,
    masterSize: masterSize!,
    agentSize: agentSize!,
    adminUsername: adminUsername!,
    sshPublicKey: sshPublicKey!,
    allowedSshCidr: allowedSshCidr!,
    fileShare: fileShare!,
    ...(swapSizeMiB === undefined ? {} : { swapSizeMiB }),
    faultDomainCount: faultDomainCount!,
    updateDomainCount: updateDomainCount!,
    tags: tags!,
  };
}

/** `auto` (or nothing): by VM size; else a whole number of MiB, 0 for none. */
function parseSwapSize(text: string | undefined): number | undefined {
  if (text === undefined || text === 'auto') return undefined;
  if (!/^\d+$/.test(text) || Number(text) > maxSwapSizeMiB) {
    throw new SettingError('swap-size', `must be auto (2048 MiB on sizes with 2 GiB of memory or less, none otherwise) or a whole number of MiB from 0 (none) to ${maxSwapSizeMiB}`, text);
  }
  return Number(text);
}

function present(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

function optional<T>(text: string | undefined, parse: (text: string) => T): T | undefined {
  return text === undefined ? undefined : parse(text);
}

function required(setting: SettingName, text: string | undefined, why: string): string {
  if (text === undefined) throw new SettingError(setting, `is required (${why})`);
  return text;
}

/** An agent count from `min` (0 unless said) to the toolkit's cap, or `fallback` when absent. */
function agentCountOr(setting: SettingName, text: string | undefined, fallback: number, min: 0 | 1 = 0): number {
  return text === undefined ? fallback : parseAgentCount(setting, text, min);
}

function parseName(text: string | undefined, provider: ProviderKind): string {
  if (provider === 'lab') return validateLabName('resource-group', text ?? defaultSettings.labName);
  return validateResourceGroupName('resource-group', required('resource-group', text, 'the Azure resource group'));
}

function parseMasterCount(text: string | undefined): MasterCount {
  if (text === undefined) return defaultSettings.masterCount;
  const count = Number(text);
  if (!masterCounts.includes(count as MasterCount) || !/^\d$/.test(text)) {
    throw new SettingError('master-count', 'must be 1, 3 or 5 (a swarm needs an odd number of managers)', text);
  }
  return count as MasterCount;
}

function parseDnsPrefix(text: string | undefined, name: string | undefined): string | undefined {
  if (text === undefined) {
    if (name === undefined) return undefined; // the name's own problem is already reported
    const derived = deriveDnsPrefix(name);
    if (derived === '') {
      throw new SettingError('dns-prefix', `cannot be derived from resource-group "${name}"; give one (a lowercase letter, then letters, digits or "-")`);
    }
    return derived;
  }
  if (!/^[a-z]([a-z0-9-]*[a-z0-9])?$/.test(text) || text.length > maxDnsPrefixLength) {
    throw new SettingError(
      'dns-prefix',
      `must be 1-${maxDnsPrefixLength} lowercase letters, digits or "-", start with a letter and not end with "-", so that <prefix>${longestDnsSuffix} is a DNS label`,
      text,
    );
  }
  validateDnsLabel('dns-prefix', `${text}-master0`);
  return text;
}

/** A resource group such as `My_Team.Swarm(1)` gives the DNS prefix `my-team-swarm-1`. */
export function deriveDnsPrefix(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, maxDnsPrefixLength)
    .replace(/-+$/, '');
}

function parseAllowedCidr(text: string | undefined, provider: ProviderKind): string {
  if (text === undefined && provider === 'lab') {
    // Lab masters are reachable only from this machine, through the lab's own bridge.
    return '0.0.0.0/0';
  }
  return parseIpv4Cidr(
    'allowed-ssh-cidr',
    required('allowed-ssh-cidr', text, 'SSH to the masters is never opened to the whole internet by default; give your address, e.g. 203.0.113.7/32, or 0.0.0.0/0 on purpose'),
  );
}

/**
 * CPU autoscale reads "Percentage CPU", which on a burstable (B-series) VM that has spent its
 * credits stays at its baseline whatever the load: the rule would neither add nor remove agents
 * when it matters. Refused rather than silently wrong.
 */
function checkAutoscaleSize(agentSize: string): void {
  if (/^standard_b\d/i.test(agentSize)) {
    throw new SettingError('autoscale', `CPU autoscale misreads burstable sizes (${agentSize} throttles to its baseline once out of credits): choose a non-burstable agent-size such as ${defaultSettings.vmSize}, or set autoscale to false`);
  }
}

function checkAgentBounds(agents: number, min: number, max: number, autoscale: boolean): void {
  if (min > max) {
    throw new SettingError('min-agent-count', `must not be greater than max-agent-count (${min} > ${max})`);
  }
  if (agents > max) {
    throw new SettingError('agent-count', `must not be greater than max-agent-count (${agents} > ${max})`);
  }
  if (autoscale && agents < min) {
    throw new SettingError('agent-count', `must be at least min-agent-count when autoscale is on (${agents} < ${min})`);
  }
}
