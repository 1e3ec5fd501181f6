import type { CommandDefinition } from '../../src/cli/command.js';
import { commands } from '../../src/cli/commands/index.js';
import { main } from '../../src/cli/main.js';
import { ToolkitError } from '../../src/core/errors.js';
import { parseWholeNumber } from '../../src/core/validators.js';

/** Runs the CLI in-process with the given commands; returns the exit code and both streams. */
async function run(argv: string[], registry: readonly CommandDefinition[] = commands) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => err.push(text) } }, registry);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

// A command of the test's own (its name is no real command's), to watch main's plumbing.
const probe: CommandDefinition = {
  name: 'probe-scale',
  summary: 'scale the agent scale set to N',
  flags: [],
  positionals: [{ name: 'N', summary: 'agent count' }],
  run: async (context) => {
    const count = parseWholeNumber('N', context.positionals[0], { min: 0, max: 100 });
    context.reporter.secret('s3cr3t-token');
    if (count === 13) throw new ToolkitError('scale set refused s3cr3t-token', 'scale-failed', 'try another count');
    context.out(`scaled to ${count} on ${context.provider ?? 'lab'}`);
    return { count, provider: context.provider ?? null, name: context.name ?? null };
  },
};
const registry = [...commands, probe];

describe('azswarm main', () => {
  it('registers each command name once', () => {
    const names = commands.map((command) => command.name);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  it('lists every command with its summary', async () => {
    const { code, stdout } = await run(['--help'], registry);
    expect(code).toBe(0);
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const command of registry) expect(stdout).toMatch(new RegExp(`^  ${command.name} +${escape(command.summary)}$`, 'm'));
    expect(stdout).toContain('--provider lab|azure');
  });

  it('prints help and exits 2 without a command', async () => {
    const { code, stderr } = await run([], registry);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^usage: azswarm <command>/);
  });

  it('shows one command help with its flags and arguments', async () => {
    for (const argv of [['render', '--help'], ['help', 'render']]) {
      const { code, stdout } = await run(argv);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^usage: azswarm render \[options\]/);
      expect(stdout).toMatch(/--out DIR +folder to write into/);
      expect(stdout).toMatch(/--allowed-ssh-cidr CIDR/);
    }
    expect((await run(['probe-scale', '-h'], registry)).stdout).toMatch(/arguments:\n {2}N {2}agent count/);
  });

  it('refuses unknown commands and flags with exit 2', async () => {
    const unknownCommand = await run(['deploy-clustr']);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toBe('error: unknown command "deploy-clustr" (did you mean deploy-cluster?)\nhint: see: azswarm --help\n');
    const unknownFlag = await run(['render', '--out', 'x', '--agent', '3']);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toBe('error: unknown flag --agent for render (did you mean --agents?)\nhint: see: azswarm render --help\n');
    const badProvider = await run(['probe-scale', '3', '--provider', 'aws'], registry);
    expect(badProvider.code).toBe(2);
    expect(badProvider.stderr).toBe('error: provider: must be lab or azure (got "aws")\n');
  });

  it('passes provider, name and positionals to the command and prints its text', async () => {
    const result = await run(['probe-scale', '7', '--provider', 'azure', '--name', 'rg'], registry);
    expect(result).toEqual({ code: 0, stdout: 'scaled to 7 on azure\n', stderr: '' });
  });

  it('prints the result as JSON with --json, and nothing else on stdout', async () => {
    const result = await run(['probe-scale', '7', '--json', '--name', 'lab1'], registry);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, command: 'probe-scale', result: { count: 7, provider: null, name: 'lab1' } });
  });

  it('exits 2 on a bad setting and 1 on a failed operation, masking secrets, with the code in JSON', async () => {
    const bad = await run(['probe-scale', 'seven', '--json'], registry);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).error).toEqual({
      code: 'setting-invalid',
      message: 'N: must be a whole number from 0 to 100 (got "seven")',
      problems: [{ setting: 'N', rule: 'must be a whole number from 0 to 100' }],
    });
    const failed = await run(['probe-scale', '13', '--json'], registry);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe('error: scale set refused ***\nhint: try another count\n');
    expect(JSON.parse(failed.stdout)).toEqual({ ok: false, error: { code: 'scale-failed', message: 'scale set refused ***', hint: 'try another count' } });
  });

  it('refuses a --test-image without a digest, or any on the lab, naming the flag, before reaching a cluster', async () => {
    for (const [argv, rule] of [
      [['deploy-global-service', '--provider', 'azure', '--name', 'nowhere', '--test-image', 'ghcr.io/owner/azswarm-test-service:latest'], /^must name the image by digest/],
      [['deploy-stack', '--name', 'nowhere', '--test-image', `ghcr.io/owner/azswarm-test-service@sha256:${'a'.repeat(64)}`], /^must be empty with provider lab/],
    ] as const) {
      const result = await run([...argv, '--json']);
      expect(result.code).toBe(2);
      expect(JSON.parse(result.stdout).error.problems).toEqual([{ setting: 'test-image', rule: expect.stringMatching(rule) }]);
    }
  });

  it('has one definition per command name', () => {
    const names = commands.map((command) => command.name);
    expect(new Set(names).size).toBe(names.length);
    for (const command of commands) expect(command.summary.length).toBeGreaterThan(0);
  });
});
