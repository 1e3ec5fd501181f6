// Azure's services: public images, the ingress routing mesh on the public port, the visualizer.
import type { ServiceFlavour } from '../../core/service-flavour.js';

export const azureServiceFlavour: ServiceFlavour = {
  webImage: 'rcarmo/demo-frontend-stateless',
  webPort: 8000,
  redisImage: 'redis:7-alpine',
  publishing: 'ingress',
  commonFlags: [],
  stackFlags: [],
  stacks: 'as-written',
  monitor: 'visualizer',
};
