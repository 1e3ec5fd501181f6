// Small validators shared by every entry point (cluster settings, CLI positionals such as
// `scale-agents N`, action inputs such as `count` or `replicas`). Each takes the SETTING NAME
// the user typed and the raw text, returns the parsed value, or throws a SettingError that
// names the setting and the rule.
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { SettingError } from './errors.js';
import type { ProviderKind } from './settings.js';

export interface NumberRange {
  min: number;
  max: number;
}

export function parseWholeNumber(setting: string, value: string, { min, max }: NumberRange): number {
  const text = value.trim();
  const number = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new SettingError(setting, `must be a whole number from ${min} to ${max}`, value);
  }
  return number;
}

/** The Azure limits behind the agent cap, each with its source in docs/scale.md. */
export const agentScaleLimits = {
  /** A Uniform scale set in a single placement group (the template leaves singlePlacementGroup at its default, true) holds at most 100 VMs. */
  singlePlacementGroupVms: 100,
  /** The agents' subnet is a /23 (azureNetwork.agentSubnet, arm/cluster.json); Azure keeps 5 addresses of every subnet. */
  agentSubnetPrefixLength: 23,
  reservedSubnetAddresses: 5,
} as const;

/** Addresses of the agents' subnet a VM can have: 507 of a /23. */
export const agentSubnetCapacity = 2 ** (32 - agentScaleLimits.agentSubnetPrefixLength) - agentScaleLimits.reservedSubnetAddresses;

/** The largest agent count (and max-agent-count) the design serves: the first Azure limit an agent count meets. */
export const agentCountCap = Math.min(agentScaleLimits.singlePlacementGroupVms, agentSubnetCapacity);

/** Why a count above the cap is refused: the limit it would break. */
const agentCapReason = agentCountCap === agentScaleLimits.singlePlacementGroupVms
  ? `the agents are one Uniform scale set in a single placement group, which holds at most ${agentScaleLimits.singlePlacementGroupVms} VMs (docs/scale.md)`
  : `the agents' /${agentScaleLimits.agentSubnetPrefixLength} subnet has ${agentSubnetCapacity} usable addresses (docs/scale.md)`;
/** The largest replica count of a service this toolkit accepts. */
export const replicaCap = 1000;

/**
 * An agent count (`scale-agents N`, the scale action's `count`, the `agent-count` setting): `min`
 * (0 unless said) to agentCountCap. A whole number beyond the cap is refused with the limit it
 * would break, not just the range.
 */
export function parseAgentCount(setting: string, value: string, min: 0 | 1 = 0): number {
  if (/^\s*\+?\d+\s*$/.test(value) && Number(value) > agentCountCap) throw new SettingError(setting, `must be at most ${agentCountCap}: ${agentCapReason}`, value);
  return parseWholeNumber(setting, value, { min, max: agentCountCap });
}

/** The most agents a parallel reimage or a chaos round acts on at once (`batch-size`). */
export const batchSizeLimits = { min: 1, max: 100 } as const;

/** Default batch sizes: a parallel reimage takes 10 agents at a time; the chaos monkey one. */
export const defaultBatchSizes = { reimage: 10, chaos: 1 } as const;

/** `batch-size` (the scale action's input, the CLI's flag): 1 to 100. */
export function parseBatchSize(setting: string, value: string): number {
  return parseWholeNumber(setting, value, batchSizeLimits);
}

/** A service's replica count: `min` (0 to scale, 1 to create) to replicaCap. */
export function parseReplicaCount(setting: string, value: string, min: 0 | 1): number {
  return parseWholeNumber(setting, value, { min, max: replicaCap });
}

/**
 * The one boolean grammar of every setting and action input: the YAML 1.2 core schema's
 * booleans, exactly the words `core.getBooleanInput` of @actions/core accepts. `yes`, `on`, `1`
 * are refused everywhere (YAML 1.1 read them as booleans; YAML 1.2 and the runner do not).
 */
export const booleanWords = { true: ['true', 'True', 'TRUE'], false: ['false', 'False', 'FALSE'] } as const;

export function parseBoolean(setting: string, value: string): boolean {
  const text = value.trim();
  if ((booleanWords.true as readonly string[]).includes(text)) return true;
  if ((booleanWords.false as readonly string[]).includes(text)) return false;
  throw new SettingError(setting, `must be true or false (YAML 1.2: ${[...booleanWords.true, ...booleanWords.false].join(', ')})`, value);
}

