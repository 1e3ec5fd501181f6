import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { dockerEnv, type DockerEnv } from '../../src/swarm/docker-env.js';
import { startSshd, type TestSshd } from './sshd-server.js';

const run = promisify(execFile);

function writeEnv(env: DockerEnv, dir: string): void {
  for (const file of env.files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.text, { mode: file.mode });
    chmodSync(join(dir, file.path), file.mode);
  }
}

describe('the docker env files, used by the real OpenSSH client', () => {
  let sshd: TestSshd;
  let dir: string;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'azswarm-env-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  afterAll(async () => {
    await sshd?.stop();
  });

  it('lets ssh (as docker ssh:// runs it) reach the master with the pinned key and no prompt', async () => {
    const env = dockerEnv(sshd.target, 'azswarm-test', dir);
    writeEnv(env, dir);
    expect(env.dockerHost).toBe('ssh://root@azswarm-test');
    expect(env.exports).toEqual([`export PATH=${dir}/bin:"$PATH"`, "export DOCKER_HOST=ssh://root@azswarm-test"]);
    expect(statSync(join(dir, 'id_cluster')).mode & 0o777).toBe(0o600);
    // docker's ssh transport runs: ssh [-l user] [-p port] -- host docker system dial-stdio
    const { stdout } = await run(join(dir, 'bin/ssh'), ['-l', 'root', '--', 'azswarm-test', 'echo', 'reached']);
    expect(stdout.trim()).toBe('reached');
  });

  it('refuses a server whose key is not the pinned one', async () => {
    const env = dockerEnv({ ...sshd.target, hostKeys: [sshd.foreignHostKey] }, 'azswarm-test', dir);
    writeEnv(env, dir);
    await expect(run(join(dir, 'bin/ssh'), ['--', 'azswarm-test', 'echo', 'reached'])).rejects.toMatchObject({
      stderr: expect.stringMatching(/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/),
    });
  });
});
