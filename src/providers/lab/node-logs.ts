// A lab node's unit log (`azswarm logs`): on emulated nodes the per-unit file the supervisor
// writes (the journal's stand-in, `nodes/<node>/log/<unit>.log`); on real-boot nodes the node's
// own journal, kept on its disk and read with the machine's journalctl. Both are root's (the
// nodes' folders stay root's when the lab is made through sudo), so a caller that is not root
// reads them through the lab's privileged part (elevated-*.ts), which runs this same code.
import { spawn } from 'node:child_process';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SettingError, ToolkitError } from '../../core/errors.js';
import { validateLabName } from '../../core/validators.js';
import { labDir, readLabState } from './state.js';

export interface LabLogRequest {
  lab: string;
  node: string;
  /** The unit's name, e.g. `swarm-join.service`. */
  unit: string;
  /** Keep printing what is appended until `stop`. */
  follow: boolean;
}

/** Receives whole lines (several at once, joined by newlines, without the last newline). */
export type LogLines = (text: string) => void;

const followPollMs = 500;
/** The node software's units (cloud-init/): the only log names a request may ask for. */
const unitPattern = /^swarm-[a-z]+\.service$/;

/**
 * Prints the node's unit log whole and, with follow, what is appended until `stop` resolves (or
 * the reader ends); resolves to the file or journal folder read.
 */
export async function readLabNodeLog(request: LabLogRequest, out: LogLines, stop: Promise<unknown>): Promise<string> {
  const { lab, node, unit, follow } = request;
  validateLabName('name', lab);
  if (!unitPattern.test(unit)) throw new SettingError('unit', 'must be a unit of the node software (swarm-<name>.service)', unit);
  const state = await readLabState(labDir(lab));
  if (!state) throw new ToolkitError(`lab ${lab} does not exist`, 'cluster-not-found', 'create it with deploy-cluster --provider lab');
  const found = state.nodes.find((candidate) => candidate.name === node);
  if (!found) throw new SettingError('node', `must be a node of lab ${lab} (${state.nodes.map((candidate) => candidate.name).join(', ')})`, node);
  if (state.boot === 'systemd') return journalLog(node, join(found.dir, 'disk', 'upper', 'var', 'log', 'journal'), unit, follow, out, stop);
  const file = join(found.dir, 'log', `${unit}.log`);
  const size = await stat(file).then((info) => info.size, () => undefined);
  if (size === undefined) throw new ToolkitError(`${node} has no ${unit} log yet (${file})`, 'log-not-found', 'the unit has not started on that node');
  let offset = await printFrom(out, file, 0);
  if (!follow) return file;
  let stopped = false;
  void stop.then(() => void (stopped = true));
  while (!stopped) {
    await Promise.race([sleep(followPollMs), stop]);
    offset = await printFrom(out, file, offset);
  }
  return file;
}

/** A real-boot node's unit log from its journal on disk: printed whole, or (with follow) streamed until `stop`. */
async function journalLog(node: string, journal: string, unit: string, follow: boolean, out: LogLines, stop: Promise<unknown>): Promise<string> {
  if ((await stat(journal).catch(() => undefined)) === undefined) {
    throw new ToolkitError(`${node} has no journal yet (${journal})`, 'log-not-found', 'the node has not booted yet');
  }
  const argv = ['--directory', journal, '--unit', unit, '--no-pager', '--output', 'short-iso', ...(follow ? ['--follow'] : [])];
  const child = spawn('journalctl', argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const complete = pending.lastIndexOf('\n') + 1;
    if (complete > 0) out(pending.slice(0, complete - 1));
    pending = pending.slice(complete);
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (follow) {
    try {
      await Promise.race([exited, stop]);
    } finally {
      child.kill('SIGTERM');
    }
  } else {
    const code = await exited;
    if (code !== 0) throw new ToolkitError(`journalctl could not read ${node}'s journal: ${stderr.trim() || `exit code ${code}`}`, 'log-not-found');
  }
  return journal;
}

/** Prints the file's bytes from `offset` on (whole lines only); returns the new offset. */
async function printFrom(out: LogLines, file: string, offset: number): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size < offset) offset = 0; // truncated or replaced: start again
    if (size === offset) return offset;
    const buffer = Buffer.alloc(size - offset);
    await handle.read(buffer, 0, buffer.length, offset);
    const text = buffer.toString('utf8');
    const complete = text.lastIndexOf('\n') + 1;
    if (complete > 0) out(text.slice(0, complete - 1));
    return offset + Buffer.byteLength(text.slice(0, complete));
  } finally {
    await handle.close();
  }
}
