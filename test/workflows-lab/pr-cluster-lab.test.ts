// The workflows executed end to end on REAL labs (npm run test:workflows; minutes, so outside
// npm test): the workflow harness runs pr-cluster.yml (which calls cluster-cycle.yml),
// pr-cluster-comment.yml, pr-cluster-teardown.yml and cluster-cycle.yml by hand, for the
// events GitHub would send, with this repository's actions from their committed bundles and the
// GitHub REST stand-in. The repository variable SWARM_PR_PROVIDER=lab puts this repository's own
// pull requests on the lab too (there is no Azure here); a fork's go there anyway.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { silentReporter } from '../../src/core/reporter.js';
import { providerFor } from '../../src/providers/index.js';
import { useTemporaryLabRoot } from '../lab/lab-support.js';
import { dispatchEvent, pullRequestEvent, repository, workflowRunEvent } from '../workflows/harness/events.js';
import { startGitHubStandIn, type GitHubStandIn } from '../workflows/harness/github-api.js';
import { runWorkflow, type RunOptions, type WorkflowRun } from '../workflows/harness/run-workflow.js';

const minutes = (count: number) => count * 60_000;
const vars = { SWARM_PR_PROVIDER: 'lab', SWARM_CLUSTER_PREFIX: 'wf' };
const labs = ['wf-pr-7', 'wf-pr-8', 'wf-fail', 'wf-chaos'];
const sha = (digit: string) => digit.repeat(40);

