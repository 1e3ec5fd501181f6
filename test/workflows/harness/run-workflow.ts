// Runs a workflow of .github/workflows the way GitHub would for one event: GitHub's own parser
// (@actions/workflow-parser, reusable workflows of this repository included) and expression
// evaluator decide which jobs and steps run; `run:` steps run with bash, this repository's
// actions run from their committed actions/*/dist bundles exactly as the runner starts them
// (INPUT_* variables, GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE / GITHUB_STEP_SUMMARY files,
// post steps with their post-if), and third-party actions are skipped and reported by name,
// except the artifact pair, which a directory stands in for (a run's report reaches a later
// workflow_run through it). Not modelled: runners (every job runs here, in this checkout, as
// the workspace), concurrency groups and environments (evaluated and recorded only), matrices.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { convertWorkflowTemplate, isMapping, isSequence, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import type { MappingToken, TemplateToken } from '@actions/workflow-parser/templates/tokens/index';
import type { ActionStep, Job, ReusableWorkflowJob, RunStep, Step, WorkflowJob, WorkflowTemplate } from '@actions/workflow-parser/model/workflow-template';
import { parse } from 'yaml';
import { parseFileCommands } from '../../actions/run-action.js';
import { asText, evaluateCondition, evaluateToken, type Contexts, type JobStatus } from './expressions.js';

export interface WorkflowEvent {
  name: string;
  payload: Record<string, unknown>;
}

export interface RunOptions {
  /** A file of .github/workflows. */
  workflow: string;
  event: WorkflowEvent;
  /** workflow_dispatch inputs. */
  inputs?: Record<string, unknown>;
  vars?: Record<string, string>;
  secrets?: Record<string, string>;
  /** Added to every step's environment (e.g. AZSWARM_LAB_ROOT). */
  env?: Record<string, string>;
  githubApiUrl: string;
  /** Artifacts by run id, then name: the directory each upload copied its files into. */
  artifacts: Map<number, Map<string, string>>;
  runId: number;
  sha: string;
}

export interface StepRecord {
  job: string;
  id: string;
  uses?: string;
  /** run, action (this repository's), post, stand-in (artifacts), skipped-action (third-party) */
  kind: 'run' | 'action' | 'post' | 'stand-in' | 'skipped-action';
  outcome: 'success' | 'failure' | 'skipped' | 'cancelled';
  outputs: Record<string, string>;
  log: string;
}

export interface JobRecord {
  id: string;
  conclusion: 'success' | 'failure' | 'skipped' | 'cancelled';
  environment?: string;
  timeoutMinutes?: number;
  summary: string;
}

export interface WorkflowRun {
  triggered: boolean;
  conclusion: 'success' | 'failure' | 'skipped';
  jobs: JobRecord[];
  steps: StepRecord[];
  skippedActions: string[];
  concurrency?: unknown;
}

const repositoryRoot = resolve('.');
const node24 = resolve('node_modules/.bin/node');

