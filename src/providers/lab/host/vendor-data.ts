// The lab's cloud-init vendor-data: what makes this "cloud" differ from Azure, said the way a
// cloud provider says it, so the rendered user-data (the same document Azure's VMs get) is
// never edited. cloud-init merges vendor-data under user-data with user-data winning per
// top-level key, so vendor-data only uses keys the rendered document does not, and the lab
// refuses a document that starts using one of them (it would silently drop the lab's part).
import { parse, stringify } from 'yaml';
import { ToolkitError } from '../../../core/errors.js';
import { labAptArchiveDir } from './node-image.js';

/** Inside a node: the folder the lab binds from the node's folder on the machine. */
export const nodeHostShareDir = '/var/lib/azswarm-lab/host';
/** Inside a node: the extra socket of its dockerd that the machine's side uses. */
export const nodeHostDockerSocket = `${nodeHostShareDir}/docker.sock`;
/** Keys authorized besides each user's own (the lab's operator key), one file per user. */
const labKeysDir = '/etc/ssh/azswarm-lab-keys';

export interface VendorDataInput {
  /** The node's /etc/hosts: the masters by name, as Azure's virtual network DNS answers. */
  hosts: string;
  adminUsername: string;
  /** The lab's operator key (ClusterInfo.ssh must carry a key the toolkit holds). */
  operatorPublicKey: string;
  /** The node's rendered user-data: vendor-data leaves out what it sets. */
  userData: string;
}

/**
 * The SSH host key types cloud-init generates on a node whose document names none (the
 * agents'): ed25519 alone. cloud-init's default adds RSA (and DSA, ECDSA); the RSA key costs
 * 0.8-1.4 s of CPU per node in cloud-init's init stage, which docker.service waits for: 15 s
 * of an agent's boot when three agents booted at once on the lab's 2 shared cores (under load).
 * Nothing connects to an agent's sshd; the masters' documents pin their keys and types (RSA
 * included, for Azure's agent) and keep them, since user-data wins over vendor-data.
 */
const labHostKeyTypes = ['ed25519'];

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function writeFileCommand(path: string, content: string, mode: string): string {
  return `mkdir -p "$(dirname ${path})" && printf %s ${shellQuote(content)} > ${path} && chmod ${mode} ${path}`;
}

/**
 * On a cgroup v1 machine nspawn mounts the controller hierarchies read-only in the container
 * (only systemd's own is writable) and dockerd could not create a container's cgroups. Each is
 * the node's own subtree (a cgroup namespace rooted at the node's cgroup), so it is remounted
 * writable: what a VM's kernel gives its dockerd. A no-op where the mounts are writable (v2).
 */
const writableCgroups = 'for d in /sys/fs/cgroup/*; do if mountpoint -q "$d" && ! [ -w "$d" ]; then mount -o remount,bind,rw "$d"; fi; done';

/**
 * Every boot, before docker.service and ssh.service start (bootcmd runs in cloud-init's init
 * stage, which both are ordered after):
 *  - the cgroup controllers writable (above);
 *  - /etc/hosts with the masters (Azure's DNS);
 *  - dockerd: a second socket the lab daemon and the image loader use from the machine, services
 *    prefer the node's imported images (no registry here), no userland proxy (memory);
 *  - sshd also accepts the lab's operator key for the admin user.
 * Packages: apt points at an empty local archive baked in the image (every package the
 * document names is already installed), so `package_update`/`packages` run for real and cost
 * well under a second instead of downloading the archive's indexes on every node.
 * Host keys: ed25519 alone where the document names no types (above).
 */
export function renderVendorData(input: VendorDataInput): string {
  const dockerDefaults = [
    '# azswarm lab: the machine-side socket, local images, no userland proxy',
    `DOCKER_OPTS="-H unix://${nodeHostDockerSocket} --userland-proxy=false --log-level warn"`,
    'DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1',
    '',
  ].join('\n');
  const sshd = `# azswarm lab: the operator key besides the user's own\nAuthorizedKeysFile .ssh/authorized_keys ${labKeysDir}/%u\n`;
  const documentKeys = Object.keys((parse(input.userData) as Record<string, unknown> | null) ?? {});
  const document = {
    apt: {
      preserve_sources_list: false,
      sources_list: `deb [trusted=yes] file:${labAptArchiveDir} ./\n`,
    },
    bootcmd: [
      ['sh', '-c', writableCgroups],
      ['sh', '-c', writeFileCommand('/etc/hosts', input.hosts, '0644')],
      ['sh', '-c', writeFileCommand('/etc/default/docker', dockerDefaults, '0644')],
      ['sh', '-c', writeFileCommand('/etc/ssh/sshd_config.d/azswarm-lab.conf', sshd, '0644')],
      ['sh', '-c', writeFileCommand(`${labKeysDir}/${input.adminUsername}`, `${input.operatorPublicKey.trim()}\n`, '0644')],
    ],
    ...(documentKeys.includes('ssh_genkeytypes') ? {} : { ssh_genkeytypes: labHostKeyTypes }),
  };
  return `#cloud-config\n${stringify(document, { lineWidth: 0 })}`;
}

/** Refuses user-data whose top-level keys would replace the vendor-data's (see the header). */
export function checkUserDataLeavesVendorKeys(userData: string, vendorData: string): void {
  const keys = (text: string) => Object.keys((parse(text) as Record<string, unknown> | null) ?? {});
  const vendorKeys = new Set(keys(vendorData));
  const clashing = keys(userData).filter((key) => vendorKeys.has(key));
  if (clashing.length > 0) {
    throw new ToolkitError(
      `the rendered cloud-config sets ${clashing.join(', ')}, which the lab's vendor-data needs: cloud-init would drop the lab's part`,
      'lab-vendor-data-clash',
      'move the lab difference elsewhere (vendor-data scripts or the image) in src/providers/lab/host/vendor-data.ts',
    );
  }
}

/** NoCloud meta-data: the instance id changes with a reimage, so cloud-init runs first boot again. */
export function renderMetaData(instanceId: string, hostname: string): string {
  return `instance-id: ${instanceId}\nlocal-hostname: ${hostname}\n`;
}
