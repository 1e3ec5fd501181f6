// A provider node's containerd, started by the node's supervisor before dockerd (as Debian's and
// Docker's packages run containerd.service beside docker.service) instead of by dockerd itself,
// because dockerd writes the containerd it starts a configuration that cannot be changed: its
// garbage-collection scheduler then re-arms a timer every 49 x the first collection's duration
// (pause_threshold 0.02), which for a collection of ~0.2 ms on a quiet machine is every 10 ms,
// for ever: ~8 millicores per idle node (docs/scale.md). Here the scheduler looks once a second
// (pause_threshold 0: its fixed interval), and collects at the next look after any deletion, as
// before. Otherwise what dockerd would have written: the same folders and sockets under the
// node's data-root and exec-root, the CRI plugin off; not its settings for the v1 runtime
// (`io.containerd.runtime.v1.linux`, gone from containerd 2): dockerd 20.10 and later run
// containers with the runc v2 shim.
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ToolkitError } from '../../../core/errors.js';

/** Where dockerd would have put its containerd's socket: the node's docker exec-root. */
export const nodeContainerdSocket = '/run/docker/containerd/containerd.sock';

/** The node's containerd settings, in the node's fresh /run (written by the supervisor at boot). */
export const nodeContainerdConfigPath = '/run/azs-containerd.toml';

export const nodeContainerdConfig = `version = 2
root = "/var/lib/docker/containerd/daemon"
state = "/run/docker/containerd/daemon"
disabled_plugins = ["io.containerd.grpc.v1.cri"]

[grpc]
  address = "${nodeContainerdSocket}"

[debug]
  address = "/run/docker/containerd/containerd-debug.sock"
  level = "warn"

[plugins."io.containerd.gc.v1.scheduler"]
  pause_threshold = 0.0
`;

/** containerd from the node's PATH (both docker.io and docker-ce put it in /usr/bin, beside dockerd's choice). */
export function containerdArgv(): string[] {
  return ['containerd', '--config', nodeContainerdConfigPath];
}

/** Resolves once containerd's socket exists (it listens after loading its plugins). */
export async function waitForContainerdSocket(timeoutMs: number, socket = nodeContainerdSocket): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(socket)) {
    if (Date.now() > deadline) throw new ToolkitError(`containerd did not open ${socket} within ${timeoutMs} ms`, 'lab-containerd-timeout');
    await sleep(50);
  }
}