/** A boolean that may be left blank for its default. */
export function parseOptionalBoolean(setting: string, value: string, fallback: boolean): boolean {
  return value.trim() === '' ? fallback : parseBoolean(setting, value);
}

/** A whole number that may be left blank for its default. */
export function parseOptionalWholeNumber(setting: string, value: string, range: NumberRange, fallback: number): number {
  return value.trim() === '' ? fallback : parseWholeNumber(setting, value, range);
}

/** Azure resource group names: https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules */
export function validateResourceGroupName(setting: string, value: string): string {
  if (!/^[\p{L}\p{N}_().-]{1,90}$/u.test(value) || value.endsWith('.')) {
    throw new SettingError(
      setting,
      'must be 1-90 letters, digits, "-", "_", ".", "(" or ")" and must not end with "."',
      value,
    );
  }
  return value;
}

export const dnsLabelPattern = /^[a-z][a-z0-9-]{1,61}[a-z0-9]$/;

export function validateDnsLabel(setting: string, value: string): string {
  if (!dnsLabelPattern.test(value)) {
    throw new SettingError(setting, `must be a DNS label matching ${dnsLabelPattern.source}`, value);
  }
  return value;
}

/** Lab names become parts of network namespace and interface names (15 characters at most). */
export const labNamePattern = /^[a-z][a-z0-9-]{0,14}$/;

export function validateLabName(setting: string, value: string): string {
  if (!labNamePattern.test(value)) {
    throw new SettingError(
      setting,
      `must be a lab name of 1-15 lowercase letters, digits or "-" starting with a letter (${labNamePattern.source})`,
      value,
    );
  }
  return value;
}

/**
 * An IPv4 prefix in canonical form (host bits zero). A bare address means that one address
 * (/32), as Azure network security rules read it.
 */
export function parseIpv4Cidr(setting: string, value: string): string {
  const rule = 'must be an IPv4 CIDR such as 203.0.113.0/24 (prefix length 0-32)';
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(value.trim());
  if (!match) throw new SettingError(setting, rule, value);
  const octets = match.slice(1, 5).map((octet) => (/^(0|[1-9]\d*)$/.test(octet) ? Number(octet) : 256));
  const length = match[5] === undefined ? 32 : Number(match[5]);
  if (octets.some((octet) => octet > 255) || length > 32 || /^0\d/.test(match[5] ?? '')) {
    throw new SettingError(setting, rule, value);
  }
  const address = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const size = 2 ** (32 - length);
  const network = address - (address % size);
  if (network !== address) {
    throw new SettingError(setting, `must have its host bits zero (did you mean ${formatIpv4(network)}/${length}?)`, value);
  }
  return `${formatIpv4(address)}/${length}`;
}

function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

/** Names Azure refuses for a Linux VM's admin user. */
const reservedUsernames = new Set([
  'administrator', 'admin', 'user', 'user1', 'test', 'user2', 'test1', 'user3', 'admin1', 'actuser',
  'adm', 'admin2', 'aspnet', 'backup', 'console', 'david', 'guest', 'john', 'owner', 'root', 'server',
  'sql', 'support', 'support_388945a0', 'sys', 'test2', 'test3', 'user4', 'user5', 'daemon', 'bin', 'docker',
]);

export function validateAdminUsername(setting: string, value: string): string {
  if (!/^[a-z][a-z0-9_-]{0,31}$/.test(value)) {
    throw new SettingError(setting, 'must be 1-32 lowercase letters, digits, "_" or "-" starting with a letter', value);
  }
  if (reservedUsernames.has(value)) {
    throw new SettingError(setting, 'must not be a reserved name (root, admin, administrator, user, test, docker, ...)', value);
  }
  return value;
}

export function validateVmSize(setting: string, value: string): string {
  if (!/^Standard_[A-Za-z0-9_]+$/.test(value)) {
    throw new SettingError(setting, 'must be an Azure VM size such as Standard_B1ls (Standard_ followed by letters, digits or "_")', value);
  }
  return value;
}

export function validateLocation(setting: string, value: string): string {
  if (!/^[a-z][a-z0-9]{1,39}$/.test(value)) {
    throw new SettingError(setting, 'must be an Azure region name such as westeurope (lowercase letters and digits)', value);
  }
  return value;
}

