// How a lab process is started (see process-entry.ts for why it re-executes the toolkit's entry):
// its command line and a detached spawn. Apart from process-entry.ts, which runs the processes,
// so that the daemon and the supervisor that start processes do not import what runs them.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ToolkitError } from '../../core/errors.js';
import { recordProcess, type ProcessRecord } from './host/processes.js';

export const labProcessVariable = 'AZSWARM_LAB_PROCESS';
/** What the process works on: the node's folder, the lab's state folder, a docker socket. */
export const labProcessDirVariable = 'AZSWARM_LAB_PROCESS_DIR';

export type LabProcessKind = 'node-supervisor' | 'lab-daemon' | 'image-loader' | 'lab-elevated';

/**
 * The toolkit's entry for a lab process: the lean process-main.js beside this module when
 * running from the compiled tree (the CLI, tests), else the current entry (an action's bundle,
 * where this module is inlined into dist/index.js).
 */
export function labEntryCommand(): { argv: string[]; files: string[] } {
  // Derived from this file's own name, so that a bundler neither copies nor rewrites it.
  const thisFile = fileURLToPath(import.meta.url);
  const leanEntry = thisFile.replace(/process-command\.js$/, 'process-main.js');
  const entry = leanEntry !== thisFile && existsSync(leanEntry) ? leanEntry : process.argv[1];
  return { argv: [process.execPath, entry], files: [process.execPath, entry] };
}

/**
 * The command line that starts a long-lived lab process (labEntryCommand); flags for a small
 * heap keep a node's supervisor light.
 */
export function labProcessCommand(kind: LabProcessKind, dir: string): { argv: string[]; files: string[]; env: Record<string, string> } {
  const { argv: [node, entry], files } = labEntryCommand();
  return {
    argv: [node, '--max-old-space-size=48', '--max-semi-space-size=1', entry],
    files,
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
