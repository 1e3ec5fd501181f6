// OpenSSH known_hosts lines (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): which keys may be pinned
// for one host. A line for another host is never pinned; @cert-authority lines are skipped (the
// toolkit pins keys, not CAs) and @revoked keys are never pinned.
import { createHmac } from 'node:crypto';

export interface KnownHostsEntry {
  marker?: 'cert-authority' | 'revoked';
  /** Comma-separated patterns of the line: names, `[name]:port`, `*`/`?` wildcards, `!` negations, `|1|salt|hash`. */
  patterns: string[];
  /** `type base64`, without the comment. */
  key: string;
}

/** Lines that are not entries (blank, `#` comments, too few fields) are skipped; a trailing comment is kept out of the key. */
export function parseKnownHosts(text: string): KnownHostsEntry[] {
  const entries: KnownHostsEntry[] = [];
  for (const raw of text.split('\n')) {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === '' || fields[0].startsWith('#')) continue;
    const marker = fields[0].startsWith('@') ? fields.shift()!.slice(1) : undefined;
    if (marker !== undefined && marker !== 'cert-authority' && marker !== 'revoked') continue;
    const [hosts, type, blob] = fields;
    if (hosts === undefined || type === undefined || blob === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) continue;
    entries.push({ ...(marker ? { marker } : {}), patterns: hosts.split(','), key: `${type} ${blob}` });
  }
  return entries;
}

/** The name a known_hosts line carries for `host` on `port`. */
function hostName(host: string, port: number): string {
  return port === 22 ? host.toLowerCase() : `[${host.toLowerCase()}]:${port}`;
}

function wildcardMatch(pattern: string, name: string): boolean {
  const expression = pattern.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${expression}$`).test(name);
}

function patternMatches(pattern: string, name: string): boolean {
  const hashed = /^\|1\|([A-Za-z0-9+/=]+)\|([A-Za-z0-9+/=]+)$/.exec(pattern);
  if (hashed) return createHmac('sha1', Buffer.from(hashed[1], 'base64')).update(name).digest('base64') === hashed[2];
  return wildcardMatch(pattern, name);
}

/** True when a positive pattern matches the name and no negated one does. */
function entryMatches(entry: KnownHostsEntry, name: string): boolean {
  let matched = false;
  for (const pattern of entry.patterns) {
    if (pattern.startsWith('!')) {
      if (patternMatches(pattern.slice(1), name)) return false;
    } else if (patternMatches(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

/** The keys to pin for `host`: plain entries that match it, minus any key revoked for it. */
export function keysForHost(entries: readonly KnownHostsEntry[], host: string, port = 22): string[] {
  const name = hostName(host, port);
  const matching = entries.filter((entry) => entryMatches(entry, name));
  const revoked = new Set(matching.filter((entry) => entry.marker === 'revoked').map((entry) => entry.key));
  return [...new Set(matching.filter((entry) => entry.marker === undefined && !revoked.has(entry.key)).map((entry) => entry.key))];
}
