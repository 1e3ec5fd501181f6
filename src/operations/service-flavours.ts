// Names and ports of the services the commands manage (what differs by provider is the
// cluster's ServiceFlavour, core/service-flavour.ts).

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
