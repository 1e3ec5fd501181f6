import ssh2 from 'ssh2';
import { SettingError } from '../../src/core/errors.js';
import {
  parseAgentCount,
  parseBatchSize,
  parseBoolean,
  parseIpv4Cidr,
  parseTags,
  parseTestImage,
  parseWholeNumber,
  validateAdminUsername,
  validateDnsLabel,
  validateLabName,
  validateResourceGroupName,
  validateSshPublicKey,
  validateVmSize,
} from '../../src/core/validators.js';

/** The message of the SettingError that `run` throws (fails the test when it throws none). */
function problem(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SettingError);
    return (error as SettingError).message;
  }
  throw new Error('expected a SettingError');
}

describe('parseTestImage', () => {
  const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;

  it('takes a digest reference, with or without a tag, on Azure; nothing when empty', () => {
    expect(parseTestImage('test-image', `ghcr.io/owner/azswarm-test-service@${digest}`, 'azure')).toBe(`ghcr.io/owner/azswarm-test-service@${digest}`);
    expect(parseTestImage('test-image', ` localhost:5000/a/b:v1@${digest} `, 'azure')).toBe(`localhost:5000/a/b:v1@${digest}`);
    expect(parseTestImage('test-image', '', 'azure')).toBeUndefined();
    expect(parseTestImage('test-image', '', 'lab')).toBeUndefined();
  });

  it.each([
    'ghcr.io/owner/azswarm-test-service:latest',
    'ghcr.io/owner/azswarm-test-service',
    `ghcr.io/owner/azswarm-test-service@sha256:${'0'.repeat(63)}`,
    `ghcr.io/Owner/azswarm-test-service@${digest}`,
    `ghcr.io/owner/x@${digest}@${digest}`,
    `@${digest}`,
  ])('refuses %s: the setting and the digest rule', (value) => {
    expect(() => parseTestImage('test-image', value, 'azure')).toThrow(
      new SettingError('test-image', 'must name the image by digest, REPOSITORY@sha256:<64 hex digits> such as ghcr.io/OWNER/azswarm-test-service@sha256:… (the test-service workflow prints it; a tag alone can be moved to other bytes)', value),
    );
  });

  it('refuses any test image on the lab, which builds its own', () => {
    expect(() => parseTestImage('test-image', `ghcr.io/owner/azswarm-test-service@${digest}`, 'lab')).toThrow(/^test-image: must be empty with provider lab/);
  });
});

describe('parseWholeNumber', () => {
  const range = { min: 0, max: 100 };
  it.each(['2.5', '-1', '101', 'three', '', '1e2', '0x10'])('refuses %j', (value) => {
    expect(problem(() => parseWholeNumber('count', value, range))).toBe(`count: must be a whole number from 0 to 100 (got ${JSON.stringify(value)})`);
  });
  it('accepts whole numbers in range', () => {
    expect(parseWholeNumber('count', ' 7 ', range)).toBe(7);
    expect(parseWholeNumber('count', '0', range)).toBe(0);
    expect(parseWholeNumber('count', '100', range)).toBe(100);
  });
});

describe('parseAgentCount and parseBatchSize (one rule each for the CLI and the actions)', () => {
  it('refuses an agent count beyond the cap with the Azure limit it would break', () => {
    expect(problem(() => parseAgentCount('agent-count', '101'))).toBe(
      'agent-count: must be at most 100: the agents are one Uniform scale set in a single placement group, which holds at most 100 VMs (docs/scale.md) (got "101")',
    );
    expect(problem(() => parseAgentCount('max-agent-count', '0', 1))).toBe('max-agent-count: must be a whole number from 1 to 100 (got "0")');
    expect(parseAgentCount('count', '100')).toBe(100);
  });
  it.each(['0', '101', 'all'])('refuses batch-size %j', (value) => {
    expect(problem(() => parseBatchSize('batch-size', value))).toBe(`batch-size: must be a whole number from 1 to 100 (got ${JSON.stringify(value)})`);
  });
});

describe('parseBoolean', () => {
  it('reads the YAML 1.2 core booleans, as core.getBooleanInput does', () => {
    for (const text of ['true', 'True', 'TRUE', ' true ']) expect(parseBoolean('autoscale', text)).toBe(true);
    for (const text of ['false', 'False', 'FALSE']) expect(parseBoolean('autoscale', text)).toBe(false);
  });
  it.each(['yes', 'no', 'on', 'off', '1', '0', 'tRUE', 'y', ''])('refuses %j', (text) => {
    expect(problem(() => parseBoolean('autoscale', text))).toBe(`autoscale: must be true or false (YAML 1.2: true, True, TRUE, false, False, FALSE) (got ${JSON.stringify(text)})`);
  });
});

