import { formatDuration, TerminalReporter, type TextSink } from '../../src/cli/terminal-reporter.js';

function sink(isTTY = false): TextSink & { text: () => string } {
  const chunks: string[] = [];
  return { isTTY, write: (chunk: string) => chunks.push(chunk), text: () => chunks.join('') };
}

describe('TerminalReporter', () => {
  it('writes a plain start line and a ✓ line with the duration when not on a terminal', async () => {
    const stderr = sink();
    const reporter = new TerminalReporter(stderr, sink());
    expect(await reporter.phase('deploy 1 master', async () => 42)).toBe(42);
    expect(stderr.text()).toMatch(/^… deploy 1 master\n✓ deploy 1 master \(\d+\.\ds\)\n$/);
  });

  it('writes a ✗ line with the error and passes the error through', async () => {
    const stderr = sink();
    const reporter = new TerminalReporter(stderr, sink());
    await expect(reporter.phase('join', () => Promise.reject(new Error('timed out')))).rejects.toThrow('timed out');
    expect(stderr.text()).toMatch(/✗ join \(\d+\.\ds\): timed out\n$/);
  });

  it('masks registered secrets, their lines and JSON-escaped forms, on stderr and stdout', async () => {
    const stderr = sink();
    const stdout = sink();
    const reporter = new TerminalReporter(stderr, stdout, true);
    const key = '-----BEGIN KEY-----\nc2VjcmV0LWxpbmUtb25l\nc2VjcmV0LWxpbmUtdHdv\n-----END KEY-----\n';
    reporter.secret('0123456789abcdef');
    reporter.secret(key);
    reporter.info('token 0123456789abcdef here');
    reporter.warn(`line c2VjcmV0LWxpbmUtdHdv leaked`);
    reporter.debug(`key ${key}`);
    await reporter.phase('use 0123456789abcdef', async () => undefined);
    reporter.out(JSON.stringify({ key }));
    const all = stderr.text() + stdout.text();
    expect(all).not.toContain('0123456789abcdef');
    expect(all).not.toContain('c2VjcmV0LWxpbmUt');
    expect(stderr.text()).toContain('token *** here');
    expect(stderr.text()).toContain('warning: line *** leaked');
    expect(stdout.text()).toBe('{"key":"***"}\n');
  });

  it('drops debug lines unless verbose', () => {
    const stderr = sink();
    new TerminalReporter(stderr, sink()).debug('detail');
    expect(stderr.text()).toBe('');
  });

  it('draws a spinner only on a terminal and clears it before the final line', async () => {
    const stderr = sink(true);
    const reporter = new TerminalReporter(stderr, sink(), false, false);
    await reporter.phase('wait', () => new Promise((resolve) => setTimeout(resolve, 300)));
    const text = stderr.text();
    expect(text).toMatch(/^⠋ wait/);
    expect(text).toContain('\r\x1b[2K');
    expect(text).not.toContain('… wait');
    expect(text.split('\r\x1b[2K').at(-1)).toMatch(/^✓ wait \(0\.\ds\)\n$/);
  });

  it('colours only the marks, after masking, when colour is on', async () => {
    const stderr = sink(true);
    const reporter = new TerminalReporter(stderr, sink(), false, true);
    reporter.secret('0123456789abcdef');
    reporter.warn('key 0123456789abcdef');
    await reporter.phase('wait', async () => undefined);
    const text = stderr.text();
    expect(text.startsWith('\x1b[33mwarning:\x1b[0m key ***\n')).toBe(true);
    expect(text.split('\r\x1b[2K').at(-1)?.replace(/\(\d\.\ds\)/, '(Ns)')).toBe('\x1b[32m✓\x1b[0m wait (Ns)\n');
  });

  it('formats durations', () => {
    expect(formatDuration(1234)).toBe('1.2s');
    expect(formatDuration(65_400)).toBe('1m05s');
  });
});
