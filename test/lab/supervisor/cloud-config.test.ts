// The lab reads the cloud-config that renderCloudInit() produces for Azure VMs: every key is
// done or deliberately skipped with a reason, and every unit the node software ships parses.
import { asset, assetNames } from '../../../src/core/assets.js';
import { renderCloudInit } from '../../../src/render/cloud-init.js';
import { generateHelperSecret, generateHostKeyPair, generateSshKeyPair } from '../../../src/render/keys.js';
import type { NodeConfig } from '../../../src/render/node-config.js';
import { parseCloudConfig, runcmdStep } from '../../../src/providers/lab/supervisor/cloud-config.js';
import { parseServiceUnit } from '../../../src/providers/lab/supervisor/unit-file.js';

const node = (role: NodeConfig['role']): NodeConfig => ({
  cluster: 'lab', role, masters: [{ name: 'master0', address: '10.213.9.10' }], helperPort: 8400, healthPort: 8401,
  metadataUrl: 'http://10.213.9.1:8410', downGraceSeconds: 60, drainTimeoutSeconds: 60, eventPollSeconds: 1,
});
const userKey = generateSshKeyPair('user').publicKey;
const hostKey = generateHostKeyPair('lab');

function rendered(role: NodeConfig['role']): string {
  return renderCloudInit({
    role, node: node(role), adminUsername: 'cluster', sshPublicKey: userKey, helperSecret: generateHelperSecret(),
    ...(role === 'master' ? { hostKey } : {}), fileShare: false,
  });
}

test('a master document becomes files, the admin user, the pinned host key and systemctl steps', () => {
  const plan = parseCloudConfig(rendered('master'));
  const config = plan.files.find((file) => file.path === '/etc/swarm-cluster/cluster.json')!;
  expect(JSON.parse(Buffer.from(config.contentBase64, 'base64').toString())).toEqual(node('master'));
  for (const key of ['helper.key', 'agent-root.key']) {
    expect(plan.files.find((file) => file.path === `/etc/swarm-cluster/${key}`)).toMatchObject({ mode: 0o600, owner: 'root:root' });
  }
  expect(plan.users).toEqual([expect.objectContaining({ name: 'cluster', groups: ['docker'], authorizedKeys: [userKey] })]);
  expect(plan.hostKeys).toEqual([{ type: 'ed25519', privateKey: hostKey.privateKey, publicKey: hostKey.publicKey }]);
  expect(plan.deleteOldHostKeys).toBe(true);
  expect(plan.runcmd).toContainEqual(expect.objectContaining({ kind: 'systemctl', action: 'enable', now: true, units: expect.arrayContaining(['swarm-helper.service', 'swarm-join.service']) }));
  expect(plan.notes.join('\n')).toMatch(/packages: apt/);
});

test('an agent document carries no host key and enables the events watcher', () => {
  const plan = parseCloudConfig(rendered('agent'));
  expect(plan.hostKeys).toEqual([]);
  expect(plan.runcmd).toContainEqual(expect.objectContaining({ kind: 'systemctl', units: expect.arrayContaining(['swarm-events.service']) }));
});

test('every service unit the node software ships is understood by the systemd stand-in', () => {
  const units = assetNames('cloud-init/units/').filter((name) => name.endsWith('.service'));
  expect(units.length).toBeGreaterThan(0);
  for (const name of units) expect(() => parseServiceUnit(name, asset(name))).not.toThrow();
});

test('what the lab cannot do is refused or skipped with a reason, never ignored', () => {
  expect(() => parseCloudConfig('#cloud-config\nbootcmd: [reboot]\n')).toThrow(/bootcmd is not supported by the lab/);
  expect(() => parseCloudConfig('packages: []\n')).toThrow(/must start with #cloud-config/);
  expect(runcmdStep('apt-get install -y jq')).toMatchObject({ kind: 'skipped', reason: expect.stringMatching(/apt/) });
  expect(runcmdStep('mount -t cifs //x/srv /srv')).toMatchObject({ kind: 'skipped', reason: expect.stringMatching(/Files share is not supported/) });
  expect(() => runcmdStep('systemctl mask swarm-join.service')).toThrow(/systemctl mask is not supported/);
  expect(runcmdStep(['touch', '/tmp/x'])).toEqual({ kind: 'command', argv: ['touch', '/tmp/x'] });
});
