// Runs the host tools the lab is built from (ip, iptables, nsenter, mount) and turns their
// failures into ToolkitErrors that carry the command and its stderr, so a failed step says why.
import { execFile } from 'node:child_process';
import { ToolkitError } from '../../../core/errors.js';

export interface CommandResult {
  stdout: string;
  stderr: string;
}

export interface CommandOptions {
  /** Text written to the command's stdin. */
  input?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Runs argv without a shell; rejects with code `lab-command-failed` on a non-zero exit. */
export function runCommand(argv: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  const [file, ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { env: options.env ?? process.env, timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const detail = stderr.trim() || error.message;
          reject(new ToolkitError(`${argv.join(' ')} failed: ${detail}`, 'lab-command-failed', undefined, { cause: error }));
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
    // a command that exits without reading its stdin must not turn into an EPIPE error
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input);
  });
}

/** Runs argv and reports success as a boolean: for probes and best-effort cleanup. */
export async function tryCommand(argv: readonly string[], options: CommandOptions = {}): Promise<boolean> {
  try {
    await runCommand(argv, options);
    return true;
  } catch {
    return false;
  }
}
