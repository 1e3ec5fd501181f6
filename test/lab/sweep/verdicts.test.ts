// The sweep's verdicts (src/providers/lab/sweep.ts), pure: which lab-named object of the machine
// is provably orphaned, and what the report says of each. The sweep on real namespaces, cgroups
// and claims: test/lab/lab-crash.test.ts.
import { bridgeVerdict, nodeObjectVerdict, unclaimedLeftoverAgeMs, type ClaimFacts, type NodeObjectFacts } from '../../../src/providers/lab/sweep.js';

const idle = (lab: string, age: NodeObjectFacts['age'] = 1_000): NodeObjectFacts => ({ object: `netns azs-${lab}-master0`, lab, idle: true, age });
const claim = (lab: string, facts: Partial<ClaimFacts> = {}): ClaimFacts => ({
  lab, dir: `/tmp/root-${lab}/${lab}`, claimedBy: 4242, claimerAlive: false, hasState: false, destroyed: false, ...facts,
});

describe('a lab-named namespace or cgroup', () => {
  it('with a process in it is left, whoever claims it', () => {
    expect(nodeObjectVerdict({ ...idle('gone'), idle: false }, [claim('gone')])).toEqual({ remove: false, why: 'processes run in it (the sweep never kills)' });
  });

  it('of a lab whose folder holds its state (another lab root, stopped nodes) is left', () => {
    expect(nodeObjectVerdict(idle('other'), [claim('other', { hasState: true })])).toEqual({ remove: false, why: 'lab other of lab root /tmp/root-other exists' });
  });

  it('of a lab being made (no state yet, the claiming process alive) is left', () => {
    expect(nodeObjectVerdict(idle('making'), [claim('making', { claimerAlive: true })]))
      .toEqual({ remove: false, why: 'lab making is being made by process 4242 (lab root /tmp/root-making)' });
  });

  it('of a lab claimed only by folders without state whose claimers are gone is removed', () => {
    expect(nodeObjectVerdict(idle('crashed'), [claim('crashed')]))
      .toEqual({ remove: true, why: 'lab crashed has no state in /tmp/root-crashed/crashed and the process that claimed it is gone' });
  });

  it('of the lab just destroyed is removed, unless a lab of that name under another root holds it', () => {
    const destroyed = claim('twin', { destroyed: true, hasState: true, claimerAlive: true });
    expect(nodeObjectVerdict(idle('twin'), [destroyed])).toEqual({ remove: true, why: 'lab twin was destroyed' });
    expect(nodeObjectVerdict(idle('twin'), [destroyed, claim('twin', { dir: '/tmp/b/twin', hasState: true })]))
      .toEqual({ remove: false, why: 'lab twin of lab root /tmp/b exists' });
  });

  it('that no lab claims is removed only once older than the bound, or when its node\'s namespace is gone', () => {
    const young = nodeObjectVerdict(idle('legacy', unclaimedLeftoverAgeMs - 60_000), [claim('another', { hasState: true })]);
    expect(young).toEqual({ remove: false, why: 'no lab claims it, but it is only 59 min old (a lab may be being made: removed once 60 min old)' });
    expect(nodeObjectVerdict(idle('legacy', unclaimedLeftoverAgeMs), [])).toEqual({ remove: true, why: 'no lab claims it and it is 60 min old' });
    expect(nodeObjectVerdict(idle('legacy', 'no-namespace'), [])).toEqual({ remove: true, why: 'no lab claims it and its node\'s namespace is gone' });
  });
});

describe('a lab bridge with no port', () => {
  it('named by a lab that exists or is being made is left', () => {
    expect(bridgeVerdict('azs-7', [claim('other', { hasState: true, bridge: 'azs-7' })])).toEqual({ remove: false, why: 'lab other of lab root /tmp/root-other holds it' });
    expect(bridgeVerdict('azs-7', [claim('making', { claimerAlive: true, bridge: 'azs-7' })])).toEqual({ remove: false, why: 'lab making of lab root /tmp/root-making holds it' });
  });

  it('named by a lab that is provably gone is removed', () => {
    expect(bridgeVerdict('azs-7', [claim('crashed', { bridge: 'azs-7' })])).toEqual({ remove: true, why: 'no port, and lab crashed, which made it, is gone' });
    expect(bridgeVerdict('azs-7', [claim('done', { bridge: 'azs-7', hasState: true, claimerAlive: true, destroyed: true })]))
      .toEqual({ remove: true, why: 'no port, and lab done, which made it, is gone' });
  });

  it('that no lab claims is left: its age cannot be told', () => {
    expect(bridgeVerdict('azs-7', [claim('other', { hasState: true, bridge: 'azs-8' })]).remove).toBe(false);
    expect(bridgeVerdict('azs-7', []).why).toMatch(/^no lab claims it and a bridge's age cannot be told/);
  });
});
