// Help text, generated from the command definitions so that it cannot drift from the parser.
import { globalFlags, type CommandDefinition, type FlagDefinition } from './command.js';

export function overallHelp(commands: readonly CommandDefinition[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    'usage: azswarm <command> [--provider lab|azure] [--name NAME] [options] [arguments]',
    '',
    'commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'options for every command:',
    ...flagLines(globalFlags),
    '',
    'exit codes: 0 ok, 1 the operation failed, 2 usage or settings error',
    'run `azswarm <command> --help` for the options of one command, `azswarm --version` for the version',
  ].join('\n');
}

export function commandHelp(command: CommandDefinition): string {
  const positionals = (command.positionals ?? []).map((positional) => (positional.optional ? `[${positional.name}]` : positional.name));
  return [
    `usage: azswarm ${[command.name, '[options]', ...positionals].join(' ')}`,
    '',
    command.summary,
    ...(command.description === undefined ? [] : ['', command.description]),
    ...(command.positionals?.length ? ['', 'arguments:', ...command.positionals.map((p) => `  ${p.name}  ${p.summary}`)] : []),
    ...(command.flags.length > 0 ? ['', 'options:', ...flagLines(command.flags)] : []),
    '',
    'options for every command:',
    ...flagLines(globalFlags),
  ].join('\n');
}

function flagLines(flags: readonly FlagDefinition[]): string[] {
  const usages = flags.map((flag) => `--${flag.name}${flag.kind === 'string' ? ` ${flag.valueName ?? 'VALUE'}` : ''}`);
  const width = Math.max(...usages.map((usage) => usage.length));
  return flags.map((flag, index) => `  ${usages[index].padEnd(width)}  ${flag.summary}`);
}
