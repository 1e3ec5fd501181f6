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
 * Commands run in the root after the packages, as a cloud image is prepared: cloud-init's locale
 * module sets the distribution's default locale (en_US.UTF-8) and only generates it (seconds
 * per boot) when the image does not already use it.
 */
const bakeCommands = [
  "sed -i 's/^# *en_US.UTF-8 UTF-8/en_US.UTF-8 UTF-8/' /etc/locale.gen",
  'locale-gen',
  'update-locale LANG=en_US.UTF-8',
];

/**
 * The empty flat archive the lab's vendor-data points apt at (see vendor-data.ts): cloud-init's
 * `package_update` / `packages` then run for real and find every package already installed.
 */
export const labAptArchiveDir = '/var/lib/azswarm-lab/apt';

/** Baked cloud-init settings: the lab is a NoCloud platform and its host configures the NIC. */
const cloudCfg = `# The azswarm lab: a NoCloud seed, the NIC is configured by the lab before boot.
datasource_list: [ NoCloud ]
network: {config: disabled}
`;

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