function parseFile(path: string) {
  const parsed = parseWorkflow({ name: path, content: readFileSync(path, 'utf8') }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors();
  if (errors.length > 0 || !parsed.value) throw new Error(`${path}: ${errors.map((error) => error.message).join('; ')}`);
  return { context: parsed.context, value: parsed.value };
}

function entry(mapping: TemplateToken | undefined, key: string): TemplateToken | undefined {
  if (mapping === undefined || !isMapping(mapping)) return undefined;
  for (const pair of mapping) if (String((pair.key as { value?: unknown }).value) === key) return pair.value;
  return undefined;
}

/**
 * What the converted model leaves out (a step's `with:`, a job's `timeout-minutes`), read from
 * the parser's own token tree of the same file: job id, then the job's mapping.
 */
function rawJobs(path: string): Map<string, MappingToken> {
  const jobs = entry(parseFile(path).value, 'jobs');
  const byId = new Map<string, MappingToken>();
  if (jobs && isMapping(jobs)) for (const pair of jobs) byId.set(String((pair.key as { value?: unknown }).value), pair.value as MappingToken);
  return byId;
}

/** The parsed and converted workflow (reusable workflows of this repository fetched too). */
export async function loadWorkflow(file: string): Promise<WorkflowTemplate> {
  const path = `.github/workflows/${file}`;
  const parsed = parseFile(path);
  const local = { getFileContent: async (ref: { path?: string }) => ({ name: ref.path!, content: readFileSync(ref.path!, 'utf8') }) };
  const template = await convertWorkflowTemplate(parsed.context, parsed.value, local, { fetchReusableWorkflowDepth: 1 });
  if (template.errors?.length) throw new Error(`${path}: ${template.errors.map((error) => error.Message).join('; ')}`);
  return template;
}

/** Whether the workflow's `on:` takes this event (activity types and workflow names). */
export function triggeredBy(template: WorkflowTemplate, event: WorkflowEvent): boolean {
  const config = template.events[event.name] as { types?: string[]; workflows?: string[] } | undefined;
  if (config === undefined) return false;
  const action = event.payload.action as string | undefined;
  const defaultTypes: Record<string, string[]> = { pull_request: ['opened', 'synchronize', 'reopened'], pull_request_target: ['opened', 'synchronize', 'reopened'] };
  const types = config.types ?? defaultTypes[event.name];
  if (types && action !== undefined && !types.includes(action)) return false;
  const workflowName = (event.payload.workflow as { name?: string } | undefined)?.name;
  return !(config.workflows && !config.workflows.includes(workflowName ?? ''));
}

interface ProcessResult {
  exitCode: number;
  log: string;
  timedOut: boolean;
}

/**
 * The log as the runner shows it: values registered with `::add-mask::` (also by an earlier
 * step of the job, hence the shared set) replaced by ***, the registering lines dropped.
 */
function maskLog(log: string, masks: Set<string>): string {
  const decode = (value: string) => value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const kept: string[] = [];
  for (const line of log.split('\n')) {
    const mask = /^::add-mask::(.*)$/.exec(line);
    if (!mask) kept.push(line);
    else for (const value of [decode(mask[1]), ...decode(mask[1]).split('\n')]) if (value.trim().length > 0) masks.add(value);
  }
  let masked = kept.join('\n');
  for (const value of [...masks].sort((a, b) => b.length - a.length)) masked = masked.split(value).join('***');
  return masked;
}

function runProcess(command: string, args: string[], env: Record<string, string>, deadline: number, masks: Set<string>): Promise<ProcessResult> {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd: repositoryRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, Math.max(1, deadline - Date.now()));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ exitCode: code ?? -1, log: maskLog(log, masks), timedOut });
    });
  });
}

interface ActionMetadata {
  inputs?: Record<string, { default?: string }>;
  runs: { using: string; main: string; post?: string; 'post-if'?: string };
}

interface PendingPost {
  stepId: string;
  dir: string;
  metadata: ActionMetadata;
  env: Record<string, string>;
  state: Record<string, string>;
}

class JobRunner {
  readonly status: JobStatus = { failed: false, cancelled: false };
  readonly steps: Record<string, { outcome: string; conclusion: string; outputs: Record<string, string> }> = {};
  readonly posts: PendingPost[] = [];
  private readonly masks = new Set<string>();
  summary = '';
  private readonly temp: string;
  private readonly deadline: number;
  private readonly jobEnv: Record<string, string> = {};

  constructor(
    private readonly run: RunOptions,
    private readonly record: WorkflowRun,
    private readonly jobId: string,
    private readonly contexts: Contexts,
    timeoutMinutes: number,
  ) {
    this.temp = mkdtempSync(join(tmpdir(), `wf-job-${jobId}-`));
    this.deadline = Date.now() + timeoutMinutes * 60_000;
  }

  private currentContexts(): Contexts {
    return { ...this.contexts, env: this.jobEnv, steps: this.steps, runner: { os: 'Linux', arch: 'X64', temp: this.temp, name: 'harness' }, job: { status: this.status.failed ? 'failure' : 'success' } };
  }

