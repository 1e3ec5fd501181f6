// The part of the GitHub runner's protocol the actions use: inputs from INPUT_* variables,
// outputs and state as file commands, masks, log commands, the job summary, the event payload
// and the OIDC ID token. The same wire format as @actions/core and @actions/github, which an
// action no longer bundles: they load undici and Octokit when imported (1 MB of bundle, and
// 0.2 s of CPU before an action could send its first request; docs/benchmarks.md).
import { createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import { randomUUID } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { EOL } from 'node:os';
import { ToolkitError } from '../core/errors.js';
import { sendForJson } from '../providers/index.js';

/** A command's message: %, CR and LF escaped, so a value cannot end the command early. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function issue(command: string, message = ''): void {
  process.stdout.write(`::${command}::${escapeData(message)}${EOL}`);
}

/** `name<<delimiter` … `delimiter` in the file a variable names (GITHUB_OUTPUT, GITHUB_STATE). */
function appendKeyValue(variable: string, name: string, value: string): boolean {
  const path = process.env[variable];
  if (!path) return false;
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`${variable}: ${name} must not contain the delimiter`);
  appendFileSync(path, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
  return true;
}

/** An input's text, trimmed; '' when the workflow did not give it. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function setOutput(name: string, value: string): void {
  if (!appendKeyValue('GITHUB_OUTPUT', name, value)) {
    process.stdout.write(EOL);
    process.stdout.write(`::set-output name=${name}::${escapeData(value)}${EOL}`);
  }
}

/** Kept for the action's post step, which reads it with getState. */
export function saveState(name: string, value: string): void {
  if (!appendKeyValue('GITHUB_STATE', name, value)) process.stdout.write(`::save-state name=${name}::${escapeData(value)}${EOL}`);
}

export function getState(name: string): string {
  return process.env[`STATE_${name}`] ?? '';
}

/** The runner replaces the value with *** in every log line from now on. */
export function setSecret(value: string): void {
  issue('add-mask', value);
}

export function info(message: string): void {
  process.stdout.write(`${message}${EOL}`);
}

export function warning(message: string): void {
  issue('warning', message);
}

export function debug(message: string): void {
  issue('debug', message);
}

/** A collapsible group of log lines around work. */
export async function group<T>(title: string, work: () => Promise<T>): Promise<T> {
  issue('group', title);
  try {
    return await work();
  } finally {
    issue('endgroup');
  }
}

/** The step fails with this message once the process ends. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  issue('error', message);
}

/** Markdown added to the job's summary page. */
export function appendSummary(markdown: string): void {
  const path = process.env.GITHUB_STEP_SUMMARY;
  if (!path) throw new ToolkitError('GITHUB_STEP_SUMMARY is not set: this runner has no job summaries', 'runner-unsupported');
  appendFileSync(path, markdown, 'utf8');
}

/** The webhook payload of the event that started the workflow ({} when there is none). */
export function eventPayload(): { pull_request?: { number?: number } } {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { pull_request?: { number?: number } };
  } catch {
    return {};
  }
}

/**
 * A GitHub OIDC ID token for an audience, from the runner's token service (the job needs
 * `id-token: write`), masked before it is returned. Through the Azure SDK's pipeline: proxy
 * variables honoured, 5xx and network failures retried.
 */
export async function getIDToken(audience: string): Promise<string> {
  const url = process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const token = process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!url || !token) throw new ToolkitError('no GitHub ID token: ACTIONS_ID_TOKEN_REQUEST_URL or ACTIONS_ID_TOKEN_REQUEST_TOKEN is not set', 'oidc-unavailable', 'give the job `permissions: id-token: write`');
  const target = new URL(url);
  target.searchParams.set('audience', audience);
  const request = createPipelineRequest({
    url: target.href, method: 'GET',
    headers: createHttpHeaders({ authorization: `Bearer ${token}`, accept: 'application/json' }),
  });
  const { status, body: { value } } = await sendForJson<{ value: unknown }>(request);
  if (status !== 200 || typeof value !== 'string' || value === '') {
    throw new ToolkitError(`GitHub's OIDC token service answered HTTP ${status} without an ID token`, 'oidc-unavailable', 'check the job\'s `permissions: id-token: write`');
  }
  setSecret(value);
  return value;
}
