// The rendered cloud-config documents, checked with the real tools: cloud-init's own schema
// validator, shellcheck, systemd-analyze, and Azure's customData size limit.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { assetNames, asset } from '../../src/core/assets.js';
import { ToolkitError } from '../../src/core/errors.js';
import { aptRetries, nodePaths, renderCloudInit, storagePlaceholders, type CloudInitInput } from '../../src/render/cloud-init.js';
import { helperKeys, nodeHelperKey } from '../../src/render/helper-keys.js';
import { cloudInitInput, sshKeyPair, type KeyPair } from './inputs.js';

interface WriteFile {
  path: string;
  content: string;
  permissions: string;
  encoding?: string;
}

const AZURE_CUSTOM_DATA_LIMIT = 65_536;
const roles = ['master', 'agent'] as const;
const variants = [1, 3, 5].flatMap((masterCount) =>
  [false, true].flatMap((fileShare) => roles.map((role) => ({ role, masterCount, fileShare }))),
);

let workDir: string;
let admin: KeyPair;
let hostKey: KeyPair;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'azswarm-cloud-init-'));
  admin = sshKeyPair();
  hostKey = sshKeyPair();
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function render(role: CloudInitInput['role'], masterCount = 3, fileShare = false): string {
  return renderCloudInit(cloudInitInput(role, { masterCount, fileShare, admin, hostKey }));
}

function writeFilesOf(document: string): WriteFile[] {
  return (parse(document) as { write_files: WriteFile[] }).write_files;
}

