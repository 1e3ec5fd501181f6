// Entry point of `azswarm` (bin/azswarm.js): finds the command, parses its flags strictly,
// runs it with a terminal reporter, and turns the outcome into an exit code:
// 0 ok, 1 the operation failed, 2 usage or settings error.
import { describeError, SettingError, SettingsError, ToolkitError } from '../core/errors.js';
import type { ProviderKind } from '../core/settings.js';
import { parseArguments, UsageError } from './args.js';
import type { CommandContext, CommandDefinition } from './command.js';
import { commands as registeredCommands } from './commands/index.js';
import { readFileSync } from 'node:fs';
import { commandHelp, overallHelp } from './help.js';
import { didYouMean } from './suggest.js';
import { TerminalReporter, type TextSink } from './terminal-reporter.js';

export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

/** The toolkit's version, from its package.json (build/src/cli/ is three levels below it). */
export function toolkitVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export interface CliStreams {
  stdout: TextSink;
  stderr: TextSink;
}

export async function main(
  argv: string[],
  streams: CliStreams = { stdout: process.stdout, stderr: process.stderr },
  commands: readonly CommandDefinition[] = registeredCommands,
): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    streams.stderr.write(`${overallHelp(commands)}\n`);
    return exitCodes.usage;
  }
  if (name === '--help' || name === '-h' || (name === 'help' && args.length === 0)) {
    streams.stdout.write(`${overallHelp(commands)}\n`);
    return exitCodes.ok;
  }
  if (name === '--version' || name === '-V') {
    streams.stdout.write(`azswarm ${toolkitVersion()}\n`);
    return exitCodes.ok;
  }
  const helpFor = name === 'help' ? args[0] : undefined;
  const command = commands.find((candidate) => candidate.name === (helpFor ?? name));
  // Read before parsing, so that a usage error is reported as JSON too.
  const json = args.includes('--json') || args.includes('--json=true');
  const reporter = new TerminalReporter(streams.stderr, streams.stdout, args.includes('--verbose'));
  try {
    if (command === undefined) {
      const typed = helpFor ?? name;
      throw new UsageError(`unknown command ${JSON.stringify(typed)}${didYouMean(typed, typed.startsWith('-') ? ['--help', '--version'] : commands.map((known) => known.name))}`);
    }
    if (helpFor !== undefined) {
      streams.stdout.write(`${commandHelp(command)}\n`);
      return exitCodes.ok;
    }
    const parsed = parseArguments(command, args);
    if (parsed.flags.boolean('help')) {
      streams.stdout.write(`${commandHelp(command)}\n`);
      return exitCodes.ok;
    }
    const context: CommandContext = {
      ...parsed,
      provider: parseProvider(parsed.flags.string('provider')),
      name: parsed.flags.string('name'),
      json,
      reporter,
      out: (text) => {
        if (!json) reporter.out(text);
      },
    };
    const result = await command.run(context);
    if (json) reporter.out(JSON.stringify({ ok: true, command: command.name, result: result ?? null }, null, 2));
    return exitCodes.ok;
  } catch (error) {
    return reportFailure(error, reporter, json);
  }
}

function parseProvider(value: string | undefined): ProviderKind | undefined {
  if (value === undefined || value === 'lab' || value === 'azure') return value;
  throw new SettingError('provider', 'must be lab or azure', value);
}

function isUsageProblem(error: unknown): boolean {
  return error instanceof UsageError || error instanceof SettingError || error instanceof SettingsError;
}

function reportFailure(error: unknown, reporter: TerminalReporter, json: boolean): number {
  const code = isUsageProblem(error) ? exitCodes.usage : exitCodes.failed;
  const hint = error instanceof ToolkitError ? error.hint : undefined;
  reporter.error(describeError(error));
  if (hint !== undefined) reporter.line(`hint: ${hint}`);
  if (!(error instanceof ToolkitError) && error instanceof Error) reporter.debug(error.stack ?? '');
  if (json) {
    const problems = error instanceof SettingsError ? error.problems : error instanceof SettingError ? [error] : undefined;
    reporter.out(
      JSON.stringify(
        {
          ok: false,
          error: {
            code: error instanceof ToolkitError ? error.code : 'internal',
            message: describeError(error),
            ...(hint === undefined ? {} : { hint }),
            ...(problems === undefined ? {} : { problems: problems.map(({ setting, rule }) => ({ setting, rule })) }),
          },
        },
        null,
        2,
      ),
    );
  }
  return code;
}
