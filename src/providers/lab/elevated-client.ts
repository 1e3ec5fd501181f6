// The unprivileged side of a lab whose privileged part runs through `sudo -n` (see
// elevated-server.ts): each operation starts one root process with the toolkit's own entry,
// sends it the request, replays its Reporter calls here (phases, lines, secrets to mask) and
// returns its result. Only the lab's own settings (AZSWARM_LAB_*) cross over; this
// process keeps its own user for everything else (outputs, state of the action, SSH).
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ToolkitError } from '../../core/errors.js';
import type { Reporter } from '../../core/reporter.js';
import { decodeElevatedLine, type ElevatedMessage, type ElevatedRequest, type ElevatedResult } from './elevated-protocol.js';
import { labEntryCommand, labProcessDirVariable, labProcessVariable } from './process-command.js';
import { labRoot } from './state.js';

/** The lab's settings from the environment that the root process needs (sudo resets the rest). */
const forwardedVariables = ['AZSWARM_LAB_BOOT', 'AZSWARM_LAB_RETAIN'];

/**
 * The root process's variables. They travel on sudo's command line (`env NAME=value`), which
 * `ps` shows: only these settings, never a secret.
 */
function forwardedEnvironment(root: string): string[] {
  const forwarded = forwardedVariables.filter((name) => process.env[name] !== undefined).map((name) => `${name}=${process.env[name]}`);
  return [...forwarded, `AZSWARM_LAB_ROOT=${root}`, `${labProcessVariable}=lab-elevated`, `${labProcessDirVariable}=${root}`];
}

/** Replays the root process's messages on the reporter; phases stay open until their end arrives. */
class ReplayedReporter {
  private readonly phases = new Map<number, { done: () => void; failed: (error: Error) => void }>();

  constructor(private readonly reporter: Reporter) {}

  handle(message: ElevatedMessage): void {
    switch (message.kind) {
      case 'info': return this.reporter.info(message.text);
      case 'warn': return this.reporter.warn(message.text);
      case 'debug': return this.reporter.debug(message.text);
      case 'secret': return this.reporter.secret(message.text);
      case 'phase-start': {
        const ended = new Promise<void>((done, failed) => this.phases.set(message.id, { done, failed }));
        // the phase's error is the operation's: it reaches the caller through the result message
        void this.reporter.phase(message.title, () => ended).catch(() => undefined);
        return;
      }
      case 'phase-end': {
        const phase = this.phases.get(message.id);
        this.phases.delete(message.id);
        if (message.error === undefined) phase?.done();
        else phase?.failed(new Error(message.error));
        return;
      }
      default:
    }
  }

  /** Phases left open by a root process that died: closed as failed. */
  abandon(): void {
    for (const phase of this.phases.values()) phase.failed(new Error('the lab\'s privileged process ended'));
    this.phases.clear();
  }
}

/** What a request whose answer streams (logs) does with its output, and when it stops it. */
export interface ElevatedStream {
  /** Gets the root process's output lines (for the caller's stdout). */
  output: (text: string) => void;
  /** When it resolves, the root process is asked to stop (SIGTERM, which sudo relays). */
  stop: Promise<unknown>;
}

/** Runs one lab request as root through `sudo -n` and resolves to its result. */
export async function runElevated(request: ElevatedRequest, reporter: Reporter, stream?: ElevatedStream): Promise<ElevatedResult> {
  const root = resolve(labRoot());
  // made by this user, so that the labs' folder is theirs (the root process makes only the labs)
  await mkdir(root, { recursive: true, mode: 0o700 });
  const { argv } = labEntryCommand();
  const child = spawn('sudo', ['-n', '--', 'env', ...forwardedEnvironment(root), ...argv], { stdio: ['pipe', 'pipe', 'inherit'] });
  const failedToStart = new Promise<never>((_, failed) => child.once('error', (error) => failed(new ToolkitError(`could not start sudo: ${error.message}`, 'lab-needs-root'))));
  failedToStart.catch(() => undefined);
  child.stdin.on('error', () => undefined);
  child.stdin.end(JSON.stringify(request));
  void stream?.stop.then(() => child.exitCode === null && child.kill('SIGTERM'));
  const replay = new ReplayedReporter(reporter);
  let outcome: ElevatedMessage | undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    const message = decodeElevatedLine(line);
    if (!message) reporter.info(line);
    else if (message.kind === 'result' || message.kind === 'error') outcome = message;
    else if (message.kind === 'output') stream?.output(message.text);
    else replay.handle(message);
  }
  const exit = await Promise.race([failedToStart, new Promise<number | null>((done) => {
    if (child.exitCode !== null) done(child.exitCode);
    else child.once('close', done);
  })]);
  replay.abandon();
  if (outcome?.kind === 'result') return outcome.value;
  if (outcome?.kind === 'error') throw new ToolkitError(outcome.message, outcome.code, outcome.hint);
  throw new ToolkitError(`the lab's privileged part (sudo -n ${argv.join(' ')}) ended with exit code ${exit} and no answer`, 'lab-elevated-failed');
}
