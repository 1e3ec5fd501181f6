// The toolkit's own tags on resource groups: who manages the group, when an ephemeral cluster
// expires (from ttl), which pull request it serves. The janitor reads them back.
import { SettingError } from '../../core/errors.js';

export const managedBy = { name: 'managed-by', value: 'azure-swarm-toolkit' } as const;

const ttlUnits: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90m`, `8h`, `2d` (at most 30 days) to milliseconds. */
export function parseTtl(setting: string, text: string): number {
  const match = /^(\d{1,4})([mhd])$/.exec(text.trim());
  const ms = match ? Number(match[1]) * ttlUnits[match[2]] : NaN;
  if (!match || ms <= 0 || ms > 30 * ttlUnits.d) {
    throw new SettingError(setting, 'must be a duration like 90m, 8h or 2d, greater than 0 and at most 30d', text);
  }
  return ms;
}

export interface ToolkitTagOptions {
  /** Time to live in ms; sets `expires-at`. */
  ttlMs?: number;
  pr?: number;
  now?: Date;
}

export function toolkitTags({ ttlMs, pr, now = new Date() }: ToolkitTagOptions): Record<string, string> {
  return {
    [managedBy.name]: managedBy.value,
    ...(ttlMs === undefined ? {} : { 'expires-at': new Date(now.getTime() + ttlMs).toISOString() }),
    ...(pr === undefined ? {} : { pr: String(pr) }),
  };
}

/** True when a group's tags say this toolkit manages it and its expiry has passed. */
export function isExpired(tags: Record<string, string> | undefined, now: Date): boolean {
  if (tags?.[managedBy.name] !== managedBy.value) return false;
  const expiresAt = Date.parse(tags['expires-at'] ?? '');
  return !Number.isNaN(expiresAt) && expiresAt <= now.getTime();
}
