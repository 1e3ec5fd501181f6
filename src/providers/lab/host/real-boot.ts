// Boots a lab node for real (AZSWARM_LAB_BOOT=systemd): the NoCloud seed — the rendered
// user-data exactly as Azure gets it, the lab's vendor-data, meta-data — then the node image
// under systemd-nspawn; the node counts as booted once its own dockerd (started by systemd)
// answers and holds the lab images. cloud-init and the units go on from there by themselves.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ToolkitError } from '../../../core/errors.js';
import { pingDocker } from './docker-ping.js';
import { loadLabImages } from '../images.js';
import { hostDockerSocket, stopNodeHost, type NodeHostRecord } from './node-host.js';
import { nodeFiles } from '../supervisor/boot-plan.js';
import { checkUserDataNeedsNoSkippedModule } from './node-image.js';
import { nspawnNodeFailure, nspawnNodeFiles, startNspawnNode } from './nspawn-node.js';
import { checkUserDataLeavesVendorKeys, renderMetaData, renderVendorData } from './vendor-data.js';

/** A first boot: systemd, cloud-init's init stage, then docker.service. */
const dockerReadyTimeoutMs = 120_000;

export interface RealBootSpec {
  hostname: string;
  netns: string;
  dir: string;
  cgroup: string;
  rootfs: string;
  hosts: string;
  adminUsername: string;
  operatorPublicKey: string;
}

/** The instance id stays across reboots (cloud-init's per-instance work runs once per disk). */
async function metaData(spec: RealBootSpec): Promise<string> {
  const existing = await readFile(join(nspawnNodeFiles.seed(spec.dir), 'meta-data'), 'utf8').catch(() => undefined);
  return existing ?? renderMetaData(`azs-${spec.hostname}-${randomBytes(6).toString('hex')}`, spec.hostname);
}

async function waitForNodeDocker(node: NodeHostRecord): Promise<void> {
  const deadline = Date.now() + dockerReadyTimeoutMs;
  while (!(await pingDocker(hostDockerSocket(node.dir)))) {
    const failure = await nspawnNodeFailure(node);
    if (failure) throw new ToolkitError(failure, 'lab-node-start-failed');
    if (Date.now() > deadline) {
      throw new ToolkitError(`node ${node.hostname}: docker.service did not answer within ${dockerReadyTimeoutMs / 1000} s`, 'lab-docker-timeout',
        `inside the node: systemctl status docker; cloud-init status --long (nsenter -t ${node.leader?.pid ?? node.init.pid} -a -r -w)`);
    }
    await sleep(200);
  }
}

export async function bootRealNode(spec: RealBootSpec): Promise<NodeHostRecord> {
  const userData = await readFile(nodeFiles.userData(spec.dir), 'utf8');
  const vendorData = renderVendorData({ hosts: spec.hosts, adminUsername: spec.adminUsername, operatorPublicKey: spec.operatorPublicKey, userData });
  checkUserDataLeavesVendorKeys(userData, vendorData);
  checkUserDataNeedsNoSkippedModule(userData);
  const node = await startNspawnNode({
    hostname: spec.hostname, netns: spec.netns, dir: spec.dir, cgroup: spec.cgroup, rootfs: spec.rootfs,
    seed: { metaData: await metaData(spec), userData, vendorData },
  });
  try {
    await waitForNodeDocker(node);
    await loadLabImages(hostDockerSocket(spec.dir));
  } catch (error) {
    // its init.log and disk stay in the node's folder for inspection
    await stopNodeHost(node, 0);
    throw error;
  }
  return node;
}