function fileAt(document: string, path: string): WriteFile | undefined {
  return writeFilesOf(document).find((file) => file.path === path);
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${command} could not run (scripts/install-deps.sh installs it): ${result.error.message}`);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function saved(name: string, text: string): string {
  const path = join(workDir, name);
  writeFileSync(path, text);
  return path;
}

describe('cloud-init schema (Debian cloud-init 22.4)', () => {
  test.each(variants)('$role with $masterCount master(s), file share $fileShare is valid', ({ role, masterCount, fileShare }) => {
    const path = saved(`${role}-${masterCount}-${fileShare}.yml`, render(role, masterCount, fileShare));
    const result = run('cloud-init', ['schema', '--config-file', path]);
    expect(result.output).toContain('Valid cloud-config');
    expect(result.status).toBe(0);
  });

  test('the validator really rejects a malformed document', () => {
    const broken = render('agent').replace('package_update: true', 'package_update: "sometimes"');
    const result = run('cloud-init', ['schema', '--config-file', saved('broken.yml', broken)]);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('package_update');
  });
});

describe('document content', () => {
  test('starts with #cloud-config and installs only docker.io (plus cifs-utils for the share)', () => {
    expect(render('master').startsWith('#cloud-config\n')).toBe(true);
    expect(parse(render('agent')).packages).toEqual(['docker.io']);
    expect(parse(render('agent', 3, true)).packages).toEqual(['docker.io', 'cifs-utils']);
  });

  test('writes the node config and, per role, only the 0600 helper keys that role may hold', () => {
    const input = cloudInitInput('agent', { masterCount: 5, fileShare: false, admin, hostKey });
    const document = renderCloudInit(input);
    expect(JSON.parse(fileAt(document, nodePaths.config)!.content)).toEqual(input.node);
    const keys = helperKeys(input.helperSecret);
    const keyFiles = (text: string) => Object.fromEntries(writeFilesOf(text).filter((file) => file.path.endsWith('.key')).map((file) => [file.path, `${file.permissions} ${file.content.trim()}`]));
    // A scale set agent: the agent root only (it derives its own node key); never the master key.
    expect(keyFiles(document)).toEqual({ [nodePaths.agentRootKey]: `0600 ${keys.agentRoot}` });
    expect(keyFiles(renderCloudInit({ ...input, agentName: 'agents000003' }))).toEqual({ [nodePaths.nodeKey]: `0600 ${nodeHelperKey(keys.agentRoot, 'agents000003')}` });
    expect(keyFiles(render('master'))).toEqual({ [nodePaths.helperKey]: `0600 ${keys.master}`, [nodePaths.agentRootKey]: `0600 ${keys.agentRoot}` });
    expect(new Set([input.helperSecret, keys.master, keys.agentRoot, nodeHelperKey(keys.agentRoot, 'agents000003')]).size).toBe(4);
    expect(document).not.toContain(input.helperSecret);
    // The command the units run, and the code it imports beside it.
    for (const [path, name, permissions] of [[nodePaths.script, 'swarm-node.py', '0755'], [nodePaths.code, 'swarm_node.py', '0644']]) {
      const file = fileAt(document, path)!;
      expect(file.encoding).toBe('gz+b64');
      expect(gunzipSync(Buffer.from(file.content, 'base64')).toString('utf8')).toBe(asset(`cloud-init/${name}`));
      expect(file.permissions).toBe(permissions);
    }
  });

  test('masters run the helper and carry the pinned host key; agents run the events watcher', () => {
    const master = parse(render('master'));
    expect(master.ssh_keys).toEqual({ ed25519_private: hostKey.privateKey, ed25519_public: hostKey.publicKey });
    expect(master.ssh_deletekeys).toBe(true);
    const masterUnits = writeFilesOf(render('master')).map((file) => file.path);
    expect(masterUnits).toContain('/etc/systemd/system/swarm-helper.service');
    expect(masterUnits).not.toContain('/etc/systemd/system/swarm-events.service');

    const agent = parse(render('agent'));
    expect(agent.ssh_keys).toBeUndefined();
    const agentUnits = writeFilesOf(render('agent')).map((file) => file.path);
    expect(agentUnits).toContain('/etc/systemd/system/swarm-events.service');
    expect(agentUnits).not.toContain('/etc/systemd/system/swarm-helper.service');
  });

  test('the admin user is in the docker group with the given key and no password', () => {
    const [user] = parse(render('agent')).users;
    expect(user).toMatchObject({ name: 'cluster', groups: ['docker'], lock_passwd: true });
    expect(user.ssh_authorized_keys).toEqual([admin.publicKey]);
  });

  test('runcmd is systemctl only and enables every unit it wrote', () => {
    for (const [role, fileShare] of [['master', true], ['agent', false]] as const) {
      const document = render(role, 3, fileShare);
      const commands: string[] = parse(document).runcmd;
      expect(commands.every((command) => command.startsWith('systemctl '))).toBe(true);
      const written = writeFilesOf(document)
        .filter((file) => file.path.startsWith(`${nodePaths.units}/`))
        .map((file) => file.path.slice(nodePaths.units.length + 1))
        .filter((name) => !name.includes('/')); // drop-ins are not units
      expect(commands.at(-1)!.split(' ').slice(4).sort()).toEqual(written.sort());
    }
  });

  test("the file share mounts //<account>.file.<the cloud's storage suffix>/srv, root's and not world-writable, and docker requires it", () => {
    const document = render('agent', 1, true);
    // The key never passes through customData: the srv-credentials extension writes the file.
    expect(fileAt(document, nodePaths.shareCredentials)).toBeUndefined();
    const mount = fileAt(document, '/etc/systemd/system/srv.mount')!.content;
    expect(mount).toContain(`What=//${storagePlaceholders.account}.file.${storagePlaceholders.suffix}/srv`);
    expect(mount).toMatch(/^Options=vers=3\.1\.1,credentials=\/etc\/swarm-cluster\/srv\.cred,uid=0,gid=0,dir_mode=0755,file_mode=0644,/m);
    const dropIn = fileAt(document, nodePaths.dockerNeedsShare)!;
    expect(dropIn.content).toMatch(/^\[Unit\]\nRequiresMountsFor=\/srv$/m);
    for (const fileShare of [false, true]) {
      for (const role of roles) expect(render(role, 3, fileShare)).not.toMatch(/core\.windows\.net|cloudapp|0777/);
    }
    const withoutShare = render('agent', 1, false);
    expect(withoutShare).not.toContain('__AZSWARM_');
    expect(fileAt(withoutShare, nodePaths.dockerNeedsShare)).toBeUndefined();
  });

  test('apt retries every download, so one mirror hiccup does not fail the first boot', () => {
    for (const role of roles) {
      const retries = fileAt(render(role), nodePaths.aptRetries)!;
      expect(retries).toMatchObject({ content: `Acquire::Retries "${aptRetries}";\n`, permissions: '0644' });
    }
    expect(aptRetries).toBeGreaterThanOrEqual(3);
  });

  test('masters pin an RSA host key besides the ed25519 one (walinuxagent waits for ssh_host_rsa_key.pub); no other type is generated', () => {
    const rsa = { privateKey: '-----BEGIN RSA PRIVATE KEY-----\nMIIG\n-----END RSA PRIVATE KEY-----\n', publicKey: 'ssh-rsa AAAAB3NzaC1yc2E host@test' };
    const master = parse(renderCloudInit({ ...cloudInitInput('master', { masterCount: 1, fileShare: false, admin, hostKey }), rsaHostKey: rsa }));
    expect(master.ssh_keys).toEqual({ ed25519_private: hostKey.privateKey, ed25519_public: hostKey.publicKey, rsa_private: rsa.privateKey, rsa_public: rsa.publicKey });
    expect(master.ssh_genkeytypes).toEqual(['ed25519', 'rsa']);
    // Without one (the lab, which runs no walinuxagent), no unpinned RSA key either.
    const lab = parse(render('master'));
    expect(Object.keys(lab.ssh_keys)).toEqual(['ed25519_private', 'ed25519_public']);
    expect(lab.ssh_genkeytypes).toEqual(['ed25519']);
    // An RSA pair alone, without the ed25519 pair clients pin first, is refused.
    expect(() => renderCloudInit({ ...cloudInitInput('agent', { masterCount: 1, fileShare: false, admin, hostKey }), rsaHostKey: rsa })).toThrow(/rsaHostKey comes with hostKey/);
  });

  test("agents on Azure carry the agents' own host keys (logs pins them through master0); without them, the image's keys stay", () => {
    const agentKey = sshKeyPair();
    const agent = parse(renderCloudInit({ ...cloudInitInput('agent', { masterCount: 1, fileShare: false, admin, hostKey }), hostKey: agentKey }));
    expect(agent.ssh_keys).toEqual({ ed25519_private: agentKey.privateKey, ed25519_public: agentKey.publicKey });
    expect(agent.ssh_deletekeys).toBe(true);
    expect(JSON.stringify(agent)).not.toContain(hostKey.privateKey.split('\n')[2]);
    const lab = parse(render('agent'));
    expect(lab.ssh_keys).toBeUndefined();
    expect(lab.ssh_deletekeys).toBeUndefined();
  });

  test('a swap file of the asked size is made by cc_mounts (init stage); none when the size is 0', () => {
    const withSwap = (swapSizeMiB: number) => renderCloudInit({ ...cloudInitInput('agent', { masterCount: 1, fileShare: false, admin, hostKey }), swapSizeMiB });
    expect(parse(withSwap(2048)).swap).toEqual({ filename: '/swapfile', size: 2048 * 1024 * 1024, maxsize: 2048 * 1024 * 1024 });
    expect(parse(withSwap(0)).swap).toBeUndefined();
    expect(parse(render('master')).swap).toBeUndefined();
    for (const bad of [-1, 1.5, 16 * 1024 + 1]) expect(() => withSwap(bad)).toThrow(/swapSizeMiB must be a whole number from 0 to 16384/);
    const result = run('cloud-init', ['schema', '--config-file', saved('swap.yml', withSwap(2048))]);
    expect(result.output).toContain('Valid cloud-config');
  });

  test('bad input is refused with a message naming the field', () => {
    const master = cloudInitInput('master', { masterCount: 1, fileShare: false, admin, hostKey });
    const cases: [CloudInitInput, RegExp][] = [
      [{ ...master, helperSecret: 'not-hex-at-all-not-hex-at-all-not-hex' }, /helperSecret must be hex/],
      [{ ...master, helperSecret: 'abcd' }, /helperSecret must be hex, at least 32/],
      [{ ...master, hostKey: undefined }, /hostKey is required on masters/],
      [{ ...master, node: { ...master.node, role: 'agent' } }, /node.role is agent, expected master/],
      [{ ...master, agentName: 'master0' }, /agentName is for agents only/],
      [{ ...master, hostKey: undefined, role: 'agent', node: { ...master.node, role: 'agent' }, agentName: 'agent\n' }, /agentName .* hostname label/],
    ];
    for (const [input, message] of cases) {
      expect(() => renderCloudInit(input)).toThrow(ToolkitError);
      expect(() => renderCloudInit(input)).toThrow(message);
    }
  });
});

