// The node software's own pieces, run by the node's Python (seconds, no swarm): what it loads
// (the reason each long-running process stays under 20 MB: no OpenSSL, email or ssl), its
// HMAC-SHA256 against Node's crypto, its HTTP answer parser on whole, chunked and cut answers,
// and the launcher keeping the compiled bytecode of the code it imports.
import { execFile } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { asset } from '../../src/core/assets.js';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'node-module-'));
  await writeFile(join(dir, 'swarm-node.py'), asset('cloud-init/swarm-node.py'), { mode: 0o755 });
  await writeFile(join(dir, 'swarm_node.py'), asset('cloud-init/swarm_node.py'), { mode: 0o644 });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `code` with the node software imported as `node`; returns what it prints, parsed as JSON. */
async function python(code: string, ...args: string[]): Promise<unknown> {
  // -B: these runs must not write the bytecode cache that the launcher test looks for.
  const { stdout } = await run('/usr/bin/python3', ['-B', '-c', `import json, sys\nimport swarm_node as node\n${code}`, ...args], { cwd: dir });
  return JSON.parse(stdout);
}

test('the node software loads no module that brings OpenSSL, ssl, email or http.client', async () => {
  const loaded = await python('print(json.dumps(sorted(sys.modules)))') as string[];
  expect(loaded).toContain('swarm_node');
  expect(loaded.filter((name) => /^(_?ssl|_hashlib|hashlib|hmac|email(\..*)?|http\.client|urllib\.request)$/.test(name))).toEqual([]);
});

test('HMAC-SHA256 equals Node\'s for keys shorter than, equal to and longer than the block', async () => {
  const cases = [0, 1, 32, 64, 65, 131].map((keyLength, index) => ({ key: randomBytes(keyLength).toString('hex'), message: randomBytes(index * 97).toString('hex') }));
  // RFC 4231, test case 2.
  cases.push({ key: Buffer.from('Jefe').toString('hex'), message: Buffer.from('what do ya want for nothing?').toString('hex') });
  const computed = await python(
    'print(json.dumps([node.hmac_sha256(bytes.fromhex(c["key"]), bytes.fromhex(c["message"])).hex() for c in json.loads(sys.argv[1])]))',
    JSON.stringify(cases),
  );
  const expected = cases.map((c) => createHmac('sha256', Buffer.from(c.key, 'hex')).update(Buffer.from(c.message, 'hex')).digest('hex'));
  expect(expected.at(-1)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  expect(computed).toEqual(expected);
});

test('HTTP answers: Content-Length, chunked and up to the close are read; cut or foreign answers are refused', async () => {
  const answers = [
    'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n',
    'HTTP/1.0 503 Service Unavailable\r\nContent-Type: application/json\r\n\r\n{"status":"down"}',
    '',
    'HTTP/1.1 200 OK\r\nContent-Length: 9',
    'HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    'SSH-2.0-OpenSSH_9.2\r\n\r\n',
  ];
  const parsed = await python(`
out = []
for answer in json.loads(sys.argv[1]):
    try:
        status, body = node.parse_response(answer.encode("latin-1"))
        out.append([status, body.decode()])
    except OSError as error:
        out.append(str(error))
print(json.dumps(out))`, JSON.stringify(answers));
  expect(parsed).toEqual([
    [200, 'abc'],
    [200, 'hello world'],
    [503, '{"status":"down"}'],
    'empty answer',
    'the answer ended inside its head',
    'the answer is shorter than its Content-Length (3 of 9 bytes)',
    'malformed or cut chunked answer',
    'malformed or cut chunked answer',
    "not an HTTP answer: 'SSH-2.0-OpenSSH_9.2'",
  ]);
});

test('the launcher imports the code, so Python keeps its bytecode for the next start', async () => {
  // The environment of a unit (systemd's, the lab supervisor's): no PYTHONDONTWRITEBYTECODE.
  const unitEnv = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8' };
  const usage = await run('/usr/bin/python3', [join(dir, 'swarm-node.py'), 'no-such-command'], { env: unitEnv }).catch((error: { code: number; stderr: string }) => error);
  expect(usage).toMatchObject({ code: 1, stderr: expect.stringMatching(/^usage: swarm-node\.py \[--config PATH\] \{join\|leave\|helper\|health\|events\}/m) });
  expect((await readdir(join(dir, '__pycache__'))).filter((name) => name.startsWith('swarm_node.'))).toHaveLength(1);
});
