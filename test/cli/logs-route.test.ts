// Where `logs` reaches each Azure node from: master0 directly, another master at its private
// address and an agent by its computer name, both through master0, each with its own pinned
// host keys. The hop itself runs against real sshds in test/swarm/ssh-session.test.ts.
import { azureNodeRoute } from '../../src/cli/commands/logs.js';
import type { AgentInstance, ClusterInfo } from '../../src/core/cluster.js';
import { azureServiceFlavour } from '../../src/providers/azure/service-flavour.js';

const info: ClusterInfo = {
  provider: 'azure',
  name: 'rg-logs',
  masterCount: 3,
  ssh: { host: 'rg-logs-master0-abc123.westeurope.cloudapp.azure.com', port: 22, username: 'cluster', privateKey: 'KEY', hostKeys: ['ssh-ed25519 MASTER'] },
  agentHostKeys: ['ssh-ed25519 AGENT', 'ssh-rsa AGENT'],
  endpoints: { masters: [], agents: 'lb', services: {}, monitor: 'http://m:8080/' },
  flavour: azureServiceFlavour,
};
const agents: AgentInstance[] = [
  { instanceId: '0', name: 'agents000000', state: 'running' },
  { instanceId: '3', name: 'agents000003', state: 'running' },
];

describe('logs: the route to an Azure node', () => {
  it("master0: its own session, the masters' keys", () => {
    expect(azureNodeRoute(info, 'master0', [])).toEqual({ target: info.ssh, throughMaster0: false });
  });

  it("another master: through master0 to its private address, the masters' keys", () => {
    expect(azureNodeRoute(info, 'master2', agents)).toEqual({ target: { ...info.ssh, host: '10.0.1.12', port: 22 }, throughMaster0: true });
  });

  it("an agent: through master0 to its computer name, the agents' own keys (never the masters')", () => {
    expect(azureNodeRoute(info, 'agents000003', agents)).toEqual({
      target: { ...info.ssh, host: 'agents000003', port: 22, hostKeys: ['ssh-ed25519 AGENT', 'ssh-rsa AGENT'] },
      throughMaster0: true,
    });
  });

  it('a node that is not there: every node named', () => {
    expect(() => azureNodeRoute(info, 'master3', agents)).toThrow('node: must be a node of cluster rg-logs (master0, master1, master2, agents000000, agents000003)');
    expect(() => azureNodeRoute(info, 'agents000001', agents)).toThrow(/\(got "agents000001"\)/);
  });

  it('an agent without known host keys is refused, never trusted on first use', () => {
    const withoutAgentKeys: ClusterInfo = { ...info, agentHostKeys: [] };
    expect(() => azureNodeRoute(withoutAgentKeys, 'agents000000', agents)).toThrow("logs of agents000000: the agents' host keys are not known, and the CLI never trusts an unpinned key");
  });
});
