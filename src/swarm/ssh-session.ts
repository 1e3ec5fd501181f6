// One SSH connection to a master, reused for every remote command of a CLI command or action
// step. The host key is pinned: a server that presents any other key is refused.
import { NodeSSH } from 'node-ssh';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import { describeError, ToolkitError } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import type { SshTarget } from '../core/cluster.js';
import { fingerprint, hostKeyAlgorithms, parseHostKey } from './host-keys.js';
import { commandLine } from './shell-quote.js';

export interface RunOptions {
  /** Text written to the command's standard input (e.g. a compose file for `-c -`). */
  stdin?: string;
  /** We stop waiting after this long; the remote command is killed one second later. */
  timeoutMs?: number;
  /** Each piece of standard output as it arrives (a follow-mode reader); it is collected all the same. */
  onStdout?: (text: string) => void;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  /** Exit status; null when the command ended by a signal. */
  code: number | null;
}

export interface SessionOptions {
  connectTimeoutMs?: number;
  /** Default for RunOptions.timeoutMs. */
  commandTimeoutMs?: number;
  /**
   * Reach the target through this session's tunnel (master0 to a node with no public address,
   * the `ssh -J` of OpenSSH): target.host and port are as that master sees them, and the
   * target's own host key is pinned end to end, the jump host never sees the inner session.
   */
  through?: SshSession;
}

const defaultConnectTimeoutMs = 20_000;
const defaultCommandTimeoutMs = 120_000;

export class SshSession {
  private constructor(
    private readonly ssh: NodeSSH,
    readonly where: string,
    private readonly reporter: Reporter,
    private readonly commandTimeoutMs: number,
  ) {}

  static async open(target: SshTarget, reporter: Reporter, options: SessionOptions = {}): Promise<SshSession> {
    reporter.secret(target.privateKey);
    const where = `${target.username}@${target.host}:${target.port}${options.through ? ` via ${options.through.where}` : ''}`;
    if (target.hostKeys.length === 0) {
      throw new ToolkitError(`no pinned host key for ${where}`, 'host-key-missing', 'the provider must record the node\'s host key');
    }
    const pinned = target.hostKeys.map(parseHostKey);
    let presented: Buffer | undefined;
    // Our own TCP socket, with Nagle's algorithm off: with it on, each command's small packets
    // (channel open, exec request, EOF) waited for the peer's delayed ACK, ~80 ms per remote
    // command and ~170 ms per connection on the lab (docs/benchmarks.md). ssh2 takes a socket
    // that is still connecting as its own: the same connect errors and ready timeout.
    const sock = options.through
      ? await options.through.forward(target.host, target.port, { address: '127.0.0.1', port: 0 })
      : connect({ host: target.host, port: target.port, noDelay: true });
    const ssh = new NodeSSH();
    try {
      await ssh.connect({
        sock,
        host: target.host,
        port: target.port,
        username: target.username,
        privateKey: target.privateKey,
        readyTimeout: options.connectTimeoutMs ?? defaultConnectTimeoutMs,
        keepaliveInterval: 10_000,
        algorithms: { serverHostKey: hostKeyAlgorithms(pinned) as never },
        hostVerifier: (key: Buffer) => {
          presented = key;
          return pinned.some((candidate) => candidate.blob.equals(key));
        },
      });
    } catch (error) {
      ssh.dispose();
      sock.destroy();
      throw connectError(error, where, pinned.map((key) => fingerprint(key.blob)), presented);
    }
    reporter.debug(`ssh: connected to ${where}`);
    return new SshSession(ssh, where, reporter, options.commandTimeoutMs ?? defaultCommandTimeoutMs);
  }

