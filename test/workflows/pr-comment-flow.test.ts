// pr-cluster-comment.yml executed by the workflow harness (no cluster: the report artifact of a
// pr-cluster run is given), against the GitHub REST stand-in: one sticky comment per pull
// request, created once and updated in place; an artifact that names another pull request, or
// carries markup, writes nothing (the artifact is the pull request's, untrusted).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workflowRunEvent, repository } from './harness/events.js';
import { startGitHubStandIn, type GitHubStandIn } from './harness/github-api.js';
import { runWorkflow } from './harness/run-workflow.js';

const headSha = 'a'.repeat(40);
const report = (overrides: Record<string, unknown> = {}) => ({
  version: 1,
  cluster: 'swarm-pr-7',
  provider: 'lab',
  pullRequest: 7,
  headSha,
  endpoints: { master: '10.0.0.4', agents: '10.0.0.5' },
  nodes: [{ hostname: 'master0', role: 'manager', status: 'ready', availability: 'active' }],
  tests: [{ name: 'deploy', outcome: 'success', seconds: 41.2 }, { name: 'replicated', outcome: 'failure', seconds: 12, url: 'http://10.0.0.5:80' }],
  ...overrides,
});

describe('pr-cluster-comment.yml (workflow_run follow-up)', () => {
  let api: GitHubStandIn;
  const artifacts = new Map<number, Map<string, string>>();
  let runId = 500;

  /** A pr-cluster run that uploaded `content` as its report, then the follow-up for it. */
  async function followUp(content: unknown, sha = headSha) {
    runId += 1;
    const dir = mkdtempSync(join(tmpdir(), 'wf-report-'));
    writeFileSync(join(dir, 'report.json'), JSON.stringify(content));
    artifacts.set(runId, new Map([['pr-cluster-report', dir]]));
    return runWorkflow({
      workflow: 'pr-cluster-comment.yml',
      event: workflowRunEvent('pr-cluster', runId, sha, 'failure'),
      githubApiUrl: api.url,
      artifacts,
      runId: runId + 1000,
      sha: 'b'.repeat(40),
    });
  }
  const writes = () => api.calls.filter((call) => call.method !== 'GET');

  beforeAll(async () => {
    api = await startGitHubStandIn(repository);
    api.pullHeads.set(7, headSha);
  });
  afterAll(() => api.close());

  it('creates the comment once, then updates the same comment', async () => {
    const first = await followUp(report());
    expect(first.conclusion).toBe('success');
    expect(first.skippedActions).toEqual([expect.stringMatching(/^actions\/checkout@/)]);
    expect(writes().map((call) => `${call.method} ${call.path}`)).toEqual([`POST /repos/${repository}/issues/7/comments`]);
    const [comment] = api.comments.get(7)!;
    expect(comment.body).toContain('<!-- azswarm:pr-cluster -->');
    expect(comment.body).toContain('| replicated | ❌ failure | 12 s | `http://10.0.0.5:80` |');
    expect(comment.body).toContain('| master0 | manager | ready | active |');

    const second = await followUp(report({ tests: [{ name: 'deploy', outcome: 'success', seconds: 9 }] }));
    expect(second.conclusion).toBe('success');
    expect(writes().map((call) => `${call.method} ${call.path}`)).toEqual([`POST /repos/${repository}/issues/7/comments`, `PATCH /repos/${repository}/issues/comments/${comment.id}`]);
    expect(api.comments.get(7)).toHaveLength(1);
    expect(api.comments.get(7)![0].body).toContain('| deploy | ✅ success | 9 s |');
  });

  it("ignores someone else's comment that copies the marker", async () => {
    api.comments.set(7, [{ id: 1, body: '<!-- azswarm:pr-cluster --> mine', user: { login: 'mallory' } }, ...(api.comments.get(7) ?? [])]);
    await followUp(report());
    expect(api.comments.get(7)![0].body).toBe('<!-- azswarm:pr-cluster --> mine');
  });

  it('writes nothing for a report that names a pull request whose head is another commit', async () => {
    const before = writes().length;
    const run = await followUp(report({ pullRequest: 7 }), 'c'.repeat(40));
    expect(run.conclusion).toBe('failure');
    expect(run.steps.find((step) => step.kind === 'run')!.log).toContain('whose head is not the run');
    expect(writes().length).toBe(before);
  });

  it('writes nothing for a report that carries markup', async () => {
    const before = writes().length;
    const run = await followUp(report({ nodes: [{ hostname: '<img src=x onerror=alert(1)>', role: 'manager', status: 'ready', availability: 'active' }] }));
    expect(run.conclusion).toBe('failure');
    expect(run.steps.find((step) => step.kind === 'run')!.log).toContain('nodes[0].hostname must be');
    expect(writes().length).toBe(before);
  });
});
