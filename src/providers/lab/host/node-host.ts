// A lab node's "machine": the namespaces and private filesystem a VM would have, around one
// init process. Started as
//   nsenter --net=/run/netns/NS  unshare --uts --mount --propagation private  sh -c SETUP
// (`ip netns exec` can't be used: it remounts /sys and dockerd then dies, see docs/lab.md).
// SETUP joins the node's cgroup, sets the hostname, mounts a tmpfs /run and /tmp, overlays
// /etc, /usr/local, /var, /opt, /home and /root with upper layers in the node's folder (the
// machine's own files are never modified), binds the node's real `docker` folder on /var/lib/docker
// (dockerd's overlay2 cannot live on an overlay upper) and then execs the init: dockerd for a
// bare node, the node supervisor (the systemd stand-in) for a provider node. The init's pid is
// the node's handle: `exec` enters its namespaces with nsenter, stopping it ends the node.
// The node's fresh /tmp would hide a toolkit that runs from under /tmp (a quick clone, a CI
// workspace) from its own init: the paths the init needs from there are bound back in, read-only.
import { spawn } from 'node:child_process';
import { mkdir, open, rm, stat, writeFile } from 'node:fs/promises';
import { accessSync, constants, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ToolkitError } from '../../../core/errors.js';
import { createNodeCgroup, isUnifiedCgroup, killAndRemoveCgroup } from './cgroups.js';
import { runCommand, type CommandOptions, type CommandResult } from './command.js';
import { isAlive, recordProcess, stopProcess, type ProcessRecord } from './processes.js';

/** Host folders every node sees through its own writable overlay. */
export const overlaidFolders = ['etc', 'usr/local', 'var', 'opt', 'home', 'root'];

/**
 * The node's own (empty) dockerd settings file, in the node's fresh /run: the machine's
 * /etc/docker/daemon.json (seen through the node's /etc overlay) is the machine's dockerd's, and
 * a runner's (GitHub's sets `cgroup-parent`) would clash with the node's flags.
 */
const nodeDockerdConfig = '/run/azs-dockerd.json';

const setupScript = `set -eu
dir=$1 host=$2 procs=$3 carried=$4
shift 4
for file in $procs; do echo $$ > "$file"; done
hostname "$host"
umount -R -l /run/netns 2>/dev/null || true
mount -t tmpfs -o mode=755 tmpfs /run
printf '{}\n' > ${nodeDockerdConfig}
mkdir /run/azs-stage
mount --bind "$dir" /run/azs-stage
for layer in ${overlaidFolders.join(' ')}; do
  key=$(printf %s "$layer" | tr / -)
  mkdir -p "/run/azs-stage/fs/$key/upper" "/run/azs-stage/fs/$key/work"
  mount -t overlay overlay -o "lowerdir=/$layer,upperdir=/run/azs-stage/fs/$key/upper,workdir=/run/azs-stage/fs/$key/work" "/$layer"
done
index=0
for path in $carried; do
  index=$((index + 1))
  src=$(printf %s "$path" | base64 -d)
  if [ -d "$src" ]; then mkdir "/run/azs-carry-$index"; else touch "/run/azs-carry-$index"; fi
  mount --bind "$src" "/run/azs-carry-$index"
done
mount -t tmpfs -o mode=1777 tmpfs /tmp
index=0
for path in $carried; do
  index=$((index + 1))
  target=$(printf %s "$path" | base64 -d)
  if [ -d "/run/azs-carry-$index" ]; then mkdir -p "$target"; else mkdir -p "$(dirname "$target")"; touch "$target"; fi
  mount --bind "/run/azs-carry-$index" "$target"
  mount -o remount,bind,ro "$target"
  umount "/run/azs-carry-$index"
  rm -rf "/run/azs-carry-$index"
done
mkdir -p "$dir" /var/lib/docker
mount --bind /run/azs-stage "$dir"
mount --bind /run/azs-stage/docker /var/lib/docker
umount /run/azs-stage
rmdir /run/azs-stage
touch "$dir/host-ready"
exec "$@"
`;

export interface NodeHostSpec {
  /** Hostname inside the node (master0, agents00000a). */
  hostname: string;
  /** The node's network namespace (created by network.addNodeLink). */
  netns: string;
  /** The node's folder: overlay upper layers, docker data, sockets, logs. Absolute. */
  dir: string;
  /** Name of the node's cgroup (cgroups.nodeCgroupName). */
  cgroup: string;
  /** Content of the node's /etc/hosts. */
  hosts: string;
  /** The node's init, exec'd after the setup; it runs with the node's own filesystem view. */
  init: string[];
  /** The machine's files the init runs from, made visible inside the node (see pathsToCarry). */
  initFiles?: string[];
  env?: NodeJS.ProcessEnv;
}