const acceptedKeyTypes = ['ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521'];
const minimumRsaBits = 2048;

/**
 * One OpenSSH public key line. The value is never echoed in the error: a private key pasted
 * by mistake must not reach a log.
 */
export function validateSshPublicKey(setting: string, value: string): string {
  const line = value.trim();
  const [type] = line.split(' ', 1);
  const rule = `must be one OpenSSH public key line (${acceptedKeyTypes.join(', ')} AAAA... [comment])`;
  if (/PRIVATE KEY/.test(line)) throw new SettingError(setting, 'must be a public key, not a private key');
  if (!acceptedKeyTypes.includes(type) || /[\r\n]/.test(line)) throw new SettingError(setting, rule);
  const blob = Buffer.from(line.split(/\s+/)[1] ?? '', 'base64');
  const fields = sshFields(blob);
  const key = fields?.[0].toString('latin1') === type ? publicKeyJwk(type, fields.slice(1)) : undefined;
  if (key === undefined || !isPublicKey(key)) throw new SettingError(setting, `${rule}; this one does not parse`);
  if (key.kty === 'RSA' && bitLength(Buffer.from(key.n!, 'base64url')) < minimumRsaBits) {
    throw new SettingError(setting, `ssh-rsa keys must have at least ${minimumRsaBits} bits (Azure's rule)`);
  }
  return line;
}

/**
 * The SSH wire-format strings (uint32 length, then the bytes) a public key blob is made of
 * (RFC 4253 6.6); undefined when one is cut short. A small parser instead of ssh2's: an action
 * validates its inputs before its first request, and ssh2 is 0.6 MB of bundle to compile.
 */
function sshFields(blob: Buffer): Buffer[] | undefined {
  const fields: Buffer[] = [];
  for (let offset = 0; offset < blob.length;) {
    if (offset + 4 > blob.length) return undefined;
    const end = offset + 4 + blob.readUInt32BE(offset);
    if (end > blob.length) return undefined;
    fields.push(blob.subarray(offset + 4, end));
    offset = end;
  }
  return fields.length > 0 ? fields : undefined;
}

const ecdsaCurves: Record<string, { name: string; jwk: string; bytes: number }> = {
  'ecdsa-sha2-nistp256': { name: 'nistp256', jwk: 'P-256', bytes: 32 },
  'ecdsa-sha2-nistp384': { name: 'nistp384', jwk: 'P-384', bytes: 48 },
  'ecdsa-sha2-nistp521': { name: 'nistp521', jwk: 'P-521', bytes: 66 },
};

/** The key a blob's fields (after its type) describe, as a JWK; undefined when their count or sizes are wrong. */
function publicKeyJwk(type: string, fields: Buffer[]): JsonWebKey | undefined {
  const base64url = (bytes: Buffer) => bytes.toString('base64url');
  if (type === 'ssh-ed25519') return fields.length === 1 && fields[0].length === 32 ? { kty: 'OKP', crv: 'Ed25519', x: base64url(fields[0]) } : undefined;
  // mpints: a leading zero byte keeps a high bit from reading as a sign.
  const unsigned = (mpint: Buffer) => {
    const first = mpint.findIndex((byte) => byte !== 0);
    return first < 0 ? Buffer.alloc(0) : mpint.subarray(first);
  };
  if (type === 'ssh-rsa') return fields.length === 2 ? { kty: 'RSA', e: base64url(unsigned(fields[0])), n: base64url(unsigned(fields[1])) } : undefined;
  const curve = ecdsaCurves[type];
  // The point is uncompressed: 0x04, then x and y.
  if (fields.length !== 2 || fields[0].toString('latin1') !== curve.name || fields[1].length !== 1 + 2 * curve.bytes || fields[1][0] !== 4) return undefined;
  return { kty: 'EC', crv: curve.jwk, x: base64url(fields[1].subarray(1, 1 + curve.bytes)), y: base64url(fields[1].subarray(1 + curve.bytes)) };
}

/** Whether node's crypto takes the JWK as a public key (an EC point must lie on its curve). */
function isPublicKey(jwk: JsonWebKey): boolean {
  try {
    return createPublicKey({ key: jwk, format: 'jwk' }).type === 'public';
  } catch {
    return false;
  }
}

function bitLength(unsigned: Buffer): number {
  return unsigned.length === 0 ? 0 : (unsigned.length - 1) * 8 + unsigned[0].toString(2).length;
}

