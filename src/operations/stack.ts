// The compose file for `deploy-stack`, made fit for the provider. The shipped stack names the
// test service azswarm/test-service, which becomes the provider's web image (the lab's own
// build, or the test-image setting's digest reference). The stack (and a user's) is otherwise
// written for Azure; a provider with no registry and no routing mesh (the lab's
// flavour, stacks: own-images) gets every image replaced by one of its two images, ports are published in host mode without a fixed
// host port, services use DNS round robin, and a published port becomes the label the lab's
// load balancer reads. Pure: text in, text out.
import { parseDocument, stringify } from 'yaml';
import { ToolkitError } from '../core/errors.js';
import { lbPortLabel, testServiceImage, testServicePlaceholder, type ServiceFlavour } from '../core/service-flavour.js';

export interface PreparedStack {
  compose: string;
  /** What was changed for the provider, one line each. */
  notes: string[];
}

type Mapping = Record<string, unknown>;

const isMapping = (value: unknown): value is Mapping => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `[host:]published:target[/proto]`, `target`, or the long form: the published and target ports. */
export function composePort(entry: unknown): { published?: number; target: number } {
  if (isMapping(entry)) {
    const target = Number(entry.target);
    return { target, ...(entry.published === undefined ? {} : { published: Number(entry.published) }) };
  }
  const parts = String(entry).split('/')[0].split(':');
  const target = Number(parts[parts.length - 1]);
  return parts.length > 1 ? { published: Number(parts[parts.length - 2]), target } : { target };
}

function isRedisImage(image: string): boolean {
  const repository = image.split('@')[0].split(':')[0];
  return repository === 'redis' || repository.endsWith('/redis');
}

function isTestServicePlaceholder(image: string): boolean {
  return image.split('@')[0].split(':')[0] === testServicePlaceholder;
}

export function prepareStack(composeText: string, flavour: ServiceFlavour, source: string, testImage?: string): PreparedStack {
  const document = parseDocument(composeText);
  const compose: unknown = document.toJS();
  if (document.errors.length > 0 || !isMapping(compose) || !isMapping(compose.services)) {
    const reason = document.errors[0]?.message ?? 'it has no services: mapping';
    throw new ToolkitError(`compose file ${source} is not usable: ${reason}`, 'stack-invalid');
  }
  const services = Object.entries(compose.services).map(([name, service]): [string, Mapping] => {
    if (!isMapping(service)) throw new ToolkitError(`compose file ${source}: service ${name} is not a mapping`, 'stack-invalid');
    return [name, service];
  });
  const notes: string[] = [];
  if (flavour.stacks === 'as-written') {
    const placeholders = services.filter(([, service]) => isTestServicePlaceholder(String(service.image ?? '')));
    if (placeholders.length === 0) return { compose: composeText, notes };
    const webImage = testServiceImage(flavour, testImage);
    for (const [name, service] of placeholders) {
      notes.push(`${name}: image ${String(service.image)} runs as ${webImage} (the test service)`);
      service.image = webImage;
    }
    return { compose: stringify(compose), notes };
  }
  for (const [name, service] of services) notes.push(...adaptServiceForOwnImages(name, service, flavour, testServiceImage(flavour, testImage)));
  return { compose: stringify(compose), notes };
}

function adaptServiceForOwnImages(name: string, service: Mapping, flavour: ServiceFlavour, webImage: string): string[] {
  const image = String(service.image ?? '');
  const labImage = isRedisImage(image) ? flavour.redisImage : webImage;
  const notes = [`${name}: image ${image || '(none)'} runs as ${labImage} (the lab has no registry)`];
  service.image = labImage;
  // As `--init` on the lab's services (see providers/lab/service-flavour.ts): busybox as PID 1 ignores SIGTERM.
  service.init = true;
  const deploy: Mapping = isMapping(service.deploy) ? service.deploy : {};
  service.deploy = deploy;
  // No IPVS (host publishing): a VIP would not route.
  deploy.endpoint_mode = 'dnsrr';
  const ports = Array.isArray(service.ports) ? service.ports.map(composePort) : [];
  if (ports.length === 0) return notes;
  const publicPort = ports.find((port) => port.published !== undefined)?.published;
  service.ports = ports.map((port) => ({
    target: labImage === webImage ? flavour.webPort : port.target,
    mode: 'host',
    protocol: 'tcp',
  }));
  if (publicPort !== undefined) {
    const labels: Mapping = isMapping(deploy.labels) ? deploy.labels : {};
    labels[lbPortLabel] = String(publicPort);
    deploy.labels = labels;
    notes.push(`${name}: port ${publicPort} is served by the lab load balancer (tasks publish in host mode)`);
  }
  return notes;
}
