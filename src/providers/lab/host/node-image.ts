// The real-boot lab nodes' disk image, baked once the way a VM image is: a minimal root of the
// machine's own distribution (debootstrap from the mirror its apt sources name) plus the
// packages the node software needs — systemd as init, cloud-init, dockerd, sshd, python3 — and
// nothing of the toolkit's (the node software arrives through cloud-init, as on Azure).
// Cached under /var/cache/azswarm/images/<hash of the definition>; a changed definition (package
// list, release, mirror, baked settings) is a new image. Built in a scratch folder and renamed,
// so a crashed build never leaves a half image behind a valid key.
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ToolkitError } from '../../../core/errors.js';
import { runCommand } from './command.js';
import { machineArchive, type AptSource, type MachineArchive } from './apt-sources.js';

export const defaultNodeImageCacheDir = '/var/cache/azswarm/images';

/** What a node needs from its image; cloud-init brings everything else. */
export const nodeImagePackages = [
  'systemd', 'systemd-sysv', 'dbus', 'cloud-init', 'docker.io', 'openssh-server', 'python3',
  'iproute2', 'iptables', 'sudo', 'procps', 'locales',
];

/**
 * Units of the image a lab node never needs, masked as a slim cloud image does: each costs a
 * node's boot time and CPU on the machine's shared cores and does nothing for the node software
 * (measured on a first boot: e2scrub_reap alone took 6.5 s of wall time). Periodic maintenance
 * (apt's daily runs, e2scrub, fstrim, dpkg's backup), consoles (no one logs in on a lab node's
 * console; SSH is ssh.service), kernel interfaces a container cannot use (module loading,
 * debugfs, tracefs, hugepages, fuse's control mount, pstore), and cloud-init's hotplug socket
 * (the lab never hot-plugs a NIC). Never a unit the node software or the documents use:
 * docker, containerd, ssh, the cloud-init stages, journald, logind, dbus stay.
 */
export const maskedUnits = [
  'apt-daily.timer', 'apt-daily-upgrade.timer', 'dpkg-db-backup.timer', 'e2scrub_all.timer', 'e2scrub_reap.service', 'fstrim.timer',
  'getty@tty1.service', 'console-getty.service',
  'systemd-modules-load.service', 'modprobe@.service', 'sys-kernel-debug.mount', 'sys-kernel-tracing.mount', 'dev-hugepages.mount',
  'sys-fs-fuse-connections.mount', 'systemd-pstore.service',
  'cloud-init-hotplugd.socket',
];

/**
 * Commands run in the root after the packages, as a cloud image is prepared: cloud-init's locale
 * module sets the distribution's default locale (en_US.UTF-8) and only generates it (seconds
 * per boot) when the image does not already use it; the units above masked.
 */
const bakeCommands = [
  "sed -i 's/^# *en_US.UTF-8 UTF-8/en_US.UTF-8 UTF-8/' /etc/locale.gen",
  'locale-gen',
  'update-locale LANG=en_US.UTF-8',
  `systemctl mask ${maskedUnits.join(' ')}`,
];

/**
 * The empty flat archive the lab's vendor-data points apt at (see vendor-data.ts): cloud-init's
 * `package_update` / `packages` then run for real and find every package already installed.
 */
export const labAptArchiveDir = '/var/lib/azswarm-lab/apt';

/**
 * cloud-init's modules the lab image runs, per stage: Debian's lists without the modules that
 * only cost time in a lab node and that no rendered document configures (`skippedCloudInitModules`
 * says which keys each of them reads, and booting refuses a document that sets one of them, so
 * a key the node software starts using is never silently ignored). Kept: everything the
 * documents use (bootcmd and apt come from the lab's vendor-data) and cloud-init's own plumbing.
 */
export const cloudInitModules = {
  cloud_init_modules: ['migrator', 'bootcmd', 'write-files', 'mounts', 'set_hostname', 'update_hostname', 'users-groups', 'ssh'],
  cloud_config_modules: ['locale', 'set-passwords', 'apt-configure', 'runcmd'],
  cloud_final_modules: [
    'package-update-upgrade-install', 'write-files-deferred', 'scripts-vendor', 'scripts-per-once', 'scripts-per-boot',
    'scripts-per-instance', 'scripts-user', 'final-message',
  ],
};