  setJobEnv(env: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(env)) this.jobEnv[key] = asText(value);
  }

  private baseEnv(stepId: string): Record<string, string> {
    const eventPath = join(this.temp, 'event.json');
    writeFileSync(eventPath, JSON.stringify(this.run.event.payload));
    const github = this.contexts.github as Record<string, string>;
    return {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: this.temp,
      LANG: 'C.UTF-8',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: repositoryRoot,
      GITHUB_REPOSITORY: github.repository,
      GITHUB_REPOSITORY_OWNER: github.repository_owner,
      GITHUB_EVENT_NAME: this.run.event.name,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_SHA: github.sha,
      GITHUB_REF: github.ref,
      GITHUB_RUN_ID: String(this.run.runId),
      GITHUB_API_URL: this.run.githubApiUrl,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_JOB: this.jobId,
      GITHUB_ACTION: stepId,
      RUNNER_OS: 'Linux',
      RUNNER_TEMP: this.temp,
      ...this.run.env,
      ...this.jobEnv,
    };
  }

  /** Fresh file-command files for one step; read back after it. */
  private commandFiles(stepId: string) {
    const dir = mkdtempSync(join(this.temp, `step-${stepId}-`));
    const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_ENV: join(dir, 'env'), GITHUB_STATE: join(dir, 'state'), GITHUB_STEP_SUMMARY: join(dir, 'summary'), GITHUB_PATH: join(dir, 'path') };
    for (const file of Object.values(files)) writeFileSync(file, '');
    return files;
  }

  private collect(files: ReturnType<JobRunner['commandFiles']>) {
    Object.assign(this.jobEnv, parseFileCommands(readFileSync(files.GITHUB_ENV, 'utf8')));
    this.summary += readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8');
    return { outputs: parseFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8')), state: parseFileCommands(readFileSync(files.GITHUB_STATE, 'utf8')) };
  }

  private finish(step: { id: string; uses?: string; kind: StepRecord['kind'] }, result: ProcessResult | undefined, outputs: Record<string, string>, continueOnError: boolean): void {
    const outcome: StepRecord['outcome'] = result === undefined ? 'success' : result.timedOut ? 'cancelled' : result.exitCode === 0 ? 'success' : 'failure';
    if (result?.timedOut) this.status.cancelled = true;
    const conclusion = outcome === 'failure' && continueOnError ? 'success' : outcome;
    if (conclusion === 'failure') this.status.failed = true;
    this.steps[step.id] = { outcome, conclusion, outputs };
    this.record.steps.push({ job: this.jobId, id: step.id, ...(step.uses ? { uses: step.uses } : {}), kind: step.kind, outcome, outputs, log: result?.log ?? '' });
  }

  async runStep(step: Step, raw: TemplateToken | undefined): Promise<void> {
    const execution = step as RunStep | ActionStep;
    const contexts = this.currentContexts();
    const uses = 'uses' in execution ? execution.uses.value : undefined;
    if (!evaluateCondition(execution.if.expression, contexts, this.status)) {
      this.steps[step.id] = { outcome: 'skipped', conclusion: 'skipped', outputs: {} };
      this.record.steps.push({ job: this.jobId, id: step.id, ...(uses ? { uses } : {}), kind: uses ? 'action' : 'run', outcome: 'skipped', outputs: {}, log: '' });
      return;
    }
    const continueOnError = Boolean(evaluateToken(execution['continue-on-error'] as TemplateToken | undefined, contexts, this.status));
    const stepEnv = Object.fromEntries(Object.entries((evaluateToken(execution.env, contexts, this.status) ?? {}) as Record<string, unknown>).map(([key, value]) => [key, asText(value)]));
    const files = this.commandFiles(step.id);
    const env = { ...this.baseEnv(step.id), ...stepEnv, ...files };
    if ('run' in execution) {
      const script = join(this.temp, `${step.id}.sh`);
      writeFileSync(script, asText(evaluateToken(execution.run, contexts, this.status)));
      const result = await runProcess('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], env, this.deadline, this.masks);
      this.finish({ id: step.id, kind: 'run' }, result, this.collect(files).outputs, continueOnError);
      return;
    }
    const given = (evaluateToken(entry(raw, 'with'), contexts, this.status) ?? {}) as Record<string, unknown>;
    if (uses!.startsWith('./')) {
      const dir = uses!.slice(2);
      const metadata = parse(readFileSync(join(dir, 'action.yml'), 'utf8')) as ActionMetadata;
      const inputs = Object.fromEntries(Object.entries(metadata.inputs ?? {}).map(([name, spec]) => [name, name in given ? asText(given[name]) : (spec.default ?? '')]));
      const inputEnv = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]));
      const result = await runProcess(node24, [join(dir, metadata.runs.main)], { ...env, ...inputEnv }, this.deadline, this.masks);
      const { outputs, state } = this.collect(files);
      if (metadata.runs.post) this.posts.push({ stepId: step.id, dir, metadata, env: { ...stepEnv, ...inputEnv }, state });
      this.finish({ id: step.id, uses, kind: 'action' }, result, outputs, continueOnError);
      return;
    }
    const standIn = artifactStandIns[uses!.split('@')[0]];
    if (standIn) {
      standIn(given, this.run);
      this.finish({ id: step.id, uses, kind: 'stand-in' }, undefined, {}, continueOnError);
      return;
    }
    this.record.skippedActions.push(uses!);
    this.finish({ id: step.id, uses, kind: 'skipped-action' }, undefined, {}, continueOnError);
  }

  /** The job's RUNNER_TEMP goes with the job, as on a hosted runner (it holds keys). */
  cleanUp(): void {
    rmSync(this.temp, { recursive: true, force: true });
  }

  /** Post steps, last registered first, each when its post-if holds (default always()). */
  async runPosts(): Promise<void> {
    for (const post of this.posts.reverse()) {
      const condition = post.metadata.runs['post-if'] ?? 'always()';
      const id = `post-${post.stepId}`;
      if (!evaluateCondition(condition, this.currentContexts(), this.status)) {
        this.record.steps.push({ job: this.jobId, id, kind: 'post', outcome: 'skipped', outputs: {}, log: '' });
        continue;
      }
      const files = this.commandFiles(id);
      const stateEnv = Object.fromEntries(Object.entries(post.state).map(([key, value]) => [`STATE_${key}`, value]));
      const result = await runProcess(node24, [join(post.dir, post.metadata.runs.post!)], { ...this.baseEnv(id), ...post.env, ...stateEnv, ...files }, this.deadline + 5 * 60_000, this.masks);
      this.collect(files);
      this.record.steps.push({ job: this.jobId, id, kind: 'post', outcome: result.exitCode === 0 ? 'success' : 'failure', outputs: {}, log: result.log });
    }
  }
}

