// A client of the swarm helper written from the documented scheme (cloud-init/README.md), not
// from the script: HMAC-SHA256 over "METHOD\nPATH\nTIMESTAMP\nNONCE\nTARGET" with a helper key
// (its 32 bytes), TARGET being the address of the helper the request is meant for.
import { createHmac, randomBytes } from 'node:crypto';
import { request } from 'node:http';

export interface HelperAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface Credentials {
  /** A helper key as hex: the master key or a node key. */
  key: string;
  /** The helper's address the signature names. */
  target: string;
  /** Unix seconds (or any text, to send a malformed one); defaults to now. */
  timestamp?: number | string;
  nonce?: string;
}

export function authHeaders(method: string, path: string, credentials: Credentials): Record<string, string> {
  const timestamp = String(credentials.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = credentials.nonce ?? randomBytes(16).toString('hex');
  const signature = createHmac('sha256', Buffer.from(credentials.key, 'hex'))
    .update(`${method}\n${path}\n${timestamp}\n${nonce}\n${credentials.target}`)
    .digest('hex');
  return { 'X-Swarm-Timestamp': timestamp, 'X-Swarm-Nonce': nonce, 'X-Swarm-Signature': signature };
}

/** One request to a helper or health endpoint; `headers` carry the credentials (or none). */
export function callNode(address: string, port: number, method: string, path: string, headers: Record<string, string> = {}): Promise<HelperAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: address, port, method, path, headers, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer`)));
    req.on('error', reject);
    req.end();
  });
}
