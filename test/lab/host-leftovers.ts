// Host-side evidence that a lab left nothing behind: looked up from the machine's own
// namespace (ip, iptables, /proc/mounts, /proc, /sys/fs/cgroup), not from the lab's state.
import { readdir, readFile, stat } from 'node:fs/promises';
import { runCommand } from '../../src/providers/lab/host/command.js';
import { listLabLinks, listNetns } from '../../src/providers/lab/host/network.js';

export interface Leftovers {
  netns: string[];
  links: string[];
  iptablesRules: string[];
  mounts: string[];
  processes: string[];
  cgroups: string[];
  folders: string[];
}

/** What is left of the lab whose names contain `marker` (netns, links, cgroups) or live under `folder`. */
export async function leftovers(options: { netnsMarker: string; linkMarker?: string; cgroupMarker: string; folder: string }): Promise<Leftovers> {
  const { stdout: rules } = await runCommand(['iptables', '-S', 'FORWARD']);
  const mounts = await readFile('/proc/mounts', 'utf8');
  const processes: string[] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0').join(' ');
    if (cmdline.includes(options.folder) || cmdline.includes(`/run/netns/${options.netnsMarker}`)) processes.push(`${pid} ${cmdline}`);
  }
  const cgroups: string[] = [];
  for (const hierarchy of await readdir('/sys/fs/cgroup')) {
    // cgroup v2 only: the node's cgroups are at the top
    if (hierarchy.includes(options.cgroupMarker)) cgroups.push(hierarchy);
    for (const name of await readdir(`/sys/fs/cgroup/${hierarchy}`).catch(() => [])) {
      if (name.includes(options.cgroupMarker)) cgroups.push(`${hierarchy}/${name}`);
    }
  }
  return {
    netns: (await listNetns()).filter((name) => name.includes(options.netnsMarker)),
    // no linkMarker: the lab's bridge name was taken again by another lab (see lab-crash.test)
    links: options.linkMarker === undefined ? [] : (await listLabLinks()).filter((name) => name === options.linkMarker || name.startsWith(`${options.linkMarker}-`)),
    iptablesRules: options.linkMarker === undefined ? [] : rules.split('\n').filter((rule) => rule.includes(` ${options.linkMarker} `)),
    mounts: mounts.split('\n').filter((line) => line.includes(options.folder) || line.includes(`/run/netns/${options.netnsMarker}`)),
    processes,
    cgroups,
    folders: (await stat(options.folder).catch(() => undefined)) ? [options.folder] : [],
  };
}

export const noLeftovers: Leftovers = { netns: [], links: [], iptablesRules: [], mounts: [], processes: [], cgroups: [], folders: [] };
