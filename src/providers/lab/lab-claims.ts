// Which lab folder holds which lab name, machine-wide. A lab's namespaces, cgroups and bridge are
// objects of the whole machine, but its state lives under one lab root (AZSWARM_LAB_ROOT: each
// test file has its own), so a sweep of leftovers run from one root could not tell a crashed
// lab's objects from those of a lab of another root that is being made, or whose nodes are
// stopped. Each lab therefore claims its name before it creates anything, in
// /run/azswarm/lab-claims/<lab>.<hash of its folder>.json (its folder and the process that
// claimed it); /run is emptied at boot, like the namespaces. destroy releases the claim.
import { createHash } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from './json-file.js';
import { recordProcess, type ProcessRecord } from './host/processes.js';

export const labClaimsDir = '/run/azswarm/lab-claims';

export interface LabClaim {
  lab: string;
  /** The lab's folder (under its lab root). */
  dir: string;
  /** The process that made (or last changed) the lab: while it lives, the lab may lack a state yet. */
  claimedBy: ProcessRecord;
  /** The lab's bridge, once made: named here too, since the state goes with its root. */
  bridge?: string;
}

function claimFile(lab: string, dir: string): string {
  return join(labClaimsDir, `${lab}.${createHash('sha256').update(dir).digest('hex').slice(0, 16)}.json`);
}

/** Records (again) that the lab `lab` lives in `dir`, claimed by this process. */
export async function claimLab(lab: string, dir: string, bridge?: string): Promise<void> {
  await mkdir(labClaimsDir, { recursive: true, mode: 0o755 });
  const claim: LabClaim = { lab, dir, claimedBy: await recordProcess(process.pid), ...(bridge ? { bridge } : {}) };
  await writeJsonAtomic(claimFile(lab, dir), claim, 0o644);
}

export async function releaseLabClaim(lab: string, dir: string): Promise<void> {
  await rm(claimFile(lab, dir), { force: true });
}

/** Every claim on the machine (a file half-written by a crash is skipped). */
export async function readLabClaims(): Promise<LabClaim[]> {
  const claims: LabClaim[] = [];
  for (const name of await readdir(labClaimsDir).catch(() => [])) {
    if (!name.endsWith('.json')) continue;
    const claim = await readJsonFile<LabClaim>(join(labClaimsDir, name)).catch(() => undefined);
    if (claim?.lab && claim.dir && claim.claimedBy) claims.push(claim);
  }
  return claims;
}
