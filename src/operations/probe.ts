// HTTP probes of a published endpoint: the load balancer's URL answers, and (with the project's
// test service, which prints `node: NAME`) which nodes answered.
import { describeError, ToolkitError } from '../core/errors.js';
import { sleep } from './wait.js';

export interface ProbeAnswer {
  status: number;
  body: string;
  /** The node that served the request, when the page says so. */
  node?: string;
}

export async function fetchOnce(url: string, timeoutMs = 5_000): Promise<ProbeAnswer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { connection: 'close' } });
  const body = await response.text();
  const node = /^node: (\S+)/m.exec(body)?.[1];
  return { status: response.status, body, ...(node === undefined ? {} : { node }) };
}

/** The first 2xx answer, retrying while the load balancer learns about new tasks. */
export async function probeEndpoint(url: string, timeoutMs = 60_000): Promise<ProbeAnswer> {
  const deadline = Date.now() + timeoutMs;
  let last: string;
  for (;;) {
    try {
      const answer = await fetchOnce(url);
      if (answer.status >= 200 && answer.status < 300) return answer;
      last = `HTTP ${answer.status}`;
    } catch (error) {
      last = describeError(error);
    }
    if (Date.now() >= deadline) throw new ToolkitError(`${url} did not answer within ${timeoutMs / 1000} s (${last})`, 'probe-failed');
    await sleep(1_000);
  }
}

/** Requests `url` until every expected node has answered (or `maxRequests` are spent). */
export async function nodesAnswering(url: string, expected: readonly string[], maxRequests = 40): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let request = 0; request < maxRequests && expected.some((node) => !seen.has(node)); request += 1) {
    const answer = await fetchOnce(url).catch(() => undefined);
    if (answer?.node !== undefined) seen.add(answer.node);
  }
  return seen;
}

/** The Redis-backed stack's counter (`hits: N` from the test service). */
export function hitCount(body: string): number | undefined {
  const match = /^hits: (\d+)/m.exec(body);
  return match ? Number(match[1]) : undefined;
}
