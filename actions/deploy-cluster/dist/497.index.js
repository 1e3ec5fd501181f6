export const id = 497;
export const ids = [497];
export const modules = {

/***/ 7308:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ pingDocker),
/* harmony export */   l: () => (/* binding */ waitForDocker)
/* harmony export */ });
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7030);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8500);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3026);
// Readiness of a dockerd: GET /_ping over its unix socket with a bare HTTP/1.0 request on
// node:net. (node:http alone adds ~16 MB to a process: too much for each node's supervisor.)



function pingDocker(socketPath, timeoutMs = 1_000) {
    return new Promise((resolve) => {
        let answer = '';
        const socket = (0,node_net__WEBPACK_IMPORTED_MODULE_0__.connect)(socketPath, () => socket.write('GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n'));
        socket.setTimeout(timeoutMs, () => socket.destroy());
        socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
        socket.on('close', () => resolve(/^HTTP\/1\.[01] 200 /.test(answer)));
        socket.on('error', () => undefined); // 'close' follows and resolves false
    });
}
/** Resolves when the daemon behind the unix socket answers /_ping. */
async function waitForDocker(socketPath, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (!(await pingDocker(socketPath))) {
        if (Date.now() > deadline)
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ToolkitError */ .h4(`docker at ${socketPath} did not answer within ${timeoutMs} ms`, 'lab-docker-timeout');
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_1__.setTimeout)(100);
    }
}
//# sourceMappingURL=docker-ping.js.map

/***/ }),

/***/ 9076:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D6: () => (/* binding */ engineGetJson),
/* harmony export */   U1: () => (/* binding */ engineRequest),
/* harmony export */   mp: () => (/* binding */ engineFilters)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3026);
// The Docker Engine API of one lab node, spoken over its host-side unix socket with node's http
// module. The lab daemon polls several nodes every ~2 s (load balancer, monitor): starting a
// `docker` CLI process per poll would cost far more CPU on a shared 2-core machine.


/** One request to the engine; rejects only when the socket cannot be reached or times out. */
function engineRequest(socketPath, path, options = {}) {
    const { method = 'GET', body, contentType, timeoutMs = 5_000 } = options;
    return new Promise((resolve, reject) => {
        const req = (0,node_http__WEBPACK_IMPORTED_MODULE_0__.request)({ socketPath, path, method, headers: contentType ? { 'Content-Type': contentType } : {}, timeout: timeoutMs }, (res) => {
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        req.on('error', (error) => reject(new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ToolkitError */ .h4(`docker engine at ${socketPath}: ${method} ${path} failed: ${error.message}`, 'lab-docker-unreachable', undefined, { cause: error })));
        if (body)
            body.pipe(req);
        else
            req.end();
    });
}
/** GET of a JSON resource (`/nodes`, `/services`, `/tasks`, `/containers/json`). */
async function engineGetJson(socketPath, path) {
    const response = await engineRequest(socketPath, path);
    if (response.status !== 200) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ToolkitError */ .h4(`docker engine at ${socketPath}: GET ${path} answered ${response.status}: ${response.body.trim()}`, 'lab-docker-error');
    }
    return JSON.parse(response.body);
}
/** Query string value of an Engine API `filters` parameter, e.g. `{ label: ['a'] }`. */
function engineFilters(filters) {
    return encodeURIComponent(JSON.stringify(filters));
}
//# sourceMappingURL=engine-api.js.map

/***/ }),

/***/ 2648:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ readLogTail),
/* harmony export */   w: () => (/* binding */ lastLines)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
// The end of a lab process's log, quoted in the error when that process dies while starting:
// the reason is nearly always in its last lines.

/** Lines quoted from a log: enough for an error and the head of its stack trace. */
const quotedLogLines = 12;
/** The last `lines` lines of a log's text. */
function lastLines(text, lines = quotedLogLines) {
    return text.trimEnd().split('\n').slice(-lines).join('\n');
}
/** The last `lines` lines of a log file (a placeholder when there is none yet). */
async function readLogTail(file, lines = quotedLogLines) {
    const tail = lastLines(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file, 'utf8').catch(() => ''), lines);
    return tail === '' ? '(the log is empty)' : tail;
}
//# sourceMappingURL=log-tail.js.map

/***/ }),

