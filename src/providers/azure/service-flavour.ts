// Azure's services: the project's test service from a registry by digest (the test-image
// setting: no webImage here), Redis pinned by digest, the ingress routing mesh on the public
// port, the visualizer.
import type { ServiceFlavour } from '../../core/service-flavour.js';

/**
 * redis:7-alpine by the digest public repositories record for it (not checked against Docker Hub
 * here: this machine reaches no registry). Move it with the tag on purpose, never by accident.
 */
export const azureRedisImage = 'redis:7-alpine@sha256:6ab0b6e7381779332f97b8ca76193e45b0756f38d4c0dcda72dbb3c32061ab99';

export const azureServiceFlavour: ServiceFlavour = {
  // test-service/Dockerfile's EXPOSE.
  webPort: 8080,
  redisImage: azureRedisImage,
  publishing: 'ingress',
  commonFlags: [],
  stackFlags: [],
  stacks: 'as-written',
  monitor: 'visualizer',
};
