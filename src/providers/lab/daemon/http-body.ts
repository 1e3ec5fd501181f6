// The one reader of an HTTP body in the lab (a request to the metadata service or the daemon's
// control socket, an answer on that socket): capped, so that no client can make a lab process
// hold an unbounded body in memory.
import type { IncomingMessage } from 'node:http';

/** Bodies the lab exchanges are small JSON documents. */
export const maxBodyBytes = 64 * 1024;

/** The body as text; a body over `limit` bytes destroys the stream and rejects. */
export function readCappedBody(message: IncomingMessage, limit = maxBodyBytes): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    message.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) message.destroy(new Error(`body over ${limit} bytes`));
      else chunks.push(chunk);
    });
    message.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    message.on('error', reject);
  });
}