export const tagLimits = { keyLength: 512, valueLength: 256, count: 50 };
/** The toolkit adds its own tags (managed-by, expires-at, pr); users may not set these. */
export const toolkitTagNames = ['managed-by', 'expires-at', 'pr'];

/** Tags as `k=v,k2=v2` or a JSON object of strings. */
export function parseTags(setting: string, value: string): Record<string, string> {
  const text = value.trim();
  const entries = /^[[{]/.test(text) ? jsonTagEntries(setting, text) : listTagEntries(setting, text);
  const tags: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [key, tagValue] of entries) {
    checkTag(setting, key, tagValue);
    // Azure treats tag names case-insensitively: two spellings of one name would collide.
    if (seen.has(key.toLowerCase())) throw new SettingError(setting, `tag "${key}" is given twice`);
    seen.add(key.toLowerCase());
    tags[key] = tagValue;
  }
  const allowed = tagLimits.count - toolkitTagNames.length;
  if (entries.length > allowed) {
    throw new SettingError(setting, `at most ${allowed} tags (Azure allows ${tagLimits.count}; the toolkit adds ${toolkitTagNames.length})`);
  }
  return tags;
}

function listTagEntries(setting: string, text: string): [string, string][] {
  if (text === '') return [];
  return text.split(',').map((pair) => {
    const equals = pair.indexOf('=');
    if (equals < 0) throw new SettingError(setting, 'must be key=value pairs separated by "," or a JSON object', pair);
    return [pair.slice(0, equals).trim(), pair.slice(equals + 1).trim()];
  });
}

function jsonTagEntries(setting: string, text: string): [string, string][] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SettingError(setting, 'must be key=value pairs separated by "," or a JSON object; this JSON does not parse');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SettingError(setting, 'a JSON value must be an object of tag names to values');
  }
  return Object.entries(parsed).map(([key, tagValue]) => {
    if (!['string', 'number', 'boolean'].includes(typeof tagValue)) {
      throw new SettingError(setting, `tag "${key}" must have a string value`);
    }
    return [key, String(tagValue)];
  });
}

function checkTag(setting: string, key: string, value: string): void {
  if (key === '' || key.length > tagLimits.keyLength) {
    throw new SettingError(setting, `tag names must be 1-${tagLimits.keyLength} characters`, key);
  }
  if (/[<>%&\\?/]/.test(key)) throw new SettingError(setting, 'tag names must not contain < > % & \\ ? /', key);
  if (/^(microsoft|azure|windows)/i.test(key)) {
    throw new SettingError(setting, 'tag names must not start with microsoft, azure or windows (reserved by Azure)', key);
  }
  if (toolkitTagNames.includes(key.toLowerCase())) {
    throw new SettingError(setting, `tag "${key}" is set by the toolkit itself`, key);
  }
  if (value.length > tagLimits.valueLength) {
    throw new SettingError(setting, `tag values must be at most ${tagLimits.valueLength} characters (tag "${key}")`);
  }
}

/** `[registry[:port]/]repository[:tag]` as Docker reads it (lowercase path components). */
const imageNamePattern = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::\w[\w.-]{0,127})?$/;
const imageDigestPattern = /^sha256:[0-9a-f]{64}$/;

/**
 * The test-image setting: empty, or the test service's image on a provider that pulls it from a
 * registry, named by digest, so that a rollout runs exactly the bytes the publish workflow built
 * and attested (a tag can be moved). The lab builds its own from test-service/ and takes none.
 */
export function parseTestImage(setting: string, value: string, provider: ProviderKind): string | undefined {
  const reference = value.trim();
  if (reference === '') return undefined;
  if (provider === 'lab') {
    throw new SettingError(setting, 'must be empty with provider lab: the lab builds the test service from test-service/ itself (it reaches no registry)', value);
  }
  const [name = '', digest, ...rest] = reference.split('@');
  const rule = 'must name the image by digest, REPOSITORY@sha256:<64 hex digits> such as ghcr.io/OWNER/azswarm-test-service@sha256:… (the test-service workflow prints it; a tag alone can be moved to other bytes)';
  if (digest === undefined || rest.length > 0 || !imageDigestPattern.test(digest) || !imageNamePattern.test(name)) throw new SettingError(setting, rule, value);
  return reference;
}