/**
 * The modules of Debian's lists the lab image leaves out, with the top-level keys each reads
 * (from cloud-init 22.4's module documentation). Most are no-ops without their key; the ones
 * that cost are grub-dpkg (debconf for a boot loader a container has none of), keys-to-console
 * and ssh-authkey-fingerprints (ssh-keygen runs per key only to print fingerprints).
 */
export const skippedCloudInitModules: Record<string, string[]> = {
  seed_random: ['random_seed'],
  growpart: ['growpart'],
  resizefs: ['resize_rootfs'],
  disk_setup: ['disk_setup', 'fs_setup'],
  update_etc_hosts: ['manage_etc_hosts'],
  'ca-certs': ['ca_certs', 'ca-certs'],
  rsyslog: ['rsyslog'],
  snap: ['snap'],
  'ssh-import-id': ['ssh_import_id'],
  keyboard: ['keyboard'],
  'grub-dpkg': ['grub_dpkg', 'grub-dpkg'],
  'apt-pipelining': ['apt_pipelining'],
  ntp: ['ntp'],
  timezone: ['timezone'],
  'disable-ec2-metadata': ['disable_ec2_metadata'],
  byobu: ['byobu_by_default'],
  fan: ['fan'],
  landscape: ['landscape'],
  lxd: ['lxd'],
  puppet: ['puppet'],
  chef: ['chef'],
  mcollective: ['mcollective'],
  'salt-minion': ['salt_minion'],
  reset_rmc: [],
  refresh_rmc_and_interface: [],
  rightscale_userdata: [],
  'ssh-authkey-fingerprints': ['no_ssh_fingerprints', 'authkey_hash'],
  'keys-to-console': ['ssh', 'ssh_fp_console_blacklist', 'ssh_key_console_blacklist'],
  'install-hotplug': ['updates'],
  'phone-home': ['phone_home'],
  'power-state-change': ['power_state'],
};

/** Baked cloud-init settings: the lab is a NoCloud platform, its host configures the NIC, the module lists above. */
const cloudCfg = `# The azswarm lab: a NoCloud seed, the NIC is configured by the lab before boot.
datasource_list: [ NoCloud ]
network: {config: disabled}
${Object.entries(cloudInitModules).map(([stage, modules]) => `${stage}: [ ${modules.join(', ')} ]`).join('\n')}
`;

/** Refuses user-data that sets a key only a module the lab image skips would read (see above). */
export function checkUserDataNeedsNoSkippedModule(userData: string): void {
  const keys = Object.keys((parse(userData) as Record<string, unknown> | null) ?? {});
  const needed = Object.entries(skippedCloudInitModules).flatMap(([module, moduleKeys]) =>
    moduleKeys.filter((key) => keys.includes(key)).map((key) => `${key} (module ${module})`));
  if (needed.length > 0) {
    throw new ToolkitError(
      `the rendered cloud-config sets ${needed.join(', ')}, which the lab's node image does not run: the lab would ignore it`,
      'lab-cloud-init-module-skipped',
      'add the module back to cloudInitModules in src/providers/lab/host/node-image.ts (a new image)',
    );
  }
}

export interface NodeImageDefinition {
  distribution: string;
  suite: string;
  mirror: string;
  sources: AptSource[];
  packages: string[];
  bakeCommands: string[];
  cloudCfg: string;
  aptArchiveDir: string;
}

export interface NodeImage {
  /** The root folder nodes boot (read-only lower layer of each node's overlay). */
  rootfs: string;
  key: string;
}

export function nodeImageDefinition(archive: MachineArchive): NodeImageDefinition {
  return { ...archive, packages: nodeImagePackages, bakeCommands, cloudCfg, aptArchiveDir: labAptArchiveDir };
}

export function nodeImageKey(definition: NodeImageDefinition): string {
  return createHash('sha256').update(JSON.stringify(definition)).digest('hex').slice(0, 16);
}

/** apt's one-line format (one suite per line): the image's own sources, the machine's. */
function sourcesList(sources: AptSource[]): string {
  return sources.flatMap((source) => source.suites.map((suite) => `deb ${source.uri} ${suite} ${source.components.join(' ')}\n`)).join('');
}

export type ImageProgress = (line: string) => void;

