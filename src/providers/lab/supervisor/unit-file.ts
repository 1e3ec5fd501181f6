// Parses the systemd unit files the node software ships (cloud-init/units/), for the lab's
// systemd stand-in. Only what those units use is understood; anything else in [Service] that
// would change behaviour is reported, so the lab never silently runs a unit differently.
import { ToolkitError } from '../../../core/errors.js';

export type ServiceType = 'simple' | 'exec' | 'oneshot';
export type RestartPolicy = 'no' | 'always' | 'on-failure';

export interface ExecLine {
  argv: string[];
  /** `-` prefix: a failure of this command is ignored. */
  ignoreFailure: boolean;
}

export interface ServiceUnit {
  name: string;
  type: ServiceType;
  execStart: ExecLine[];
  execStop: ExecLine[];
  remainAfterExit: boolean;
  restart: RestartPolicy;
  restartSeconds: number;
  /** Units this one starts after (and stops before). */
  after: string[];
  /** Units pulled in with this one (Requires= and Wants=). */
  wants: string[];
  environment: Record<string, string>;
  /** Longest stop (ExecStop and the main process); Infinity for `infinity`. */
  stopTimeoutSeconds: number;
  /** LimitNOFILE= as soft and hard limits of open files; absent: inherited. */
  fileLimit?: { soft: number; hard: number };
}

/** [Service] keys that have no effect on how the lab runs a unit (sandboxing, descriptions). */
const ignoredKeys = new Set(['Description', 'Documentation', 'NoNewPrivileges', 'TimeoutStartSec', 'WantedBy', 'StandardOutput', 'StandardError']);

type Sections = Map<string, Array<[string, string]>>;

function sections(text: string): Sections {
  const result: Sections = new Map();
  let current: Array<[string, string]> | undefined;
  for (const raw of text.replace(/\\\n/g, ' ').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      current = result.get(header[1]) ?? [];
      result.set(header[1], current);
      continue;
    }
    const equals = line.indexOf('=');
    if (!current || equals < 1) throw new Error(`not a unit file line: ${line}`);
    current.push([line.slice(0, equals).trim(), line.slice(equals + 1).trim()]);
  }
  return result;
}

/** Splits a command line the way systemd does for the cases units use: spaces, "..." and '...'. */
export function splitCommandLine(text: string): string[] {
  const words: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const match of text.matchAll(pattern)) {
    words.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? match[3]));
  }
  return words;
}

function execLine(value: string): ExecLine {
  const ignoreFailure = value.startsWith('-');
  const argv = splitCommandLine(value.replace(/^[-@+!:]+/, ''));
  if (argv.length === 0 || !argv[0].startsWith('/')) throw new Error(`command must start with an absolute path: ${value}`);
  return { argv, ignoreFailure };
}

/** systemd time spans as units use them: `2`, `2s`, `500ms`, `5min`, `infinity`. */
export function parseTimeSpan(value: string): number {
  if (value === 'infinity') return Infinity;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|sec|min|m|h)?$/.exec(value);
  if (!match) throw new Error(`not a time span: ${value}`);
  const factor = { ms: 0.001, s: 1, sec: 1, min: 60, m: 60, h: 3600 }[match[2] ?? 's'] ?? 1;
  return Number(match[1]) * factor;
}

function list(value: string): string[] {
  return value.split(/\s+/).filter(Boolean);
}

function oneOf<T extends string>(key: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${key}=${value} is not supported (${allowed.join(', ')})`);
  return value as T;
}

/** Parses a `.service` unit; throws a ToolkitError naming the unit and the unsupported line. */
export function parseServiceUnit(name: string, text: string): ServiceUnit {
  try {
    const parsed = sections(text);
    const unit: ServiceUnit = {
      name, type: 'simple', execStart: [], execStop: [], remainAfterExit: false, restart: 'no',
      restartSeconds: 0.1, after: [], wants: [], environment: {}, stopTimeoutSeconds: 90,
    };
    for (const [key, value] of parsed.get('Unit') ?? []) {
      if (key === 'After') unit.after.push(...list(value));
      else if (key === 'Requires' || key === 'Wants') unit.wants.push(...list(value));
    }
    for (const [key, value] of parsed.get('Service') ?? []) applyServiceKey(unit, key, value);
    if (unit.execStart.length === 0) throw new Error('no ExecStart=');
    if (unit.type !== 'oneshot' && unit.execStart.length > 1) throw new Error('several ExecStart= need Type=oneshot');
    return unit;
  } catch (error) {
    if (error instanceof ToolkitError) throw error;
    throw new ToolkitError(`unit ${name}: ${(error as Error).message}`, 'lab-unit-unsupported', undefined, { cause: error });
  }
}

function applyServiceKey(unit: ServiceUnit, key: string, value: string): void {
  switch (key) {
    case 'Type':
      unit.type = oneOf(key, value, ['simple', 'exec', 'oneshot'] as const);
      break;
    case 'ExecStart':
      unit.execStart.push(execLine(value));
      break;
    case 'ExecStop':
      unit.execStop.push(execLine(value));
      break;
    case 'RemainAfterExit':
      unit.remainAfterExit = /^(yes|true|1|on)$/.test(value);
      break;
    case 'Restart':
      unit.restart = oneOf(key, value, ['no', 'always', 'on-failure'] as const);
      break;
    case 'RestartSec':
      unit.restartSeconds = parseTimeSpan(value);
      break;
    case 'TimeoutStopSec':
      unit.stopTimeoutSeconds = parseTimeSpan(value);
      break;
    case 'LimitNOFILE': {
      const match = /^(\d+)(?::(\d+))?$/.exec(value);
      if (!match) throw new Error(`LimitNOFILE=${value} is not supported (N or SOFT:HARD)`);
      unit.fileLimit = { soft: Number(match[1]), hard: Number(match[2] ?? match[1]) };
      break;
    }
    case 'Environment':
      for (const assignment of splitCommandLine(value)) {
        const equals = assignment.indexOf('=');
        if (equals > 0) unit.environment[assignment.slice(0, equals)] = assignment.slice(equals + 1);
      }
      break;
    default:
      if (!ignoredKeys.has(key)) throw new Error(`${key}= is not supported by the lab's systemd stand-in`);
  }
}
