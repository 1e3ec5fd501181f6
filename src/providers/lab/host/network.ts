// The lab's network: one Linux bridge per lab in the machine's own namespace with the lab's
// gateway address on it, one network namespace per node joined to the bridge by a veth pair.
// Every name carries the `azs-` prefix so a crash clean-up can find leftovers, and interface
// names stay within the kernel's 15 characters by using the lab's subnet octet as its short id.
// The only iptables rule is the bridge-local FORWARD accept that br_netfilter makes necessary
// once any dockerd has set the FORWARD policy to DROP (see docs/lab.md).
import { ToolkitError } from '../../../core/errors.js';
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

/** Creates the node's namespace and plugs it into the bridge with its fixed address. */
export async function addNodeLink(network: LabNetwork, netns: string, nodeShortId: string, address: string): Promise<NodeLink> {
  const link: NodeLink = { netns, hostVeth: hostVethName(network, nodeShortId), address };
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
    throw error;
  }
}

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
