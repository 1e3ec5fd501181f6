// The workflows call the actions of this repository: every `with:` key must be an input the
// action declares, every required input must be given, and outputs read from a step must exist.
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { defaultSwarmWaitMs } from '../../src/operations/cluster.js';

interface ActionFile {
  inputs: Record<string, { required?: boolean }>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string; post?: string; 'post-if'?: string };
}
interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  permissions?: Record<string, string>;
  // A job that calls a reusable workflow has no steps.
  jobs: Record<string, { steps?: Step[] }>;
}

const read = <T>(path: string): T => parse(readFileSync(path, 'utf8')) as T;
const action = (name: string) => read<ActionFile>(`actions/${name}/action.yml`);
const workflows = readdirSync('.github/workflows').map((file) => [file, read<Workflow>(`.github/workflows/${file}`)] as const);

describe('workflows and action metadata', () => {
  it.each(['deploy-cluster', 'scale', 'rollout', 'teardown'])('%s runs on node24 from its bundle, every input and output described', (name) => {
    const metadata = parse(readFileSync(`actions/${name}/action.yml`, 'utf8')) as ActionFile & { inputs: Record<string, { description?: string }>; outputs: Record<string, { description?: string }> };
    expect(metadata.runs).toMatchObject({ using: 'node24', main: 'dist/index.js' });
    const undescribed = [...Object.entries(metadata.inputs), ...Object.entries(metadata.outputs)].filter(([, spec]) => (spec.description ?? '').length < 10);
    expect(undescribed.map(([key]) => key)).toEqual([]);
  });

  it("the CLI waits for the swarm as long as deploy-cluster's timeout-minutes default (a first boot installs packages)", () => {
    const metadata = parse(readFileSync('actions/deploy-cluster/action.yml', 'utf8')) as { inputs: Record<string, { default?: string }> };
    expect(Number(metadata.inputs['timeout-minutes']!.default) * 60_000).toBe(defaultSwarmWaitMs);
    expect(defaultSwarmWaitMs).toBeGreaterThan(300_000); // the old 5 minutes were too short for a small VM
  });

  it('deploy-cluster registers a post step that runs only when the job failed or was cancelled', () => {
    expect(action('deploy-cluster').runs).toMatchObject({ post: 'dist/index.js', 'post-if': 'failure() || cancelled()' });
  });

  it.each(workflows)('%s passes only declared inputs, all required ones, and reads declared outputs', (_file, workflow) => {
    for (const job of Object.values(workflow.jobs)) {
      const stepActions = new Map<string, string>();
      for (const step of job.steps ?? []) {
        const local = /^\.\/actions\/([a-z-]+)$/.exec(step.uses ?? '');
        if (!local) continue;
        const metadata = action(local[1]);
        if (step.id) stepActions.set(step.id, local[1]);
        const given = Object.keys(step.with ?? {});
        expect(given.filter((input) => !(input in metadata.inputs))).toEqual([]);
        const required = Object.entries(metadata.inputs).filter(([, spec]) => spec.required).map(([input]) => input);
        expect(required.filter((input) => !given.includes(input))).toEqual([]);
      }
      const text = JSON.stringify(job);
      for (const [, id, output] of text.matchAll(/steps\.([a-z-]+)\.outputs\.([a-z-]+)/g)) {
        // Outputs of run: steps are whatever their script writes; only actions declare theirs.
        if (stepActions.has(id)) expect(Object.keys(action(stepActions.get(id)!).outputs)).toContain(output);
      }
    }
  });

  it('workflows that sign in with OIDC grant id-token: write', () => {
    for (const [file, workflow] of workflows) {
      if (JSON.stringify(workflow).includes('"auth":"oidc"')) expect([file, workflow.permissions?.['id-token']]).toEqual([file, 'write']);
    }
  });

  it.each(['deploy-cluster', 'scale', 'rollout', 'teardown'])('docs/actions.md documents every input and output of %s', (name) => {
    const docs = readFileSync('docs/actions.md', 'utf8');
    const section = docs.slice(docs.indexOf(`## actions/${name}`)).split('\n## ')[0];
    const metadata = action(name);
    const missing = [...Object.keys(metadata.inputs), ...Object.keys(metadata.outputs)].filter((key) => !section.includes(`| \`${key}\` |`));
    expect(missing).toEqual([]);
  });
});
