// Reads the cloud-config that renderCloudInit() produced for a node into the steps the lab
// performs in its place (cloud-init itself cannot run in a lab node: it expects to own a VM).
// Parsed on the host side (cloud-init's datasource stage); the node's supervisor gets the plan
// as JSON, which keeps the YAML parser out of every node's memory.
// Every top-level key is either done, deliberately skipped with a note (apt: the machine already
// has docker, python3 and sshd; CIFS: the file share is not supported in the lab), or refused,
// so a new key in the node software can never be silently ignored.
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { ToolkitError } from '../../../core/errors.js';

export interface FileToWrite {
  path: string;
  /** The decoded content, base64 again so the plan travels as JSON. */
  contentBase64: string;
  mode: number;
  owner: string;
  append: boolean;
  /** Written after users exist (cloud-init's `defer: true`). */
  defer: boolean;
}

export interface UserToCreate {
  name: string;
  groups: string[];
  shell?: string;
  sudo?: string;
  authorizedKeys: string[];
}

export interface HostKey {
  type: string;
  privateKey: string;
  publicKey: string;
}

export type RuncmdStep =
  | { kind: 'systemctl'; action: 'daemon-reload' | 'enable' | 'start' | 'restart' | 'disable' | 'stop'; now: boolean; units: string[] }
  | { kind: 'command'; argv: string[] }
  | { kind: 'skipped'; text: string; reason: string };

export interface CloudConfigPlan {
  files: FileToWrite[];
  users: UserToCreate[];
  hostKeys: HostKey[];
  deleteOldHostKeys: boolean;
  runcmd: RuncmdStep[];
  /** What the lab deliberately did not do, and why (logged by the supervisor). */
  notes: string[];
}

type Document = Record<string, unknown>;

/** Keys whose effect the lab provides by other means, with the reason. */
const providedKeys: Record<string, string> = {
  package_update: 'apt: the lab node uses the machine\'s own packages',
  package_upgrade: 'apt: the lab node uses the machine\'s own packages',
  packages: 'apt: the lab starts the machine\'s dockerd itself (docker.io\'s unit), python3 and sshd are present',
  disable_root: 'the lab\'s sshd refuses root logins',
  ssh_pwauth: 'the lab\'s sshd accepts keys only',
  ssh_genkeytypes: 'the lab generates no host keys; masters get the pinned one',
};

function fail(message: string): never {
  throw new ToolkitError(`cloud-config: ${message}`, 'lab-cloud-config-unsupported');
}

function strings(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split(',').map((item) => item.trim()).filter(Boolean);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  fail(`${where} must be a string or a list of strings`);
}

// cloud-init's spellings of gzip-then-base64 (cc_write_files).
const gzipEncodings = new Set(['gz+b64', 'gz+base64', 'gzip+b64', 'gzip+base64']);

function decode(content: unknown, encoding: unknown, path: string): Buffer {
  const text = typeof content === 'string' ? content : '';
  if (encoding === undefined || encoding === 'text/plain') return Buffer.from(text, 'utf8');
  if (encoding === 'b64' || encoding === 'base64') return Buffer.from(text, 'base64');
  if (gzipEncodings.has(String(encoding))) return gunzipSync(Buffer.from(text, 'base64'));
  fail(`write_files ${path}: encoding ${String(encoding)} is not supported by the lab`);
}

function fileOf(entry: Document): FileToWrite {
  const path = entry.path;
  if (typeof path !== 'string' || !path.startsWith('/')) fail('write_files entries need an absolute path');
  const permissions = typeof entry.permissions === 'string' ? entry.permissions : '0644';
  if (!/^0?[0-7]{3,4}$/.test(permissions)) fail(`write_files ${path}: permissions ${permissions} is not octal`);
  return {
    path,
    contentBase64: decode(entry.content, entry.encoding, path).toString('base64'),
    mode: parseInt(permissions, 8),
    owner: typeof entry.owner === 'string' ? entry.owner : 'root:root',
    append: entry.append === true,
    defer: entry.defer === true,
  };
}

