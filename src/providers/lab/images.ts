// The lab's images, made without a registry (none is reachable here): a root folder built from
// this machine's own binaries, packed once into a tarball (cached, keyed by a hash of every
// input). A node's fresh disk gets them as a ready-made docker data folder (the image store,
// built once from the tarballs by a scratch dockerd and copied into the node's docker folder
// before its dockerd starts); a node whose folder already holds data `docker import`s them when
// it boots, if its copies are not the current ones (the keys it recorded, labImagesKey, say so).
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { asset, assetNames } from '../../core/assets.js';
import { ToolkitError } from '../../core/errors.js';
import { labImagePlan } from './dockerfile.js';
import { engineRequest } from './host/engine-api.js';
import { waitForDocker } from './host/docker-ping.js';
import { readLogTail } from './host/log-tail.js';

const run = promisify(execFile);

/**
 * The project's test service (test-service/), built from the same Dockerfile and files as the
 * published image (dockerfile.ts): busybox httpd + a CGI that names the node and container,
 * counts hits in Redis when REDIS_HOST is set, and answers /healthz/. It has no registry digest:
 * the lab names it by this tag and tells builds apart by imageKeyLabel (its image ID changes
 * with every import).
 */
export const labWebImage = 'azswarm/test-service:lab';
/** The machine's redis-server, persisting to /data. */
export const labRedisImage = 'azswarm/redis:lab';
/** Where the test service listens inside its container (its Dockerfile's EXPOSE). */
export const labWebPort = 8080;
export const testServiceDockerfile = 'test-service/Dockerfile';
const testServiceFolder = 'test-service';

/** Machine-wide cache of the packed images; several labs share it. */
export const defaultImageCacheDir = '/var/cache/azswarm/lab-images';

const imageKeyLabel = 'azswarm.image-key';
const busyboxPath = '/bin/busybox';
const dockerdPath = '/usr/sbin/dockerd';
const redisServerPath = '/usr/bin/redis-server';

interface ImageRecipe {
  image: string;
  /** Files copied from this machine (their bytes go into the cache key). */
  hostFiles(): Promise<string[]>;
  /** Fills the image's root folder. */
  fill(root: string, hostFiles: string[]): Promise<void>;
  /** Dockerfile-style instructions applied by `docker import --change`. */
  changes: string[];
}

const testServicePlan = () => labImagePlan(asset(testServiceDockerfile), testServiceDockerfile);

/** The test service's files as its Dockerfile's COPY lines place them: [asset name, path in the image]. */
function testServiceFiles(): [string, string][] {
  return testServicePlan().copies.flatMap(({ source, target }) => {
    const prefix = `${testServiceFolder}/${source}/`;
    return assetNames(prefix).map((name): [string, string] => [name, join(target, name.slice(prefix.length))]);
  });
}

const webRecipe: ImageRecipe = {
  image: labWebImage,
  hostFiles: async () => [busyboxPath],
  async fill(root) {
    await copyInto(root, busyboxPath, '/bin/busybox');
    const { stdout } = await run(busyboxPath, ['--list']);
    const applets = stdout.split('\n').filter((name) => name !== '' && name !== 'busybox');
    await Promise.all(applets.map((applet) => symlink('busybox', join(root, 'bin', applet))));
    for (const [name, path] of testServiceFiles()) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      // The embedded text has no file mode: the CGI scripts are the executables (git keeps them 755).
      await writeFile(join(root, path), asset(name), { mode: name.endsWith('.cgi') ? 0o755 : 0o644 });
    }
    await makeTmp(root);
  },
  get changes() {
    return testServicePlan().changes;
  },
};

const redisRecipe: ImageRecipe = {
  image: labRedisImage,
  hostFiles: async () => [redisServerPath, ...(await sharedLibraries(redisServerPath))],
  async fill(root, hostFiles) {
    // Each library keeps the path ldd printed, so the loader finds it without an ld.so.cache.
    for (const file of hostFiles) await copyInto(root, file, file);
    await mkdir(join(root, 'data'), { recursive: true });
    await makeTmp(root);
  },
  changes: [
    'EXPOSE 6379/tcp',
    'VOLUME /data',
    'WORKDIR /data',
    // Protected mode refuses clients from other containers when no password is set.
    'CMD ["/usr/bin/redis-server", "--dir", "/data", "--appendonly", "yes", "--protected-mode", "no"]',
  ],
};

const recipes = [webRecipe, redisRecipe];

/** Absolute paths of the shared libraries (and the loader) that `ldd` lists for a binary. */
export async function sharedLibraries(binary: string): Promise<string[]> {
  const { stdout } = await run('ldd', [binary]);
  return [...stdout.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)].map((match) => match[1]!);
}

