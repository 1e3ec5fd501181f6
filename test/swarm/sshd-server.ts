// A real OpenSSH server on 127.0.0.1 for tests: generated host and client keys in a temp
// folder, its own private /run (a mount namespace), so nothing outside the folder changes.
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

export async function startSshd(): Promise<TestSshd> {
  const folder = mkdtempSync(join(tmpdir(), 'azswarm-sshd-'));
  const host = keyPair(folder, 'host_key');
  const foreign = keyPair(folder, 'foreign_host_key');
  const client = keyPair(folder, 'client_key');
  writeFileSync(join(folder, 'authorized_keys'), `${client.publicKey}\n`);
  const port = await freePort();
  writeFileSync(
    join(folder, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(folder, 'host_key')}`,
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
      `mount -t tmpfs tmpfs /run && mkdir /run/sshd && exec /usr/sbin/sshd -D -e -f ${join(folder, 'sshd_config')}`],
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
    target: { host: '127.0.0.1', port, username: 'root', privateKey: client.privateKey, hostKeys: [host.publicKey] },
    foreignHostKey: foreign.publicKey,
    stop,
  };
}
