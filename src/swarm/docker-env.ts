// What makes the user's own `docker` CLI reach the cluster with the pinned key: docker's ssh://
// transport runs the `ssh` on PATH, which takes no key or known_hosts from the environment. So
// we write a private ssh config (key, pinned known_hosts, strict checking) and a tiny `ssh`
// wrapper that uses it, and the user puts the wrapper's folder first on PATH.
import { join } from 'node:path';
import type { SshTarget } from '../core/cluster.js';
import { shellQuote } from './shell-quote.js';

export interface EnvFile {
  /** Relative to the env folder. */
  path: string;
  text: string;
  mode: number;
}

export interface DockerEnv {
  /** `ssh://user@alias`: the alias resolves through the generated ssh config. */
  dockerHost: string;
  files: EnvFile[];
  /** Shell lines to eval. */
  exports: string[];
}

/** `alias` names the cluster in ssh config and known_hosts, e.g. `azswarm-lab-mylab`. */
export function dockerEnv(target: SshTarget, alias: string, dir: string): DockerEnv {
  const config = [
    `Host ${alias}`,
    `  HostName ${target.host}`,
    `  Port ${target.port}`,
    `  User ${target.username}`,
    `  IdentityFile ${join(dir, 'id_cluster')}`,
    '  IdentitiesOnly yes',
    `  HostKeyAlias ${alias}`,
    `  UserKnownHostsFile ${join(dir, 'known_hosts')}`,
    '  StrictHostKeyChecking yes',
    '  BatchMode yes',
    // Every other host keeps the user's and the system's settings.
    'Match all',
    '  Include ~/.ssh/config',
    '  Include /etc/ssh/ssh_config',
    '',
  ].join('\n');
  const wrapper = `#!/bin/sh\n# Written by azswarm env: ssh with the cluster's config (pinned host key).\nexec /usr/bin/ssh -F ${shellQuote(join(dir, 'ssh_config'))} "$@"\n`;
  const dockerHost = `ssh://${target.username}@${alias}`;
  return {
    dockerHost,
    files: [
      { path: 'id_cluster', text: target.privateKey.endsWith('\n') ? target.privateKey : `${target.privateKey}\n`, mode: 0o600 },
      { path: 'known_hosts', text: target.hostKeys.map((key) => `${alias} ${key.trim()}\n`).join(''), mode: 0o600 },
      { path: 'ssh_config', text: config, mode: 0o600 },
      { path: 'bin/ssh', text: wrapper, mode: 0o700 },
    ],
    exports: [`export PATH=${shellQuote(join(dir, 'bin'))}:"$PATH"`, `export DOCKER_HOST=${shellQuote(dockerHost)}`],
  };
}
