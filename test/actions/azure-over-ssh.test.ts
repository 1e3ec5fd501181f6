// The Azure side and the swarm side together: the actions with provider azure talk to the ARM
// stand-in, and over SSH (pinned host key) to a REAL swarm — a lab whose master runs a real sshd
// and dockerd — standing in for the VMs the deployment made. The deployment itself deploys that
// lab from its parameters (counts, admin key, the master host key in the master cloud-config),
// and a restart through ARM really restarts the lab node, which must rejoin the swarm.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { parse as parseYaml } from 'yaml';
import { silentReporter } from '../../src/core/reporter.js';
import { parseClusterSettings } from '../../src/core/validate.js';
import { providerFor } from '../../src/providers/index.js';
import { LabProvider } from '../../src/providers/lab/provider.js';
import type { Cluster, ClusterInfo } from '../../src/core/cluster.js';
import { generateHostKeyPair, generateSshKeyPair } from '../../src/render/keys.js';
import { useTemporaryLabRoot } from '../lab/lab-support.js';
import type { DeploymentParameters } from '../support/arm-server/arm-routes.js';
import { clusterPlan } from '../support/arm-server/plan.js';
import { startArmServer, type ArmServer } from '../support/arm-server/server.js';
import { runAction, type ActionRun } from './run-action.js';

const lab = `azssh${process.pid % 1000}`;
const subscriptionId = '00000000-0000-0000-0000-0000000000aa';
const minutes = (count: number) => count * 60_000;
/** The lines of an OpenSSH private key that are its own (the first base64 line is the same for every unencrypted ed25519 key). */
const keyLines = (privateKey: string) => privateKey.trim().split('\n').slice(2, -1);
/** What the run printed, apart from the mask commands themselves. */
const printed = (run: ActionRun) => run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');

/**
 * Plays what a deployment creates with a REAL lab deployed from its parameters; the first
 * deployment creates the lab (presenting the host key the master cloud-config carries), a later
 * one finds it and, like VMs that ran their cloud-config once, the lab keeps its first host key.
 */
async function labForDeployment(parameters: DeploymentParameters): Promise<Cluster> {
  const value = (name: string) => String(parameters[name]?.value);
  const settings = parseClusterSettings({
    'resource-group': lab, 'master-count': value('masterCount'), 'agent-count': value('agentCount'),
    'admin-username': value('adminUsername'), 'ssh-public-key': value('adminPublicKey'),
  }, 'lab');
  const { ssh_keys: hostKey } = parseYaml(value('masterCloudInit')) as { ssh_keys: { ed25519_private: string; ed25519_public: string } };
  const masterHostKey = { privateKey: hostKey.ed25519_private, publicKey: hostKey.ed25519_public };
  return new LabProvider().deploy(settings, silentReporter, { presetSecrets: { masterHostKey } });
}

