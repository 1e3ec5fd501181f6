import { ToolkitError } from '../../src/core/errors.js';
import type { Reporter } from '../../src/core/reporter.js';
import { silentReporter } from '../../src/core/reporter.js';
import { SshSession, withSession } from '../../src/swarm/ssh-session.js';
import { startSshd, type TestSshd } from './sshd-server.js';

describe('SshSession against a real sshd', () => {
  let sshd: TestSshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('runs argv with every element kept whole, over one reused connection', async () => {
    const outputs = await withSession(sshd.target, silentReporter, async (session) => [
      await session.check(['printf', '%s|', 'two words', "it's", '$HOME', '`id`', 'a;b', '*']),
      await session.check(['sh', '-c', 'echo $SSH_CONNECTION']),
      await session.check(['sh', '-c', 'echo $SSH_CONNECTION']),
    ]);
    expect(outputs[0]).toBe("two words|it's|$HOME|`id`|a;b|*|");
    // The same client port on both commands: one TCP connection served them.
    expect(outputs[1]).toMatch(/^127\.0\.0\.1 \d+ /);
    expect(outputs[2]).toBe(outputs[1]);
  });

  it('streams stdin to the command', async () => {
    const compose = 'services:\n  web:\n    image: x\n';
    const echoed = await withSession(sshd.target, silentReporter, (session) => session.check(['cat'], { stdin: compose }));
    expect(echoed).toBe(compose.trim());
  });

  it('reports exit codes, and check() turns a failure into an error quoting stderr', async () => {
    await withSession(sshd.target, silentReporter, async (session) => {
      const result = await session.run(['sh', '-c', 'echo oops >&2; exit 3']);
      expect(result).toEqual({ stdout: '', stderr: 'oops', code: 3 });
      await expect(session.check(['sh', '-c', 'echo oops >&2; exit 3'])).rejects.toMatchObject({
        code: 'remote-command-failed',
        message: expect.stringContaining('oops'),
      });
    });
  });

  it('abandons a command that outlives its timeout, and the session stays usable', async () => {
    await withSession(sshd.target, silentReporter, async (session) => {
      const started = Date.now();
      const marker = `azswarm-timeout-${process.pid}`;
      await expect(session.run(['sh', '-c', `sleep 30; : ${marker}`], { timeoutMs: 500 })).rejects.toMatchObject({ code: 'ssh-timeout' });
      expect(Date.now() - started).toBeLessThan(5_000);
      // The remote command is killed a second after the client gave up, not left running.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect((await session.run(['pgrep', '-f', `[s]leep 30; : ${marker}`])).code).toBe(1);
      expect(await session.check(['echo', 'still here'])).toBe('still here');
    });
  });

  it('refuses a server whose host key is not the pinned one, naming both fingerprints', async () => {
    const target = { ...sshd.target, hostKeys: [sshd.foreignHostKey] };
    const error: unknown = await SshSession.open(target, silentReporter).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ToolkitError);
    expect(error).toMatchObject({ code: 'host-key-mismatch' });
    expect((error as Error).message).toMatch(/presented SHA256:\S+, expected SHA256:\S+/);
  });

  describe('through another session (master0 to a node without a public address)', () => {
    let node: TestSshd;
    beforeAll(async () => {
      node = await startSshd();
    });
    afterAll(async () => {
      await node?.stop();
    });

    it("runs commands on the node over the jump's tunnel, with the node's own host key pinned; it ends with the jump", async () => {
      const jump = await SshSession.open(sshd.target, silentReporter);
      try {
        const inner = await SshSession.open(node.target, silentReporter, { through: jump });
        expect(inner.where).toBe(`root@127.0.0.1:${node.target.port} via root@127.0.0.1:${sshd.target.port}`);
        expect(await inner.check(['printf', '%s|', 'two words', '$HOME'])).toBe('two words|$HOME|');
        // The inner connection is a channel of the jump's: closing the jump ends it.
        const innerClosed = inner.closed();
        jump.close();
        await innerClosed;
      } finally {
        jump.close();
      }
    });

    it("refuses the node when it presents another key than the node's pinned one (the jump's own key included)", async () => {
      await withSession(sshd.target, silentReporter, async (jump) => {
        const error: unknown = await SshSession.open({ ...node.target, hostKeys: sshd.target.hostKeys }, silentReporter, { through: jump }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ToolkitError);
        expect(error).toMatchObject({ code: 'host-key-mismatch', message: expect.stringContaining(`via root@127.0.0.1:${sshd.target.port}`) });
        // The jump session is unharmed.
        expect(await jump.check(['echo', 'still here'])).toBe('still here');
      });
    });

    it('says which tunnel could not be opened when nothing listens behind the jump', async () => {
      await withSession(sshd.target, silentReporter, async (jump) => {
        await expect(SshSession.open({ ...node.target, port: 1 }, silentReporter, { through: jump })).rejects.toMatchObject({ code: 'ssh-tunnel-failed' });
      });
    });
  });

  it('refuses to connect without any pinned host key', async () => {
    await expect(SshSession.open({ ...sshd.target, hostKeys: [] }, silentReporter)).rejects.toMatchObject({ code: 'host-key-missing' });
  });

  it('registers the private key as a secret before connecting', async () => {
    const secrets: string[] = [];
    const reporter: Reporter = { ...silentReporter, secret: (value) => secrets.push(value) };
    await withSession(sshd.target, reporter, async () => undefined);
    expect(secrets).toContain(sshd.target.privateKey);
  });

  it('names the address when nothing listens there', async () => {
    await expect(SshSession.open({ ...sshd.target, port: 1 }, silentReporter)).rejects.toMatchObject({
      code: 'ssh-connect-failed',
      message: expect.stringContaining('127.0.0.1:1'),
    });
  });
});