function userOf(entry: unknown): UserToCreate | undefined {
  if (entry === 'default') return undefined; // the image's default user: a lab node has none
  if (typeof entry !== 'object' || entry === null || typeof (entry as Document).name !== 'string') fail('users entries need a name');
  const user = entry as Document;
  return {
    name: user.name as string,
    groups: strings(user.groups, `users ${String(user.name)}.groups`),
    shell: typeof user.shell === 'string' ? user.shell : undefined,
    sudo: typeof user.sudo === 'string' ? user.sudo : undefined,
    authorizedKeys: strings(user.ssh_authorized_keys, `users ${String(user.name)}.ssh_authorized_keys`),
  };
}

function hostKeysOf(value: unknown): HostKey[] {
  if (value === undefined) return [];
  const keys = value as Record<string, string>;
  const types = new Set(Object.keys(keys).map((key) => key.replace(/_(private|public)$/, '')));
  return [...types].map((type) => {
    const privateKey = keys[`${type}_private`];
    const publicKey = keys[`${type}_public`];
    if (!privateKey || !publicKey) fail(`ssh_keys needs both ${type}_private and ${type}_public`);
    return { type, privateKey, publicKey };
  });
}

const systemctlActions = new Set(['daemon-reload', 'enable', 'start', 'restart', 'disable', 'stop']);

/** One runcmd entry: `systemctl ...` is done by the lab's service manager, the rest runs as is. */
export function runcmdStep(entry: unknown): RuncmdStep {
  const argv = typeof entry === 'string' ? ['sh', '-c', entry] : strings(entry, 'runcmd entries');
  const text = typeof entry === 'string' ? entry : argv.join(' ');
  const words = typeof entry === 'string' ? entry.trim().split(/\s+/) : argv;
  if (/\b(apt|apt-get|dpkg)\b/.test(text)) return { kind: 'skipped', text, reason: 'apt is not available in a lab node (the machine\'s packages are used)' };
  if (/\bcifs\b|\bmount\b.*\/srv\b/.test(text)) return { kind: 'skipped', text, reason: 'the Azure Files share is not supported in the lab' };
  if (words[0] !== 'systemctl') return { kind: 'command', argv };
  const action = words.slice(1).find((word) => !word.startsWith('-'));
  if (!action || !systemctlActions.has(action)) fail(`runcmd "${text}": systemctl ${action ?? ''} is not supported by the lab's systemd stand-in`);
  const units = words.slice(words.indexOf(action) + 1).filter((word) => !word.startsWith('-'));
  return { kind: 'systemctl', action: action as 'enable', now: words.includes('--now'), units };
}

export function parseCloudConfig(text: string): CloudConfigPlan {
  if (!text.startsWith('#cloud-config')) fail('the document must start with #cloud-config');
  const document = (parse(text) ?? {}) as Document;
  const plan: CloudConfigPlan = { files: [], users: [], hostKeys: [], deleteOldHostKeys: false, runcmd: [], notes: [] };
  for (const [key, value] of Object.entries(document)) {
    if (key in providedKeys) plan.notes.push(`${key}: ${providedKeys[key]}`);
    else if (key === 'write_files') plan.files = (value as Document[]).map(fileOf);
    else if (key === 'users') plan.users = (value as unknown[]).map(userOf).filter((user): user is UserToCreate => user !== undefined);
    else if (key === 'ssh_keys') plan.hostKeys = hostKeysOf(value);
    else if (key === 'ssh_deletekeys') plan.deleteOldHostKeys = value === true;
    else if (key === 'runcmd') plan.runcmd = (value as unknown[]).map(runcmdStep);
    else fail(`${key} is not supported by the lab`);
  }
  for (const step of plan.runcmd) if (step.kind === 'skipped') plan.notes.push(`runcmd "${step.text}": ${step.reason}`);
  const mounts = plan.files.filter((file) => file.path.endsWith('.mount'));
  for (const mount of mounts) plan.notes.push(`${mount.path}: the Azure Files share is not supported in the lab; the unit is not started`);
  return plan;
}
