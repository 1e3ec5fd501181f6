// Runs an action the way the GitHub runner does: `node actions/<name>/dist/index.js` (Node 24)
// with INPUT_* variables and the GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files, then
// reads back what it wrote. Main and post steps share state through STATE_* variables.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ActionRun {
  exitCode: number;
  stdout: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
}

export interface ActionRunOptions {
  inputs: Record<string, string>;
  env?: Record<string, string>;
  /** State saved by the main step: makes this run the post step. */
  state?: Record<string, string>;
  /** A copy of the action's dist/ to run instead of actions/<name>/dist (e.g. outside the repository). */
  dist?: string;
}

/** Reads the runner's file-command format: `name<<DELIMITER\nvalue\nDELIMITER`, or `name=value`. */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[index]);
    const single = /^([^<=]+)=(.*)$/.exec(lines[index]);
    if (!match) {
      if (single) values[single[1]] = single[2];
      continue;
    }
    const end = lines.indexOf(match[2], index + 1);
    values[match[1]] = lines.slice(index + 1, end).join('\n');
    index = end;
  }
  return values;
}

export async function runAction(name: string, options: ActionRunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), `action-${name}-`));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary'), state: join(dir, 'state') };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_REPOSITORY: 'octo/swarm',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    ...Object.fromEntries(Object.entries(options.inputs).map(([input, value]) => [`INPUT_${input.toUpperCase()}`, value])),
    ...Object.fromEntries(Object.entries(options.state ?? {}).map(([key, value]) => [`STATE_${key}`, value])),
    ...options.env,
  };
  try {
    const child = spawn('node_modules/.bin/node', [join(options.dist ?? `actions/${name}/dist`, 'index.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exitCode = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    return {
      exitCode,
      stdout,
      outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
      state: parseFileCommands(readFileSync(files.state, 'utf8')),
      summary: readFileSync(files.summary, 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
