// Engine API answers captured from a real two-node lab swarm (node0 manager, agent2 worker) running
// the web service (4 replicas, lb-port 8000), a global service (lb-port 81) and redis (dnsrr).
// The agent's first global task was rejected ("No such image") before its images were loaded.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('../../../../test/lab/daemon/fixtures/', import.meta.url));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function fixture(name: string): any[] {
  return JSON.parse(readFileSync(`${folder}${name}.json`, 'utf8'));
}
