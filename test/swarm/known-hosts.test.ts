// known_hosts as OpenSSH reads it: only the lines for the host being reached are pinned.
import { createHmac, randomBytes } from 'node:crypto';
import { generateSshKeyPair } from '../../src/render/keys.js';
import { keysForHost, parseKnownHosts } from '../../src/swarm/known-hosts.js';

const keyOf = (comment: string) => generateSshKeyPair(comment).publicKey.split(' ').slice(0, 2).join(' ');
const master = keyOf('master');
const other = keyOf('other');
const ca = keyOf('ca');
const stolen = keyOf('stolen');

function hashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('known_hosts', () => {
  const text = [
    '# deploy-cluster output, then lines a user added',
    `team-master0.westeurope.cloudapp.azure.com,10.0.1.10 ${master} host@team`,
    '',
    `other.example.com ${other}`,
    `@cert-authority *.cloudapp.azure.com ${ca}`,
    `@revoked team-master0.westeurope.cloudapp.azure.com ${stolen}`,
    `*.westeurope.cloudapp.azure.com,!team-master0.westeurope.cloudapp.azure.com ${other}`,
    `team-master0.westeurope.cloudapp.azure.com ${stolen} an old key, revoked above`,
    `[team-master0.westeurope.cloudapp.azure.com]:2222 ${other}`,
    `${hashed('hashed-master.example')} ${master}`,
    'not-a-line',
    `@unknown-marker team-master0.westeurope.cloudapp.azure.com ${other}`,
  ].join('\n');
  const entries = parseKnownHosts(text);

  it('keeps the lines with comments and markers, skips comments, blanks, broken and unknown-marker lines', () => {
    expect(entries).toHaveLength(8);
    expect(entries[0]).toEqual({ patterns: ['team-master0.westeurope.cloudapp.azure.com', '10.0.1.10'], key: master });
    expect(entries.filter((entry) => entry.marker).map((entry) => entry.marker)).toEqual(['cert-authority', 'revoked']);
  });

  it('pins only the plain lines of the host itself, never a CA, a revoked key, a negated or another host\'s line', () => {
    expect(keysForHost(entries, 'team-master0.westeurope.cloudapp.azure.com')).toEqual([master]);
    expect(keysForHost(entries, 'TEAM-MASTER0.westeurope.cloudapp.azure.com')).toEqual([master]);
    expect(keysForHost(entries, '10.0.1.10')).toEqual([master]);
    expect(keysForHost(entries, 'team-master1.westeurope.cloudapp.azure.com')).toEqual([other]);
    expect(keysForHost(entries, 'team-master0.westeurope.cloudapp.azure.com', 2222)).toEqual([other]);
    expect(keysForHost(entries, 'hashed-master.example')).toEqual([master]);
    expect(keysForHost(entries, 'nobody.example')).toEqual([]);
    expect(keysForHost(entries, '10.0.1.1')).toEqual([]);
  });
});
