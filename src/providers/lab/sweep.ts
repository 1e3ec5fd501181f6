// The sweep of lab leftovers that no state of this lab root mentions (after a crash): namespaces
// and cgroups named like a lab's nodes, bridges with no port. These names are machine-wide, and
// other labs (other lab roots: another test file, another user's CI job) may be alive on the
// same machine, being made, or have stopped nodes (idle namespaces), so an object goes only when
// it is provably orphaned:
// - nothing runs in it (the sweep never kills), and
// - the lab named in it is claimed (lab-claims.ts) by folders that are all gone: no state there
//   and the claiming process dead, or the lab was just destroyed; or no lab claims it at all
//   (a lab of a toolkit from before claims, a hand-made copy) and it is older than
//   unclaimedLeftoverAgeMs. A node's cgroup is made after its namespace and removed before it,
//   so a cgroup whose namespace is gone belongs to no node.
// - a bridge: the lab whose claim or state names it is provably gone (as above). A bridge no
//   lab claims is left and reported: the kernel does not tell its age.
// Every object looked at is reported: removed or left, and why.
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { runCommand } from './host/command.js';
import { cgroupPids, killAndRemoveCgroup, topLevelCgroupNames } from './host/cgroups.js';
import { deleteNetns, forwardRuleFor, listLabLinks, listNetns, removeLabNetwork } from './host/network.js';
import { isAlive } from './host/processes.js';
import { readLabClaims, releaseLabClaim, type LabClaim } from './lab-claims.js';
import { readLabState } from './state.js';

/** The names a lab's node namespaces and cgroups have: `azs-<lab>-master<i>`, `azs-<lab>-agents<6>`. */
const labNodeObjectPattern = /^azs-([a-z][a-z0-9-]{0,14})-(master\d|agents[0-9a-z]{6})$/;

/** An unclaimed, idle lab-named namespace younger than this may be a lab being made by an older toolkit. */
export const unclaimedLeftoverAgeMs = 3_600_000;

/** What the sweep knows of one claim, read before anything is removed. */
export interface ClaimFacts {
  lab: string;
  dir: string;
  claimedBy: number;
  /** The claiming process still runs. */
  claimerAlive: boolean;
  /** The folder holds this lab's state. */
  hasState: boolean;
  /** The bridge its state or claim names. */
  bridge?: string;
  /** The lab was destroyed by the command that sweeps: its leftovers are its own. */
  destroyed: boolean;
}

export interface NodeObjectFacts {
  /** `netns azs-…` or `cgroup azs-…`. */
  object: string;
  lab: string;
  /** No process in it. */
  idle: boolean;
  /** Age of the node's namespace; 'no-namespace' for a cgroup whose namespace is gone. */
  age: number | 'no-namespace';
}

export interface Verdict {
  remove: boolean;
  why: string;
}

const minutes = (ms: number) => `${Math.floor(ms / 60_000)} min`;

/** Whether a lab-named namespace or cgroup is provably orphaned (pure: the facts are read before). */
export function nodeObjectVerdict(facts: NodeObjectFacts, claims: readonly ClaimFacts[], unclaimedAfterMs = unclaimedLeftoverAgeMs): Verdict {
  if (!facts.idle) return { remove: false, why: 'processes run in it (the sweep never kills)' };
  const claimed = claims.filter((claim) => claim.lab === facts.lab);
  const live = claimed.find((claim) => !claim.destroyed && claim.hasState);
  if (live) return { remove: false, why: `lab ${facts.lab} of lab root ${dirname(live.dir)} exists` };
  const making = claimed.find((claim) => !claim.destroyed && claim.claimerAlive);
  if (making) return { remove: false, why: `lab ${facts.lab} is being made by process ${making.claimedBy} (lab root ${dirname(making.dir)})` };
  if (claimed.length > 0) {
    return claimed.some((claim) => claim.destroyed)
      ? { remove: true, why: `lab ${facts.lab} was destroyed` }
      : { remove: true, why: `lab ${facts.lab} has no state in ${claimed.map((claim) => claim.dir).join(', ')} and the process that claimed it is gone` };
  }
  if (facts.age === 'no-namespace') return { remove: true, why: 'no lab claims it and its node\'s namespace is gone' };
  if (facts.age >= unclaimedAfterMs) return { remove: true, why: `no lab claims it and it is ${minutes(facts.age)} old` };
  return { remove: false, why: `no lab claims it, but it is only ${minutes(facts.age)} old (a lab may be being made: removed once ${minutes(unclaimedAfterMs)} old)` };
}