/** actions/upload-artifact and actions/download-artifact: files through a directory per run. */
const artifactStandIns: Record<string, (given: Record<string, unknown>, run: RunOptions) => void> = {
  'actions/upload-artifact': (given, run) => {
    const path = asText(given.path);
    if (!existsSync(path)) return;
    const dir = mkdtempSync(join(tmpdir(), 'wf-artifact-'));
    copyFileSync(path, join(dir, basename(path)));
    const byName = run.artifacts.get(run.runId) ?? new Map<string, string>();
    byName.set(asText(given.name), dir);
    run.artifacts.set(run.runId, byName);
  },
  'actions/download-artifact': (given, run) => {
    const runId = given['run-id'] === undefined ? run.runId : Number(given['run-id']);
    const dir = run.artifacts.get(runId)?.get(asText(given.name));
    if (!dir) throw new Error(`no artifact ${asText(given.name)} in run ${runId}`);
    const target = asText(given.path);
    mkdirSync(target, { recursive: true });
    for (const file of readdirSync(dir)) copyFileSync(join(dir, file), join(target, file));
  },
};

function inputDefaults(definitions: TemplateToken | undefined, contexts: Contexts): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  if (definitions === undefined || !isMapping(definitions)) return defaults;
  for (const pair of definitions) {
    const spec = evaluateToken(pair.value, contexts, { failed: false, cancelled: false }) as { default?: unknown } | null;
    defaults[String(evaluateToken(pair.key, contexts, { failed: false, cancelled: false }))] = spec?.default ?? null;
  }
  return defaults;
}

async function runJobs(jobs: WorkflowJob[], path: string, run: RunOptions, record: WorkflowRun, contexts: Contexts): Promise<void> {
  const raws = rawJobs(path);
  const concluded: Record<string, JobRecord['conclusion']> = {};
  for (const job of jobs) {
    const id = job.id.value;
    const needs = (job.needs ?? []).map((need) => need.value);
    const needsFailed = needs.some((need) => concluded[need] !== 'success');
    const jobContexts = { ...contexts, needs: Object.fromEntries(needs.map((need) => [need, { result: concluded[need] }])) };
    if (!evaluateCondition(job.if.expression, jobContexts, { failed: needsFailed, cancelled: false })) {
      concluded[id] = 'skipped';
      record.jobs.push({ id, conclusion: 'skipped', summary: '' });
      continue;
    }
    if (job.type === 'reusableWorkflowJob') {
      concluded[id] = await runReusable(job, run, record, jobContexts);
      continue;
    }
    concluded[id] = await runJob(job, raws.get(id), run, record, jobContexts);
  }
}

