// The compose file for `deploy-stack`, made fit for the provider. The shipped stack (and a
// user's) is written for Azure; a provider with no registry and no routing mesh (the lab's
// flavour, stacks: own-images) gets every image replaced by one of its two images, ports are published in host mode without a fixed
// host port, services use DNS round robin, and a published port becomes the label the lab's
// load balancer reads. Pure: text in, text out.
import { parseDocument, stringify } from 'yaml';
import { ToolkitError } from '../core/errors.js';
import { lbPortLabel, type ServiceFlavour } from '../core/service-flavour.js';

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

export function prepareStack(composeText: string, flavour: ServiceFlavour, source: string): PreparedStack {
  const document = parseDocument(composeText);
  const compose: unknown = document.toJS();
  if (document.errors.length > 0 || !isMapping(compose) || !isMapping(compose.services)) {
    const reason = document.errors[0]?.message ?? 'it has no services: mapping';
    throw new ToolkitError(`compose file ${source} is not usable: ${reason}`, 'stack-invalid');
  }
  if (flavour.stacks === 'as-written') return { compose: composeText, notes: [] };
  const notes: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    if (!isMapping(service)) throw new ToolkitError(`compose file ${source}: service ${name} is not a mapping`, 'stack-invalid');
    notes.push(...adaptServiceForOwnImages(name, service, flavour));
  }
  return { compose: stringify(compose), notes };
}

function adaptServiceForOwnImages(name: string, service: Mapping, flavour: ServiceFlavour): string[] {
  const image = String(service.image ?? '');
  const labImage = isRedisImage(image) ? flavour.redisImage : flavour.webImage;
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
    target: labImage === flavour.webImage ? flavour.webPort : port.target,
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