/** Whether a lab bridge with no port left is provably orphaned (pure). */
export function bridgeVerdict(bridge: string, claims: readonly ClaimFacts[]): Verdict {
  const named = claims.filter((claim) => claim.bridge === bridge);
  const owner = named.find((claim) => !claim.destroyed && (claim.hasState || claim.claimerAlive));
  if (owner) return { remove: false, why: `lab ${owner.lab} of lab root ${dirname(owner.dir)} holds it` };
  if (named.length > 0) return { remove: true, why: `no port, and lab ${named[0].lab}, which made it, is gone` };
  return { remove: false, why: 'no lab claims it and a bridge\'s age cannot be told (a lab of an older toolkit may be being made): `ip link del` it once no lab uses it' };
}

export interface SweepOutcome {
  object: string;
  removed: boolean;
  why: string;
}

async function claimFacts(claim: LabClaim, destroyedDirs: readonly string[]): Promise<ClaimFacts> {
  const state = await readLabState(claim.dir).catch(() => undefined);
  const own = state?.name === claim.lab ? state : undefined;
  return {
    lab: claim.lab, dir: claim.dir, claimedBy: claim.claimedBy.pid, claimerAlive: await isAlive(claim.claimedBy),
    hasState: own !== undefined, ...(own?.network || claim.bridge ? { bridge: own?.network?.bridge ?? claim.bridge } : {}), destroyed: destroyedDirs.includes(claim.dir),
  };
}

async function netnsAgeMs(name: string): Promise<number | undefined> {
  // the namespace's nsfs inode carries its creation time
  const info = await stat(`/run/netns/${name}`).catch(() => undefined);
  return info ? Date.now() - info.mtimeMs : undefined;
}

/** The lab-named namespaces and cgroups of `isTarget` labs, with their facts. */
async function nodeObjects(isTarget: (lab: string) => boolean): Promise<Array<NodeObjectFacts & { kind: 'netns' | 'cgroup'; name: string }>> {
  const found: Array<NodeObjectFacts & { kind: 'netns' | 'cgroup'; name: string }> = [];
  const ages = new Map<string, number>();
  for (const name of await listNetns()) {
    const lab = labNodeObjectPattern.exec(name)?.[1];
    const age = lab && isTarget(lab) ? await netnsAgeMs(name) : undefined;
    if (!lab || age === undefined) continue;
    ages.set(name, age);
    // gone meanwhile (another destroy): nothing to judge
    const pids = await runCommand(['ip', 'netns', 'pids', name]).catch(() => undefined);
    if (pids) found.push({ kind: 'netns', name, object: `netns ${name}`, lab, idle: pids.stdout.trim() === '', age });
  }
  for (const name of await topLevelCgroupNames()) {
    const lab = labNodeObjectPattern.exec(name)?.[1];
    if (!lab || !isTarget(lab)) continue;
    found.push({ kind: 'cgroup', name, object: `cgroup ${name}`, lab, idle: (await cgroupPids(name)).length === 0, age: ages.get(name) ?? 'no-namespace' });
  }
  return found;
}

/**
 * Sweeps the lab-named namespaces and cgroups of the labs `isTarget` picks, and with `bridges`
 * the lab bridges with no port; `destroyedDirs`: folders of labs this command just destroyed.
 * Claims left by labs that are provably gone are released.
 */
export async function sweepLeftovers(options: { isTarget: (lab: string) => boolean; destroyedDirs: readonly string[]; bridges: boolean }): Promise<SweepOutcome[]> {
  const claims = await readLabClaims();
  const facts = await Promise.all(claims.map((claim) => claimFacts(claim, options.destroyedDirs)));
  const outcomes: SweepOutcome[] = [];
  // every verdict from the facts as they were before the first removal
  const objects = (await nodeObjects(options.isTarget)).map((object) => ({ ...object, verdict: nodeObjectVerdict(object, facts) }));
  for (const { kind, name, object, verdict } of objects) {
    if (verdict.remove) await (kind === 'netns' ? deleteNetns(name) : killAndRemoveCgroup(name));
    outcomes.push({ object, removed: verdict.remove, why: verdict.why });
  }
  if (options.bridges) {
    const links = await listLabLinks();
    for (const bridge of links.filter((name) => /^azs-\d+$/.test(name))) {
      if (links.some((name) => name.startsWith(`${bridge}-`))) continue;
      const verdict = bridgeVerdict(bridge, facts);
      if (verdict.remove) await removeLabNetwork({ bridge, forwardRule: forwardRuleFor(bridge) });
      outcomes.push({ object: `bridge ${bridge}`, removed: verdict.remove, why: verdict.why });
    }
  }
  for (const claim of facts) {
    if (options.isTarget(claim.lab) && !claim.hasState && !claim.claimerAlive) await releaseLabClaim(claim.lab, claim.dir);
  }
  return outcomes;
}
