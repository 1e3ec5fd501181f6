// What a lab changes on the machine, said once when it is created and again when it is
// destroyed (what went): on a CI runner the lab shares a machine someone else set up, so its
// user sees every object the lab adds outside its own folder. Read from the lab's state alone.
import { cgroupPlacement, nodeCgroupName } from './host/cgroups.js';
import { neighbourRoomFromNodes } from './host/network.js';
import { defaultImageCacheDir } from './images.js';
import { labClaimsDir } from './lab-claims.js';
import type { LabState } from './state.js';

/** One line per kind of object the lab added outside its folder, each naming them. */
export function labMachineObjects(state: LabState): string[] {
  const lines: string[] = [];
  const linked = state.nodes.filter((node) => node.link);
  if (linked.length > 0) lines.push(`network namespaces: ${linked.map((node) => node.link!.netns).join(', ')}`);
  if (state.network) {
    const { bridge, gateway, prefixLength, forwardRule } = state.network;
    const veths = linked.map((node) => node.link!.hostVeth);
    lines.push(`bridge ${bridge} (${gateway}/${prefixLength})${veths.length > 0 ? ` and veths ${veths.join(', ')}` : ''}`);
    lines.push(`iptables (filter table): -I ${forwardRule.join(' ')} (the lab's one rule: its bridge's traffic passes a FORWARD policy of DROP)`);
  }
  if (state.nodes.length > 0) {
    lines.push(cgroupPlacement(state.nodes.map((node) => nodeCgroupName(state.name, node.name))));
  }
  const running = state.nodes.filter((node) => node.host).map((node) => `${node.name} ${node.host!.init.pid}`);
  if (state.daemon || running.length > 0) {
    lines.push(`processes (root): ${[...(state.daemon ? [`lab daemon ${state.daemon.pid}`] : []), ...running.map((node) => `the init of ${node}`)].join(', ')}; each node runs its own dockerd and containerd (and sshd on masters) in its namespaces`);
  }
  return lines;
}

/** Said at creation, after the objects: what the lab leaves alone, and what outlives it. */
export function labMachineNotes(): string[] {
  const lines: string[] = [];
  lines.push(`sysctls of the machine: net.ipv4.neigh.default.gc_thresh2/3 raised only while ${neighbourRoomFromNodes} or more lab nodes are on it (its own values put back when fewer remain); others none (each node's dockerd sets its own in the node's network namespace); kernel modules: none; packages: none (scripts/install-deps.sh installs them)`);
  lines.push(`files: the lab's folder; its claim on its name in ${labClaimsDir} (removed by destroy); the packed lab images in ${defaultImageCacheDir} (kept after destroy, for the next lab)`);
  return lines;
}