/***/ 3497:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ih: () => (/* binding */ defaultImageCacheDir),
  yP: () => (/* binding */ labImageStore),
  DF: () => (/* binding */ labImagesKey),
  gv: () => (/* binding */ labRedisImage),
  HU: () => (/* binding */ labWebImage),
  rr: () => (/* binding */ labWebPort),
  loadLabImages: () => (/* binding */ loadLabImages),
  t8: () => (/* binding */ seedDockerStore)
});

// UNUSED EXPORTS: packLabImages, sharedLibraries, testServiceDockerfile

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./build/src/core/assets.js + 1 modules
var assets = __webpack_require__(6700);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
;// CONCATENATED MODULE: ./build/src/providers/lab/dockerfile.js
// The lab's reading of test-service/Dockerfile, so that the lab's image (built without a
// registry, see images.ts) and the published one come from one recipe: the files its COPY
// lines place, and the runtime instructions that `docker import --change` applies as written.
// Only the subset the test service uses is understood; anything else fails loudly rather than
// build a lab image that differs from the published one without anyone noticing.

/** Instructions the lab applies unchanged with `docker import --change`. */
const runtimeKeywords = new Set(['ENV', 'EXPOSE', 'USER', 'WORKDIR', 'CMD', 'ENTRYPOINT', 'STOPSIGNAL']);
/**
 * Instructions the lab leaves out: FROM (the machine's busybox stands in for the base), ARG and
 * LABEL (registry metadata), HEALTHCHECK (the lab's Engine 20.10 has no --start-interval, and
 * swarm holds a task out of `running` until its first probe passes: a whole interval).
 */
