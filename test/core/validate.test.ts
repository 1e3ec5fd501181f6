import ssh2 from 'ssh2';
import { SettingsError } from '../../src/core/errors.js';
import { deriveDnsPrefix, ignoredSettings, parseClusterSettings, type RawSettings } from '../../src/core/validate.js';

const publicKey = ssh2.utils.generateKeyPairSync('ed25519', { comment: 'test' }).public;
const azureBase: RawSettings = { 'resource-group': 'team-swarm', 'ssh-public-key': publicKey, 'allowed-ssh-cidr': '203.0.113.7/32' };

/** Every problem message of the SettingsError that parsing `raw` throws. */
function problems(raw: RawSettings, provider: 'azure' | 'lab' = 'azure'): string[] {
  try {
    parseClusterSettings(raw, provider);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as SettingsError).problems.map((problem) => problem.message);
  }
  throw new Error('expected a SettingsError');
}

describe('parseClusterSettings on Azure', () => {
  it('applies the defaults of the original template', () => {
    expect(parseClusterSettings(azureBase, 'azure')).toEqual({
      provider: 'azure',
      name: 'team-swarm',
      dnsPrefix: 'team-swarm',
      masterCount: 1,
      agentCount: 2,
      minAgentCount: 1,
      maxAgentCount: 5,
      autoscale: true,
      masterSize: 'Standard_D2as_v5',
      agentSize: 'Standard_D2as_v5',
      adminUsername: 'cluster',
      sshPublicKey: publicKey,
      allowedSshCidr: '203.0.113.7/32',
      fileShare: false,
      faultDomainCount: 2,
      updateDomainCount: 5,
      tags: {},
    });
  });

  it('reads every setting', () => {
    const settings = parseClusterSettings(
      {
        ...azureBase,
        'dns-prefix': 'swarm1',
        location: 'westeurope',
        'master-count': '3',
        'agent-count': '4',
        'min-agent-count': '2',
        'max-agent-count': '10',
        autoscale: 'false',
        'master-size': 'Standard_B2s',
        'agent-size': 'Standard_D2s_v5',
        'admin-username': 'ops',
        'file-share': 'true',
        'fault-domain-count': '3',
        'update-domain-count': '20',
        tags: 'team=core',
      },
      'azure',
    );
    expect(settings).toMatchObject({
      dnsPrefix: 'swarm1',
      location: 'westeurope',
      masterCount: 3,
      agentCount: 4,
      minAgentCount: 2,
      maxAgentCount: 10,
      autoscale: false,
      masterSize: 'Standard_B2s',
      agentSize: 'Standard_D2s_v5',
      adminUsername: 'ops',
      fileShare: true,
      faultDomainCount: 3,
      updateDomainCount: 20,
      tags: { team: 'core' },
    });
  });

  it('treats blank values (unset action inputs) as absent', () => {
    expect(parseClusterSettings({ ...azureBase, 'agent-count': '', location: '  ', tags: '' }, 'azure')).toMatchObject({ agentCount: 2, tags: {} });
  });

  it('raises the default maximum to the requested agent count', () => {
    expect(parseClusterSettings({ ...azureBase, 'agent-count': '8' }, 'azure')).toMatchObject({ agentCount: 8, maxAgentCount: 8 });
  });

  it('lists every problem at once', () => {
    expect(
      problems({
        'resource-group': 'bad name',
        'master-count': '2',
        'agent-count': '2.5',
        'ssh-public-key': 'nope',
        'allowed-ssh-cidr': '10.0.0.300/8',
        'admin-username': 'root',
      }),
    ).toEqual([
      'resource-group: must be 1-90 letters, digits, "-", "_", ".", "(" or ")" and must not end with "." (got "bad name")',
      'master-count: must be 1, 3 or 5 (a swarm needs an odd number of managers) (got "2")',
      'agent-count: must be a whole number from 0 to 100 (got "2.5")',
      'admin-username: must not be a reserved name (root, admin, administrator, user, test, docker, ...) (got "root")',
      'ssh-public-key: must be one OpenSSH public key line (ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521 AAAA... [comment])',
      'allowed-ssh-cidr: must be an IPv4 CIDR such as 203.0.113.0/24 (prefix length 0-32) (got "10.0.0.300/8")',
    ]);
  });

  it.each([
    [{ 'agent-count': '-1' }, 'agent-count: must be a whole number from 0 to 100 (got "-1")'],
    [{ 'agent-count': '101' }, 'agent-count: must be at most 100: the agents are one Uniform scale set in a single placement group, which holds at most 100 VMs (docs/scale.md) (got "101")'],
    [{ 'agent-count': '6', 'max-agent-count': '5' }, 'agent-count: must not be greater than max-agent-count (6 > 5)'],
    [{ 'max-agent-count': '101' }, 'max-agent-count: must be at most 100: the agents are one Uniform scale set in a single placement group, which holds at most 100 VMs (docs/scale.md) (got "101")'],
    [{ 'min-agent-count': '1000' }, 'min-agent-count: must be at most 100: the agents are one Uniform scale set in a single placement group, which holds at most 100 VMs (docs/scale.md) (got "1000")'],
    [{ 'max-agent-count': '0' }, 'max-agent-count: must be a whole number from 1 to 100 (got "0")'],
    [{ 'min-agent-count': '4', 'max-agent-count': '3', 'agent-count': '3' }, 'min-agent-count: must not be greater than max-agent-count (4 > 3)'],
    [{ 'agent-count': '1', 'min-agent-count': '2' }, 'agent-count: must be at least min-agent-count when autoscale is on (1 < 2)'],
    [{ 'master-count': 'three' }, 'master-count: must be 1, 3 or 5 (a swarm needs an odd number of managers) (got "three")'],
    [{ 'master-count': '03' }, 'master-count: must be 1, 3 or 5 (a swarm needs an odd number of managers) (got "03")'],
    [{ 'resource-group': 'x'.repeat(91) }, /^resource-group: must be 1-90 letters/],
    [{ 'resource-group': 'rg.' }, /^resource-group: .*must not end with "\."/],
    [{ 'resource-group': '' }, 'resource-group: is required (the Azure resource group)'],
    [{ 'resource-group': '___' }, 'dns-prefix: cannot be derived from resource-group "___"; give one (a lowercase letter, then letters, digits or "-")'],
    [{ 'dns-prefix': 'Swarm' }, /^dns-prefix: must be 1-46 lowercase letters, digits or "-", start with a letter and not end with "-", so that <prefix>-agents-lb-xxxxxx is a DNS label \(got "Swarm"\)$/],
    [{ 'dns-prefix': 'a'.repeat(47) }, /^dns-prefix: must be 1-46 /],
    [{ 'dns-prefix': 'swarm-' }, /^dns-prefix: must be 1-46 /],
    [{ location: 'West Europe' }, 'location: must be an Azure region name such as westeurope (lowercase letters and digits) (got "West Europe")'],
    [{ 'ssh-public-key': undefined }, 'ssh-public-key: is required (the CLI generates a key pair when none is given)'],
    [{ 'allowed-ssh-cidr': undefined }, /^allowed-ssh-cidr: is required \(SSH to the masters is never opened to the whole internet by default/],
    [{ 'allowed-ssh-cidr': '10.0.0.1/8' }, 'allowed-ssh-cidr: must have its host bits zero (did you mean 10.0.0.0/8?) (got "10.0.0.1/8")'],
    [{ 'admin-username': 'Admin' }, /^admin-username: must be 1-32 lowercase letters/],
    [{ 'master-size': 'big' }, /^master-size: must be an Azure VM size such as Standard_B1ls/],
    [{ 'swap-size': '2G' }, /^swap-size: must be auto \(2048 MiB on sizes with 2 GiB of memory or less, none otherwise\) or a whole number of MiB from 0 \(none\) to 16384 \(got "2G"\)$/],
    [{ 'swap-size': '16385' }, /^swap-size: must be auto/],
    [{ autoscale: 'on' }, 'autoscale: must be true or false (YAML 1.2: true, True, TRUE, false, False, FALSE) (got "on")'],
    [{ 'fault-domain-count': '4' }, 'fault-domain-count: must be a whole number from 1 to 3 (got "4")'],
    [{ 'update-domain-count': '0' }, 'update-domain-count: must be a whole number from 1 to 20 (got "0")'],
    [{ 'file-share': 'maybe' }, 'file-share: must be true or false (YAML 1.2: true, True, TRUE, false, False, FALSE) (got "maybe")'],
    [{ tags: 'a<b=1' }, 'tags: tag names must not contain < > % & \\ ? / (got "a<b")'],
  ] as [RawSettings, string | RegExp][])('names the setting and the rule for %j', (overrides, message) => {
    const found = problems({ ...azureBase, ...overrides });
    expect(found).toHaveLength(1);
    expect(found[0]).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
  });

  it('refuses CPU autoscale on burstable agent sizes, and allows them with autoscale off or on the masters', () => {
    expect(problems({ ...azureBase, 'agent-size': 'Standard_B2s' })).toEqual([
      expect.stringMatching(/^autoscale: CPU autoscale misreads burstable sizes \(Standard_B2s throttles to its baseline once out of credits\)/),
    ]);
    expect(parseClusterSettings({ ...azureBase, 'agent-size': 'Standard_B1ls', autoscale: 'false' }, 'azure')).toMatchObject({ agentSize: 'Standard_B1ls', autoscale: false });
    expect(parseClusterSettings({ ...azureBase, 'master-size': 'Standard_B1ls' }, 'azure')).toMatchObject({ masterSize: 'Standard_B1ls', autoscale: true });
  });

  it('allows agents below the minimum when autoscale is off', () => {
    expect(parseClusterSettings({ ...azureBase, 'agent-count': '0', autoscale: 'false' }, 'azure')).toMatchObject({ agentCount: 0 });
  });

  it('derives DNS prefixes that fit the longest derived label', () => {
    expect(deriveDnsPrefix('My_Team.Swarm(1)')).toBe('my-team-swarm-1');
    expect(deriveDnsPrefix('42-rg')).toBe('rg');
    const long = parseClusterSettings({ ...azureBase, 'resource-group': `a${'-b'.repeat(44)}` }, 'azure').dnsPrefix;
    expect(`${long}-agents-lb-abc234`).toMatch(/^[a-z][a-z0-9-]{1,61}[a-z0-9]$/);
  });
});

describe('parseClusterSettings on the lab', () => {
  const labBase: RawSettings = { 'ssh-public-key': publicKey };

  it('needs no name, CIDR, location or sizes', () => {
    expect(parseClusterSettings(labBase, 'lab')).toMatchObject({
      provider: 'lab',
      name: 'lab',
      dnsPrefix: 'lab',
      allowedSshCidr: '0.0.0.0/0',
      autoscale: false,
      fileShare: false,
      minAgentCount: 0,
      maxAgentCount: 100,
    });
  });

  it('uses the shorter lab name rule', () => {
    expect(problems({ ...labBase, 'resource-group': 'my-very-long-lab-name' }, 'lab')).toEqual([
      'resource-group: must be a lab name of 1-15 lowercase letters, digits or "-" starting with a letter (^[a-z][a-z0-9-]{0,14}$) (got "my-very-long-lab-name")',
    ]);
  });

  it('ignores the settings it has no use for, and says which', () => {
    const raw = { ...labBase, location: 'Not A Region', 'agent-size': 'x', 'file-share': 'maybe', 'agent-count': '7' };
    expect(parseClusterSettings(raw, 'lab')).toMatchObject({ agentCount: 7, fileShare: false });
    expect(ignoredSettings(raw, 'lab')).toEqual(['location', 'agent-size', 'file-share']);
    expect(ignoredSettings(raw, 'azure')).toEqual([]);
  });

  it('still checks the common rules', () => {
    expect(problems({ ...labBase, 'master-count': '4', 'agent-count': 'x', 'allowed-ssh-cidr': 'any' }, 'lab')).toHaveLength(3);
  });
});
