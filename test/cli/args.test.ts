import { parseArguments, UsageError } from '../../src/cli/args.js';
import type { CommandDefinition } from '../../src/cli/command.js';

const scale: CommandDefinition = {
  name: 'scale-agents',
  summary: 'scale the agents',
  flags: [
    { name: 'serial', kind: 'boolean', summary: 'one at a time' },
    { name: 'out', kind: 'string', valueName: 'DIR', summary: 'folder' },
  ],
  positionals: [{ name: 'N', summary: 'agent count' }],
  run: async () => undefined,
};

function usageMessage(args: string[]): string {
  try {
    parseArguments(scale, args);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).code).toBe('usage');
    expect((error as UsageError).hint).toBe('see: azswarm scale-agents --help');
    return (error as UsageError).message;
  }
  throw new Error('expected a UsageError');
}

describe('parseArguments', () => {
  it('reads string, boolean and global flags in both forms, and positionals', () => {
    const { flags, positionals } = parseArguments(scale, ['7', '--out', 'd', '--serial', '--provider=azure', '--name', 'rg']);
    expect(positionals).toEqual(['7']);
    expect(flags.string('out')).toBe('d');
    expect(flags.boolean('serial')).toBe(true);
    expect(flags.string('provider')).toBe('azure');
    expect(flags.string('name')).toBe('rg');
    expect(flags.has('json')).toBe(false);
    expect(flags.boolean('json')).toBe(false);
  });

  it('reads --flag=false and keeps a negative number as a positional for its own validation', () => {
    const { flags, positionals } = parseArguments(scale, ['--serial=false', '--', '-1']);
    expect(flags.has('serial')).toBe(true);
    expect(flags.boolean('serial')).toBe(false);
    expect(positionals).toEqual(['-1']);
    expect(parseArguments(scale, ['-3']).positionals).toEqual(['-3']);
  });

  it.each([
    [['7', '--bogus'], 'unknown flag --bogus for scale-agents'],
    [['7', '-x'], 'unknown flag -x for scale-agents'],
    [['7', '--out'], 'flag --out needs a value (DIR)'],
    [['7', '--out', '--serial'], 'flag --out needs a value (DIR)'],
    [['7', '--serial=yes'], 'flag --serial takes no value, or =true / =false'],
    [['7', '--out', 'a', '--out', 'b'], 'flag --out is given twice'],
    [[], 'scale-agents needs N'],
    [['7', '8'], 'unexpected argument "8" for scale-agents'],
  ])('refuses %j', (args, message) => {
    expect(usageMessage(args)).toBe(message);
  });

  it('lets --help and -h through without the positionals', () => {
    expect(parseArguments(scale, ['--help']).flags.boolean('help')).toBe(true);
    expect(parseArguments(scale, ['-h']).flags.boolean('help')).toBe(true);
  });
});
