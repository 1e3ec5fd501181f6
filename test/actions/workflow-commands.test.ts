// The runner's protocol as the actions speak it (workflow-commands.ts): what the runner reads
// back from the files and the log, and the OIDC ID token from the ARM stand-in's GitHub endpoint.
// @actions/core (a devDependency only: the actions no longer bundle it) is the reference for the
// wire format: the same calls through both must leave the runner the same log and files.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as actionsCore from '@actions/core';
import * as runner from '../../src/actions/workflow-commands.js';
import { startTrustedArmServer } from '../azure/azure-fixture.js';
import { parseFileCommands } from './run-action.js';

describe('workflow commands', () => {
  let dir: string;
  const saved = { ...process.env };
  const written: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'workflow-commands-'));
    written.length = 0;
    process.stdout.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stdout.write;
  });
  afterEach(() => {
    process.stdout.write = write;
    process.env = { ...saved };
    process.exitCode = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes outputs and state as delimited file commands, multi-line values whole', () => {
    for (const name of ['output', 'state', 'summary']) writeFileSync(join(dir, name), '');
    Object.assign(process.env, { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STATE: join(dir, 'state'), GITHUB_STEP_SUMMARY: join(dir, 'summary') });
    runner.setOutput('known-hosts', 'a ssh-ed25519 AAAA\nb ssh-rsa AAAA');
    runner.setOutput('empty', '');
    runner.saveState('is-post', 'true');
    runner.appendSummary('## cluster\n');
    expect(parseFileCommands(readFileSync(join(dir, 'output'), 'utf8'))).toEqual({ 'known-hosts': 'a ssh-ed25519 AAAA\nb ssh-rsa AAAA', empty: '' });
    expect(parseFileCommands(readFileSync(join(dir, 'state'), 'utf8'))).toEqual({ 'is-post': 'true' });
    expect(readFileSync(join(dir, 'summary'), 'utf8')).toBe('## cluster\n');
    expect(written).toEqual([]);
  });

  it('reads inputs trimmed (spaces in a name as _), state from STATE_*', () => {
    Object.assign(process.env, { 'INPUT_AGENT-COUNT': ' 3 \n', INPUT_A_B: 'x', STATE_ephemeral: '{}' });
    expect([runner.getInput('agent-count'), runner.getInput('a b'), runner.getInput('absent'), runner.getState('ephemeral')]).toEqual(['3', 'x', '', '{}']);
  });

  it('escapes log commands so a value cannot end its command: a multi-line secret is masked whole', async () => {
    runner.setSecret('line1\r\nline2 100%');
    runner.warning('two\nlines');
    await runner.group('phase', async () => runner.info('inside'));
    runner.setFailed('failed: x');
    expect(written.join('')).toBe('::add-mask::line1%0D%0Aline2 100%25\n::warning::two%0Alines\n::group::phase\ninside\n::endgroup::\n::error::failed: x\n');
    expect(process.exitCode).toBe(1);
  });

  it('reads the pull request number from the event payload, {} without one', () => {
    writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 42 } }));
    process.env.GITHUB_EVENT_PATH = join(dir, 'event.json');
    expect(runner.eventPayload().pull_request?.number).toBe(42);
    delete process.env.GITHUB_EVENT_PATH;
    expect(runner.eventPayload()).toEqual({});
  });

  it('fetches an ID token for the audience from the runner\'s token service and masks it', async () => {
    const server = await startTrustedArmServer();
    try {
      Object.assign(process.env, { ACTIONS_ID_TOKEN_REQUEST_URL: `${server.url}/github/id-token?api-version=2.0`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: server.identity.runnerRequestToken });
      const token = await runner.getIDToken('api://AzureADTokenExchange');
      expect(token).toBe(server.identity.idTokens.at(-1));
      expect(token).toContain('for-api://AzureADTokenExchange');
      expect(written).toContain(`::add-mask::${token}\n`);
      process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'wrong';
      await expect(runner.getIDToken('api://AzureADTokenExchange')).rejects.toThrow("GitHub's OIDC token service answered HTTP 401 without an ID token");
    } finally {
      await server.close();
    }
  });

  it('leaves the runner the same log, outputs, state and inputs as @actions/core for the same calls', async () => {
    type Protocol = Pick<typeof runner, 'getInput' | 'setOutput' | 'saveState' | 'setSecret' | 'info' | 'warning' | 'debug' | 'setFailed'> & { group: typeof runner.group };
    const both: Record<string, Protocol> = { ours: runner, core: actionsCore };
    const seen: Record<string, unknown> = {};
    for (const [name, protocol] of Object.entries(both)) {
      written.length = 0;
      for (const file of ['output', 'state']) writeFileSync(join(dir, `${name}-${file}`), '');
      Object.assign(process.env, { GITHUB_OUTPUT: join(dir, `${name}-output`), GITHUB_STATE: join(dir, `${name}-state`), 'INPUT_MASTER-COUNT': '  3\n', INPUT_A_B: 'x' });
      const inputs = [protocol.getInput('master-count'), protocol.getInput('a b'), protocol.getInput('absent')];
      protocol.setSecret('line1\r\nline2 100% :,');
      protocol.setOutput('known-hosts', 'a ssh-ed25519 AAAA\r\nb ssh-rsa AAAA\n');
      protocol.setOutput('empty', '');
      protocol.saveState('is-post', 'true');
      protocol.info('plain %0A text');
      protocol.warning('two\nlines 50%');
      protocol.debug('x::y');
      await protocol.group('phase', async () => protocol.info('inside'));
      protocol.setFailed('failed: x');
      seen[name] = {
        inputs,
        log: written.join(''),
        outputs: parseFileCommands(readFileSync(join(dir, `${name}-output`), 'utf8')),
        state: parseFileCommands(readFileSync(join(dir, `${name}-state`), 'utf8')),
        exitCode: process.exitCode,
      };
      process.exitCode = undefined;
    }
    expect((seen.core as { log: string }).log).toContain('::add-mask::line1%0D%0Aline2 100%25 :,');
    expect(seen.ours).toEqual(seen.core);
  });
});
