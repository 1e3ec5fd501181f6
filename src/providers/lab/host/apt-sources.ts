// Where this machine gets its packages: the distribution, release and mirror named by its own apt
// sources (deb822 `.sources` files and the one-line `sources.list`). A node image is built from
// the same archive the machine uses — Debian's on a Debian machine, Ubuntu's on a GitHub runner —
// so no mirror host is ever written into the toolkit.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ToolkitError } from '../../../core/errors.js';

export interface AptSource {
  uri: string;
  suites: string[];
  components: string[];
}

export interface MachineArchive {
  /** `debian` or `ubuntu` (os-release ID). */
  distribution: string;
  /** The release's code name (bookworm, noble): debootstrap's suite. */
  suite: string;
  /** The mirror serving that suite. */
  mirror: string;
  /** Every binary source of the machine (updates and security included), for the image's apt. */
  sources: AptSource[];
}

function field(paragraph: string, name: string): string | undefined {
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'mi').exec(paragraph);
  return match?.[1].trim();
}

/** The `Types: deb` paragraphs of a deb822 file (Enabled: no skipped). */
export function parseDeb822Sources(text: string): AptSource[] {
  const paragraphs = text.replace(/^#.*(\n|$)/gm, '').split(/\n\s*\n/);
  const sources: AptSource[] = [];
  for (const paragraph of paragraphs) {
    const types = field(paragraph, 'Types')?.split(/\s+/) ?? [];
    if (!types.includes('deb') || field(paragraph, 'Enabled') === 'no') continue;
    const uris = field(paragraph, 'URIs')?.split(/\s+/) ?? [];
    const suites = field(paragraph, 'Suites')?.split(/\s+/) ?? [];
    const components = field(paragraph, 'Components')?.split(/\s+/) ?? [];
    for (const uri of uris) if (uri) sources.push({ uri, suites, components });
  }
  return sources;
}

/** `deb [options] URI SUITE COMPONENT...` lines of a sources.list. */
export function parseOneLineSources(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').replace(/\[[^\]]*\]/, '').trim().split(/\s+/);
    if (line[0] !== 'deb' || line.length < 3) continue;
    sources.push({ uri: line[1], suites: [line[2]], components: line.slice(3) });
  }
  return sources;
}

function osRelease(text: string, key: string): string | undefined {
  const match = new RegExp(`^${key}=(.*)$`, 'm').exec(text);
  return match?.[1].replace(/^"|"$/g, '');
}

/** Reads the machine's archive from `etcDir` (/etc): its release and the mirror serving it. */
export async function machineArchive(etcDir = '/etc'): Promise<MachineArchive> {
  const release = await readFile(join(etcDir, 'os-release'), 'utf8');
  const distribution = osRelease(release, 'ID') ?? '';
  const suite = osRelease(release, 'VERSION_CODENAME') ?? '';
  const sources: AptSource[] = [];
  const listFile = await readFile(join(etcDir, 'apt/sources.list'), 'utf8').catch(() => '');
  sources.push(...parseOneLineSources(listFile));
  const partsDir = join(etcDir, 'apt/sources.list.d');
  const parts = (await readdir(partsDir).catch(() => [])).sort();
  for (const name of parts) {
    const text = await readFile(join(partsDir, name), 'utf8');
    if (name.endsWith('.sources')) sources.push(...parseDeb822Sources(text));
    else if (name.endsWith('.list')) sources.push(...parseOneLineSources(text));
  }
  const release_ = sources.find((source) => source.suites.includes(suite) && source.uri.startsWith('http'));
  if (!['debian', 'ubuntu'].includes(distribution) || !suite || !release_) {
    throw new ToolkitError(
      `cannot build a lab node image: this machine is ${distribution || 'unknown'} ${suite || '(no VERSION_CODENAME)'} and its apt sources name no http mirror for that release`,
      'lab-image-no-archive',
      'the real-boot lab nodes need a Debian or Ubuntu machine whose apt sources reach its archive',
    );
  }
  // only the sources of this release (its -updates and -security suites), not third-party repositories
  const ours = sources.filter((source) => source.suites.every((name) => name === suite || name.startsWith(`${suite}-`)));
  return { distribution, suite, mirror: release_.uri, sources: ours };
}