describe('validateResourceGroupName', () => {
  it.each(['rg', 'My_Group.(1)-x', 'a'.repeat(90), 'équipe'])('accepts %j', (name) => {
    expect(validateResourceGroupName('resource-group', name)).toBe(name);
  });
  it.each(['', 'a'.repeat(91), 'ends.', 'has space', 'semi;colon', 'slash/'])('refuses %j', (name) => {
    expect(problem(() => validateResourceGroupName('resource-group', name))).toMatch(
      /^resource-group: must be 1-90 letters, digits, "-", "_", ".", "\(" or "\)" and must not end with "\."/,
    );
  });
});

describe('validateDnsLabel', () => {
  it.each(['abc', 'a-1', `a${'b'.repeat(61)}c`])('accepts %j', (label) => {
    expect(validateDnsLabel('dns-prefix', label)).toBe(label);
  });
  it.each(['ab', '1abc', 'abc-', 'ABC', 'a_b', `a${'b'.repeat(62)}c`])('refuses %j', (label) => {
    expect(problem(() => validateDnsLabel('dns-prefix', label))).toBe(
      `dns-prefix: must be a DNS label matching ^[a-z][a-z0-9-]{1,61}[a-z0-9]$ (got ${JSON.stringify(label)})`,
    );
  });
});

describe('validateLabName', () => {
  it('accepts short lowercase names', () => {
    expect(validateLabName('resource-group', 'lab-2')).toBe('lab-2');
  });
  it.each(['Lab', '2lab', 'a'.repeat(16), 'lab_x', ''])('refuses %j', (name) => {
    expect(problem(() => validateLabName('resource-group', name))).toMatch(/^resource-group: must be a lab name of 1-15 lowercase letters/);
  });
});

describe('parseIpv4Cidr', () => {
  it('accepts canonical prefixes and a bare address as /32', () => {
    expect(parseIpv4Cidr('allowed-ssh-cidr', '203.0.113.0/24')).toBe('203.0.113.0/24');
    expect(parseIpv4Cidr('allowed-ssh-cidr', '0.0.0.0/0')).toBe('0.0.0.0/0');
    expect(parseIpv4Cidr('allowed-ssh-cidr', '203.0.113.7')).toBe('203.0.113.7/32');
  });
  it.each(['203.0.113.0/33', '256.1.1.1/32', '10.0.0/8', 'any', '10.0.0.0/', '010.0.0.0/8', '2001:db8::/32', '10.0.0.0/08'])(
    'refuses %j',
    (cidr) => {
      expect(problem(() => parseIpv4Cidr('allowed-ssh-cidr', cidr))).toBe(
        `allowed-ssh-cidr: must be an IPv4 CIDR such as 203.0.113.0/24 (prefix length 0-32) (got ${JSON.stringify(cidr)})`,
      );
    },
  );
  it('refuses host bits and says the canonical form', () => {
    expect(problem(() => parseIpv4Cidr('allowed-ssh-cidr', '10.1.2.3/8'))).toBe(
      'allowed-ssh-cidr: must have its host bits zero (did you mean 10.0.0.0/8?) (got "10.1.2.3/8")',
    );
  });
});

describe('validateAdminUsername', () => {
  it('accepts Linux-style names', () => {
    expect(validateAdminUsername('admin-username', 'cluster_ops-1')).toBe('cluster_ops-1');
  });
  it.each(['Cluster', '1user', '-x', 'a'.repeat(33), 'with space'])('refuses the form of %j', (name) => {
    expect(problem(() => validateAdminUsername('admin-username', name))).toMatch(
      /^admin-username: must be 1-32 lowercase letters, digits, "_" or "-" starting with a letter/,
    );
  });
  it.each(['root', 'admin', 'administrator', 'test'])('refuses the reserved name %j', (name) => {
    expect(problem(() => validateAdminUsername('admin-username', name))).toMatch(/^admin-username: must not be a reserved name/);
  });
});

describe('validateVmSize', () => {
  it('accepts Standard_ sizes and refuses others', () => {
    expect(validateVmSize('agent-size', 'Standard_D2s_v5')).toBe('Standard_D2s_v5');
    expect(problem(() => validateVmSize('agent-size', 'B1ls'))).toMatch(/^agent-size: must be an Azure VM size such as Standard_B1ls/);
  });
});

