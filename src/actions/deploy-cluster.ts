// actions/deploy-cluster: main deploys (or updates) the cluster; post tears an ephemeral one
// down when the job failed or was cancelled (action.yml's post-if decides when post runs).
import * as core from './workflow-commands.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingError } from '../core/errors.js';
import { settingNames, parseClusterSettings, type RawSettings } from '../core/validate.js';
import { parseOptionalBoolean, parseOptionalWholeNumber } from '../core/validators.js';
import { deployCluster } from '../operations/cluster.js';
import { defaultDeploymentName, parseTtl, toolkitTags } from '../providers/index.js';
import { deriveClusterSecrets } from '../render/cluster-secret.js';
import { costSummary, estimateCost } from '../render/cost-estimate.js';
import { generateSshKeyPair, knownHostsLine } from '../render/keys.js';
import { InputProblems, readClusterPurpose, readClusterSecret, readCommonInputs, type InputReader } from './inputs.js';
import { providerForInputs } from './providers.js';
import { actionsReporter, maskSecret } from './reporter.js';
import { clusterSummary } from './summary.js';

const state = { post: 'is-post', ephemeral: 'ephemeral-group' } as const;

export function parseDeployInputs(read: InputReader) {
  const problems = new InputProblems();
  const common = readCommonInputs(read, problems);
  const ttlMs = problems.check(() => (read('ttl') === '' ? undefined : parseTtl('ttl', read('ttl'))));
  const keep = problems.check(() => parseOptionalBoolean('keep', read('keep'), true));
  const timeoutMinutes = problems.check(() => parseOptionalWholeNumber('timeout-minutes', read('timeout-minutes'), { min: 1, max: 360 }, 30));
  const clusterSecret = readClusterSecret(read, problems);
  const clusterPurpose = readClusterPurpose(read, problems);
  // Without ssh-public-key the admin pair is derived from cluster-secret (the same every run), else random.
  const generatedKey = read('ssh-public-key') !== '' ? undefined
    : clusterSecret ? deriveClusterSecrets(clusterSecret, read('resource-group'), clusterPurpose).adminKey
      : generateSshKeyPair(`${read('resource-group')}@deploy-cluster`);
  const privateKey = generatedKey?.privateKey ?? read('ssh-private-key');
  maskSecret(privateKey);
  if (common.provider === 'azure' && common.waitForSwarm && privateKey === '') {
    problems.add(new SettingError('ssh-private-key', 'is required with your own ssh-public-key while wait-for-swarm is true (the swarm is checked over SSH)'));
  }
  const raw: RawSettings = Object.fromEntries(settingNames.map((name) => [name, read(name)]));
  raw['ssh-public-key'] = generatedKey?.publicKey ?? read('ssh-public-key');
  const settings = problems.check(() => parseClusterSettings(raw, common.provider));
  problems.throwIfAny();
  return { common, settings: settings!, ttlMs, keep: keep!, timeoutMs: timeoutMinutes! * 60_000, generatedKey, privateKey, clusterSecret, clusterPurpose };
}

export async function deployClusterMain(read: InputReader = core.getInput): Promise<void> {
  if (core.getState(state.post) === 'true') return deployClusterPost();
  core.saveState(state.post, 'true');
  const inputs = parseDeployInputs(read);
  const { common, settings, generatedKey } = inputs;
  const pr = core.eventPayload().pull_request?.number;
  const groupTags = toolkitTags({ ttlMs: inputs.ttlMs, pr });
  const provider = providerForInputs(common, actionsReporter, {
    groupTags,
    deploymentTimeoutMs: inputs.timeoutMs,
    rendering: { adminPrivateKey: inputs.privateKey, clusterSecret: inputs.clusterSecret, clusterPurpose: inputs.clusterPurpose },
  });
  if (inputs.ttlMs !== undefined && !inputs.keep) core.saveState(state.ephemeral, JSON.stringify({ provider: common.provider, group: settings.name }));
  const { cluster, nodes } = await deployCluster(provider, settings, actionsReporter, { waitForSwarm: common.waitForSwarm, timeoutMs: inputs.timeoutMs });
  const { info } = cluster;
  const agents = await cluster.listAgents();
  core.setOutput('resource-group', info.name);
  core.setOutput('expires-at', groupTags['expires-at'] ?? '');
  core.setOutput('master-fqdn', info.endpoints.masters[0]);
  core.setOutput('agents-fqdn', info.endpoints.agents);
  core.setOutput('docker-host', `ssh://${info.ssh.username}@${info.ssh.host}${info.ssh.port === 22 ? '' : `:${info.ssh.port}`}`);
  core.setOutput('ssh-user', info.ssh.username);
  core.setOutput('deployment-name', common.provider === 'azure' ? defaultDeploymentName : info.name);
  const hostKey = info.ssh.hostKeys[0];
  core.setOutput('known-hosts', hostKey ? knownHostsLine([info.ssh.host], hostKey, info.ssh.port).trim() : '');
  core.setOutput('nodes', JSON.stringify(nodes ?? agents.map((agent) => ({ hostname: agent.name, role: 'worker', state: agent.state }))));
  // The key that reaches master0 when the user brought none: the generated one, or the lab's own.
  if ((generatedKey || common.provider === 'lab') && info.ssh.privateKey) {
    maskSecret(info.ssh.privateKey);
    const dir = mkdtempSync(join(process.env.RUNNER_TEMP ?? tmpdir(), 'swarm-key-'));
    const path = join(dir, 'id_ed25519');
    writeFileSync(path, info.ssh.privateKey, { mode: 0o600 });
    core.setOutput('ssh-private-key-path', path);
  }
  const cost = common.provider === 'azure' ? costSummary(estimateCost({ ...settings, agentCount: agents.length })) : '';
  core.appendSummary(`${clusterSummary(info, agents, nodes)}${cost && `\n${cost}`}`);
}

async function deployClusterPost(): Promise<void> {
  const saved = core.getState(state.ephemeral);
  if (saved === '') return core.info('not an ephemeral cluster (ttl with keep: false): nothing to tear down');
  const { group } = JSON.parse(saved) as { provider: string; group: string };
  const problems = new InputProblems();
  const common = readCommonInputs(core.getInput, problems);
  problems.throwIfAny();
  core.warning(`the job did not succeed: tearing down the ephemeral cluster ${group}`);
  await providerForInputs(common, actionsReporter).destroy(group, actionsReporter);
}
