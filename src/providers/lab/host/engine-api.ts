// The Docker Engine API of one lab node, spoken over its host-side unix socket with node's http
// module. The lab daemon polls several nodes every ~2 s (load balancer, monitor): starting a
// `docker` CLI process per poll would cost far more CPU on a shared 2-core machine.
import { request } from 'node:http';
import type { Readable } from 'node:stream';
import { ToolkitError } from '../../../core/errors.js';

export interface EngineResponse {
  status: number;
  body: string;
}

export interface EngineRequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: Readable;
  contentType?: string;
  timeoutMs?: number;
}

/** One request to the engine; rejects only when the socket cannot be reached or times out. */
export function engineRequest(socketPath: string, path: string, options: EngineRequestOptions = {}): Promise<EngineResponse> {
  const { method = 'GET', body, contentType, timeoutMs = 5_000 } = options;
  return new Promise((resolve, reject) => {
    const req = request(
      { socketPath, path, method, headers: contentType ? { 'Content-Type': contentType } : {}, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) =>
      reject(new ToolkitError(`docker engine at ${socketPath}: ${method} ${path} failed: ${error.message}`, 'lab-docker-unreachable', undefined, { cause: error })),
    );
    if (body) body.pipe(req);
    else req.end();
  });
}

/** GET of a JSON resource (`/nodes`, `/services`, `/tasks`, `/containers/json`). */
export async function engineGetJson<T>(socketPath: string, path: string): Promise<T> {
  const response = await engineRequest(socketPath, path);
  if (response.status !== 200) {
    throw new ToolkitError(`docker engine at ${socketPath}: GET ${path} answered ${response.status}: ${response.body.trim()}`, 'lab-docker-error');
  }
  return JSON.parse(response.body) as T;
}

/** Query string value of an Engine API `filters` parameter, e.g. `{ label: ['a'] }`. */
export function engineFilters(filters: Record<string, string[]>): string {
  return encodeURIComponent(JSON.stringify(filters));
}
