// The files through which the host side and a node's supervisor talk: boot.json (what to run,
// written by the provider before every boot), user-data (the rendered cloud-config, 0600) and
// cloud-config.json (its parsed plan, 0600),
// status.json (the supervisor's progress and its units), instance-done (first boot finished).
import { join } from 'node:path';
import type { UnitStatus } from './unit-runner.js';

export interface NodeBootPlan {
  hostname: string;
  role: 'master' | 'agent';
  address: string;
  /** The stand-in for apt's docker.io and its unit. */
  dockerd: { argv: string[]; env: Record<string, string> };
  /** The stand-in for containerd.service, started before dockerd with its own settings file. */
  containerd: { argv: string[]; env: Record<string, string>; configPath: string; config: string };
  /** Run a real sshd (masters: the swarm operations' SSH path). */
  sshd: boolean;
  /** Keys authorized for the admin user besides the user's own (the lab's operator key). */
  extraAuthorizedKeys: string[];
  /** Import the lab images (no registry is reachable) before the units start; false when the
   *  node's fresh docker folder was seeded with them (images.ts, seedDockerStore), or when its
   *  store holds the current ones already (a reboot: nodeFiles.imagesKey equals imagesKey). */
  loadImages: boolean;
  /** The current lab images' keys (images.ts, labImagesKey): recorded once they are imported. */
  imagesKey: string;
  /** Bound on each unit's stop step, so a node shutdown ends in bounded time. */
  maxStopSeconds: number;
}

export interface InstalledUnits {
  installed: string[];
  enabled: string[];
}

export type SupervisorPhase = 'booting' | 'running' | 'stopping' | 'stopped' | 'failed';

export interface NodeStatus {
  phase: SupervisorPhase;
  pid: number;
  error?: string;
  units: Record<string, UnitStatus>;
  updatedAt: string;
}

export const nodeFiles = {
  bootPlan: (dir: string) => join(dir, 'boot.json'),
  userData: (dir: string) => join(dir, 'user-data'),
  /** user-data parsed by the host side (supervisor/cloud-config.ts). */
  cloudConfigPlan: (dir: string) => join(dir, 'cloud-config.json'),
  status: (dir: string) => join(dir, 'status.json'),
  instanceDone: (dir: string) => join(dir, 'instance-done'),
  /** The units cloud-config installed and the enabled ones (systemd's wants links' stand-in). */
  units: (dir: string) => join(dir, 'units.json'),
  logDir: (dir: string) => join(dir, 'log'),
  /** The keys of the lab images the node's docker store holds (written when seeded or imported). */
  imagesKey: (dir: string) => join(dir, 'images-key'),
};
