// The swarm helper's keys, derived from the cluster's helper secret so that each role holds only
// what it needs: masters the master key (every endpoint, manager tokens included) and the agent
// root (to check node keys); an agent only the node key of its own name, or, in an Azure scale
// set whose customData is the same for every instance, the agent root (it derives its own node
// key from the name the metadata service gives it). cloud-init/swarm-node.py derives the same
// keys; docs/security.md says what each holder can and cannot do.
import { createHmac } from 'node:crypto';

const infos = {
  master: 'azure-swarm-toolkit/v2/helper/master',
  agentRoot: 'azure-swarm-toolkit/v2/helper/agent-root',
  node: 'azure-swarm-toolkit/v2/helper/node/',
} as const;

/** HKDF-Expand (RFC 5869) of 32 bytes: a single HMAC-SHA256 block over info || 0x01. */
function expand(prk: Buffer, info: string): Buffer {
  return createHmac('sha256', prk).update(info).update(Buffer.from([1])).digest();
}

export interface HelperKeys {
  /** Hex: masters only. */
  master: string;
  /** Hex: masters, and the agents of a scale set. */
  agentRoot: string;
}

export function helperKeys(helperSecret: string): HelperKeys {
  const root = Buffer.from(helperSecret, 'hex');
  return { master: expand(root, infos.master).toString('hex'), agentRoot: expand(root, infos.agentRoot).toString('hex') };
}

/** Hex: the key of the agent named `name` (its hostname); valid for requests about that name only. */
export function nodeHelperKey(agentRoot: string, name: string): string {
  return expand(Buffer.from(agentRoot, 'hex'), `${infos.node}${name}`).toString('hex');
}
