// The CLI on Azure, in-process against the HTTPS ARM stand-in (real SDK clients, a real
// client-secret sign-in): the cluster's SSH material comes from AZSWARM_CLUSTER_SECRET, so a
// re-run renders the same parameters (an in-place update) and later commands need no key files.
import { useArmStandInForCli } from './arm-stand-in-env.js';
import { cli } from './run-cli.js';

const clusterSecret = 'c0ffee'.repeat(8);
const settingsFlags = ['--provider', 'azure', '--name', 'rg-cli', '--location', 'westeurope', '--allowed-ssh-cidr', '203.0.113.0/24'];

describe('the CLI with --provider azure', () => {
  const armServer = useArmStandInForCli();
  afterEach(() => {
    delete process.env.AZSWARM_CLUSTER_SECRET;
  });

  it('refuses to work on Azure without a cluster secret, naming it, before any Azure request', async () => {
    const before = armServer().armCalls().length;
    expect(await cli('list-agents', '--provider', 'azure', '--name', 'rg-cli')).toMatchObject({ code: 2, stderr: expect.stringContaining('AZSWARM_CLUSTER_SECRET: is required with --provider azure') });
    process.env.AZSWARM_CLUSTER_SECRET = 'short';
    expect(await cli('list-agents', '--provider', 'azure', '--name', 'rg-cli')).toMatchObject({ code: 2, stderr: expect.stringContaining('AZSWARM_CLUSTER_SECRET: must be at least 32 characters') });
    process.env.AZSWARM_CLUSTER_SECRET = clusterSecret;
    const ownKey = await cli('deploy-cluster', ...settingsFlags, '--ssh-public-key', 'ssh-ed25519 AAAA');
    expect(ownKey).toMatchObject({ code: 2, stderr: expect.stringContaining('--ssh-public-key is for the lab') });
    expect(armServer().armCalls().length).toBe(before);
  });

  it('deploys twice with the same parameters (in place), then reads the endpoints; the secret never shows', async () => {
    process.env.AZSWARM_CLUSTER_SECRET = clusterSecret;
    const first = await cli('deploy-cluster', ...settingsFlags, '--wait-for-swarm=false');
    expect(first.code).toBe(0);
    const second = await cli('deploy-cluster', ...settingsFlags, '--wait-for-swarm=false');
    expect(second.code).toBe(0);
    const deployments = armServer().armCalls().filter((call) => call.method === 'PUT' && call.path.endsWith('/deployments/azure-swarm-cluster'));
    expect(deployments).toHaveLength(2);
    expect(deployments[1].body).toEqual(deployments[0].body);

    const endpoints = await cli('list-endpoints', '--provider', 'azure', '--name', 'rg-cli', '--json');
    expect(endpoints.code).toBe(0);
    expect(JSON.parse(endpoints.stdout).result.masters).toEqual([expect.stringMatching(/^rg-cli-master0-[a-z0-9]{6}\.westeurope\.cloudapp\.azure\.com$/)]);
    for (const run of [first, second, endpoints]) expect(`${run.stdout}${run.stderr}`).not.toContain(clusterSecret);
  });

  it("logs names the cluster's nodes, from the scale set's instances, when the one asked for is not there", async () => {
    process.env.AZSWARM_CLUSTER_SECRET = clusterSecret;
    expect((await cli('deploy-cluster', ...settingsFlags, '--wait-for-swarm=false')).code).toBe(0);
    const before = armServer().armCalls().length;
    expect(await cli('logs', '--provider', 'azure', '--name', 'rg-cli', '--node', 'agents000009')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Azure sign-in: client-secret (picked by auth auto)\nerror: node: must be a node of cluster rg-cli (master0, agents000000, agents000001) (got "agents000009")\n',
    });
    expect(armServer().armCalls().slice(before).map((call) => `${call.method} ${call.path.replace(/^.*\/resourcegroups\//i, '')}`)).toEqual([
      'GET rg-cli/providers/Microsoft.Resources/deployments/azure-swarm-cluster',
      'GET rg-cli/providers/Microsoft.Compute/virtualMachineScaleSets/agents/virtualMachines',
    ]);
  });

  it('a command on a resource group without a cluster says so, verbatim', async () => {
    process.env.AZSWARM_CLUSTER_SECRET = clusterSecret;
    for (const command of ['logs', 'list-agents']) {
      expect(await cli(command, '--provider', 'azure', '--name', 'rg-none')).toEqual({
        code: 1,
        stdout: '',
        stderr: 'Azure sign-in: client-secret (picked by auth auto)\nerror: no cluster in resource group rg-none (no deployment azure-swarm-cluster)\nhint: deploy it first with deploy-cluster\n',
      });
    }
  });

  it('destroy-cluster says when the resource group does not exist, and deletes one that does', async () => {
    const absent = await cli('destroy-cluster', '--provider', 'azure', '--name', 'rg-never');
    expect(absent).toEqual({ code: 0, stdout: 'no resource group rg-never: nothing to destroy\n', stderr: 'resource group rg-never does not exist: nothing to delete\n' });
    expect(armServer().armCalls().filter((call) => call.path.toLowerCase().includes('/resourcegroups/rg-never')).map((call) => call.method)).toEqual(['HEAD']);
    process.env.AZSWARM_CLUSTER_SECRET = clusterSecret;
    expect((await cli('deploy-cluster', ...settingsFlags, '--wait-for-swarm=false')).code).toBe(0);
    delete process.env.AZSWARM_CLUSTER_SECRET; // deleting a group needs no cluster secret
    expect(await cli('destroy-cluster', '--provider', 'azure', '--name', 'rg-cli', '--json')).toMatchObject({ code: 0, stdout: expect.stringContaining('"destroyed": [\n      "rg-cli"\n    ]') });
  });
});
