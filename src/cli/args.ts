// Strict parsing of one command's arguments: every flag must be declared, string flags need a
// value, nothing is given twice, positionals are counted. Any slip is a UsageError (exit 2).
import { ToolkitError } from '../core/errors.js';
import { booleanWords } from '../core/validators.js';
import { globalFlags, type CommandDefinition, type FlagDefinition, type ParsedFlags } from './command.js';
import { didYouMean } from './suggest.js';

export class UsageError extends ToolkitError {
  constructor(message: string, command?: string) {
    super(message, 'usage', `see: azswarm ${command === undefined ? '' : `${command} `}--help`);
  }
}

export interface ParsedArguments {
  flags: ParsedFlags;
  positionals: string[];
}

export function parseArguments(command: CommandDefinition, args: readonly string[]): ParsedArguments {
  const definitions = new Map<string, FlagDefinition>([...globalFlags, ...command.flags].map((flag) => [flag.name, flag]));
  const values = new Map<string, string | boolean>();
  const positionals: string[] = [];
  const fail = (message: string) => new UsageError(message, command.name);

  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--') {
      positionals.push(...args.slice(index + 1));
      break;
    }
    if (arg === '-h') {
      values.set('help', true);
      continue;
    }
    if (!arg.startsWith('--')) {
      if (arg.startsWith('-') && !/^-\d/.test(arg)) throw fail(`unknown flag ${arg} for ${command.name}${didYouMean(arg.replace(/^-+/, ''), [...definitions.keys()], '--')}`);
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals < 0 ? undefined : equals);
    const inline = equals < 0 ? undefined : arg.slice(equals + 1);
    const flag = definitions.get(name);
    if (flag === undefined) throw fail(`unknown flag --${name} for ${command.name}${didYouMean(name, [...definitions.keys()], '--')}`);
    if (values.has(name)) throw fail(`flag --${name} is given twice`);
    if (flag.kind === 'boolean') {
      values.set(name, parseBooleanFlag(name, inline, fail));
      continue;
    }
    const value = inline ?? args[index + 1];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw fail(`flag --${name} needs a value (${flag.valueName ?? 'VALUE'})`);
    }
    if (inline === undefined) index += 1;
    values.set(name, value);
  }
  if (values.get('help') !== true) checkPositionals(command, positionals, fail);
  return { flags: flagReader(values), positionals };
}

/** `--flag`, or `--flag=VALUE` in the one boolean grammar of every setting (validators.ts). */
function parseBooleanFlag(name: string, inline: string | undefined, fail: (message: string) => UsageError): boolean {
  if (inline === undefined || (booleanWords.true as readonly string[]).includes(inline)) return true;
  if ((booleanWords.false as readonly string[]).includes(inline)) return false;
  throw fail(`flag --${name} takes no value, or =true / =false`);
}

function checkPositionals(command: CommandDefinition, positionals: string[], fail: (message: string) => UsageError): void {
  const declared = command.positionals ?? [];
  const required = declared.filter((positional) => positional.optional !== true);
  if (positionals.length < required.length) {
    throw fail(`${command.name} needs ${required.map((positional) => positional.name).join(' ')}`);
  }
  if (positionals.length > declared.length) {
    throw fail(`unexpected argument ${JSON.stringify(positionals[declared.length])} for ${command.name}`);
  }
}

function flagReader(values: ReadonlyMap<string, string | boolean>): ParsedFlags {
  return {
    string: (name) => {
      const value = values.get(name);
      return typeof value === 'string' ? value : undefined;
    },
    boolean: (name) => values.get(name) === true,
    has: (name) => values.has(name),
  };
}
