// `logs` on Azure end to end, through the CLI's own main(): the cluster and its agents come from
// the HTTPS ARM stand-in, and the nodes are REAL sshds on loopback addresses of their own, port
// 22 as on Azure, presenting the host keys the cluster secret derives (master0's and the
// agents' own). master0's sshd resolves the agents' computer names (its own /etc/hosts, as the
// virtual network's DNS would), so an agent's journal is read through master0, pinned end to
// end. Each node's sshd answers every command with what it was asked (ForceCommand), which shows
// which node ran which command.
import { setTimeout as sleep } from 'node:timers/promises';
import { main } from '../../src/cli/main.js';
import { deriveClusterSecrets } from '../../src/render/cluster-secret.js';
import { startSshd, type TestSshd } from '../swarm/sshd-server.js';
import { useArmStandInForCli } from './arm-stand-in-env.js';
import { cli } from './run-cli.js';

const clusterSecret = 'abad1dea'.repeat(8);
const group = 'rg-logs';
// Loopback addresses of this test's own (all of 127.0.0.0/8 is loopback on Linux).
const subnet = `127.77.${(process.pid % 200) + 1}`;
const address = { master0: `${subnet}.10`, agent0: `${subnet}.20`, agent1: `${subnet}.21` };
// A follow (`journalctl --follow`) also says so and keeps running, as journalctl would.
const answer = (node: string) => `echo "${node} ran: $SSH_ORIGINAL_COMMAND"; case "$SSH_ORIGINAL_COMMAND" in *--follow*) echo "${node} follows"; sleep 20;; esac`;

describe('logs on Azure, through master0 to the agents, against real sshds', () => {
  const armServer = useArmStandInForCli();
  const sshds: TestSshd[] = [];

  beforeAll(async () => {
    const derived = deriveClusterSecrets(clusterSecret, group, 'production');
    const client = derived.adminKey;
    sshds.push(
      await startSshd({ address: address.master0, port: 22, hostKey: derived.masterHostKey, client, forceCommand: answer('master0'), hosts: { agents000000: address.agent0, agents000001: address.agent1 } }),
      await startSshd({ address: address.agent0, port: 22, hostKey: derived.agentHostKey, client, forceCommand: answer('agents000000') }),
      // An agent that presents the masters' key, not the agents': never accepted as an agent.
      await startSshd({ address: address.agent1, port: 22, hostKey: derived.masterHostKey, client, forceCommand: answer('agents000001') }),
    );
    armServer().onDeployment(async () => ({ masterFqdns: [address.master0], master0Fqdn: address.master0, adminUsername: 'root' }));
    process.env.AZSWARM_CLUSTER_SECRET = clusterSecret;
    const deployed = await cli('deploy-cluster', '--provider', 'azure', '--name', group, '--location', 'westeurope', '--allowed-ssh-cidr', '203.0.113.0/24', '--wait-for-swarm=false');
    expect(deployed.stderr).not.toContain('error:');
    expect(deployed.code).toBe(0);
  }, 180_000);

  afterAll(async () => {
    delete process.env.AZSWARM_CLUSTER_SECRET;
    for (const sshd of sshds) await sshd.stop();
  });

  it("reads an agent's journal through master0, the agent's own host key pinned", async () => {
    const { code, stdout, stderr } = await cli('logs', '--provider', 'azure', '--name', group, '--node', 'agents000000', '--unit', 'join');
    expect(stderr).not.toContain('error:');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^agents000000 ran: timeout -s KILL \d+ sudo journalctl --no-pager --output short-iso -u swarm-join\.service\n$/);
    expect(`${stdout}${stderr}`).not.toContain(clusterSecret);
  });

  it("follows an agent's journal line by line until Ctrl-C", async () => {
    let stdout = '';
    const running = main(['logs', '--provider', 'azure', '--name', group, '--node', 'agents000000', '--follow'], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: () => true },
    });
    for (let waited = 0; !stdout.includes('agents000000 follows') && waited < 30_000; waited += 100) await sleep(100);
    expect(stdout).toMatch(/^agents000000 ran: timeout -s KILL \d+ sudo journalctl --no-pager --output short-iso -u swarm-join\.service --follow\nagents000000 follows\n$/);
    process.emit('SIGINT');
    expect(await running).toBe(0);
  });

  it("reads master0's journal over its own session", async () => {
    const { code, stdout } = await cli('logs', '--provider', 'azure', '--name', group, '--unit', 'helper');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^master0 ran: timeout -s KILL \d+ sudo journalctl --no-pager --output short-iso -u swarm-helper\.service\n$/);
  });

  it("refuses an agent that presents another key than the agents' (here the masters')", async () => {
    const { code, stdout, stderr } = await cli('logs', '--provider', 'azure', '--name', group, '--node', 'agents000001');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`error: host key mismatch for root@agents000001:22 via root@${address.master0}:22: the server presented SHA256:`);
    expect(stderr).not.toContain('agents000001 ran:');
  });
});
