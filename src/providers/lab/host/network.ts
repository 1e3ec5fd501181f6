// The lab's network: one Linux bridge per lab in the machine's own namespace with the lab's
// gateway address on it, one network namespace per node joined to the bridge by a veth pair.
// Every name carries the `azs-` prefix so a crash clean-up can find leftovers, and interface
// names stay within the kernel's 15 characters by using the lab's subnet octet as its short id.
// The only iptables rule is the bridge-local FORWARD accept that br_netfilter makes necessary
// once any dockerd has set the FORWARD policy to DROP (see docs/lab.md).
import { access, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { describeError, ToolkitError } from '../../../core/errors.js';
import { runCommand, tryCommand } from './command.js';

/** Labs take a /24 each out of this /16. */
const labSupernet = { prefix: '10.213', firstOctet: 1, lastOctet: 254 };
export const labNamePrefix = 'azs-';

export interface LabNetwork {
  bridge: string;
  /** Third octet of the lab's subnet: the lab's short id in interface names. */
  octet: number;
  subnet: string;
  gateway: string;
  prefixLength: number;
  /** The exact iptables rule (arguments after -I/-D) that destroy removes. */
  forwardRule: string[];
}

export interface NodeLink {
  netns: string;
  /** The host end of the veth pair (the node's end is `eth0` inside its namespace). */
  hostVeth: string;
  address: string;
}

export function labAddress(network: LabNetwork, host: number): string {
  return `${labSupernet.prefix}.${network.octet}.${host}`;
}

function ipToNumber(ip: string): number {
  return ip.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

/** [first, last] addresses of every IPv4 route on the machine (the default route excluded). */
async function routedRanges(): Promise<Array<[number, number]>> {
  const { stdout } = await runCommand(['ip', '-4', 'route', 'show', 'table', 'all']);
  const ranges: Array<[number, number]> = [];
  for (const line of stdout.split('\n')) {
    const match = /^(?:\S+\s+)?(\d+\.\d+\.\d+\.\d+)(?:\/(\d+))?\s/.exec(line.replace(/^(local|broadcast|unicast)\s+/, ''));
    if (!match) continue;
    const length = Number(match[2] ?? 32);
    const size = 2 ** (32 - length);
    const first = Math.floor(ipToNumber(match[1]) / size) * size;
    ranges.push([first, first + size - 1]);
  }
  return ranges;
}

async function freeOctets(taken: ReadonlySet<number>): Promise<number[]> {
  const ranges = await routedRanges();
  const free: number[] = [];
  for (let octet = labSupernet.firstOctet; octet <= labSupernet.lastOctet; octet++) {
    if (taken.has(octet)) continue;
    const first = ipToNumber(`${labSupernet.prefix}.${octet}.0`);
    const last = first + 255;
    if (!ranges.some(([start, end]) => start <= last && end >= first)) free.push(octet);
  }
  return free;
}

/** The one iptables rule a lab adds: bridged traffic between its own nodes passes FORWARD. */
export function forwardRuleFor(bridge: string): string[] {
  return ['FORWARD', '-i', bridge, '-o', bridge, '-j', 'ACCEPT'];
}

function networkFor(octet: number): LabNetwork {
  const bridge = `${labNamePrefix}${octet}`;
  return {
    bridge,
    octet,
    subnet: `${labSupernet.prefix}.${octet}.0/24`,
    gateway: `${labSupernet.prefix}.${octet}.1`,
    prefixLength: 24,
    forwardRule: forwardRuleFor(bridge),
  };
}

/**
 * Creates the lab's bridge on a /24 that no route of the machine covers and no other lab
 * holds (`taken`: octets recorded by other labs). Creating the bridge is the lock: when another
 * lab grabbed the same octet meanwhile, the next free one is tried.
 */
export async function createLabNetwork(taken: ReadonlySet<number> = new Set()): Promise<LabNetwork> {
  for (const octet of await freeOctets(taken)) {
    const network = networkFor(octet);
    if (!(await tryCommand(['ip', 'link', 'add', network.bridge, 'type', 'bridge']))) continue;
    try {
      await runCommand(['ip', 'addr', 'add', `${network.gateway}/${network.prefixLength}`, 'dev', network.bridge]);
      await runCommand(['ip', 'link', 'set', network.bridge, 'up']);
      await runCommand(['iptables', '-I', ...network.forwardRule]);
      return network;
    } catch (error) {
      await removeLabNetwork(network);
      throw error;
    }
  }
  throw new ToolkitError(`no free /24 left in ${labSupernet.prefix}.0.0/16 for a lab`, 'lab-no-subnet', 'destroy unused labs (azswarm destroy-cluster --all)');
}

/** Removes the bridge and exactly the rule the lab inserted; absent pieces are fine. */
export async function removeLabNetwork(network: Pick<LabNetwork, 'bridge' | 'forwardRule'>): Promise<void> {
  while (await tryCommand(['iptables', '-C', ...network.forwardRule])) {
    await runCommand(['iptables', '-D', ...network.forwardRule]);
  }
  await deleteLink(network.bridge);
}

export function hostVethName(network: LabNetwork, nodeShortId: string): string {
  const name = `${labNamePrefix}${network.octet}-${nodeShortId}`;
  if (name.length > 15) throw new ToolkitError(`interface name ${name} is longer than 15 characters`, 'lab-name-too-long');
  return name;
}

/**
 * The kernel's IPv4 neighbour (ARP) table is one table for every network namespace of the
 * machine, and its limits (net.ipv4.neigh.default.gc_thresh2/3: 512 and 1024 by default) count
 * the entries of all of them. Swarm's gossip makes every node of a lab talk to every other, so a
 * lab of n nodes holds about n × (n − 1) entries: 2,550 at 1+50. Past gc_thresh3 every new
 * resolution fails ("neighbor table overflow!" in dmesg): connects to a node end in "No route to
 * host" or time out (master0's SSH handshake, the load balancer's connections), and each attempt
 * runs a forced garbage collection over the whole table. These room sizes hold a few labs of
 * 5 + 100 nodes at once (~11,000 entries each); a value the machine already has above them stays.
 */
export const neighbourTableRoom = { gc_thresh2: 16_384, gc_thresh3: 32_768 };
/**
 * Lab nodes on the machine from which the room is made: 24 × 23 = 552 entries, over the default
 * gc_thresh2. Below it the machine's own limits are left alone (the tests' and the demo's labs).
 */
export const neighbourRoomFromNodes = 24;
const neighbourSysctlDir = '/proc/sys/net/ipv4/neigh/default';
/** The machine's own limits while the lab has raised them: put back once fewer nodes remain. */
export const neighbourSavedLimitsFile = '/run/azswarm-neighbour-limits.json';

const readLimit = async (name: string) => Number((await readFile(`${neighbourSysctlDir}/${name}`, 'utf8')).trim());
const writeLimit = (name: string, value: number) => writeFile(`${neighbourSysctlDir}/${name}`, `${value}\n`);

/**
 * False in a network namespace other than the machine's own (a lab run inside `unshare -n`, as
 * lab-sudo.test does): the kernel shows the neighbour limits only in the initial namespace, and
 * they are then not this lab's to change.
 */
const neighbourLimitsVisible = () => access(neighbourSysctlDir).then(() => true, () => false);

/** Lab node namespaces on the whole machine (every lab, every lab root). */
async function labNodesOnMachine(): Promise<number> {
  return (await readdir('/run/netns').catch(() => [])).filter((name) => name.startsWith(labNamePrefix)).length;
}

/**
 * Before a node is added: when the machine will hold neighbourRoomFromNodes lab nodes or more,
 * raises its neighbour table limits to neighbourTableRoom (never lowering them), first saving the
 * values it changes so that relaxNeighbourTable can put them back.
 */
async function ensureNeighbourTableRoom(): Promise<void> {
  if ((await labNodesOnMachine()) + 1 < neighbourRoomFromNodes || !(await neighbourLimitsVisible())) return;
  try {
    const own: Record<string, number> = {};
    for (const [name, wanted] of Object.entries(neighbourTableRoom)) {
      const value = await readLimit(name);
      if (value < wanted) own[name] = value;
    }
    if (Object.keys(own).length === 0) return;
    // 'wx': of labs growing at once, the first records the machine's own values; later ones would record the lab's.
    await writeFile(neighbourSavedLimitsFile, JSON.stringify(own), { flag: 'wx' }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    });
    for (const [name, wanted] of Object.entries(neighbourTableRoom)) if (name in own) await writeLimit(name, wanted);
  } catch (error) {
    throw new ToolkitError(`cannot raise the machine's neighbour table limits (${neighbourSysctlDir}): ${describeError(error)}`, 'lab-sysctl-failed', 'the lab runs as root in the machine\'s own network namespace');
  }
}

/**
 * After nodes go: once fewer than neighbourRoomFromNodes lab nodes remain on the machine, puts
 * back the limits the lab raised (a value someone changed since is left as it is). Called once
 * per destroy or scale-in, after its last node's link is gone, not per node.
 */
export async function relaxNeighbourTable(): Promise<void> {
  if ((await labNodesOnMachine()) >= neighbourRoomFromNodes || !(await neighbourLimitsVisible())) return;
  const saved = await readFile(neighbourSavedLimitsFile, 'utf8').then((text) => JSON.parse(text) as Record<string, number>, () => undefined);
  if (!saved) return;
  for (const [name, raised] of Object.entries(neighbourTableRoom)) {
    if (typeof saved[name] === 'number' && (await readLimit(name)) === raised) await writeLimit(name, saved[name]);
  }
  await rm(neighbourSavedLimitsFile, { force: true });
}

/** Creates the node's namespace and plugs it into the bridge with its fixed address. */
export async function addNodeLink(network: LabNetwork, netns: string, nodeShortId: string, address: string): Promise<NodeLink> {
  const link: NodeLink = { netns, hostVeth: hostVethName(network, nodeShortId), address };
  await ensureNeighbourTableRoom();
  try {
    await runCommand(['ip', 'netns', 'add', netns]);
    await runCommand(['ip', 'link', 'add', link.hostVeth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', netns]);
    await runCommand(['ip', 'link', 'set', link.hostVeth, 'master', network.bridge, 'up']);
    const inside = ['ip', '-n', netns];
    await runCommand([...inside, 'addr', 'add', `${address}/${network.prefixLength}`, 'dev', 'eth0']);
    await runCommand([...inside, 'link', 'set', 'eth0', 'up']);
    await runCommand([...inside, 'link', 'set', 'lo', 'up']);
    await runCommand([...inside, 'route', 'add', 'default', 'via', network.gateway]);
    return link;
  } catch (error) {
    await removeNodeLink(link);
    await relaxNeighbourTable();
    throw error;
  }
}

/** The node's veth and namespace; the caller relaxes the neighbour table once its last node went. */
export async function removeNodeLink(link: NodeLink): Promise<void> {
  await deleteLink(link.hostVeth);
  await deleteNetns(link.netns);
}

async function deleteLink(name: string): Promise<void> {
  const exists = () => tryCommand(['ip', 'link', 'show', name]);
  // A veth goes by itself when its peer's namespace goes (a node stopping meanwhile): gone is done.
  if (await exists() && !(await tryCommand(['ip', 'link', 'del', name])) && await exists()) {
    await runCommand(['ip', 'link', 'del', name]);
  }
}

export async function deleteNetns(name: string): Promise<void> {
  if (!(await listNetns()).includes(name)) return;
  // Another destroy (a sweep of leftovers) may remove it between the list and the del: gone is done.
  if (!(await tryCommand(['ip', 'netns', 'del', name])) && (await listNetns()).includes(name)) {
    await runCommand(['ip', 'netns', 'del', name]);
  }
}

export async function listNetns(): Promise<string[]> {
  const { stdout } = await runCommand(['ip', 'netns', 'list']);
  return stdout.split('\n').map((line) => line.split(' ')[0]).filter(Boolean);
}

/** Interfaces of the machine's own namespace whose names carry the lab prefix. */
export async function listLabLinks(): Promise<string[]> {
  const { stdout } = await runCommand(['ip', '-o', 'link', 'show']);
  return stdout
    .split('\n')
    .map((line) => /^\d+:\s+([^:@\s]+)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && name.startsWith(labNamePrefix));
}