  /** Runs argv (each element quoted) and returns its output and exit status, whatever it is. */
  async run(argv: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    const timeoutMs = options.timeoutMs ?? this.commandTimeoutMs;
    // OpenSSH ignores signal requests once stdin is closed and does not kill a command whose
    // channel closes, so the remote side bounds its own run time: nothing is left behind.
    const remoteLimit = String(Math.ceil(timeoutMs / 1000) + 1);
    const line = commandLine(['timeout', '-s', 'KILL', remoteLimit, ...argv]);
    let channel: ClientChannel | undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        channel?.close();
        reject(new ToolkitError(`${argv[0]} on ${this.where} did not finish within ${timeoutMs / 1000} s`, 'ssh-timeout'));
      }, timeoutMs);
    });
    this.reporter.debug(`ssh ${this.where}: ${line}`);
    const onStdout = options.onStdout;
    const execution = this.ssh.execCommand(line, {
      stdin: options.stdin,
      onChannel: (opened) => (channel = opened),
      ...(onStdout ? { onStdout: (chunk: Buffer) => onStdout(chunk.toString('utf8')) } : {}),
    });
    try {
      const result = await Promise.race([execution, timeout]);
      return { stdout: result.stdout, stderr: result.stderr, code: result.code };
    } catch (error) {
      if (error instanceof ToolkitError) throw error;
      throw new ToolkitError(`ssh to ${this.where} failed: ${describeError(error)}`, 'ssh-failed', undefined, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs argv and returns its standard output; a non-zero exit is an error quoting stderr. */
  async check(argv: readonly string[], options: RunOptions = {}): Promise<string> {
    const result = await this.run(argv, options);
    if (result.code !== 0) {
      const detail = (result.stderr || result.stdout).split('\n').slice(-5).join('\n');
      throw new ToolkitError(`${argv.slice(0, 3).join(' ')} failed on ${this.where} (exit ${result.code}): ${detail}`, 'remote-command-failed');
    }
    return result.stdout;
  }

  /**
   * A TCP stream to host:port as master0 sees it (the `ssh -L` of the original `make proxy`);
   * `from` is only reported to sshd as the originating address.
   */
  async forward(host: string, port: number, from: { address: string; port: number }): Promise<Duplex> {
    try {
      return await this.ssh.forwardOut(from.address, from.port, host, port);
    } catch (error) {
      throw new ToolkitError(`ssh ${this.where} could not open a tunnel to ${host}:${port}: ${describeError(error)}`, 'ssh-tunnel-failed', undefined, { cause: error });
    }
  }

  /** Resolves when the connection ends (the master went away, or close()). */
  closed(): Promise<void> {
    return new Promise((resolve) => {
      const connection = this.ssh.connection;
      if (!connection) return resolve();
      connection.once('close', () => resolve());
    });
  }

  close(): void {
    this.ssh.dispose();
  }
}

/** Opens a session, runs `work` with it and always closes it. */
export async function withSession<T>(
  target: SshTarget,
  reporter: Reporter,
  work: (session: SshSession) => Promise<T>,
  options?: SessionOptions,
): Promise<T> {
  const session = await SshSession.open(target, reporter, options);
  try {
    return await work(session);
  } finally {
    session.close();
  }
}

function connectError(error: unknown, where: string, expected: string[], presented: Buffer | undefined): ToolkitError {
  const message = describeError(error);
  if (presented && /verification failed/i.test(message)) {
    return new ToolkitError(
      `host key mismatch for ${where}: the server presented ${fingerprint(presented)}, expected ${expected.join(' or ')}`,
      'host-key-mismatch',
      'the node was replaced or this is not the node the provider recorded; refusing to connect',
    );
  }
  if (!presented && /host key/i.test(message)) {
    return new ToolkitError(
      `host key mismatch for ${where}: the server offers no key of a pinned type (${message})`,
      'host-key-mismatch',
    );
  }
  if (/authentication methods failed/i.test(message)) {
    return new ToolkitError(`ssh to ${where}: the private key was not accepted`, 'ssh-auth-failed');
  }
  return new ToolkitError(`cannot connect to ${where}: ${message}`, 'ssh-connect-failed', undefined, { cause: error });
}