async function copyInto(root: string, source: string, target: string): Promise<void> {
  const destination = join(root, target);
  await mkdir(dirname(destination), { recursive: true });
  await copyFile(source, destination); // follows symlinks: the image gets the real file
  await chmod(destination, (await stat(source)).mode & 0o7777);
}

async function makeTmp(root: string): Promise<void> {
  await mkdir(join(root, 'tmp'), { recursive: true });
  await chmod(join(root, 'tmp'), 0o1777);
}

/** Hash of everything that goes into an image: a changed binary, script or Dockerfile means a new tarball. */
async function recipeKey(recipe: ImageRecipe, hostFiles: string[]): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify({ image: recipe.image, changes: recipe.changes, hostFiles }));
  if (recipe === webRecipe) for (const [name, path] of testServiceFiles()) hash.update(`${path}\0${asset(name)}\0`);
  for (const file of hostFiles) hash.update(await readFile(file));
  return hash.digest('hex').slice(0, 16);
}

export interface PackedImage {
  image: string;
  tarball: string;
  key: string;
  changes: string[];
}

const packing = new Map<string, Promise<PackedImage[]>>();

/**
 * Packs every lab image into `cacheDir` (once per process and cache folder; a tarball with the
 * same key is reused). Safe when several labs pack at once: tarballs appear by atomic rename.
 */
export function packLabImages(cacheDir = defaultImageCacheDir): Promise<PackedImage[]> {
  let packed = packing.get(cacheDir);
  if (!packed) {
    packed = Promise.all(recipes.map((recipe) => packImage(recipe, cacheDir)));
    packing.set(cacheDir, packed);
    packed.catch(() => packing.delete(cacheDir));
  }
  return packed;
}

