// The Azure side and the swarm side together: the scale action with provider azure talks to the
// ARM stand-in for the scale set, and over SSH (pinned host key) to a REAL swarm — a lab whose
// master runs a real sshd and dockerd — standing in for the VMs the deployment made. A restart
// through ARM really restarts the lab node, which must rejoin the swarm.
import { rmSync } from 'node:fs';
import { silentReporter } from '../../src/core/reporter.js';
import { deployCluster } from '../../src/operations/cluster.js';
import { createProvider } from '../../src/providers/index.js';
import type { ClusterInfo } from '../../src/providers/provider.js';
import { generateHostKeyPair, generateSshKeyPair } from '../../src/render/keys.js';
import { labSettings, useTemporaryLabRoot } from '../lab/lab-support.js';
import { clusterPlan } from '../support/arm-server/plan.js';
import { startArmServer, type ArmServer } from '../support/arm-server/server.js';
import { runAction } from './run-action.js';

const lab = 'azssh';
const subscriptionId = '00000000-0000-0000-0000-0000000000aa';
const minutes = (count: number) => count * 60_000;

describe('azure actions reaching a real swarm over SSH', () => {
  let root: string;
  let server: ArmServer;
  let swarm: ClusterInfo;

  beforeAll(async () => {
    root = await useTemporaryLabRoot();
    const labCluster = (await deployCluster(createProvider('lab'), labSettings(lab, 1, 1), silentReporter, { waitForSwarm: true, timeoutMs: minutes(2) })).cluster;
    swarm = labCluster.info;
    server = await startArmServer({ polls: 1, retryAfterSeconds: 1 });
    // Restarting a scale set instance restarts the lab node that plays it; ARM answers when it is done.
    server.onInstanceAction((action, instanceId) => (action === 'restart' ? labCluster.restartAgent(instanceId) : undefined));
    // The deployment "creates" VMs that are the lab's nodes: master0's name is the lab master's address.
    server.planDeployments((group, parameters) => {
      const plan = clusterPlan(group, parameters);
      return { ...plan, outputs: { ...plan.outputs, masterFqdns: [swarm.ssh.host], adminUsername: swarm.ssh.username } };
    });
    const deploy = await runAction('deploy-cluster', { inputs: { ...inputs(), location: 'westeurope', 'allowed-ssh-cidr': '203.0.113.0/24', 'agent-count': '1', 'wait-for-swarm': 'false' }, env: env() });
    expect(deploy.exitCode).toBe(0);
  }, minutes(4));

  afterAll(async () => {
    await server?.close();
    await createProvider('lab').destroy(lab, silentReporter);
    rmSync(root, { recursive: true, force: true });
  }, minutes(2));

  const env = () => ({ NODE_EXTRA_CA_CERTS: server.certificate.certPath, AZURE_AUTHORITY_HOST: server.url, AZSWARM_LAB_ROOT: root });
  const inputs = () => ({
    'resource-group': 'swarm-ssh', 'subscription-id': subscriptionId, 'tenant-id': subscriptionId, 'client-id': subscriptionId,
    'client-secret': server.identity.clientSecret, 'arm-endpoint': server.url,
  });
  const knownHosts = (hostKey: string) => `${swarm.ssh.host} ${hostKey.split(' ').slice(0, 2).join(' ')}`;

  it('chaos-monkey restarts every agent through ARM, then waits until the swarm is back at full strength', async () => {
    expect(swarm.ssh.port).toBe(22);
    const before = server.armCalls().length;
    const run = await runAction('scale', {
      inputs: { ...inputs(), operation: 'chaos-monkey', 'ssh-private-key': swarm.ssh.privateKey, 'known-hosts': knownHosts(swarm.ssh.hostKeys[0]) },
      env: env(),
    });
    expect(run.stdout).not.toContain('::error');
    expect(run.exitCode).toBe(0);
    const restarts = server.armCalls().slice(before).filter((call) => call.method === 'POST');
    expect(restarts.map((call) => call.path)).toEqual([`/subscriptions/${subscriptionId}/resourceGroups/swarm-ssh/providers/Microsoft.Compute/virtualMachineScaleSets/agents/virtualMachines/0/restart`]);
    expect(Number(run.outputs['recovery-seconds'])).toBeGreaterThanOrEqual(0);
    expect(run.stdout).toMatch(/back to full strength [\d.]+ s after the first restart/);
    const printed = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
    expect(printed).not.toContain(swarm.ssh.privateKey.split('\n')[1]);
  }, minutes(4));

  it('refuses a master whose host key is not the pinned one, before running anything', async () => {
    const run = await runAction('scale', {
      inputs: { ...inputs(), operation: 'reimage-agents', 'ssh-private-key': swarm.ssh.privateKey, 'known-hosts': knownHosts(generateHostKeyPair('other').publicKey) },
      env: env(),
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::.*host key/i);
    expect(server.armCalls().filter((call) => call.path.endsWith('/reimage'))).toEqual([]);
  }, minutes(2));

  it('deploy-cluster with wait-for-swarm pins the host key generated for the cluster: another key is refused', async () => {
    const run = await runAction('deploy-cluster', {
      inputs: {
        ...inputs(), location: 'westeurope', 'allowed-ssh-cidr': '203.0.113.0/24', 'agent-count': '1', 'timeout-minutes': '1',
        'ssh-public-key': generateSshKeyPair('own').publicKey, 'ssh-private-key': swarm.ssh.privateKey,
      },
      env: env(),
    });
    // The lab master presents the lab's host key, not the one this deployment generated and pinned.
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::.*host key/i);
    expect(run.outputs['master-fqdn']).toBeUndefined();
  }, minutes(2));
});