/** Runs a build step in the image root: a private mount namespace with /proc, /dev and DNS. */
function inRoot(root: string, script: string, timeoutMs: number): Promise<unknown> {
  const setup = `set -eu
mount -t proc proc "$1/proc"
mount --rbind /dev "$1/dev"
mount -t tmpfs tmpfs "$1/run"
chroot "$1" /bin/sh -c "$2"`;
  return runCommand(['unshare', '--mount', '--propagation', 'private', '--', 'sh', '-c', setup, 'image-step', root, script], {
    timeoutMs,
    env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', DEBIAN_FRONTEND: 'noninteractive' },
  });
}

async function timed(progress: ImageProgress, what: string, step: () => Promise<unknown>): Promise<void> {
  const started = Date.now();
  progress(`node image: ${what}...`);
  await step();
  progress(`node image: ${what} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function buildRoot(definition: NodeImageDefinition, root: string, progress: ImageProgress): Promise<void> {
  const components = [...new Set(definition.sources.flatMap((source) => source.components))];
  await timed(progress, `debootstrap ${definition.distribution} ${definition.suite} from ${definition.mirror}`, () =>
    runCommand(['debootstrap', '--variant=minbase', `--components=${components.join(',')}`, definition.suite, root, definition.mirror], { timeoutMs: 1_800_000 }));
  await writeFile(join(root, 'etc/apt/sources.list'), sourcesList(definition.sources));
  await cp('/etc/resolv.conf', join(root, 'etc/resolv.conf'), { dereference: true }).catch(() => undefined);
  // packages must not start their daemons in the build root
  await writeFile(join(root, 'usr/sbin/policy-rc.d'), '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  await timed(progress, `apt-get install ${definition.packages.join(' ')}`, () =>
    inRoot(root, `apt-get update -q && apt-get install -y -q --no-install-recommends ${definition.packages.join(' ')} && apt-get clean`, 1_800_000));
  await timed(progress, 'locale', () => inRoot(root, definition.bakeCommands.join(' && '), 300_000));
  await bakeSettings(definition, root);
}

/** What makes the root a clean, bootable image: no identity of its own, the lab's cloud-init settings. */
async function bakeSettings(definition: NodeImageDefinition, root: string): Promise<void> {
  await rm(join(root, 'usr/sbin/policy-rc.d'));
  await rm(join(root, 'var/lib/apt/lists'), { recursive: true, force: true });
  await mkdir(join(root, 'var/lib/apt/lists/partial'), { recursive: true });
  // every node gets its own machine id at boot, and its own SSH host keys from cloud-init
  await writeFile(join(root, 'etc/machine-id'), '');
  for (const name of await readdir(join(root, 'etc/ssh'))) {
    if (name.startsWith('ssh_host_')) await rm(join(root, 'etc/ssh', name));
  }
  await rm(join(root, 'etc/hostname'), { force: true });
  await writeFile(join(root, 'etc/cloud/cloud.cfg.d/90-azswarm-lab.cfg'), definition.cloudCfg);
  await mkdir(join(root, definition.aptArchiveDir), { recursive: true });
  await writeFile(join(root, definition.aptArchiveDir, 'Packages'), '');
}

/**
 * The node image for this machine: from the cache, or built now (minutes; `progress` hears
 * each step). Concurrent builders each build in their own scratch folder; the first rename wins.
 */
export async function ensureNodeImage(progress: ImageProgress, cacheDir = defaultNodeImageCacheDir): Promise<NodeImage> {
  const definition = nodeImageDefinition(await machineArchive());
  const key = nodeImageKey(definition);
  const dir = join(cacheDir, key);
  const image = { rootfs: join(dir, 'rootfs'), key };
  if (await stat(join(dir, 'definition.json')).catch(() => undefined)) return image;
  progress(`node image ${key} is not cached in ${cacheDir}: building it (a few minutes, once)`);
  const scratch = join(cacheDir, `.build-${key}-${process.pid}`);
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true, mode: 0o755 });
  try {
    await buildRoot(definition, join(scratch, 'rootfs'), progress);
    await writeFile(join(scratch, 'definition.json'), `${JSON.stringify(definition, null, 2)}\n`);
    await rename(scratch, dir).catch(async (error: NodeJS.ErrnoException) => {
      if (!(await stat(join(dir, 'definition.json')).catch(() => undefined))) throw error;
    });
  } catch (error) {
    throw new ToolkitError(`building the lab node image failed: ${(error as Error).message}`, 'lab-image-build-failed', undefined, { cause: error });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  progress(`node image ${key} ready`);
  return image;
}
