// A real-boot lab node: the node image booted by `systemd-nspawn --boot`, so PID 1 is the
// image's systemd and cloud-init runs from a NoCloud seed, as on a VM. Started as
//   nsenter --net=/run/netns/NS  unshare --mount --propagation private  sh -c SETUP
// SETUP joins the node's cgroups, mounts the node's disk — an overlay of the read-only image
// with its upper layer in the node's folder (kept across reboots, deleted by a reimage) — and
// execs systemd-nspawn, which shares the node's network namespace (its NIC is the lab's veth).
// The nspawn pid is the node's handle: SIGTERM makes nspawn ask systemd for an orderly
// shutdown (SIGRTMIN+3), SIGKILL of the node's cgroup is a power cut.
import { spawn } from 'node:child_process';
import { mkdir, open, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ToolkitError } from '../../../core/errors.js';
import { nodeLogFile, stopNodeHost, type NodeHostRecord } from './node-host.js';
import { isAlive, recordProcess } from './processes.js';
import { nodeHostShareDir } from './vendor-data.js';

const cgroupRoot = '/sys/fs/cgroup';

export interface NspawnNodeSpec {
  hostname: string;
  netns: string;
  /** The node's folder (absolute): disk upper layer, docker data, seed, logs. */
  dir: string;
  cgroup: string;
  /** The image's root folder: the overlay's read-only lower layer. */
  rootfs: string;
  /** NoCloud seed files. */
  seed: { metaData: string; userData: string; vendorData: string };
}

export const nspawnNodeFiles = {
  seed: (dir: string) => join(dir, 'seed'),
  disk: (dir: string) => join(dir, 'disk'),
  share: (dir: string) => join(dir, 'host'),
};

const setupScript = `set -eu
dir=$1 rootfs=$2 procs=$3
shift 3
for file in $procs; do echo $$ > "$file"; done
mkdir -p "$dir/disk/upper" "$dir/disk/work" "$dir/disk/root"
mount -t overlay overlay -o "lowerdir=$rootfs,upperdir=$dir/disk/upper,workdir=$dir/disk/work" "$dir/disk/root"
exec "$@"
`;

/**
 * The node's cgroup in every hierarchy of the machine. nspawn with --keep-unit gives the
 * container the cgroup it was started in (so each node needs its own in systemd's hierarchies),
 * and the node's dockerd creates its containers' cgroups below it in every controller: the
 * whole node — containers included — stays inside `azs-<lab>-<node>` for teardown and memory.
 */
async function joinableCgroups(name: string): Promise<string[]> {
  // like cgroups.ts, this knows the v1 (and hybrid) layout of this project's machines only
  if (await readFile(join(cgroupRoot, 'cgroup.controllers'), 'utf8').then(() => true, () => false)) {
    throw new ToolkitError('real-boot lab nodes need a cgroup v1 or hybrid machine; this one has only cgroup v2', 'lab-cgroup-v2-unsupported');
  }
  const files: string[] = [];
  for (const entry of await readdir(cgroupRoot, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory()) continue; // cpu and cpuacct may also appear as symlinks to cpu,cpuacct
    const dir = join(cgroupRoot, entry.name, name);
    await mkdir(dir, { recursive: true });
    // a new v1 cpuset has no CPUs and no memory nodes until given its parent's
    for (const setting of ['cpuset.cpus', 'cpuset.mems']) {
      const parent = await readFile(join(cgroupRoot, entry.name, setting), 'utf8').catch(() => undefined);
      if (parent?.trim()) await writeFile(join(dir, setting), parent.trim());
    }
    files.push(join(dir, 'cgroup.procs'));
  }
  return files;
}

function nspawnArgv(spec: NspawnNodeSpec): string[] {
  return [
    'systemd-nspawn', '--quiet', '--boot',
    // no systemd on the machine to register with; the cgroup is the one SETUP joined
    '--register=no', '--keep-unit',
    `--directory=${join(spec.dir, 'disk', 'root')}`,
    `--machine=${spec.netns}`, `--hostname=${spec.hostname}`,
    // dockerd needs them (namespaces, iptables, overlay mounts), as on a VM
    '--capability=all', '--system-call-filter=@keyring bpf',
    '--resolv-conf=off', '--timezone=off', '--link-journal=no',
    // dockerd's overlay2 cannot sit on an overlay upper layer: the node's docker folder, bound
    `--bind=${join(spec.dir, 'docker')}:/var/lib/docker`,
    `--bind-ro=${nspawnNodeFiles.seed(spec.dir)}:/var/lib/cloud/seed/nocloud`,
    `--bind=${nspawnNodeFiles.share(spec.dir)}:${nodeHostShareDir}`,
  ];
}

