// Readiness of a dockerd: GET /_ping over its unix socket with a bare HTTP/1.0 request on
// node:net. (node:http alone adds ~16 MB to a process: too much for each node's supervisor.)
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ToolkitError } from '../../../core/errors.js';

export function pingDocker(socketPath: string, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = connect(socketPath, () => socket.write('GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n'));
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(/^HTTP\/1\.[01] 200 /.test(answer)));
    socket.on('error', () => undefined); // 'close' follows and resolves false
  });
}

/** Resolves when the daemon behind the unix socket answers /_ping. */
export async function waitForDocker(socketPath: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await pingDocker(socketPath))) {
    if (Date.now() > deadline) throw new ToolkitError(`docker at ${socketPath} did not answer within ${timeoutMs} ms`, 'lab-docker-timeout');
    await sleep(100);
  }
}
