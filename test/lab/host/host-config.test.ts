// The pure parts of the real-boot nodes: the machine's archive read from apt sources in both
// formats (Debian's deb822 and Ubuntu runners' files), the image key, the boot mode setting,
// and the lab's vendor-data — checked by the real `cloud-init schema` and against the rendered
// documents it must not collide with.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderCloudInit } from '../../../src/render/cloud-init.js';
import { machineArchive, parseDeb822Sources, parseOneLineSources } from '../../../src/providers/lab/host/apt-sources.js';
import { labBootMode } from '../../../src/providers/lab/host/boot-mode.js';
import { checkUserDataNeedsNoSkippedModule, cloudInitModules, nodeImageDefinition, nodeImageKey, skippedCloudInitModules } from '../../../src/providers/lab/host/node-image.js';
import { checkUserDataLeavesVendorKeys, renderMetaData, renderVendorData } from '../../../src/providers/lab/host/vendor-data.js';
import { cloudInitInput, sshKeyPair } from '../../cloud-init/inputs.js';

let work: string;
beforeAll(async () => (work = await mkdtemp(join(tmpdir(), 'azswarm-host-'))));
afterAll(() => rm(work, { recursive: true, force: true }));

const debianSources = `Types: deb
# http://snapshot.debian.org/archive/debian/20250520T000000Z
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
`;