/** The container's PID 1 (systemd): the descendant of nspawn that is pid 1 of its own namespace. */
async function findLeader(nspawnPid: number): Promise<number | undefined> {
  const parents = new Map<number, number>();
  const leaders: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    const ppid = /^PPid:\s+(\d+)/m.exec(status);
    if (ppid) parents.set(Number(entry), Number(ppid[1]));
    if (/^NSpid:.*\s1$/m.test(status)) leaders.push(Number(entry));
  }
  return leaders.find((pid) => {
    for (let up = parents.get(pid); up !== undefined && up > 1; up = parents.get(up)) if (up === nspawnPid) return true;
    return false;
  });
}

async function tail(file: string, lines = 15): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-lines).join('\n');
}

async function writeSeed(spec: NspawnNodeSpec): Promise<void> {
  const seed = nspawnNodeFiles.seed(spec.dir);
  await mkdir(seed, { recursive: true, mode: 0o700 });
  await writeFile(join(seed, 'meta-data'), spec.seed.metaData, { mode: 0o600 });
  await writeFile(join(seed, 'user-data'), spec.seed.userData, { mode: 0o600 });
  await writeFile(join(seed, 'vendor-data'), spec.seed.vendorData, { mode: 0o600 });
}

/**
 * Boots the node; resolves once its systemd runs (the record's `leader`). Later readiness
 * (dockerd, cloud-init) is the caller's to wait for, with `nspawnNodeFailure` for a fast failure.
 * An nspawn that exits fails at once; the bound is only for one that hangs, and leaves room for
 * a loaded machine (at a load average of ~150 a node's systemd once took over 30 s to appear).
 */
export async function startNspawnNode(spec: NspawnNodeSpec, readyTimeoutMs = 120_000): Promise<NodeHostRecord> {
  await writeSeed(spec);
  await mkdir(join(spec.dir, 'docker'), { recursive: true });
  await mkdir(join(spec.dir, 'log'), { recursive: true });
  await mkdir(nspawnNodeFiles.share(spec.dir), { recursive: true, mode: 0o700 });
  // the machine-side dockerd socket where the lab expects it (hostDockerSocket)
  await rm(join(spec.dir, 'docker.sock'), { force: true });
  await symlink(join('host', 'docker.sock'), join(spec.dir, 'docker.sock'));
  const procsFiles = await joinableCgroups(spec.cgroup);
  const log = await open(nodeLogFile(spec.dir, 'init'), 'a');
  const child = spawn(
    'nsenter',
    [`--net=/run/netns/${spec.netns}`, '--', 'unshare', '--mount', '--propagation', 'private', '--',
      'sh', '-c', setupScript, 'node-setup', spec.dir, spec.rootfs, procsFiles.join(' '), ...nspawnArgv(spec)],
    {
      detached: true,
      stdio: ['ignore', log.fd, log.fd],
      // without writable /proc/sys and /sys, dockerd cannot start inside the container
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', SYSTEMD_NSPAWN_API_VFS_WRITABLE: '1' },
    },
  );
  await log.close();
  let exited = false;
  child.once('exit', () => (exited = true));
  child.unref();
  if (child.pid === undefined) throw new ToolkitError(`could not start node ${spec.hostname}`, 'lab-node-start-failed');
  const init = await recordProcess(child.pid);
  const record: NodeHostRecord = { hostname: spec.hostname, netns: spec.netns, dir: spec.dir, cgroup: spec.cgroup, init };
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    const leader = exited ? undefined : await findLeader(child.pid);
    if (leader !== undefined) return { ...record, leader: await recordProcess(leader) };
    if (exited || Date.now() > deadline) {
      await stopNodeHost(record, 0);
      throw new ToolkitError(
        `node ${spec.hostname} did not boot: ${await tail(nodeLogFile(spec.dir, 'init'))}`,
        'lab-node-start-failed',
      );
    }
    await sleep(50);
  }
}

/** Why the node is not up any more (nspawn gone: its init died or was shut down), or undefined. */
export async function nspawnNodeFailure(node: NodeHostRecord): Promise<string | undefined> {
  if (await isAlive(node.init)) return undefined;
  return `node ${node.hostname} stopped: ${await tail(nodeLogFile(node.dir, 'init'))}`;
}
