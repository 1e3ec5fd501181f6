// The cluster settings as CLI flags, shared by every command that takes them (render,
// deploy-cluster). Flag names are the setting names, except --name (resource-group),
// --masters (master-count) and --agents (agent-count), as the original Makefile's users typed.
import { readFile } from 'node:fs/promises';
import { SettingError, SettingsError } from '../core/errors.js';
import type { ClusterSettings, ProviderKind } from '../core/settings.js';
import { ignoredSettings, parseClusterSettings, settingNames, type RawSettings, type SettingName } from '../core/validate.js';
import { agentCountCap } from '../core/validators.js';
import type { CommandContext, FlagDefinition } from './command.js';

/** CLI flag for each setting whose flag is not simply the setting's name. */
const flagOfSetting: Partial<Record<SettingName, string>> = {
  'resource-group': 'name',
  'master-count': 'masters',
  'agent-count': 'agents',
};

export const clusterSettingFlags: readonly FlagDefinition[] = [
  { name: 'masters', kind: 'string', valueName: 'N', summary: 'number of masters: 1, 3 or 5 (default 1)' },
  { name: 'agents', kind: 'string', valueName: 'N', summary: `number of agents, 0-${agentCountCap} (default 2)` },
  { name: 'dns-prefix', kind: 'string', valueName: 'PREFIX', summary: 'DNS label prefix (default: derived from --name)' },
  { name: 'location', kind: 'string', valueName: 'REGION', summary: "Azure region, e.g. westeurope (default: the resource group's)" },
  { name: 'min-agent-count', kind: 'string', valueName: 'N', summary: 'autoscale minimum (default 1)' },
  { name: 'max-agent-count', kind: 'string', valueName: 'N', summary: `autoscale maximum, at most ${agentCountCap} (default 5, or --agents if larger)` },
  { name: 'autoscale', kind: 'boolean', summary: 'CPU autoscale of the agents (default on; --autoscale=false turns it off)' },
  { name: 'master-size', kind: 'string', valueName: 'SIZE', summary: 'master VM size (default Standard_D2as_v5)' },
  { name: 'agent-size', kind: 'string', valueName: 'SIZE', summary: 'agent VM size (default Standard_D2as_v5)' },
  { name: 'admin-username', kind: 'string', valueName: 'USER', summary: 'admin user on every node (default cluster)' },
  { name: 'ssh-public-key', kind: 'string', valueName: 'FILE_OR_TEXT', summary: 'admin public key, a file or the key line (lab and render; default: a new key pair)' },
  { name: 'allowed-ssh-cidr', kind: 'string', valueName: 'CIDR', summary: 'who may SSH to the masters, e.g. 203.0.113.7/32 (required on Azure)' },
  { name: 'file-share', kind: 'boolean', summary: 'an Azure Files share mounted at /srv on every node (default off)' },
  { name: 'swap-size', kind: 'string', valueName: 'MIB|auto', summary: 'swap file of every node in MiB, 0 for none (default auto: 2048 on sizes with 2 GiB or less)' },
  { name: 'fault-domain-count', kind: 'string', valueName: 'N', summary: "the masters' availability set: fault domains, 1-3 (default 2)" },
  { name: 'update-domain-count', kind: 'string', valueName: 'N', summary: "the masters' availability set: update domains, 1-20 (default 5)" },
  { name: 'tags', kind: 'string', valueName: 'K=V,...', summary: 'tags on every resource: k=v,k2=v2 or a JSON object' },
];

/**
 * The cluster settings typed on the command line, validated: an --ssh-public-key FILE is read,
 * `publicKeyWhenAbsent` stands in when no key is given, and every problem (an unreadable key
 * file included) is reported in one SettingsError.
 */
export async function clusterSettingsFromFlags(
  context: CommandContext,
  provider: ProviderKind,
  publicKeyWhenAbsent?: string,
): Promise<ClusterSettings> {
  const raw: RawSettings = {};
  for (const setting of settingNames) {
    const flag = flagOfSetting[setting] ?? setting;
    const definition = clusterSettingFlags.find((candidate) => candidate.name === flag);
    if (!context.flags.has(flag)) continue;
    raw[setting] = definition?.kind === 'boolean' ? String(context.flags.boolean(flag)) : context.flags.string(flag);
  }
  const keyProblems: SettingError[] = [];
  const key = raw['ssh-public-key'];
  if (key === undefined) raw['ssh-public-key'] = publicKeyWhenAbsent;
  else if (!looksLikeKeyText(key)) {
    raw['ssh-public-key'] = await readKeyFile(key).catch((problem: SettingError) => {
      keyProblems.push(problem);
      return undefined;
    });
  }
  let settings: ClusterSettings | undefined;
  let problems = keyProblems;
  try {
    settings = parseClusterSettings(raw, provider);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    // An unreadable key file says more than "ssh-public-key is required".
    problems = [...keyProblems, ...error.problems.filter((problem) => keyProblems.length === 0 || problem.setting !== 'ssh-public-key')];
  }
  if (problems.length > 0) throw new SettingsError(problems.map(asFlagProblem));
  for (const setting of ignoredSettings(raw, provider)) context.reporter.warn(`--${flagOfSetting[setting] ?? setting} is ignored by the lab (it takes the default)`);
  return settings!;
}

/** On the command line a problem names the flag the user typed: `masters`, not `master-count`. */
function asFlagProblem(problem: SettingError): SettingError {
  const flag = flagOfSetting[problem.setting as SettingName];
  return flag === undefined ? problem : new SettingError(flag, problem.rule, problem.value);
}

function looksLikeKeyText(value: string): boolean {
  return /^\s*(ssh-|ecdsa-)/.test(value) || value.includes('PRIVATE KEY');
}

async function readKeyFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new SettingError('ssh-public-key', `must be a public key line or a readable file (${reason})`, path);
  }
}
