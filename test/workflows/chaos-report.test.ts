// The chaos monkey's report and issue from a recorded timeline (what chaos-watch.mjs's watcher
// writes while the agents restart): a service below its desired count longer than the budget
// fails the step with the timeline in the job summary, and the one `chaos-monkey` issue is
// opened, then updated by the next failing run (the GitHub REST stand-in records the calls).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repository } from './harness/events.js';
import { startGitHubStandIn, type GitHubStandIn } from './harness/github-api.js';

function recordedRun(serviceDownMs: number) {
  const temp = mkdtempSync(join(tmpdir(), 'wf-chaos-'));
  mkdirSync(join(temp, 'chaos'));
  const t0 = Date.now() - 60_000;
  const events = [
    { at: t0, kind: 'watching', nodes: 3, services: 1 },
    { at: t0 + 1000, kind: 'node-down', name: 'agents000000', status: 'Down' },
    { at: t0 + 1500, kind: 'service-below', name: 'web-replicated', running: 2, desired: 4 },
    { at: t0 + 4000, kind: 'node-back', name: 'agents000000', rejoined: true },
    { at: t0 + 1500 + serviceDownMs, kind: 'service-back', name: 'web-replicated', running: 4, desired: 4 },
  ];
  writeFileSync(join(temp, 'chaos', 'events.jsonl'), events.map((event) => JSON.stringify(event)).join('\n') + '\n');
  writeFileSync(join(temp, 'chaos', 'last.json'), JSON.stringify({ nodes: { n1: { name: 'agents000000', status: 'Ready' } }, services: { 'web-replicated': { running: 4, desired: 4 } } }));
  writeFileSync(join(temp, 'summary'), '');
  const report = spawnSync('node', ['scripts/workflows/chaos-watch.mjs', 'report'], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env.PATH, RUNNER_TEMP: temp, GITHUB_STEP_SUMMARY: join(temp, 'summary'), BUDGET_SECONDS: '5' },
  });
  return { temp, status: report.status, stdout: report.stdout, summary: readFileSync(join(temp, 'summary'), 'utf8') };
}

describe('chaos monkey report and issue', () => {
  let api: GitHubStandIn;
  beforeAll(async () => {
    api = await startGitHubStandIn(repository);
  });
  afterAll(() => api.close());

  // Asynchronous: the REST stand-in answers from this process's event loop.
  const issue = (temp: string, runId: number) =>
    new Promise<{ status: number | null }>((resolve) => {
      const child = spawn('node', ['scripts/workflows/chaos-issue.mjs'], {
        stdio: 'ignore',
        timeout: 30_000,
        env: { PATH: process.env.PATH, GITHUB_REPOSITORY: repository, GITHUB_API_URL: api.url, GITHUB_TOKEN: 'ghs_test', TIMELINE: join(temp, 'chaos', 'timeline.json'), RUN_URL: `https://github.com/${repository}/actions/runs/${runId}` },
      });
      child.on('close', (status) => resolve({ status }));
    });

  it('within the budget: the timeline and the time to full strength, success', () => {
    const run = recordedRun(3000);
    expect(run.status).toBe(0);
    expect(run.summary).toContain('| +0.0 | node agents000000 down (Down) |');
    expect(run.summary).toContain('| +3.0 | node agents000000 back (Ready, rejoined as a new swarm node after its restart) |');
    expect(run.summary).toContain('| +3.5 | service web-replicated back to its desired count (4/4) |');
    expect(run.summary).toContain('Back to full strength **3.5 s** after the first restart.');
  });

  it('over the budget: fails naming the service, and one labelled issue is opened, then updated', async () => {
    const first = recordedRun(8000);
    expect(first.status).toBe(1);
    expect(first.summary).toContain('**web-replicated stayed below its desired count for 8.0 s.**');
    expect(first.stdout).toContain('::error::web-replicated stayed below the desired count longer than 5 s');
    expect((await issue(first.temp, 1)).status).toBe(0);
    expect(api.issues.map((each) => [each.number, each.labels, each.body.includes('runs/1')])).toEqual([[1, ['chaos-monkey'], true]]);

    const second = recordedRun(9000);
    expect(second.status).toBe(1);
    expect((await issue(second.temp, 2)).status).toBe(0);
    expect(api.issues).toHaveLength(1);
    expect(api.issues[0].body).toContain('runs/2');
    expect(api.issues[0].body).toContain('web-replicated: 9.0 s below its desired count (budget 5 s)');
    expect(api.calls.filter((call) => call.method !== 'GET').map((call) => `${call.method} ${call.path}`)).toEqual([`POST /repos/${repository}/issues`, `PATCH /repos/${repository}/issues/1`]);
  });
});
