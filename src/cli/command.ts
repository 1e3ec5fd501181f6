// What a CLI command is. Each command group (src/cli/commands/*.ts) exports an array of these;
// src/cli/commands/index.ts lists the groups. The framework parses flags strictly from the
// definitions, prints help from them, and maps errors to exit codes.
import type { ProviderKind } from '../core/settings.js';
import type { Reporter } from '../core/reporter.js';

export interface FlagDefinition {
  /** Long name without dashes: `out` is `--out`. */
  name: string;
  summary: string;
  /** `string` flags take a value (`--out DIR` or `--out=DIR`); `boolean` flags take none (`--json`, `--serial=false`). */
  kind: 'string' | 'boolean';
  /** Placeholder shown in help, e.g. `DIR`. */
  valueName?: string;
}

export interface PositionalDefinition {
  name: string;
  summary: string;
  optional?: boolean;
}

export interface ParsedFlags {
  /** The text of a string flag, or undefined when absent. */
  string(name: string): string | undefined;
  /** Whether a boolean flag was given (true), given as `=false`, or absent (false). */
  boolean(name: string): boolean;
  /** Whether the flag appeared on the command line at all. */
  has(name: string): boolean;
}

export interface CommandContext {
  flags: ParsedFlags;
  /** Positional arguments, in the order the definition declares them. */
  positionals: string[];
  /** `--provider`, when given; each command decides its default. */
  provider?: ProviderKind;
  /** `--name`: the lab's name or the Azure resource group. */
  name?: string;
  /** `--json`: the command's return value is printed as JSON on stdout, `out` prints nothing. */
  json: boolean;
  /** Progress lines (on stderr), with every registered secret masked. */
  reporter: Reporter;
  /** Prints human-readable result text on stdout (masked); silent with --json. */
  out(text: string): void;
}

export interface CommandDefinition {
  name: string;
  /** One line for the overall help. */
  summary: string;
  /** More lines for `<command> --help`. */
  description?: string;
  flags: readonly FlagDefinition[];
  positionals?: readonly PositionalDefinition[];
  /**
   * Does the work. The value returned is the command's JSON document with --json. Failures
   * are thrown (ToolkitError): settings/usage problems exit 2, others exit 1.
   */
  run(context: CommandContext): Promise<unknown>;
}

/** Flags every command accepts. */
export const globalFlags: readonly FlagDefinition[] = [
  { name: 'provider', kind: 'string', valueName: 'lab|azure', summary: 'where the cluster lives (default: lab)' },
  { name: 'name', kind: 'string', valueName: 'NAME', summary: "the lab's name or the Azure resource group" },
  { name: 'json', kind: 'boolean', summary: 'print the result as JSON on stdout (progress stays on stderr)' },
  { name: 'verbose', kind: 'boolean', summary: 'print debug lines too' },
  { name: 'help', kind: 'boolean', summary: 'show help for this command' },
];
