// Every error the CLI prints for a usage or settings slip, verbatim (stderr and exit code), run
// through its own main(). Nothing here reaches Azure or creates a lab: the errors come first.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { cli } from './run-cli.js';

const clusterSecretRule =
  "AZSWARM_CLUSTER_SECRET: is required with --provider azure: the cluster's helper secret and SSH keys are derived from it, so that every later command can reach the masters (e.g. `export AZSWARM_CLUSTER_SECRET=$(openssl rand -hex 32)`, and keep it)";
const subscriptionRule = 'AZURE_SUBSCRIPTION_ID: is required with --provider azure (the subscription of the cluster)';

describe('CLI errors, verbatim', () => {
  const saved = { ...process.env };
  let labRoot: string;

  beforeAll(() => {
    // An empty lab root of the test's own: nothing of a real lab is read or touched.
    labRoot = mkdtempSync(join(tmpdir(), 'cli-errors-'));
  });
  beforeEach(() => {
    for (const name of Object.keys(process.env)) if (/^(AZURE_|AZSWARM_|NO_COLOR$)/.test(name)) delete process.env[name];
    process.env.AZSWARM_LAB_ROOT = labRoot;
  });
  afterAll(() => {
    process.env = saved;
    rmSync(labRoot, { recursive: true, force: true });
  });

  it.each<[string, string[], number, string]>([
    ['a mistyped command', ['deploy-clustr'], 2, 'error: unknown command "deploy-clustr" (did you mean deploy-cluster?)\nhint: see: azswarm --help\n'],
    ['a mistyped --version', ['--verison'], 2, 'error: unknown command "--verison" (did you mean --version?)\nhint: see: azswarm --help\n'],
    ['a command like none', ['frobnicate'], 2, 'error: unknown command "frobnicate"\nhint: see: azswarm --help\n'],
    ['help for a mistyped command', ['help', 'scale-agent'], 2, 'error: unknown command "scale-agent" (did you mean scale-agents?)\nhint: see: azswarm --help\n'],
    ['a mistyped flag', ['render', '--agent', '3'], 2, 'error: unknown flag --agent for render (did you mean --agents?)\nhint: see: azswarm render --help\n'],
    ['a flag like none', ['list-agents', '--colour'], 2, 'error: unknown flag --colour for list-agents\nhint: see: azswarm list-agents --help\n'],
    ['a single-dash flag', ['list-agents', '-json'], 2, 'error: unknown flag -json for list-agents (did you mean --json?)\nhint: see: azswarm list-agents --help\n'],
    ['a flag given twice', ['render', '--agents', '1', '--agents', '2'], 2, 'error: flag --agents is given twice\nhint: see: azswarm render --help\n'],
    ['a flag without its value', ['render', '--out'], 2, 'error: flag --out needs a value (DIR)\nhint: see: azswarm render --help\n'],
    ['a boolean flag outside the grammar', ['deploy-cluster', '--autoscale=yes'], 2, 'error: flag --autoscale takes no value, or =true / =false\nhint: see: azswarm deploy-cluster --help\n'],
    ['a missing argument', ['scale-agents'], 2, 'error: scale-agents needs N\nhint: see: azswarm scale-agents --help\n'],
    ['an extra argument', ['list-agents', 'extra'], 2, 'error: unexpected argument "extra" for list-agents\nhint: see: azswarm list-agents --help\n'],
    ['an unknown provider', ['list-agents', '--provider', 'aws'], 2, 'error: provider: must be lab or azure (got "aws")\n'],
    ['a mistyped flag of logs', ['logs', '--nod', 'agents000001'], 2, 'error: unknown flag --nod for logs (did you mean --node?)\nhint: see: azswarm logs --help\n'],
    ['a lab that does not exist', ['logs', '--name', 'absentlab'], 1, 'error: lab absentlab does not exist\nhint: create it with deploy-cluster --provider lab\n'],
    [
      'every problem of logs on Azure at once: the unit, the name, the environment',
      ['logs', '--provider', 'azure', '--unit', 'kernel'],
      2,
      ['error: invalid settings:', '  - unit: must be one of join, helper, events, health (got "kernel")', '  - name: is required with --provider azure (the resource group)', `  - ${subscriptionRule}`, `  - ${clusterSecretRule}`, ''].join('\n'),
    ],
    [
      'every problem of proxy on Azure at once: the offset, the name, the environment',
      ['proxy', '--provider', 'azure', '--offset', '99999'],
      2,
      ['error: invalid settings:', '  - offset: must be a whole number from 0 to 55000 (got "99999")', '  - name: is required with --provider azure (the resource group)', `  - ${subscriptionRule}`, `  - ${clusterSecretRule}`, ''].join('\n'),
    ],
    ['--all on Azure', ['destroy-cluster', '--provider', 'azure', '--all'], 2, 'error: --all is for the lab: Azure clusters are removed one resource group at a time\nhint: see: azswarm destroy-cluster --help\n'],
    [
      'every settings problem of a lab deploy at once',
      ['deploy-cluster', '--masters', '2', '--agents', '-1', '--admin-username', 'root', '--tags', 'managed-by=me'],
      2,
      [
        'error: invalid settings:',
        '  - masters: must be 1, 3 or 5 (a swarm needs an odd number of managers) (got "2")',
        '  - agents: must be a whole number from 0 to 100 (got "-1")',
        '  - admin-username: must not be a reserved name (root, admin, administrator, user, test, docker, ...) (got "root")',
        '  - tags: tag "managed-by" is set by the toolkit itself (got "managed-by")',
        '',
      ].join('\n'),
    ],
    [
      'every settings problem of an Azure deploy, then the environment variables it reads, before any sign-in',
      ['deploy-cluster', '--provider', 'azure', '--name', 'rg', '--masters', '4', '--autoscale=false', '--min-agent-count', '3', '--max-agent-count', '2'],
      2,
      [
        'error: invalid settings:',
        '  - masters: must be 1, 3 or 5 (a swarm needs an odd number of managers) (got "4")',
        '  - allowed-ssh-cidr: is required (SSH to the masters is never opened to the whole internet by default; give your address, e.g. 203.0.113.7/32, or 0.0.0.0/0 on purpose)',
        '  - min-agent-count: must not be greater than max-agent-count (3 > 2)',
        `  - ${subscriptionRule}`,
        `  - ${clusterSecretRule}`,
        '',
      ].join('\n'),
    ],
    [
      'an Azure command without --name nor its environment',
      ['list-agents', '--provider', 'azure'],
      2,
      ['error: invalid settings:', '  - name: is required with --provider azure (the resource group)', `  - ${subscriptionRule}`, `  - ${clusterSecretRule}`, ''].join('\n'),
    ],
    [
      'destroy on Azure needs no cluster secret, but a subscription',
      ['destroy-cluster', '--provider', 'azure', '--name', 'rg'],
      2,
      ['error: invalid settings:', `  - ${subscriptionRule}`, ''].join('\n'),
    ],
  ])('%s', async (_case, argv, code, stderr) => {
    expect(await cli(...argv)).toEqual({ code, stdout: '', stderr });
  });

  it('names the environment variables, not action inputs, for the Azure connection', async () => {
    Object.assign(process.env, { AZURE_SUBSCRIPTION_ID: 'sub', AZURE_ENVIRONMENT: 'AzureStack', AZURE_ARM_ENDPOINT: 'http://127.0.0.1:1', AZSWARM_CLUSTER_SECRET: 'short' });
    expect(await cli('list-agents', '--provider', 'azure', '--name', 'rg')).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'error: invalid settings:',
        '  - AZURE_ENVIRONMENT: must be one of AzureCloud, AzureUSGovernment, AzureChinaCloud (any case) (got "AzureStack")',
        '  - AZSWARM_CLUSTER_SECRET: must be at least 32 characters (e.g. `openssl rand -hex 32`), got 5',
        '',
      ].join('\n'),
    });
    process.env.AZURE_ENVIRONMENT = 'azureusgovernment';
    expect((await cli('list-agents', '--provider', 'azure', '--name', 'rg')).stderr).toBe(
      ['error: invalid settings:', '  - AZURE_ARM_ENDPOINT: must use https (Azure never sends tokens over plain http) (got "http://127.0.0.1:1")', '  - AZSWARM_CLUSTER_SECRET: must be at least 32 characters (e.g. `openssl rand -hex 32`), got 5', ''].join('\n'),
    );
  });

  it('says so when the lab to destroy does not exist (and succeeds)', async () => {
    const result = await cli('destroy-cluster', '--name', 'absentlab');
    expect({ ...result, stderr: result.stderr.replace(/\(\d+\.\d+s\)/g, '(Ns)') }).toEqual({
      code: 0,
      stdout: 'no lab absentlab: nothing to destroy\n',
      stderr: '… destroy: lab absentlab\n✓ destroy: lab absentlab (Ns)\n',
    });
  });

  it('prints its version', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(await cli('--version')).toEqual({ code: 0, stdout: `azswarm ${version}\n`, stderr: '' });
  });

  describe('colour', () => {
    /** main() with a stderr that says it is (or is not) a terminal. */
    async function stderrOf(isTTY: boolean, ...argv: string[]): Promise<string> {
      let text = '';
      await main(argv, { stdout: { write: () => true }, stderr: { isTTY, write: (chunk: string) => (text += chunk) } });
      return text;
    }

    it('colours the error and the phase marks on a terminal only', async () => {
      expect(await stderrOf(true, 'frobnicate')).toBe('\x1b[31merror:\x1b[0m unknown command "frobnicate"\nhint: see: azswarm --help\n');
      expect(await stderrOf(false, 'frobnicate')).toBe('error: unknown command "frobnicate"\nhint: see: azswarm --help\n');
      expect(await stderrOf(true, 'destroy-cluster', '--name', 'absentlab')).toContain('\x1b[32m✓\x1b[0m destroy: lab absentlab (');
    });

    it('honours NO_COLOR (set and not empty)', async () => {
      process.env.NO_COLOR = '1';
      expect(await stderrOf(true, 'frobnicate')).toBe('error: unknown command "frobnicate"\nhint: see: azswarm --help\n');
      process.env.NO_COLOR = '';
      expect((await stderrOf(true, 'frobnicate')).startsWith('\x1b[31merror:\x1b[0m ')).toBe(true);
    });
  });
});