describe('Azure customData limit', () => {
  test('the base64 of every document stays under 64 KB with the longest realistic values', () => {
    // An RSA 4096 public key line is 8 + 716 + comment characters: the longest admin key.
    const rsaAdmin = { ...admin, publicKey: `ssh-rsa ${'A'.repeat(716)} ${'u'.repeat(64)}@${'h'.repeat(64)}` };
    const longest = (role: CloudInitInput['role']) =>
      renderCloudInit({
        ...cloudInitInput(role, { masterCount: 5, fileShare: true, admin: rsaAdmin, hostKey, cluster: 'c'.repeat(90) }),
        adminUsername: 'a'.repeat(32),
        helperSecret: 'f'.repeat(128),
      })
        // A storage account name has at most 24 characters; a cloud's storage suffix is short.
        .replaceAll(storagePlaceholders.account, 'x'.repeat(24))
        .replaceAll(storagePlaceholders.suffix, 's'.repeat(32));
    for (const role of roles) {
      const size = Buffer.from(longest(role)).toString('base64').length;
      console.log(`customData ${role}: ${size} base64 bytes of ${AZURE_CUSTOM_DATA_LIMIT}`);
      expect(size).toBeLessThan(AZURE_CUSTOM_DATA_LIMIT);
    }
  });
});