describe('validateSshPublicKey', () => {
  const ed25519 = ssh2.utils.generateKeyPairSync('ed25519', { comment: 'me@host' });

  it.each([
    ['ed25519', ed25519.public],
    ['ecdsa', ssh2.utils.generateKeyPairSync('ecdsa', { bits: 256 }).public],
    ['rsa 2048', ssh2.utils.generateKeyPairSync('rsa', { bits: 2048 }).public],
  ])('accepts an %s key', (_type, key) => {
    expect(validateSshPublicKey('ssh-public-key', `${key}\n`)).toBe(key.trim());
  });

  it('refuses a key that does not parse', () => {
    expect(problem(() => validateSshPublicKey('ssh-public-key', 'ssh-ed25519 AAAAnotakey x'))).toMatch(
      /^ssh-public-key: must be one OpenSSH public key line .*; this one does not parse$/,
    );
    expect(problem(() => validateSshPublicKey('ssh-public-key', 'hello'))).toMatch(/^ssh-public-key: must be one OpenSSH public key line/);
  });

  it('refuses a key whose type is not the one its line claims', () => {
    const body = ed25519.public.split(' ')[1];
    expect(problem(() => validateSshPublicKey('ssh-public-key', `ssh-rsa ${body}`))).toMatch(/does not parse$/);
  });

  it('refuses an ecdsa key whose point is off its curve, and a blob with fields too many', () => {
    const [type, body] = ssh2.utils.generateKeyPairSync('ecdsa', { bits: 256 }).public.split(' ');
    const blob = Buffer.from(body, 'base64');
    const offCurve = Buffer.from(blob);
    offCurve[offCurve.length - 1] ^= 1;
    expect(problem(() => validateSshPublicKey('ssh-public-key', `${type} ${offCurve.toString('base64')}`))).toMatch(/does not parse$/);
    const extra = Buffer.concat([blob, Buffer.from([0, 0, 0, 1, 7])]);
    expect(problem(() => validateSshPublicKey('ssh-public-key', `${type} ${extra.toString('base64')}`))).toMatch(/does not parse$/);
  });

  it('refuses a private key without echoing it', () => {
    const message = problem(() => validateSshPublicKey('ssh-public-key', ed25519.private));
    expect(message).toBe('ssh-public-key: must be a public key, not a private key');
  });

  it('refuses RSA keys shorter than Azure accepts', () => {
    const short = ssh2.utils.generateKeyPairSync('rsa', { bits: 1024 }).public;
    expect(problem(() => validateSshPublicKey('ssh-public-key', short))).toBe('ssh-public-key: ssh-rsa keys must have at least 2048 bits (Azure\'s rule)');
  });
});

describe('parseTags', () => {
  it('reads k=v lists and JSON objects', () => {
    expect(parseTags('tags', 'team=core, env = dev,url=a=b')).toEqual({ team: 'core', env: 'dev', url: 'a=b' });
    expect(parseTags('tags', '{"team":"core","n":3}')).toEqual({ team: 'core', n: '3' });
    expect(parseTags('tags', '')).toEqual({});
  });
  it.each([
    ['team', 'tags: must be key=value pairs separated by "," or a JSON object (got "team")'],
    ['{"a":', 'tags: must be key=value pairs separated by "," or a JSON object; this JSON does not parse'],
    ['["a"]', 'tags: a JSON value must be an object of tag names to values'],
    ['{"a":{"b":1}}', 'tags: tag "a" must have a string value'],
    ['=v', 'tags: tag names must be 1-512 characters (got "")'],
    ['a/b=v', 'tags: tag names must not contain < > % & \\ ? / (got "a/b")'],
    ['azure-x=v', 'tags: tag names must not start with microsoft, azure or windows (reserved by Azure) (got "azure-x")'],
    ['expires-at=never', 'tags: tag "expires-at" is set by the toolkit itself (got "expires-at")'],
    ['Team=a,team=b', 'tags: tag "team" is given twice'],
    [`k=${'v'.repeat(257)}`, 'tags: tag values must be at most 256 characters (tag "k")'],
  ])('refuses %j', (value, message) => {
    expect(problem(() => parseTags('tags', value))).toBe(message);
  });
  it('refuses long names and too many tags', () => {
    expect(problem(() => parseTags('tags', `${'k'.repeat(513)}=v`))).toMatch(/^tags: tag names must be 1-512 characters/);
    const many = Array.from({ length: 48 }, (_, index) => `t${index}=v`).join(',');
    expect(problem(() => parseTags('tags', many))).toBe('tags: at most 47 tags (Azure allows 50; the toolkit adds 3)');
  });
});
