// A real OpenSSH server on loopback for tests: generated (or given) host and client keys in a
// temp folder, its own private /run and /etc/hosts (a mount namespace), so nothing outside the
// folder changes.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SshTarget } from '../../src/core/cluster.js';

export interface TestSshd {
  target: SshTarget;
  /** A second host key that this server does NOT present. */
  foreignHostKey: string;
  stop(): Promise<void>;
}

function keyPair(folder: string, name: string): { privateKey: string; publicKey: string } {
  const path = join(folder, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', path]);
  return { privateKey: readFileSync(path, 'utf8'), publicKey: readFileSync(`${path}.pub`, 'utf8').trim() };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function waitForListening(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Server listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`sshd exited (${code}): ${log}`)));
  });
}

export interface SshdOptions {
  /** A loopback address of its own (127.0.0.0/8) and a port, e.g. 22 as on an Azure node; default 127.0.0.1 and a free port. */
  address?: string;
  port?: number;
  /** The host key pair to present (e.g. one derived from a cluster secret); default a generated one. */
  hostKey?: { privateKey: string; publicKey: string };
  /** The client key to authorize; default a generated pair whose private half is in target. */
  client?: { privateKey: string; publicKey: string };
  /** Names this sshd resolves (its own /etc/hosts, in its mount namespace only): where it forwards `ssh -J` hops. */
  hosts?: Record<string, string>;
  /** sshd's ForceCommand: what every session runs instead of the command asked for (which it sees as $SSH_ORIGINAL_COMMAND). */
  forceCommand?: string;
}

export async function startSshd(options: SshdOptions = {}): Promise<TestSshd> {
  const folder = mkdtempSync(join(tmpdir(), 'azswarm-sshd-'));
  const host = options.hostKey ?? keyPair(folder, 'host_key');
  if (options.hostKey) writeFileSync(join(folder, 'host_key'), host.privateKey, { mode: 0o600 });
  const foreign = keyPair(folder, 'foreign_host_key');
  const client = options.client ?? keyPair(folder, 'client_key');
  writeFileSync(join(folder, 'authorized_keys'), `${client.publicKey}\n`);
  const address = options.address ?? '127.0.0.1';
  const port = options.port ?? (await freePort());
  const hostsFile = join(folder, 'hosts');
  writeFileSync(hostsFile, ['127.0.0.1 localhost', ...Object.entries(options.hosts ?? {}).map(([name, ip]) => `${ip} ${name}`), ''].join('\n'));
  writeFileSync(
    join(folder, 'sshd_config'),
    [
      `Port ${port}`,
      `ListenAddress ${address}`,
      `HostKey ${join(folder, 'host_key')}`,
      ...(options.forceCommand ? [`ForceCommand ${options.forceCommand}`] : []),
      `AuthorizedKeysFile ${join(folder, 'authorized_keys')}`,
      `PidFile ${join(folder, 'sshd.pid')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      '',
    ].join('\n'),
  );
  // sshd needs /run/sshd; a private tmpfs /run provides it without touching the machine's /run.
  const child = spawn(
    'unshare',
    ['--mount', '--propagation', 'private', 'sh', '-c',
      `mount -t tmpfs tmpfs /run && mkdir /run/sshd && mount --bind ${hostsFile} /etc/hosts && exec /usr/sbin/sshd -D -e -f ${join(folder, 'sshd_config')}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  try {
    await waitForListening(child);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(folder, { recursive: true, force: true });
  };
  return {
    target: { host: address, port, username: 'root', privateKey: client.privateKey, hostKeys: [host.publicKey] },
    foreignHostKey: foreign.publicKey,
    stop,
  };
}