const skippedKeywords = new Set(['FROM', 'ARG', 'LABEL', 'HEALTHCHECK']);
function dockerfileInstructions(text) {
    const instructions = [];
    let pending = '';
    for (const line of text.split('\n')) {
        if (pending === '' && /^\s*(#|$)/.test(line))
            continue;
        if (/^\s*#/.test(line))
            continue; // a comment inside a continued instruction
        const continued = /\\\s*$/.test(line);
        pending += `${continued ? line.replace(/\\\s*$/, '') : line} `;
        if (continued)
            continue;
        const match = /^\s*(\S+)\s+(.*?)\s*$/.exec(pending);
        if (match)
            instructions.push({ keyword: match[1].toUpperCase(), argument: match[2].replace(/\s+/g, ' ') });
        pending = '';
    }
    return instructions;
}
function labImagePlan(dockerfile, source) {
    const plan = { copies: [], changes: [] };
    for (const { keyword, argument } of dockerfileInstructions(dockerfile)) {
        if (runtimeKeywords.has(keyword)) {
            plan.changes.push(`${keyword} ${argument}`);
        }
        else if (keyword === 'COPY') {
            const folders = /^(?!-)([\w.-]+)\/ (\/[\w./-]*)\/$/.exec(argument);
            if (!folders)
                throw unsupported(source, keyword, argument, 'the lab copies only a folder of the build context: COPY folder/ /target/');
            plan.copies.push({ source: folders[1], target: folders[2] });
        }
        else if (!skippedKeywords.has(keyword)) {
            throw unsupported(source, keyword, argument, `the lab applies ${[...runtimeKeywords].join(', ')} and COPY of a folder`);
        }
    }
    return plan;
}
function unsupported(source, keyword, argument, rule) {
    return new errors/* ToolkitError */.h4(`${source}: the lab cannot build "${keyword} ${argument}": ${rule}`, 'lab-dockerfile-unsupported');
}
//# sourceMappingURL=dockerfile.js.map
// EXTERNAL MODULE: ./build/src/providers/lab/host/engine-api.js
var engine_api = __webpack_require__(9076);
// EXTERNAL MODULE: ./build/src/providers/lab/host/docker-ping.js
var docker_ping = __webpack_require__(7308);
// EXTERNAL MODULE: ./build/src/providers/lab/host/log-tail.js
var log_tail = __webpack_require__(2648);
;// CONCATENATED MODULE: ./build/src/providers/lab/images.js
// The lab's images, made without a registry (none is reachable here): a root folder built from
// this machine's own binaries, packed once into a tarball (cached, keyed by a hash of every
// input). A node's fresh disk gets them as a ready-made docker data folder (the image store,
// built once from the tarballs by a scratch dockerd and copied into the node's docker folder
// before its dockerd starts); a node whose folder already holds data `docker import`s them when
// it boots, if its copies are not the current ones (the keys it recorded, labImagesKey, say so).












const run = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
/**
 * The project's test service (test-service/), built from the same Dockerfile and files as the
 * published image (dockerfile.ts): busybox httpd + a CGI that names the node and container,
 * counts hits in Redis when REDIS_HOST is set, and answers /healthz/. It has no registry digest:
 * the lab names it by this tag and tells builds apart by imageKeyLabel (its image ID changes
 * with every import).
 */
const labWebImage = 'azswarm/test-service:lab';
/** The machine's redis-server, persisting to /data. */
const labRedisImage = 'azswarm/redis:lab';
/** Where the test service listens inside its container (its Dockerfile's EXPOSE). */
const labWebPort = 8080;
const testServiceDockerfile = 'test-service/Dockerfile';
const testServiceFolder = 'test-service';
/** Machine-wide cache of the packed images; several labs share it. */
const defaultImageCacheDir = '/var/cache/azswarm/lab-images';
const imageKeyLabel = 'azswarm.image-key';
const busyboxPath = '/bin/busybox';
const dockerdPath = '/usr/sbin/dockerd';
const redisServerPath = '/usr/bin/redis-server';
const testServicePlan = () => labImagePlan((0,assets/* asset */.L)(testServiceDockerfile), testServiceDockerfile);
/** The test service's files as its Dockerfile's COPY lines place them: [asset name, path in the image]. */
function testServiceFiles() {
    return testServicePlan().copies.flatMap(({ source, target }) => {
        const prefix = `${testServiceFolder}/${source}/`;
        return (0,assets/* assetNames */.P)(prefix).map((name) => [name, (0,external_node_path_.join)(target, name.slice(prefix.length))]);
    });
}
const webRecipe = {
    image: labWebImage,
    hostFiles: async () => [busyboxPath],
    async fill(root) {
        await copyInto(root, busyboxPath, '/bin/busybox');
        const { stdout } = await run(busyboxPath, ['--list']);
        const applets = stdout.split('\n').filter((name) => name !== '' && name !== 'busybox');
        await Promise.all(applets.map((applet) => (0,promises_.symlink)('busybox', (0,external_node_path_.join)(root, 'bin', applet))));
        for (const [name, path] of testServiceFiles()) {
            await (0,promises_.mkdir)((0,external_node_path_.dirname)((0,external_node_path_.join)(root, path)), { recursive: true });
            // The embedded text has no file mode: the CGI scripts are the executables (git keeps them 755).
            await (0,promises_.writeFile)((0,external_node_path_.join)(root, path), (0,assets/* asset */.L)(name), { mode: name.endsWith('.cgi') ? 0o755 : 0o644 });
        }
        await makeTmp(root);
    },
    get changes() {
        return testServicePlan().changes;
    },
};
const redisRecipe = {
    image: labRedisImage,
    hostFiles: async () => [redisServerPath, ...(await sharedLibraries(redisServerPath))],
    async fill(root, hostFiles) {
        // Each library keeps the path ldd printed, so the loader finds it without an ld.so.cache.
        for (const file of hostFiles)
            await copyInto(root, file, file);
        await (0,promises_.mkdir)((0,external_node_path_.join)(root, 'data'), { recursive: true });
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
async function sharedLibraries(binary) {
    const { stdout } = await run('ldd', [binary]);
    return [...stdout.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)].map((match) => match[1]);
}
async function copyInto(root, source, target) {
    const destination = (0,external_node_path_.join)(root, target);
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(destination), { recursive: true });
    await (0,promises_.copyFile)(source, destination); // follows symlinks: the image gets the real file
    await (0,promises_.chmod)(destination, (await (0,promises_.stat)(source)).mode & 0o7777);
}
async function makeTmp(root) {
    await (0,promises_.mkdir)((0,external_node_path_.join)(root, 'tmp'), { recursive: true });
    await (0,promises_.chmod)((0,external_node_path_.join)(root, 'tmp'), 0o1777);
}
/** Hash of everything that goes into an image: a changed binary, script or Dockerfile means a new tarball. */
async function recipeKey(recipe, hostFiles) {
    const hash = (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify({ image: recipe.image, changes: recipe.changes, hostFiles }));
    if (recipe === webRecipe)
        for (const [name, path] of testServiceFiles())
            hash.update(`${path}\0${(0,assets/* asset */.L)(name)}\0`);
    for (const file of hostFiles)
        hash.update(await (0,promises_.readFile)(file));
    return hash.digest('hex').slice(0, 16);
}
const packing = new Map();
/**
 * Packs every lab image into `cacheDir` (once per process and cache folder; a tarball with the
 * same key is reused). Safe when several labs pack at once: tarballs appear by atomic rename.
 */
function packLabImages(cacheDir = defaultImageCacheDir) {
    let packed = packing.get(cacheDir);
    if (!packed) {
        packed = Promise.all(recipes.map((recipe) => packImage(recipe, cacheDir)));
        packing.set(cacheDir, packed);
        packed.catch(() => packing.delete(cacheDir));
    }
    return packed;
}
async function packImage(recipe, cacheDir) {
    const hostFiles = await recipe.hostFiles();
    const key = await recipeKey(recipe, hostFiles);
    const tarball = (0,external_node_path_.join)(cacheDir, `${recipe.image.replace(/[/:]/g, '-')}-${key}.tar`);
    const packed = { image: recipe.image, tarball, key, changes: [...recipe.changes, `LABEL ${imageKeyLabel}=${key}`] };
    if (await (0,promises_.stat)(tarball).catch(() => undefined))
        return packed;
    await (0,promises_.mkdir)(cacheDir, { recursive: true });
    const work = await (0,promises_.mkdtemp)((0,external_node_path_.join)(cacheDir, 'build-'));
    try {
        const root = (0,external_node_path_.join)(work, 'root');
        await (0,promises_.mkdir)(root);
        await recipe.fill(root, hostFiles);
        await run('tar', ['-C', root, '--numeric-owner', '--owner=0', '--group=0', '-cf', (0,external_node_path_.join)(work, 'image.tar'), '.']);
        await (0,promises_.rename)((0,external_node_path_.join)(work, 'image.tar'), tarball);
    }
    catch (error) {
        throw new errors/* ToolkitError */.h4(`could not build the lab image ${recipe.image}: ${error.message}`, 'lab-image-build-failed', undefined, { cause: error });
    }
    finally {
        await (0,promises_.rm)(work, { recursive: true, force: true });
    }
    return packed;
}
/**
 * Makes every lab image present in the image store of the dockerd behind `dockerSocketPath`
 * (the node's host-side socket). Images already imported with the same key are kept.
 */
async function loadLabImages(dockerSocketPath, options = {}) {
    const packed = await packLabImages(options.cacheDir);
    await Promise.all(packed.map((image) => importImage(dockerSocketPath, image)));
}
async function importImage(socketPath, packed) {
    if ((await importedKey(socketPath, packed.image)) === packed.key)
        return;
    const [repo, tag] = packed.image.split(':');
    const query = new URLSearchParams({ fromSrc: '-', repo, tag });
    for (const change of packed.changes)
        query.append('changes', change);
    const response = await (0,engine_api/* engineRequest */.U1)(socketPath, `/images/create?${query}`, {
        method: 'POST',
        body: (0,external_node_fs_.createReadStream)(packed.tarball),
        contentType: 'application/x-tar',
        timeoutMs: 60_000,
    });
    // The engine streams progress as JSON lines and reports a failure in-band, even with 200.
    const failure = response.body.split('\n').map(parseProgressError).find((message) => message !== undefined);
    if (response.status !== 200 || failure !== undefined) {
        throw new errors/* ToolkitError */.h4(`could not import ${packed.image} into the node behind ${socketPath}: ${failure ?? response.body.trim()}`, 'lab-image-import-failed');
    }
}
function parseProgressError(line) {
    if (line.trim() === '')
        return undefined;
    try {
        const message = JSON.parse(line);
        return message.error;
    }
    catch {
        return undefined;
    }
}
async function importedKey(socketPath, image) {
    const response = await (0,engine_api/* engineRequest */.U1)(socketPath, `/images/${encodeURIComponent(image)}/json`);
    if (response.status !== 200)
        return undefined;
    const inspected = JSON.parse(response.body);
    return inspected.Config?.Labels?.[imageKeyLabel];
}
/**
 * The current lab images' keys as one text: a node whose docker store was filled with the same
 * is not imported into again when it reboots (the import cost each reboot a process of its own
 * that hashed every input, ~0.5 s of CPU before the node's units started: docs/benchmarks.md).
 */
async function labImagesKey(cacheDir) {
    return (await packLabImages(cacheDir)).map((image) => `${image.image} ${image.key}\n`).join('');
}
/** What an image store keeps of a docker data folder: the images and their layers, no engine state. */
const storeEntries = ['image', 'overlay2'];
const storing = new Map();
/**
 * The folder holding a docker data folder's image store with every lab image (built once per
 * process and cache folder; a store with the same key, the images' and the engine's, is reused).
 */
function labImageStore(cacheDir = defaultImageCacheDir) {
    let store = storing.get(cacheDir);
    if (!store) {
        store = buildImageStore(cacheDir);
        storing.set(cacheDir, store);
        store.catch(() => storing.delete(cacheDir));
    }
    return store;
}
async function buildImageStore(cacheDir) {
    const packed = await packLabImages(cacheDir);
    // the store's layout is the engine's: another dockerd version gets its own store
    const { stdout: engine } = await run(dockerdPath, ['--version']);
    const key = (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify({ engine, images: packed.map((image) => image.key) })).digest('hex').slice(0, 16);
    const store = (0,external_node_path_.join)(cacheDir, `store-${key}`);
    if (await (0,promises_.stat)(store).catch(() => undefined))
        return store;
    const work = await (0,promises_.mkdtemp)((0,external_node_path_.join)(cacheDir, 'store-build-'));
    try {
        await withScratchDockerd(work, (socket) => Promise.all(packed.map((image) => importImage(socket, image))));
        const filled = (0,external_node_path_.join)(work, 'store');
        await (0,promises_.mkdir)(filled);
        for (const entry of storeEntries)
            await (0,promises_.rename)((0,external_node_path_.join)(work, 'docker', entry), (0,external_node_path_.join)(filled, entry));
        // atomic; when another process made the same store meanwhile, its copy is as good
        await (0,promises_.rename)(filled, store).catch(async (error) => {
            if (!(await (0,promises_.stat)(store).catch(() => undefined)))
                throw error;
        });
    }
    catch (error) {
        throw new errors/* ToolkitError */.h4(`could not build the lab image store: ${error.message}`, 'lab-image-build-failed', undefined, { cause: error });
    }
    finally {
        await (0,promises_.rm)(work, { recursive: true, force: true });
    }
    return store;
}
/**
 * Runs `use` against a dockerd of its own: data in `work`, its own mount namespace (a private
 * /run, so it runs its own containerd) and an empty network namespace (no bridge, no iptables:
 * it only imports images). Stopped, and waited for, whatever `use` does.
 */
async function withScratchDockerd(work, use) {
    const socket = (0,external_node_path_.join)(work, 'docker.sock');
    const logFile = (0,external_node_path_.join)(work, 'dockerd.log');
    const log = await (0,promises_.open)(logFile, 'a');
    const child = (0,external_node_child_process_.spawn)('unshare', [
        '--mount', '--net', '--propagation', 'private', '--',
        'sh', '-c', 'mount -t tmpfs -o mode=755 tmpfs /run && exec "$@"', 'scratch-dockerd',
        dockerdPath, '--data-root', (0,external_node_path_.join)(work, 'docker'), '--exec-root', '/run/docker', '--pidfile', '/run/docker.pid',
        '-H', `unix://${socket}`, '--bridge', 'none', '--iptables=false', '--log-level', 'warn',
    ], { stdio: ['ignore', log.fd, log.fd] });
    await log.close();
    // 'error': unshare could not be started at all
    const exited = new Promise((resolve) => {
        child.once('close', () => resolve());
        child.once('error', () => resolve());
    });
    let running = true;
    void exited.then(() => (running = false));
    try {
        await Promise.race([
            (0,docker_ping/* waitForDocker */.l)(socket, 60_000),
            exited.then(async () => {
                throw new Error(`its dockerd exited at start: ${await (0,log_tail/* readLogTail */.T)(logFile)}`);
            }),
        ]);
        return await use(socket);
    }
    finally {
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
async function seedDockerStore(dockerDir, options = {}) {
    const entries = await (0,promises_.readdir)(dockerDir).catch(() => undefined);
    if (entries && entries.length > 0)
        return false;
    const store = await labImageStore(options.cacheDir);
    await (0,promises_.mkdir)(dockerDir, { recursive: true });
    // a plain copy (~20 MB): the cache and the lab folder are often on different filesystems
    await run('cp', ['-a', '--reflink=auto', `${store}/.`, dockerDir]);
    return true;
}
//# sourceMappingURL=images.js.map

/***/ })

};