export interface NodeHostRecord {
  hostname: string;
  netns: string;
  dir: string;
  cgroup: string;
  init: ProcessRecord;
  /** A real-boot node's systemd (host/nspawn-node.ts): its namespaces are the node's. */
  leader?: ProcessRecord;
}

/** The socket of the node's dockerd that the machine's side uses (the node uses /run/docker.sock). */
export function hostDockerSocket(dir: string): string {
  return join(dir, 'docker.sock');
}

export function nodeLogFile(dir: string, name: string): string {
  return join(dir, 'log', `${name}.log`);
}

/**
 * The machine's dockerd: Debian's and Ubuntu's docker.io install /usr/sbin/dockerd, Docker's own
 * docker-ce (GitHub's runners) /usr/bin/dockerd; the node's dockerd then starts the containerd
 * found beside it on PATH (both packages put containerd in /usr/bin).
 */
export function machineDockerd(): string {
  const found = dockerdCandidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found) throw new ToolkitError(`dockerd was not found (${dockerdCandidates.join(', ')})`, 'lab-dockerd-missing', 'install Docker Engine: scripts/install-deps.sh (docker.io), or Docker\'s docker-ce');
  return found;
}

const dockerdCandidates = ['/usr/sbin/dockerd', '/usr/bin/dockerd'];

/**
 * dockerd's arguments for a node: own data-root, exec-root, pidfile, sockets, containerd namespace;
 * `containerdSocket`: a containerd already running (the supervisor's, node-containerd.ts) instead
 * of one dockerd starts itself.
 */
export function dockerdArgv(dir: string, hostname: string, cgroup: string, containerdSocket?: string): string[] {
  const socket = hostDockerSocket(dir);
  // unix socket paths are limited to 108 bytes
  if (Buffer.byteLength(socket) > 100) throw new ToolkitError(`docker socket path ${socket} is too long`, 'lab-path-too-long', 'use a shorter AZSWARM_LAB_ROOT');
  return [
    machineDockerd(),
    '--data-root', '/var/lib/docker',
    '--exec-root', '/run/docker',
    '--pidfile', '/run/docker.pid',
    '-H', 'unix:///run/docker.sock',
    '-H', `unix://${socket}`,
    '--config-file', nodeDockerdConfig,
    ...(containerdSocket ? ['--containerd', containerdSocket] : []),
    '--containerd-namespace', `azs-${hostname}`,
    '--containerd-plugins-namespace', `azs-${hostname}-plugins`,
    '--cgroup-parent', `/${cgroup}`,
    // cgroup v2: dockerd would pick the systemd driver where systemd runs, which takes only slice
    // names as a parent; cgroupfs puts each container's cgroup beside the node's leaf (cgroups.ts)
    ...(isUnifiedCgroup() ? ['--exec-opt', 'native.cgroupdriver=cgroupfs'] : []),
    // host-mode published ports are DNATed by iptables; a docker-proxy per port only costs memory
    '--userland-proxy=false',
    '--log-level', 'warn',
  ];
}

/**
 * Environment of a node's dockerd (and of the containerd it starts, which inherits it): services
 * use the node's local images, never a registry. Go runtime knobs for many idle daemons on a few
 * cores: one P each (GOMAXPROCS=1) spares the scheduler's spinning of idle threads on every
 * timer wake-up (swarm heartbeats, gossip, containerd's GC scheduler), and GOGC=50 collects at
 * half the default heap growth; docs/scale.md has the figures.
 */
export const dockerdEnv = { DOCKER_SERVICE_PREFER_OFFLINE_IMAGE: '1', GOMAXPROCS: '1', GOGC: '50' };

const nodeBaseEnv = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  HOME: '/root',
  LANG: 'C.UTF-8',
};

async function prepareNodeFolder(spec: NodeHostSpec): Promise<void> {
  const etcUpper = join(spec.dir, 'fs', 'etc', 'upper');
  await mkdir(etcUpper, { recursive: true });
  await mkdir(join(spec.dir, 'docker'), { recursive: true });
  await mkdir(join(spec.dir, 'log'), { recursive: true });
  await writeFile(join(etcUpper, 'hosts'), spec.hosts);
  await writeFile(join(etcUpper, 'hostname'), `${spec.hostname}\n`);
  await rm(join(spec.dir, 'host-ready'), { force: true });
}