async function etc(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(work, name);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

describe('the machine\'s archive', () => {
  test('deb822 sources: binary paragraphs only, a comment inside a paragraph does not split it', () => {
    expect(parseDeb822Sources(debianSources)).toEqual([
      { uri: 'http://deb.debian.org/debian', suites: ['bookworm', 'bookworm-updates'], components: ['main'] },
      { uri: 'http://deb.debian.org/debian-security', suites: ['bookworm-security'], components: ['main'] },
    ]);
  });

  test('one-line sources: options and comments ignored, deb-src skipped', () => {
    expect(parseOneLineSources('# x\ndeb [arch=amd64] http://azure.archive.ubuntu.com/ubuntu/ noble main universe # c\ndeb-src http://x noble main\n')).toEqual([
      { uri: 'http://azure.archive.ubuntu.com/ubuntu/', suites: ['noble'], components: ['main', 'universe'] },
    ]);
  });

  test('a Debian machine builds from its own mirror, with its updates and security suites, no third-party repository', async () => {
    const dir = await etc('debian', {
      'os-release': 'ID=debian\nVERSION_CODENAME=bookworm\n',
      'apt/sources.list.d/debian.sources': debianSources,
      'apt/sources.list.d/other.list': 'deb https://packages.example.org/apt stable main\n',
    });
    const archive = await machineArchive(dir);
    expect(archive).toMatchObject({ distribution: 'debian', suite: 'bookworm', mirror: 'http://deb.debian.org/debian' });
    expect(archive.sources.map((source) => source.uri)).toEqual(['http://deb.debian.org/debian', 'http://deb.debian.org/debian-security']);
  });

  test('an Ubuntu runner builds from Ubuntu\'s archive', async () => {
    const dir = await etc('ubuntu', {
      'os-release': 'ID=ubuntu\nVERSION_CODENAME=noble\n',
      'apt/sources.list.d/ubuntu.sources': 'Types: deb\nURIs: http://azure.archive.ubuntu.com/ubuntu/\nSuites: noble noble-updates\nComponents: main universe\n',
    });
    expect(await machineArchive(dir)).toMatchObject({ distribution: 'ubuntu', suite: 'noble', mirror: 'http://azure.archive.ubuntu.com/ubuntu/' });
  });

  test('a machine whose sources name no mirror for its release gets an error that says so', async () => {
    const dir = await etc('none', { 'os-release': 'ID=debian\nVERSION_CODENAME=bookworm\n' });
    await expect(machineArchive(dir)).rejects.toMatchObject({ code: 'lab-image-no-archive', message: expect.stringContaining('debian bookworm') });
  });

  test('the image key changes with the definition (a new package is a new image)', async () => {
    const archive = await machineArchive(await etc('key', { 'os-release': 'ID=debian\nVERSION_CODENAME=bookworm\n', 'apt/sources.list.d/d.sources': debianSources }));
    const definition = nodeImageDefinition(archive);
    expect(nodeImageKey(definition)).toBe(nodeImageKey(nodeImageDefinition(archive)));
    expect(nodeImageKey({ ...definition, packages: [...definition.packages, 'curl'] })).not.toBe(nodeImageKey(definition));
    expect(nodeImageKey({ ...definition, mirror: 'http://mirror.example/debian' })).not.toBe(nodeImageKey(definition));
  });
});

test('AZSWARM_LAB_BOOT: emulated by default, systemd on request, anything else named in the error', () => {
  expect(labBootMode({})).toBe('emulated');
  expect(labBootMode({ AZSWARM_LAB_BOOT: 'systemd' })).toBe('systemd');
  expect(() => labBootMode({ AZSWARM_LAB_BOOT: 'real' })).toThrow(/AZSWARM_LAB_BOOT must be one of emulated, systemd \(got "real"\)/);
});

describe('the image\'s cloud-init modules', () => {
  test('every rendered document (masters with pinned keys and swap, the file share) sets no key of a module the image skips', () => {
    for (const role of ['master', 'agent'] as const) {
      for (const fileShare of [false, true]) {
        const input = { ...cloudInitInput(role, { masterCount: 3, fileShare, admin: sshKeyPair(), hostKey: sshKeyPair() }), swapSizeMiB: 2048 };
        expect(() => checkUserDataNeedsNoSkippedModule(renderCloudInit(input))).not.toThrow();
      }
    }
  });

  test('a document that starts using a skipped module\'s key is refused, naming key and module', () => {
    expect(() => checkUserDataNeedsNoSkippedModule('#cloud-config\nruncmd: [true]\ntimezone: Europe/Berlin\n'))
      .toThrow(expect.objectContaining({ code: 'lab-cloud-init-module-skipped', message: expect.stringContaining('timezone (module timezone)') }));
  });

  test('no module is both kept and skipped', () => {
    const kept = Object.values(cloudInitModules).flat();
    expect(kept.filter((module) => module in skippedCloudInitModules)).toEqual([]);
  });
});

describe('vendor-data', () => {
  const operator = sshKeyPair();
  const documentOf = (role: 'master' | 'agent') => renderCloudInit(cloudInitInput(role, { masterCount: 3, fileShare: false, admin: sshKeyPair(), hostKey: sshKeyPair() }));
  const vendorDataFor = (userData: string) =>
    renderVendorData({ hosts: "127.0.0.1 localhost\n10.213.3.10 master0\n", adminUsername: 'cluster', operatorPublicKey: operator.publicKey, userData });
  const vendorData = vendorDataFor(documentOf('agent'));

  test('is valid cloud-config for the real cloud-init', async () => {
    const path = join(work, 'vendor-data.yml');
    await writeFile(path, vendorData);
    const result = spawnSync('cloud-init', ['schema', '--config-file', path], { encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`).toContain('Valid cloud-config');
    expect(result.status).toBe(0);
  });

  test('its boot commands write the hosts, dockerd\'s settings and the operator key as a shell would', async () => {
    const root = join(work, 'vendor-root');
    const commands = (parse(vendorData) as { bootcmd: string[][] }).bootcmd;
    // only the file writers: the cgroup remount is for the node, not this machine
    for (const [shell, flag, script] of commands.filter(([, , script]) => script.startsWith('mkdir -p '))) {
      const result = spawnSync(shell, [flag, script.replaceAll(' /etc/', ` ${root}/etc/`).replaceAll('"$(dirname /etc/', `"$(dirname ${root}/etc/`)], { encoding: 'utf8' });
      expect(result.stderr).toBe('');
    }
    const read = (path: string) => spawnSync('cat', [join(root, path)], { encoding: 'utf8' }).stdout;
    expect(read('etc/hosts')).toBe('127.0.0.1 localhost\n10.213.3.10 master0\n');
    expect(read('etc/default/docker')).toContain('DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1');
    expect(read('etc/ssh/azswarm-lab-keys/cluster')).toBe(`${operator.publicKey.trim()}\n`);
    expect(commands.filter(([, , script]) => !script.startsWith('mkdir -p ')).map(([, , script]) => script)).toEqual([
      expect.stringContaining('mount -o remount,bind,rw'),
    ]);
  });

  test('uses no top-level key of the rendered documents (user-data would replace it)', () => {
    for (const role of ['master', 'agent'] as const) {
      const document = documentOf(role);
      expect(() => checkUserDataLeavesVendorKeys(document, vendorDataFor(document))).not.toThrow();
    }
    expect(() => checkUserDataLeavesVendorKeys('#cloud-config\nbootcmd: [true]\nruncmd: [true]\n', vendorData))
      .toThrow(expect.objectContaining({ code: 'lab-vendor-data-clash', message: expect.stringContaining('sets bootcmd') }));
  });

  test('host keys: ed25519 alone where the document names no key types (agents); the masters\' pinned types stay the document\'s', () => {
    expect((parse(vendorData) as Record<string, unknown>).ssh_genkeytypes).toEqual(['ed25519']);
    const master = documentOf('master');
    expect(parse(vendorDataFor(master))).not.toHaveProperty('ssh_genkeytypes');
    expect(parse(master)).toHaveProperty('ssh_genkeytypes');
  });

  test('meta-data names the instance and the host', () => {
    expect(parse(renderMetaData('azs-master0-0a1b', 'master0'))).toEqual({ 'instance-id': 'azs-master0-0a1b', 'local-hostname': 'master0' });
  });
});
