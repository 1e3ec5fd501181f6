// The lab's long-lived processes (one supervisor per node, one lab daemon per lab) must outlive
// the command that created them, and must start from wherever the toolkit runs: the CLI under
// build/, or an ncc-bundled action where only dist/index.js exists. So they are started by
// re-executing an entry of the toolkit with AZSWARM_LAB_PROCESS set, and every entry point
// calls runLabProcessIfRequested() before anything else.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ToolkitError } from '../../core/errors.js';
import { recordProcess, type ProcessRecord } from './processes.js';

export const labProcessVariable = 'AZSWARM_LAB_PROCESS';
/** What the process works on: the node's folder, the lab's state folder, a docker socket. */
export const labProcessDirVariable = 'AZSWARM_LAB_PROCESS_DIR';

export type LabProcessKind = 'node-supervisor' | 'lab-daemon' | 'image-loader';

/**
 * Runs the lab process the environment asks for and resolves true when it has finished (the
 * caller then exits); resolves false at once for a normal start.
 */
export async function runLabProcessIfRequested(): Promise<boolean> {
  const kind = process.env[labProcessVariable];
  if (kind === undefined) return false;
  const dir = process.env[labProcessDirVariable];
  if (!dir) throw new ToolkitError(`${labProcessDirVariable} is not set for ${kind}`, 'lab-process-invalid');
  // Children of the lab process (dockerd, units) must not inherit the marker.
  delete process.env[labProcessVariable];
  delete process.env[labProcessDirVariable];
  if (kind === 'node-supervisor') {
    const { runNodeSupervisor } = await import('./supervisor/node-supervisor.js');
    await runNodeSupervisor(dir);
  } else if (kind === 'image-loader') {
    // a short-lived child of a node's supervisor: the image code stays out of the supervisor's memory
    const { loadLabImages } = await import('./images.js');
    await loadLabImages(dir);
  } else if (kind === 'lab-daemon') {
    const { runLabDaemon } = await import('./lab-daemon.js');
    await runLabDaemon(dir);
  } else {
    throw new ToolkitError(`${labProcessVariable}=${kind} is not a lab process (node-supervisor, lab-daemon, image-loader)`, 'lab-process-invalid');
  }
  return true;
}

/**
 * The command line that starts a lab process: the lean process-main.js beside this module when
 * running from the compiled tree (the CLI, tests), else the current entry (an action's bundle,
 * where this module is inlined into dist/index.js). Flags for a small heap keep a node's
 * supervisor light.
 */
export function labProcessCommand(kind: LabProcessKind, dir: string): { argv: string[]; files: string[]; env: Record<string, string> } {
  // Derived from this file's own name, so that a bundler neither copies nor rewrites it.
  const thisFile = fileURLToPath(import.meta.url);
  const leanEntry = thisFile.replace(/process-entry\.js$/, 'process-main.js');
  const entry = leanEntry !== thisFile && existsSync(leanEntry) ? leanEntry : process.argv[1];
  return {
    argv: [process.execPath, '--max-old-space-size=48', '--max-semi-space-size=1', entry],
    files: [process.execPath, entry],
    env: { [labProcessVariable]: kind, [labProcessDirVariable]: dir },
  };
}

/** Starts a lab process detached from the caller (own session, output to `logFile`). */
export async function spawnLabProcess(kind: LabProcessKind, dir: string, logFile: string): Promise<ProcessRecord> {
  const { argv, env } = labProcessCommand(kind, dir);
  const log = await open(logFile, 'a', 0o600);
  try {
    const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: ['ignore', log.fd, log.fd], env: { ...process.env, ...env } });
    child.unref();
    if (child.pid === undefined) throw new ToolkitError(`could not start the ${kind}`, 'lab-process-start-failed');
    return await recordProcess(child.pid);
  } finally {
    await log.close();
  }
}