describe('the workflows on the lab', () => {
  let root: string;
  let api: GitHubStandIn;
  const artifacts = new Map<number, Map<string, string>>();
  let runId = 100;
  const timings: string[] = [];

  async function run(options: Omit<RunOptions, 'githubApiUrl' | 'artifacts' | 'runId' | 'env'>): Promise<WorkflowRun & { runId: number }> {
    runId += 1;
    const started = Date.now();
    const result = await runWorkflow({ ...options, vars, githubApiUrl: api.url, artifacts, runId, env: { AZSWARM_LAB_ROOT: root } });
    timings.push(`${options.workflow} (${options.event.name} ${String(options.event.payload.action ?? '')}): ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return { ...result, runId };
  }
  const labExists = (name: string) => existsSync(join(root, name));
  const step = (result: WorkflowRun, id: string) => result.steps.find((each) => each.id === id);
  const failedLogs = (result: WorkflowRun) => result.steps.filter((each) => each.outcome === 'failure').map((each) => `${each.id}: ${each.log.slice(-3000)}`);
  const report = (result: WorkflowRun) => JSON.parse(step(result, 'report')!.outputs.report) as { tests: { name: string; outcome: string; seconds: number }[]; nodes: unknown[] };
  const outcomes = (result: WorkflowRun) => Object.fromEntries(report(result).tests.map((test) => [test.name, test.outcome]));

  /** The follow-up GitHub starts when a pr-cluster run completes. */
  const followUp = (pr: WorkflowRun & { runId: number }, headSha: string) =>
    run({ workflow: 'pr-cluster-comment.yml', event: workflowRunEvent('pr-cluster', pr.runId, headSha, pr.conclusion), sha: sha('f') });

  beforeAll(async () => {
    root = await useTemporaryLabRoot();
    api = await startGitHubStandIn(repository);
  });
  afterAll(async () => {
    for (const lab of labs) await providerFor('lab').destroy(lab, silentReporter);
    rmSync(root, { recursive: true, force: true });
    await api.close();
    process.stdout.write(`workflow run times (load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}):\n  ${timings.join('\n  ')}\n`);
  }, minutes(3));

  it('a pull request from this repository: the cycle forms the cluster, verifies every service, keeps it; one comment, updated by the next push; closed removes it', async () => {
    api.pullHeads.set(7, sha('1'));
    const opened = await run({ workflow: 'pr-cluster.yml', event: pullRequestEvent('opened', 7, sha('1')), sha: sha('1') });
    expect(failedLogs(opened)).toEqual([]);
    expect(opened.conclusion).toBe('success');
    expect(opened.concurrency).toEqual({ group: 'pr-cluster-7', 'cancel-in-progress': true });
    expect(opened.jobs.map((job) => [job.id, job.environment, job.timeoutMinutes])).toEqual([['cycle', 'pull-requests', 90]]);
    expect(outcomes(opened)).toEqual({ deploy: 'success', replicated: 'success', global: 'success', stack: 'success', 'scale-service': 'success', 'scale-agents': 'success' });
    expect(report(opened).nodes).toHaveLength(3);
    for (const service of ['replicated', 'global', 'stack']) expect(step(opened, service)!.outputs.url).toMatch(/^http:\/\//);
    expect(step(opened, 'teardown')!.outcome).toBe('skipped'); // kept for the next push
    expect(labExists('wf-pr-7')).toBe(true);
    expect(opened.skippedActions).toEqual([expect.stringMatching(/^actions\/checkout@/)]);
    // The lab's key reached the steps' logs only masked, as the runner shows them.
    expect(opened.steps.map((each) => each.log).join('\n')).not.toContain('PRIVATE KEY');

    expect((await followUp(opened, sha('1'))).conclusion).toBe('success');
    const [comment] = api.comments.get(7)!;
    expect(comment.body).toMatch(/\| stack \| ✅ success \| [\d.]+ s \| `http:\/\//);

    api.pullHeads.set(7, sha('2'));
    const pushed = await run({ workflow: 'pr-cluster.yml', event: pullRequestEvent('synchronize', 7, sha('2')), sha: sha('2') });
    expect(failedLogs(pushed)).toEqual([]);
    expect((await followUp(pushed, sha('2'))).conclusion).toBe('success');
    expect(api.comments.get(7)).toHaveLength(1);
    expect(api.comments.get(7)![0].body).toContain(`Commit ${sha('2').slice(0, 12)}`);
    expect(api.calls.filter((call) => call.method !== 'GET').map((call) => call.method)).toEqual(['POST', 'PATCH']);

    const closed = await run({ workflow: 'pr-cluster-teardown.yml', event: pullRequestEvent('closed', 7, sha('2'), undefined, 'pull_request_target'), sha: sha('0') });
    expect(failedLogs(closed)).toEqual([]);
    expect(closed.steps.filter((each) => each.kind === 'action').map((each) => [each.uses, each.outcome])).toEqual([['./actions/teardown', 'success']]);
    expect(labExists('wf-pr-7')).toBe(false);
  }, minutes(40));

  it('a fork pull request: the same cycle on the lab, torn down, and its comment written by the follow-up', async () => {
    api.pullHeads.set(8, sha('3'));
    const opened = await run({ workflow: 'pr-cluster.yml', event: pullRequestEvent('opened', 8, sha('3'), 'mallory/swarm'), sha: sha('3') });
    expect(failedLogs(opened)).toEqual([]);
    expect(opened.jobs.map((job) => [job.id, job.environment])).toEqual([['cycle', undefined]]);
    expect(outcomes(opened)).toMatchObject({ deploy: 'success', replicated: 'success', global: 'success', stack: 'success', teardown: 'success' });
    expect(labExists('wf-pr-8')).toBe(false);
    // Nothing wrote to the pull request during the run itself (a fork's token could not).
    expect(api.comments.get(8)).toBeUndefined();
    expect((await followUp(opened, sha('3'))).conclusion).toBe('success');
    expect(api.comments.get(8)).toHaveLength(1);
    expect(api.comments.get(8)![0].body).toContain('`wf-pr-8` (lab): success');

    // The fork's close has nothing to remove (its lab went with its runner): the job is skipped.
    const closed = await run({ workflow: 'pr-cluster-teardown.yml', event: pullRequestEvent('closed', 8, sha('3'), 'mallory/swarm', 'pull_request_target'), sha: sha('0') });
    expect(closed.jobs.map((job) => [job.id, job.conclusion])).toEqual([['teardown', 'skipped']]);
  }, minutes(30));

  it('a failing step still leads to teardown', async () => {
    const failed = await run({
      workflow: 'cluster-cycle.yml',
      event: dispatchEvent(),
      inputs: { provider: 'lab', 'resource-group': 'wf-fail', 'agent-count': 1, services: '', 'scale-agents-to': 500 },
      sha: sha('4'),
    });
    expect(failed.conclusion).toBe('failure');
    expect(failedLogs(failed).filter((log) => !log.startsWith('scale-agents:'))).toEqual([]);
    expect(outcomes(failed)).toEqual({ deploy: 'success', 'scale-agents': 'failure', teardown: 'success' });
    expect(step(failed, 'scale-agents')!.log).toContain('count');
    // deploy-cluster's own post step (keep false, the job failed) ran too, after the teardown step: nothing left to remove.
    expect(step(failed, 'post-deploy')!.outcome).toBe('success');
    expect(labExists('wf-fail')).toBe(false);
  }, minutes(20));

  // The budget's failure and the issue are shown with a recorded timeline
  // (test/workflows/chaos-report.test.ts): whether a poll catches a service below its count
  // during a real restart depends on timing.
  it('the chaos monkey on an ephemeral lab: every agent restarted, a timeline in the job summary, the time to full strength', async () => {
    const chaos = await run({ workflow: 'chaos-monkey.yml', event: dispatchEvent(), inputs: { provider: 'lab', 'agent-count': 2 }, sha: sha('5') });
    expect(failedLogs(chaos)).toEqual([]);
    const [job] = chaos.jobs;
    expect([job.id, job.environment, job.timeoutMinutes]).toEqual(['chaos', undefined, 60]);
    const timeline = job.summary.slice(job.summary.indexOf('## Chaos monkey timeline'));
    for (const agent of ['agents000000', 'agents000001']) expect(timeline).toMatch(new RegExp(`\\| \\+[\\d.]+ \\| node ${agent} back \\(Ready`));
    expect(timeline).toMatch(/Back to full strength \*\*[\d.]+ s\*\* after the first restart/);
    expect(api.issues).toEqual([]);
    expect(labExists('wf-chaos')).toBe(false);
  }, minutes(20));
});
