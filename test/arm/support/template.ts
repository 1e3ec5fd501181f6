// Where the template and the shared ARM schemas are, and sample parameters for evaluating it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonObject, Template } from './evaluate.js';

// Compiled into build/test/arm/support/: the repository root is four folders up.
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** The official schemas live beside the repository (never copied into it). */
export const armSchemasDir = join(repoRoot, '..', 'shared', 'arm-schemas');

/** A fresh, mutable copy of arm/cluster.json (tests break copies of it). */
export function loadTemplate(): Template {
  return JSON.parse(readFileSync(join(repoRoot, 'arm', 'cluster.json'), 'utf8')) as Template;
}

export const sampleCloudInit =
  '#cloud-config\nwrite_files:\n  - path: /etc/swarm-cluster/share.env\n    content: |\n' +
  '      ACCOUNT=__AZSWARM_STORAGE_ACCOUNT__\n      SUFFIX=__AZSWARM_STORAGE_SUFFIX__\n';

/** The parameters without a default, as the parameters renderer would fill them. */
export function requiredParameters(overrides: JsonObject = {}): JsonObject {
  return {
    dnsPrefix: 'swarmtest',
    adminPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHVzZXIga2V5IGZvciB0ZXN0cw== test',
    allowedSshCidr: '203.0.113.0/24',
    masterCloudInit: `${sampleCloudInit}# master\n`,
    agentCloudInit: `${sampleCloudInit}# agent\n`,
    ...overrides,
  };
}