async function runReusable(job: ReusableWorkflowJob, run: RunOptions, record: WorkflowRun, contexts: Contexts): Promise<JobRecord['conclusion']> {
  const status = { failed: false, cancelled: false };
  const given = (evaluateToken(job['input-values'], contexts, status) ?? {}) as Record<string, unknown>;
  const inputs = { ...inputDefaults(job['input-definitions'], contexts), ...given };
  const secrets = job['inherit-secrets'] ? contexts.secrets : evaluateToken(job['secret-values'], contexts, status) ?? {};
  const before = record.jobs.length;
  await runJobs(job.jobs ?? [], job.ref.value.replace(/^\.\//, ''), run, record, { ...contexts, inputs, secrets });
  const called = record.jobs.slice(before);
  return called.some((each) => each.conclusion === 'failure') ? 'failure' : 'success';
}

async function runJob(job: Job, raw: MappingToken | undefined, run: RunOptions, record: WorkflowRun, contexts: Contexts): Promise<JobRecord['conclusion']> {
  const status = { failed: false, cancelled: false };
  const timeoutMinutes = Number(evaluateToken(entry(raw, 'timeout-minutes'), contexts, status) ?? 360);
  const rawSteps = entry(raw, 'steps');
  const runner = new JobRunner(run, record, job.id.value, contexts, timeoutMinutes);
  runner.setJobEnv((evaluateToken(job.env, contexts, status) ?? {}) as Record<string, unknown>);
  const environment = asText(evaluateToken(job.environment, contexts, status)) || undefined;
  for (const [index, step] of job.steps.entries()) await runner.runStep(step, rawSteps && isSequence(rawSteps) ? rawSteps.get(index) : undefined);
  await runner.runPosts();
  runner.cleanUp();
  const conclusion = runner.status.cancelled ? 'cancelled' : runner.status.failed ? 'failure' : 'success';
  record.jobs.push({ id: job.id.value, conclusion, ...(environment ? { environment } : {}), timeoutMinutes, summary: runner.summary });
  return conclusion;
}

export async function runWorkflow(options: RunOptions): Promise<WorkflowRun> {
  const template = await loadWorkflow(options.workflow);
  const record: WorkflowRun = { triggered: false, conclusion: 'skipped', jobs: [], steps: [], skippedActions: [] };
  if (!triggeredBy(template, options.event)) return record;
  record.triggered = true;
  const repository = (options.event.payload.repository as { full_name: string }).full_name;
  const github = {
    event_name: options.event.name,
    event: options.event.payload,
    repository,
    repository_owner: repository.split('/')[0],
    sha: options.sha,
    ref: 'refs/heads/main',
    run_id: String(options.runId),
    token: 'ghs_harness_token',
    api_url: options.githubApiUrl,
    server_url: 'https://github.com',
    workspace: repositoryRoot,
    workflow: options.workflow,
  };
  const dispatchDefaults = Object.entries(template.events.workflow_dispatch?.inputs ?? {}).map(([name, spec]) => [name, spec.default ?? null]);
  const dispatchInputs = options.event.name === 'workflow_dispatch' ? { ...Object.fromEntries(dispatchDefaults), ...options.inputs } : {};
  const contexts: Contexts = { github, inputs: dispatchInputs, vars: options.vars ?? {}, secrets: { GITHUB_TOKEN: github.token, ...options.secrets }, matrix: {}, strategy: {} };
  const status = { failed: false, cancelled: false };
  record.concurrency = evaluateToken(template.concurrency, contexts, status);
  await runJobs(template.jobs, `.github/workflows/${options.workflow}`, options, record, contexts);
  record.conclusion = record.jobs.some((job) => job.conclusion === 'failure' || job.conclusion === 'cancelled') ? 'failure' : 'success';
  return record;
}

