// The lab's services: no registry and no IPVS, so the lab's own images, host-mode publishing
// without a fixed port (each task gets its own host port) behind the lab's load balancer, DNS
// round robin instead of a VIP, never resolving images, and the lab daemon's own monitor page.
import type { ServiceFlavour } from '../../core/service-flavour.js';
import { labRedisImage, labWebImage, labWebPort } from './images.js';

export const labServiceFlavour: ServiceFlavour = {
  webImage: labWebImage,
  webPort: labWebPort,
  redisImage: labRedisImage,
  publishing: 'host',
  // The lab images run busybox as PID 1, which ignores SIGTERM: without an init every task
  // stop waits out the 10 s grace period (a forced update of 2 tasks: 28 s, with --init 9 s).
  commonFlags: ['--no-resolve-image', '--init'],
  stackFlags: ['--resolve-image', 'never'],
  stacks: 'own-images',
  monitor: 'built-in',
};