/** Folders a node mounts afresh: what lies beneath is invisible inside the node. */
const freshNodeFolders = { tmp: '/tmp', run: '/run' };

/**
 * The folders to bind back into a node for the machine's files its init runs from (`files`: the
 * Node binary and the toolkit's entry): for each that lies under /tmp, its top folder there (its
 * symlink target counts too), since the node's fresh /tmp would hide it. A file under /run
 * cannot be carried (the node's /run is mounted before anything else): refused with the reason.
 */
export function pathsToCarry(files: readonly string[]): string[] {
  const tops = new Set<string>();
  for (const file of files.filter((entry) => isAbsolute(entry))) {
    for (const path of new Set([file, realpathOrSelf(file)])) {
      if (path === freshNodeFolders.run || path.startsWith(`${freshNodeFolders.run}/`)) {
        throw new ToolkitError(`the lab cannot start a node from ${path}: each node mounts its own /run over the machine's`, 'lab-path-hidden', 'run the toolkit from a folder outside /run');
      }
      const [top] = relative(freshNodeFolders.tmp, path).split(sep);
      if (path.startsWith(`${freshNodeFolders.tmp}/`) && top) tops.add(join(freshNodeFolders.tmp, top));
    }
  }
  return [...tops];
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Starts the node's init inside fresh namespaces; resolves once its filesystem is set up. */
export async function startNodeHost(spec: NodeHostSpec, readyTimeoutMs = 15_000): Promise<NodeHostRecord> {
  const carried = pathsToCarry(spec.initFiles ?? []).map((path) => Buffer.from(path).toString('base64')).join(' ');
  await prepareNodeFolder(spec);
  const procsFiles = await createNodeCgroup(spec.cgroup);
  const log = await open(nodeLogFile(spec.dir, 'init'), 'a');
  const child = spawn(
    'nsenter',
    [`--net=/run/netns/${spec.netns}`, '--', 'unshare', '--uts', '--mount', '--propagation', 'private', '--',
      'sh', '-c', setupScript, 'node-setup', spec.dir, spec.hostname, procsFiles.join(' '), carried, ...spec.init],
    { detached: true, stdio: ['ignore', log.fd, log.fd], env: { ...nodeBaseEnv, ...spec.env } },
  );
  await log.close();
  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code));
  child.unref();
  if (child.pid === undefined) throw new ToolkitError(`could not start node ${spec.hostname}`, 'lab-node-start-failed');
  const init = await recordProcess(child.pid);
  const record: NodeHostRecord = { hostname: spec.hostname, netns: spec.netns, dir: spec.dir, cgroup: spec.cgroup, init };
  const deadline = Date.now() + readyTimeoutMs;
  while (!(await stat(join(spec.dir, 'host-ready')).catch(() => undefined))) {
    if (exitCode !== undefined || Date.now() > deadline) {
      await stopNodeHost(record, 0);
      throw new ToolkitError(`node ${spec.hostname} failed to start (see ${nodeLogFile(spec.dir, 'init')})`, 'lab-node-start-failed');
    }
    await sleep(20);
  }
  return record;
}

/** Runs a command inside the node (its network, hostname and filesystem), like a shell on the VM. */
export function nodeExec(node: NodeHostRecord, argv: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  // a real-boot node: every namespace of its systemd, and its root (the node image); an emulated
  // one: -r too, since entering its mount namespace alone would put the command at that
  // namespace's root, which is not the node's when the lab itself runs in a chroot
  const enter = node.leader ? ['-t', String(node.leader.pid), '-a', '-r', '-w'] : ['-t', String(node.init.pid), '-n', '-u', '-m', '-r'];
  return runCommand(['nsenter', ...enter, '--', ...argv], {
    ...options,
    env: options.env ?? { ...nodeBaseEnv },
  });
}

/**
 * Stops the node: SIGTERM to its init (the supervisor runs the units' ExecStop, dockerd leaves
 * cleanly), a bounded wait, then SIGKILL of whatever is left in its cgroup. The node's mounts
 * live only in its own mount namespace, so they are gone with its last process.
 */
export async function stopNodeHost(node: NodeHostRecord, graceMs: number): Promise<void> {
  await stopProcess(node.init, graceMs);
  await killAndRemoveCgroup(node.cgroup);
}

export function isNodeHostRunning(node: NodeHostRecord): Promise<boolean> {
  return isAlive(node.init);
}

// Kept here too: tests and the node engineer's harness import it with the other primitives.
export { waitForDocker } from './docker-ping.js';
