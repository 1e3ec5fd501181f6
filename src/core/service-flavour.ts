// Where the providers differ for services, as plain data each provider brings on its
// ClusterInfo: the operations read it and never name a provider.
/** Label a load-balanced service carries with its public port (the lab's load balancer reads it; harmless on Azure). */
export const lbPortLabel = 'azswarm.lb-port';

export interface ServiceFlavour {
  /** The web image that tells which node answered, and the port it listens on. */
  webImage: string;
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
