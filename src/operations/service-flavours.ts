// Where the providers differ for services, in one place. Azure: public images, the ingress
// routing mesh on the public port. Lab: no registry and no IPVS, so the lab's own images, host-
// mode publishing without a fixed port (each task gets its own host port), DNS round robin
// instead of a VIP, and never resolving images. Every load-balanced service carries the label
// the lab's load balancer uses to find its tasks (harmless on Azure).
import type { ProviderKind } from '../core/settings.js';
import { labRedisImage, labWebImage, labWebPort } from '../providers/lab/images.js';
import { lbPortLabel } from '../providers/lab/monitor-page.js';

export interface ServiceFlavour {
  /** The web image that tells which node answered, and the port it listens on. */
  webImage: string;
  webPort: number;
  redisImage: string;
  /** `docker service create` flags that publish `targetPort` on the load balancer's `publicPort`. */
  publish(publicPort: number, targetPort: number): string[];
  /** Flags every `docker service create` / `update` gets. */
  commonFlags: string[];
  /** `docker stack deploy` flags. */
  stackFlags: string[];
}

export const flavours: Record<ProviderKind, ServiceFlavour> = {
  azure: {
    webImage: 'rcarmo/demo-frontend-stateless',
    webPort: 8000,
    redisImage: 'redis:7-alpine',
    publish: (publicPort, targetPort) => [
      '--publish', `mode=ingress,published=${publicPort},target=${targetPort}`,
      '--label', `${lbPortLabel}=${publicPort}`,
    ],
    commonFlags: [],
    stackFlags: [],
  },
  lab: {
    webImage: labWebImage,
    webPort: labWebPort,
    redisImage: labRedisImage,
    publish: (publicPort, targetPort) => [
      '--publish', `mode=host,target=${targetPort}`,
      '--endpoint-mode', 'dnsrr',
      '--label', `${lbPortLabel}=${publicPort}`,
    ],
    // The lab images run busybox as PID 1, which ignores SIGTERM: without an init every task
    // stop waits out the 10 s grace period (a forced update of 2 tasks: 28 s, with --init 9 s).
    commonFlags: ['--no-resolve-image', '--init'],
    stackFlags: ['--resolve-image', 'never'],
  },
};

/** Service names the commands manage, and the public port of each load-balanced one. */
export const serviceNames = {
  monitor: 'visualizer',
  replicated: 'web-replicated',
  global: 'web-global',
  stack: 'web-redis',
} as const;

/**
 * dockersamples/visualizer:stable pinned by digest. Two independent public records show this
 * digest for that tag: a blog post's \`docker pull dockersamples/visualizer:stable\` output
 * ("Digest: sha256:bc68…0b20 … Image is up to date") and another user's \`docker stack ps\` log;
 * an older record shows another digest (f924ad66…), so the tag has moved at least once. No
 * registry is reachable where this was written, so the digest is corroborated, not checked
 * against Docker Hub: \`docker buildx imagetools inspect dockersamples/visualizer:stable\`.
 */
export const visualizerImage = 'dockersamples/visualizer:stable@sha256:bc680132f772cb44062795c514570db2f0b6f91063bc3afa2386edaaa0ef0b20';

export const publicPorts = { replicated: 80, global: 81, stack: 8000, monitor: 8080 } as const;
