// Where the providers differ for services, as plain data each provider brings on its
// ClusterInfo: the operations read it and never name a provider.
import { ToolkitError } from './errors.js';

/** Label a load-balanced service carries with its public port (the lab's load balancer reads it; harmless on Azure). */
export const lbPortLabel = 'azswarm.lb-port';

export interface ServiceFlavour {
  /**
   * The web image, the project's test service (test-service/: which node and container answered,
   * a Redis hit counter, /healthz/), and the port it listens on. Set where the provider builds
   * it itself (the lab); absent where it comes from a registry: then the test-image setting
   * names it by digest (Azure).
   */
  webImage?: string;
  webPort: number;
  redisImage: string;
  /**
   * How a load-balanced port is published: `ingress`, the routing mesh on the public port; `host`,
   * each task on a host port of its own behind DNS round robin (no IPVS), which the provider's own
   * load balancer finds by lbPortLabel.
   */
  publishing: 'ingress' | 'host';
  /** Flags every `docker service create` / `update` gets. */
  commonFlags: string[];
  /** `docker stack deploy` flags. */
  stackFlags: string[];
  /**
   * Compose files as written (`as-written`), or rewritten for a provider with no registry and no
   * routing mesh (`own-images`): every image becomes webImage or redisImage, ports host mode.
   */
  stacks: 'as-written' | 'own-images';
  /**
   * The monitor: `visualizer`, the visualizer run on master0's loopback by the operation;
   * `built-in`, the provider's own page, already running at endpoints.monitor.
   */
  monitor: 'visualizer' | 'built-in';
}

/** `docker service create` flags that publish `targetPort` on the load balancer's `publicPort`. */
export function publishFlags(flavour: ServiceFlavour, publicPort: number, targetPort: number): string[] {
  const publish = flavour.publishing === 'ingress'
    ? ['--publish', `mode=ingress,published=${publicPort},target=${targetPort}`]
    : ['--publish', `mode=host,target=${targetPort}`, '--endpoint-mode', 'dnsrr'];
  return [...publish, '--label', `${lbPortLabel}=${publicPort}`];
}

/** The name the shipped stack (stacks/web-redis.yml) gives the test service: replaced by the web image on every provider. */
export const testServicePlaceholder = 'azswarm/test-service';

/** The web image, the provider's own or the test-image setting's. */
export function testServiceImage(flavour: ServiceFlavour, testImage: string | undefined): string {
  const image = flavour.webImage ?? testImage;
  if (image === undefined) {
    throw new ToolkitError(
      "test-image is not set: this provider runs the project's test service from a registry, by digest",
      'test-image-missing',
      'pass test-image (CLI: --test-image) as ghcr.io/OWNER/azswarm-test-service@sha256:<digest>, the reference the test-service workflow prints in its summary',
    );
  }
  return image;
}