describe('azure actions reaching a real swarm over SSH', () => {
  let root: string;
  let server: ArmServer;
  let labCluster: Cluster | undefined;
  let swarm: ClusterInfo;
  /** The first deploy-cluster run: wait-for-swarm true, no ssh-public-key (the action generates the pair). */
  let deploy: ActionRun;
  let deployParameters: DeploymentParameters;
  /** RUNNER_TEMP of that run, kept to read the generated private key it saved. */
  let runnerTemp: string;

  beforeAll(async () => {
    root = await useTemporaryLabRoot();
    runnerTemp = mkdtempSync(join(tmpdir(), 'azssh-runner-'));
    server = await startArmServer({ polls: 1, retryAfterSeconds: 1 });
    // The deployment "creates" VMs that are the lab's nodes: master0's name is the lab master's address.
    server.onDeployment(async (_group, parameters) => {
      deployParameters ??= parameters;
      labCluster = await labForDeployment(parameters);
      swarm = labCluster.info;
      return { masterFqdns: [swarm.ssh.host], master0Fqdn: swarm.ssh.host, adminUsername: swarm.ssh.username };
    });
    // Restarting a scale set instance restarts the lab node that plays it; ARM answers when it is done.
    server.onInstanceAction((action, instanceId) => (action === 'restart' ? labCluster?.restartAgents([instanceId]) : undefined));
    server.planDeployments(clusterPlan);
    deploy = await runAction('deploy-cluster', {
      inputs: { ...inputs(), location: 'westeurope', 'allowed-ssh-cidr': '203.0.113.0/24', 'agent-count': '1', 'timeout-minutes': '3' },
      env: { ...env(), RUNNER_TEMP: runnerTemp },
    });
  }, minutes(5));

  afterAll(async () => {
    await server?.close();
    rmSync(runnerTemp, { recursive: true, force: true });
    await providerFor('lab').destroy(lab, silentReporter);
    rmSync(root, { recursive: true, force: true });
  }, minutes(2));

  const env = () => ({ NODE_EXTRA_CA_CERTS: server.certificate.certPath, AZURE_AUTHORITY_HOST: server.url, AZSWARM_LAB_ROOT: root });
  const inputs = () => ({
    'resource-group': 'swarm-ssh', 'subscription-id': subscriptionId, 'tenant-id': subscriptionId, 'client-id': subscriptionId,
    'client-secret': server.identity.clientSecret, 'arm-endpoint': server.url,
  });
  const knownHosts = (hostKey: string) => `${swarm.ssh.host} ${hostKey.split(' ').slice(0, 2).join(' ')}`;

  it('deploy-cluster with wait-for-swarm and a generated key pair: the lab the deployment made presents the pinned host key, every node Ready', () => {
    expect(deploy.stdout).not.toContain('::error');
    expect(deploy.exitCode).toBe(0);
    const host = swarm.ssh.host;
    expect(host).toMatch(/^10\.\d+\.\d+\.10$/);
    expect(deploy.outputs['master-fqdn']).toBe(host);
    expect(deploy.outputs['docker-host']).toBe(`ssh://cluster@${host}`);
    expect(deploy.outputs['ssh-user']).toBe('cluster');
    // The host key the action generated and put in the master cloud-config is the one pinned, and the one presented.
    const { ssh_keys: hostKey } = parseYaml(String(deployParameters.masterCloudInit.value)) as { ssh_keys: { ed25519_public: string } };
    expect(deploy.outputs['known-hosts']).toBe(knownHosts(hostKey.ed25519_public));
    expect(swarm.ssh.hostKeys).toEqual([hostKey.ed25519_public.trim()]);
    const nodes = JSON.parse(deploy.outputs.nodes) as { hostname: string; role: string; status: string }[];
    expect(nodes.map(({ hostname, role, status }) => `${hostname} ${role} ${status}`)).toEqual(['master0 manager ready', 'agents000000 worker ready']);
    expect(deploy.summary).toContain('| node | role | state | availability |');
    expect(deploy.summary).toContain('| master0 | manager | ready | active |');
    expect(deploy.summary).toContain('| agents000000 | worker | ready | active |');
  });

  it('deploy-cluster keeps the generated private key to a file: it matches the admin key the deployment authorized and is never printed', () => {
    const path = deploy.outputs['ssh-private-key-path'];
    expect(path.startsWith(`${runnerTemp}/`)).toBe(true);
    const privateKey = readFileSync(path, 'utf8');
    const parsed = ssh2.utils.parseKey(privateKey);
    if (parsed instanceof Error) throw parsed;
    const adminKey = String(deployParameters.adminPublicKey.value).split(' ').slice(0, 2).join(' ');
    expect(`${parsed.type} ${parsed.getPublicSSH().toString('base64')}`).toBe(adminKey);
    const lines = keyLines(privateKey);
    for (const line of lines) expect(deploy.stdout).toContain(`::add-mask::${line}`);
    const texts = { printed: printed(deploy), summary: deploy.summary, outputs: JSON.stringify(deploy.outputs), armRequests: JSON.stringify(server.log) };
    for (const [where, text] of Object.entries(texts)) expect({ where, leaked: lines.filter((line) => text.includes(line)) }).toEqual({ where, leaked: [] });
  });

  it('chaos-monkey restarts every agent through ARM, then waits until the swarm is back at full strength', async () => {
    expect(swarm.ssh.port).toBe(22);
    const before = server.armCalls().length;
    const started = Date.now();
    const run = await runAction('scale', {
      inputs: { ...inputs(), operation: 'chaos-monkey', 'ssh-private-key': swarm.ssh.privateKey, 'known-hosts': knownHosts(swarm.ssh.hostKeys[0]) },
      env: env(),
    });
    expect(run.stdout).not.toContain('::error');
    expect(run.exitCode).toBe(0);
    const restarts = server.armCalls().slice(before).filter((call) => call.method === 'POST');
    expect(restarts.map((call) => [call.path, call.body])).toEqual([[`/subscriptions/${subscriptionId}/resourceGroups/swarm-ssh/providers/Microsoft.Compute/virtualMachineScaleSets/agents/restart`, { instanceIds: ['0'] }]]);
    // Full strength can only come after ARM finished the restart (the lab node was back up): at
    // least from the restart request to the last poll of its operation, and within the run.
    const restartAt = restarts[0]!.at;
    const restartDone = Math.max(...server.log.filter((entry) => entry.path.includes('/Microsoft.Test/locations/local/') && entry.at > restartAt).map((entry) => entry.at));
    const recovery = Number(run.outputs['recovery-seconds']) * 1000;
    expect(recovery).toBeGreaterThanOrEqual(restartDone - restartAt - 100);
    expect(recovery).toBeLessThanOrEqual(Date.now() - started);
    expect(run.stdout).toMatch(/back to full strength [\d.]+ s after the first restart/);
    expect(keyLines(swarm.ssh.privateKey).filter((line) => printed(run).includes(line))).toEqual([]);
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

  it('deploy-cluster with wait-for-swarm pins the host key generated for this run: a master presenting another is refused', async () => {
    const run = await runAction('deploy-cluster', {
      inputs: {
        ...inputs(), 'resource-group': 'swarm-ssh-other', location: 'westeurope', 'allowed-ssh-cidr': '203.0.113.0/24', 'agent-count': '1', 'timeout-minutes': '1',
        'ssh-public-key': generateSshKeyPair('own').publicKey, 'ssh-private-key': swarm.ssh.privateKey,
      },
      env: env(),
    });
    // A new cluster: this run generated and pinned a new host key, but the master its deployment
    // names is the lab made by the first deployment, which keeps its own key.
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::.*host key/i);
    expect(run.outputs['master-fqdn']).toBeUndefined();
  }, minutes(2));
});