async function packImage(recipe: ImageRecipe, cacheDir: string): Promise<PackedImage> {
  const hostFiles = await recipe.hostFiles();
  const key = await recipeKey(recipe, hostFiles);
  const tarball = join(cacheDir, `${recipe.image.replace(/[/:]/g, '-')}-${key}.tar`);
  const packed = { image: recipe.image, tarball, key, changes: [...recipe.changes, `LABEL ${imageKeyLabel}=${key}`] };
  if (await stat(tarball).catch(() => undefined)) return packed;
  await mkdir(cacheDir, { recursive: true });
  const work = await mkdtemp(join(cacheDir, 'build-'));
  try {
    const root = join(work, 'root');
    await mkdir(root);
    await recipe.fill(root, hostFiles);
    await run('tar', ['-C', root, '--numeric-owner', '--owner=0', '--group=0', '-cf', join(work, 'image.tar'), '.']);
    await rename(join(work, 'image.tar'), tarball);
  } catch (error) {
    throw new ToolkitError(`could not build the lab image ${recipe.image}: ${(error as Error).message}`, 'lab-image-build-failed', undefined, { cause: error });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return packed;
}

/**
 * Makes every lab image present in the image store of the dockerd behind `dockerSocketPath`
 * (the node's host-side socket). Images already imported with the same key are kept.
 */
export async function loadLabImages(dockerSocketPath: string, options: { cacheDir?: string } = {}): Promise<void> {
  const packed = await packLabImages(options.cacheDir);
  await Promise.all(packed.map((image) => importImage(dockerSocketPath, image)));
}

async function importImage(socketPath: string, packed: PackedImage): Promise<void> {
  if ((await importedKey(socketPath, packed.image)) === packed.key) return;
  const [repo, tag] = packed.image.split(':') as [string, string];
  const query = new URLSearchParams({ fromSrc: '-', repo, tag });
  for (const change of packed.changes) query.append('changes', change);
  const response = await engineRequest(socketPath, `/images/create?${query}`, {
    method: 'POST',
    body: createReadStream(packed.tarball),
    contentType: 'application/x-tar',
    timeoutMs: 60_000,
  });
  // The engine streams progress as JSON lines and reports a failure in-band, even with 200.
  const failure = response.body.split('\n').map(parseProgressError).find((message) => message !== undefined);
  if (response.status !== 200 || failure !== undefined) {
    throw new ToolkitError(
      `could not import ${packed.image} into the node behind ${socketPath}: ${failure ?? response.body.trim()}`,
      'lab-image-import-failed',
    );
  }
}

function parseProgressError(line: string): string | undefined {
  if (line.trim() === '') return undefined;
  try {
    const message = JSON.parse(line) as { error?: string };
    return message.error;
  } catch {
    return undefined;
  }
}

async function importedKey(socketPath: string, image: string): Promise<string | undefined> {
  const response = await engineRequest(socketPath, `/images/${encodeURIComponent(image)}/json`);
  if (response.status !== 200) return undefined;
  const inspected = JSON.parse(response.body) as { Config?: { Labels?: Record<string, string> | null } };
  return inspected.Config?.Labels?.[imageKeyLabel];
}

/**
 * The current lab images' keys as one text: a node whose docker store was filled with the same
 * is not imported into again when it reboots (the import cost each reboot a process of its own
 * that hashed every input, ~0.5 s of CPU before the node's units started: docs/benchmarks.md).
 */
export async function labImagesKey(cacheDir?: string): Promise<string> {
  return (await packLabImages(cacheDir)).map((image) => `${image.image} ${image.key}\n`).join('');
}

/** What an image store keeps of a docker data folder: the images and their layers, no engine state. */
const storeEntries = ['image', 'overlay2'];

const storing = new Map<string, Promise<string>>();

/**
 * The folder holding a docker data folder's image store with every lab image (built once per
 * process and cache folder; a store with the same key, the images' and the engine's, is reused).
 */
export function labImageStore(cacheDir = defaultImageCacheDir): Promise<string> {
  let store = storing.get(cacheDir);
  if (!store) {
    store = buildImageStore(cacheDir);
    storing.set(cacheDir, store);
    store.catch(() => storing.delete(cacheDir));
  }
  return store;
}

async function buildImageStore(cacheDir: string): Promise<string> {
  const packed = await packLabImages(cacheDir);
  // the store's layout is the engine's: another dockerd version gets its own store
  const { stdout: engine } = await run(dockerdPath, ['--version']);
  const key = createHash('sha256').update(JSON.stringify({ engine, images: packed.map((image) => image.key) })).digest('hex').slice(0, 16);
  const store = join(cacheDir, `store-${key}`);
  if (await stat(store).catch(() => undefined)) return store;
  const work = await mkdtemp(join(cacheDir, 'store-build-'));
  try {
    await withScratchDockerd(work, (socket) => Promise.all(packed.map((image) => importImage(socket, image))));
    const filled = join(work, 'store');
    await mkdir(filled);
    for (const entry of storeEntries) await rename(join(work, 'docker', entry), join(filled, entry));
    // atomic; when another process made the same store meanwhile, its copy is as good
    await rename(filled, store).catch(async (error: unknown) => {
      if (!(await stat(store).catch(() => undefined))) throw error;
    });
  } catch (error) {
    throw new ToolkitError(`could not build the lab image store: ${(error as Error).message}`, 'lab-image-build-failed', undefined, { cause: error });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return store;
}

/**
 * Runs `use` against a dockerd of its own: data in `work`, its own mount namespace (a private
 * /run, so it runs its own containerd) and an empty network namespace (no bridge, no iptables:
 * it only imports images). Stopped, and waited for, whatever `use` does.
 */
async function withScratchDockerd<T>(work: string, use: (socket: string) => Promise<T>): Promise<T> {
  const socket = join(work, 'docker.sock');
  const logFile = join(work, 'dockerd.log');
  const log = await open(logFile, 'a');
  const child = spawn('unshare', [
    '--mount', '--net', '--propagation', 'private', '--',
    'sh', '-c', 'mount -t tmpfs -o mode=755 tmpfs /run && exec "$@"', 'scratch-dockerd',
    dockerdPath, '--data-root', join(work, 'docker'), '--exec-root', '/run/docker', '--pidfile', '/run/docker.pid',
    '-H', `unix://${socket}`, '--bridge', 'none', '--iptables=false', '--log-level', 'warn',
  ], { stdio: ['ignore', log.fd, log.fd] });
  await log.close();
  // 'error': unshare could not be started at all
  const exited = new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.once('error', () => resolve());
  });
  let running = true;
  void exited.then(() => (running = false));
  try {
    await Promise.race([
      waitForDocker(socket, 60_000),
      exited.then(async () => {
        throw new Error(`its dockerd exited at start: ${await readLogTail(logFile)}`);
      }),
    ]);
    return await use(socket);
  } finally {
    if (running) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
  }
}

/**
 * Fills an empty docker data folder (a node's fresh disk, before its dockerd first starts) with
 * the lab image store, so that the node boots with every lab image present instead of importing
 * them. Returns false, touching nothing, when the folder already holds data (a reboot keeps its
 * own store). For any node kind: emulated and real-boot nodes bind this folder on /var/lib/docker.
 */
export async function seedDockerStore(dockerDir: string, options: { cacheDir?: string } = {}): Promise<boolean> {
  const entries = await readdir(dockerDir).catch(() => undefined);
  if (entries && entries.length > 0) return false;
  const store = await labImageStore(options.cacheDir);
  await mkdir(dockerDir, { recursive: true });
  // a plain copy (~20 MB): the cache and the lab folder are often on different filesystems
  await run('cp', ['-a', '--reflink=auto', `${store}/.`, dockerDir]);
  return true;
}
