// The same actions with provider: lab, run as GitHub runs them, on a REAL lab (a dockerd per
// node in its own network namespace, the master's real sshd): deploy-cluster waits for every
// node Ready over SSH with the pinned host key, scale and rollout work on it, teardown removes it.
import { readFileSync, rmSync } from 'node:fs';
import { silentReporter } from '../../src/core/reporter.js';
import { providerFor } from '../../src/providers/index.js';
import { useTemporaryLabRoot } from '../lab/lab-support.js';
import { runAction } from './run-action.js';

const lab = `actlab${process.pid % 1000}`;
const minutes = (count: number) => count * 60_000;

describe('actions with provider: lab', () => {
  let root: string;
  const env = () => ({ AZSWARM_LAB_ROOT: root, RUNNER_TEMP: root });
  const inputs = (extra: Record<string, string>) => ({ provider: 'lab', 'resource-group': lab, ...extra });

  beforeAll(async () => {
    root = await useTemporaryLabRoot();
  });
  afterAll(async () => {
    // Whatever a failed run left behind goes too.
    await providerFor('lab').destroy(lab, silentReporter);
    rmSync(root, { recursive: true, force: true });
  }, minutes(2));

  it('deploy-cluster, scale list-agents, rollout global and teardown', async () => {
    const deploy = await runAction('deploy-cluster', { inputs: inputs({ 'agent-count': '1', 'timeout-minutes': '3' }), env: env() });
    expect(deploy.stdout).not.toContain('::error');
    expect(deploy.exitCode).toBe(0);
    const nodes = JSON.parse(deploy.outputs.nodes) as { hostname: string; status: string }[];
    expect(nodes.map((node) => `${node.hostname} ${node.status}`)).toEqual(['master0 ready', expect.stringMatching(/ ready$/)]);
    expect(deploy.outputs['known-hosts']).toMatch(/ ssh-ed25519 AAAA/);
    expect(readFileSync(deploy.outputs['ssh-private-key-path'], 'utf8')).toContain('PRIVATE KEY');
    expect(deploy.summary).toContain('| master0 | manager | ready | active |');

    const list = await runAction('scale', { inputs: inputs({ operation: 'list-agents' }), env: env() });
    expect(list.exitCode).toBe(0);
    expect(list.outputs['agent-count']).toBe('1');

    const rollout = await runAction('rollout', { inputs: inputs({ operation: 'global' }), env: env() });
    expect(rollout.stdout).not.toContain('::error');
    expect(rollout.exitCode).toBe(0);
    expect(rollout.outputs.url).toMatch(/^http:\/\//);

    const teardown = await runAction('teardown', { inputs: inputs({}), env: env() });
    expect(teardown.exitCode).toBe(0);
    expect(JSON.parse(teardown.outputs.deleted)).toEqual([lab]);
  }, minutes(8));
});