/**
 * What in a unit wanted by multi-user.target makes the target wait: a start that completes only
 * when the process ends (oneshot, forking) or a start without a time bound.
 */
function bootBlockers(unit: string): string[] {
  if (!/^WantedBy=multi-user\.target$/m.test(unit)) return [];
  const type = /^Type=(\S+)$/m.exec(unit)?.[1] ?? 'simple';
  return [
    ...(['oneshot', 'forking', 'notify', 'dbus'].includes(type) ? [`Type=${type}: the target waits until the process ends`] : []),
    ...(/^Timeout(Start)?Sec=infinity$/m.test(unit) ? ['TimeoutStartSec=infinity'] : []),
  ];
}

describe('scripts and units', () => {
  test('shellcheck passes on every shell script and on the runcmd of each role', () => {
    const scripts = assetNames('cloud-init/')
      .filter((name) => name.endsWith('.sh'))
      .map((name) => saved(name.replaceAll('/', '_'), asset(name)));
    for (const role of roles) {
      const commands: string[] = parse(render(role, 3, true)).runcmd;
      scripts.push(saved(`runcmd-${role}.sh`, `#!/bin/sh\nset -eu\n${commands.join('\n')}\n`));
    }
    const result = run('shellcheck', ['--shell=sh', ...scripts]);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  test('systemd-analyze finds nothing wrong in the units', () => {
    const units = assetNames('cloud-init/units/');
    expect(units.length).toBeGreaterThanOrEqual(5);
    for (const name of units) {
      const result = run('systemd-analyze', ['verify', '--man=no', saved(name.split('/').at(-1)!, asset(name))]);
      expect({ name, output: result.output }).toEqual({ name, output: '' });
    }
  });

  test('no unit can hold up multi-user.target (and with it cloud-final and `cloud-init status --wait`)', () => {
    const units = assetNames('cloud-init/units/').filter((name) => name.endsWith('.service'));
    expect(units.map((name) => [name, bootBlockers(asset(name))])).toEqual(units.map((name) => [name, []]));
    // The unit as it was: a oneshot with no start timeout blocks boot for as long as the masters are away.
    const before = asset('cloud-init/units/swarm-join.service').replace(/^Type=exec$/m, 'Type=oneshot').replace(/^Restart=on-failure$/m, 'TimeoutStartSec=infinity');
    expect(bootBlockers(before)).toEqual(['Type=oneshot: the target waits until the process ends', 'TimeoutStartSec=infinity']);
  });

  test('long-running servers restart always; the boot join runs as Type=exec, retries on failure and stays active', () => {
    const unit = (name: string) => asset(`cloud-init/units/${name}`);
    for (const server of ['swarm-helper.service', 'swarm-health.service', 'swarm-events.service']) {
      expect(unit(server)).toMatch(/^Type=exec$/m);
      expect(unit(server)).toMatch(/^Restart=always$/m);
      expect(unit(server)).toMatch(/^ExecStart=\/usr\/bin\/python3 \/usr\/local\/lib\/swarm-cluster\/swarm-node\.py \w+$/m);
      expect(unit(server)).toMatch(/^WantedBy=multi-user\.target$/m);
    }
    const join = unit('swarm-join.service');
    expect(join).toMatch(/^Type=exec$/m);
    expect(join).toMatch(/^Restart=on-failure$/m);
    expect(join).toMatch(/^RemainAfterExit=yes$/m);
    expect(join).toMatch(/^ExecStop=\/usr\/bin\/python3 \S+swarm-node\.py leave$/m);
  });
});
