export const id = 396;
export const ids = [396];
export const modules = {

/***/ 8906:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ tryCommand),
/* harmony export */   d: () => (/* binding */ runCommand)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3026);
// Runs the host tools the lab is built from (ip, iptables, nsenter, mount) and turns their
// failures into ToolkitErrors that carry the command and its stderr, so a failed step says why.


/** Runs argv without a shell; rejects with code `lab-command-failed` on a non-zero exit. */
function runCommand(argv, options = {}) {
    const [file, ...args] = argv;
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)(file, args, { env: options.env ?? process.env, timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
            if (error) {
                const detail = stderr.trim() || error.message;
                reject(new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ToolkitError */ .h4(`${argv.join(' ')} failed: ${detail}`, 'lab-command-failed', undefined, { cause: error }));
            }
            else {
                resolve({ stdout, stderr });
            }
        });
        // a command that exits without reading its stdin must not turn into an EPIPE error
        child.stdin?.on('error', () => undefined);
        child.stdin?.end(options.input);
    });
}
/** Runs argv and reports success as a boolean: for probes and best-effort cleanup. */
async function tryCommand(argv, options = {}) {
    try {
        await runCommand(argv, options);
        return true;
    }
    catch {
        return false;
    }
}
//# sourceMappingURL=command.js.map

/***/ }),

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

/***/ 1089:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JC: () => (/* binding */ nodeContainerdConfigPath),
/* harmony export */   Wj: () => (/* binding */ containerdArgv),
/* harmony export */   Xr: () => (/* binding */ nodeContainerdSocket),
/* harmony export */   af: () => (/* binding */ nodeContainerdConfig),
/* harmony export */   bu: () => (/* binding */ waitForContainerdSocket)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8500);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3026);
// A provider node's containerd, started by the node's supervisor before dockerd (as Debian's and
// Docker's packages run containerd.service beside docker.service) instead of by dockerd itself,
// because dockerd writes the containerd it starts a configuration that cannot be changed: its
// garbage-collection scheduler then re-arms a timer every 49 x the first collection's duration
// (pause_threshold 0.02), which for a collection of ~0.2 ms on a quiet machine is every 10 ms,
// for ever: ~8 millicores per idle node (docs/scale.md). Here the scheduler looks once a second
// (pause_threshold 0: its fixed interval), and collects at the next look after any deletion, as
// before. Otherwise what dockerd would have written: the same folders and sockets under the
// node's data-root and exec-root, the CRI plugin off; not its settings for the v1 runtime
// (`io.containerd.runtime.v1.linux`, gone from containerd 2): dockerd 20.10 and later run
// containers with the runc v2 shim.



/** Where dockerd would have put its containerd's socket: the node's docker exec-root. */
const nodeContainerdSocket = '/run/docker/containerd/containerd.sock';
/** The node's containerd settings, in the node's fresh /run (written by the supervisor at boot). */
const nodeContainerdConfigPath = '/run/azs-containerd.toml';
const nodeContainerdConfig = `version = 2
root = "/var/lib/docker/containerd/daemon"
state = "/run/docker/containerd/daemon"
disabled_plugins = ["io.containerd.grpc.v1.cri"]

[grpc]
  address = "${nodeContainerdSocket}"

[debug]
  address = "/run/docker/containerd/containerd-debug.sock"
  level = "warn"

[plugins."io.containerd.gc.v1.scheduler"]
  pause_threshold = 0.0
`;
/** containerd from the node's PATH (both docker.io and docker-ce put it in /usr/bin, beside dockerd's choice). */
function containerdArgv() {
    return ['containerd', '--config', nodeContainerdConfigPath];
}
/** Resolves once containerd's socket exists (it listens after loading its plugins). */
async function waitForContainerdSocket(timeoutMs, socket = nodeContainerdSocket) {
    const deadline = Date.now() + timeoutMs;
    while (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(socket)) {
        if (Date.now() > deadline)
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ToolkitError */ .h4(`containerd did not open ${socket} within ${timeoutMs} ms`, 'lab-containerd-timeout');
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_1__.setTimeout)(50);
    }
}
//# sourceMappingURL=node-containerd.js.map

/***/ }),

/***/ 1539:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ readJsonFile),
/* harmony export */   Z: () => (/* binding */ writeJsonAtomic)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
// JSON files that other processes read while they change (state.json, status.json): written to
// a temporary file in the same folder and renamed over the old one, so a reader never sees half.

async function writeJsonAtomic(path, value, mode = 0o600) {
    const temporary = `${path}.${process.pid}.tmp`;
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(temporary, path);
}
/** The parsed file, or undefined when it does not exist. */
async function readJsonFile(path) {
    try {
        return JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8'));
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
}
//# sourceMappingURL=json-file.js.map

/***/ }),

/***/ 7759:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ nodeFiles)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
// The files through which the host side and a node's supervisor talk: boot.json (what to run,
// written by the provider before every boot), user-data (the rendered cloud-config, 0600) and
// cloud-config.json (its parsed plan, 0600),
// status.json (the supervisor's progress and its units), instance-done (first boot finished).

const nodeFiles = {
    bootPlan: (dir) => (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(dir, 'boot.json'),
    userData: (dir) => (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(dir, 'user-data'),
    /** user-data parsed by the host side (supervisor/cloud-config.ts). */
    cloudConfigPlan: (dir) => (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(dir, 'cloud-config.json'),
    status: (dir) => (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(dir, 'status.json'),
    instanceDone: (dir) => (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(dir, 'instance-done'),
    /** The units cloud-config installed and the enabled ones (systemd's wants links' stand-in). */
    units: (dir) => (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(dir, 'units.json'),
    logDir: (dir) => (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(dir, 'log'),
    /** The keys of the lab images the node's docker store holds (written when seeded or imported). */
    imagesKey: (dir) => (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(dir, 'images-key'),
};
//# sourceMappingURL=boot-plan.js.map

/***/ }),

/***/ 396:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runNodeSupervisor: () => (/* binding */ runNodeSupervisor)
});

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
// EXTERNAL MODULE: ./build/src/providers/lab/json-file.js
var json_file = __webpack_require__(1539);
// EXTERNAL MODULE: ./build/src/providers/lab/host/docker-ping.js
var docker_ping = __webpack_require__(7308);
// EXTERNAL MODULE: ./build/src/providers/lab/host/node-containerd.js
var node_containerd = __webpack_require__(1089);
// EXTERNAL MODULE: ./build/src/providers/lab/process-command.js
var process_command = __webpack_require__(4245);
// EXTERNAL MODULE: ./build/src/providers/lab/host/command.js
var command = __webpack_require__(8906);
;// CONCATENATED MODULE: ./build/src/providers/lab/supervisor/first-boot.js
// What cloud-init does on a VM's first boot, done by the node's supervisor inside the node's
// private filesystem: write_files (content, mode, owner), the admin user with its authorized
// keys and groups, the pinned SSH host key. Runs once per node instance (a reimage starts over).




const sudoersDir = '/etc/sudoers.d';
const hostKeyDir = '/etc/ssh';
async function writeOne(file) {
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(file.path), { recursive: true, mode: 0o755 });
    const content = Buffer.from(file.contentBase64, 'base64');
    if (file.append)
        await (0,promises_.appendFile)(file.path, content, { mode: file.mode });
    else
        await (0,promises_.writeFile)(file.path, content, { mode: file.mode });
    await (0,promises_.chmod)(file.path, file.mode); // writeFile's mode applies to new files only, and through the umask
    await (0,command/* runCommand */.d)(['chown', file.owner, file.path]);
}
/**
 * groupadd, useradd and usermod lock /etc/passwd and /etc/group. The node's /etc is an overlay
 * of the machine's, so a lock that a process of the machine holds at that moment shows through
 * ("cannot lock /etc/passwd", seen once while another engineer's work ran): wait for it, bounded.
 */
async function runAccountCommand(argv) {
    for (let attempt = 1;; attempt++) {
        try {
            return await (0,command/* runCommand */.d)(argv);
        }
        catch (error) {
            if (attempt >= 40 || !/cannot lock/.test(error.message))
                throw error;
            await (0,external_node_timers_promises_.setTimeout)(250);
        }
    }
}
async function ensureGroup(group) {
    if (!(await (0,command/* tryCommand */.H)(['getent', 'group', group])))
        await runAccountCommand(['groupadd', '--system', group]);
}
/** Creates the user like cloud-init: home, shell, groups, sudo rule, authorized keys (plus `extraKeys`). */
async function createUser(user, extraKeys) {
    for (const group of user.groups)
        await ensureGroup(group);
    if (!(await (0,command/* tryCommand */.H)(['id', '-u', user.name]))) {
        await runAccountCommand(['useradd', '--create-home', ...(user.shell ? ['--shell', user.shell] : []), user.name]);
    }
    if (user.groups.length > 0)
        await runAccountCommand(['usermod', '--append', '--groups', user.groups.join(','), user.name]);
    if (user.sudo) {
        // an Ubuntu image has the folder from its sudo package; the machine under a lab may have no sudo at all
        await (0,promises_.mkdir)(sudoersDir, { recursive: true, mode: 0o750 });
        await (0,promises_.writeFile)((0,external_node_path_.join)(sudoersDir, `90-lab-${user.name}`), `${user.name} ${user.sudo}\n`, { mode: 0o440 });
    }
    const home = (await (0,command/* runCommand */.d)(['getent', 'passwd', user.name])).stdout.split(':')[5];
    const sshDir = (0,external_node_path_.join)(home, '.ssh');
    await (0,promises_.mkdir)(sshDir, { recursive: true, mode: 0o700 });
    await (0,promises_.writeFile)((0,external_node_path_.join)(sshDir, 'authorized_keys'), [...user.authorizedKeys, ...extraKeys].map((key) => `${key.trim()}\n`).join(''), { mode: 0o600 });
    await (0,command/* runCommand */.d)(['chown', '-R', `${user.name}:`, sshDir]);
}
async function installHostKeys(plan) {
    await (0,promises_.mkdir)(hostKeyDir, { recursive: true, mode: 0o755 });
    if (plan.deleteOldHostKeys) {
        for (const name of await (0,promises_.readdir)(hostKeyDir)) {
            if (name.startsWith('ssh_host_'))
                await (0,promises_.rm)((0,external_node_path_.join)(hostKeyDir, name), { force: true });
        }
    }
    for (const key of plan.hostKeys) {
        const path = (0,external_node_path_.join)(hostKeyDir, `ssh_host_${key.type}_key`);
        await (0,promises_.writeFile)(path, key.privateKey.endsWith('\n') ? key.privateKey : `${key.privateKey}\n`, { mode: 0o600 });
        await (0,promises_.chmod)(path, 0o600);
        await (0,promises_.writeFile)(`${path}.pub`, `${key.publicKey.trim()}\n`, { mode: 0o644 });
    }
}
/** Applies the plan's files, users and host keys; `extraKeys` are authorized for every user. */
async function applyFirstBoot(plan, extraKeys) {
    for (const file of plan.files.filter((entry) => !entry.defer))
        await writeOne(file);
    for (const user of plan.users)
        await createUser(user, extraKeys);
    await installHostKeys(plan);
    for (const file of plan.files.filter((entry) => entry.defer))
        await writeOne(file);
}
//# sourceMappingURL=first-boot.js.map
// EXTERNAL MODULE: ./build/src/providers/lab/supervisor/boot-plan.js
var boot_plan = __webpack_require__(7759);
;// CONCATENATED MODULE: ./build/src/providers/lab/supervisor/unit-file.js
// Parses the systemd unit files the node software ships (cloud-init/units/), for the lab's
// systemd stand-in. Only what those units use is understood; anything else in [Service] that
// would change behaviour is reported, so the lab never silently runs a unit differently.

/** [Service] keys that have no effect on how the lab runs a unit (sandboxing, descriptions). */
const ignoredKeys = new Set(['Description', 'Documentation', 'NoNewPrivileges', 'TimeoutStartSec', 'WantedBy', 'StandardOutput', 'StandardError']);
function sections(text) {
    const result = new Map();
    let current;
    for (const raw of text.replace(/\\\n/g, ' ').split('\n')) {
        const line = raw.trim();
        if (line === '' || line.startsWith('#') || line.startsWith(';'))
            continue;
        const header = /^\[(\w+)\]$/.exec(line);
        if (header) {
            current = result.get(header[1]) ?? [];
            result.set(header[1], current);
            continue;
        }
        const equals = line.indexOf('=');
        if (!current || equals < 1)
            throw new Error(`not a unit file line: ${line}`);
        current.push([line.slice(0, equals).trim(), line.slice(equals + 1).trim()]);
    }
    return result;
}
/** Splits a command line the way systemd does for the cases units use: spaces, "..." and '...'. */
function splitCommandLine(text) {
    const words = [];
    const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
    for (const match of text.matchAll(pattern)) {
        words.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? match[3]));
    }
    return words;
}
function execLine(value) {
    const ignoreFailure = value.startsWith('-');
    const argv = splitCommandLine(value.replace(/^[-@+!:]+/, ''));
    if (argv.length === 0 || !argv[0].startsWith('/'))
        throw new Error(`command must start with an absolute path: ${value}`);
    return { argv, ignoreFailure };
}
/** systemd time spans as units use them: `2`, `2s`, `500ms`, `5min`, `infinity`. */
function parseTimeSpan(value) {
    if (value === 'infinity')
        return Infinity;
    const match = /^(\d+(?:\.\d+)?)\s*(ms|s|sec|min|m|h)?$/.exec(value);
    if (!match)
        throw new Error(`not a time span: ${value}`);
    const factor = { ms: 0.001, s: 1, sec: 1, min: 60, m: 60, h: 3600 }[match[2] ?? 's'] ?? 1;
    return Number(match[1]) * factor;
}
function list(value) {
    return value.split(/\s+/).filter(Boolean);
}
function oneOf(key, value, allowed) {
    if (!allowed.includes(value))
        throw new Error(`${key}=${value} is not supported (${allowed.join(', ')})`);
    return value;
}
/** Parses a `.service` unit; throws a ToolkitError naming the unit and the unsupported line. */
function parseServiceUnit(name, text) {
    try {
        const parsed = sections(text);
        const unit = {
            name, type: 'simple', execStart: [], execStop: [], remainAfterExit: false, restart: 'no',
            restartSeconds: 0.1, after: [], wants: [], environment: {}, stopTimeoutSeconds: 90,
        };
        for (const [key, value] of parsed.get('Unit') ?? []) {
            if (key === 'After')
                unit.after.push(...list(value));
            else if (key === 'Requires' || key === 'Wants')
                unit.wants.push(...list(value));
        }
        for (const [key, value] of parsed.get('Service') ?? [])
            applyServiceKey(unit, key, value);
        if (unit.execStart.length === 0)
            throw new Error('no ExecStart=');
        if (unit.type !== 'oneshot' && unit.execStart.length > 1)
            throw new Error('several ExecStart= need Type=oneshot');
        return unit;
    }
    catch (error) {
        if (error instanceof errors/* ToolkitError */.h4)
            throw error;
        throw new errors/* ToolkitError */.h4(`unit ${name}: ${error.message}`, 'lab-unit-unsupported', undefined, { cause: error });
    }
}
function applyServiceKey(unit, key, value) {
    switch (key) {
        case 'Type':
            unit.type = oneOf(key, value, ['simple', 'exec', 'oneshot']);
            break;
        case 'ExecStart':
            unit.execStart.push(execLine(value));
            break;
        case 'ExecStop':
            unit.execStop.push(execLine(value));
            break;
        case 'RemainAfterExit':
            unit.remainAfterExit = /^(yes|true|1|on)$/.test(value);
            break;
        case 'Restart':
            unit.restart = oneOf(key, value, ['no', 'always', 'on-failure']);
            break;
        case 'RestartSec':
            unit.restartSeconds = parseTimeSpan(value);
            break;
        case 'TimeoutStopSec':
            unit.stopTimeoutSeconds = parseTimeSpan(value);
            break;
        case 'LimitNOFILE': {
            const match = /^(\d+)(?::(\d+))?$/.exec(value);
            if (!match)
                throw new Error(`LimitNOFILE=${value} is not supported (N or SOFT:HARD)`);
            unit.fileLimit = { soft: Number(match[1]), hard: Number(match[2] ?? match[1]) };
            break;
        }
        case 'Environment':
            for (const assignment of splitCommandLine(value)) {
                const equals = assignment.indexOf('=');
                if (equals > 0)
                    unit.environment[assignment.slice(0, equals)] = assignment.slice(equals + 1);
            }
            break;
        default:
            if (!ignoredKeys.has(key))
                throw new Error(`${key}= is not supported by the lab's systemd stand-in`);
    }
}
//# sourceMappingURL=unit-file.js.map
;// CONCATENATED MODULE: ./build/src/providers/lab/supervisor/unit-runner.js
// The lab's stand-in for systemd's service manager, for the units the node software ships:
// After= ordering (start after, stop before), Wants=/Requires= pull-in, Type=simple/exec
// (active once spawned) and oneshot (active when done, with RemainAfterExit), Restart=always /
// on-failure after RestartSec (with systemd's default start limit: 5 starts in 10 s), ExecStop
// on stop (with MAINPID, bounded by TimeoutStopSec), then SIGTERM and SIGKILL of the main
// process. Each unit's output goes to its own log file (the journal's stand-in).



const startLimit = { burst: 5, intervalMs: 10_000 };
function exited(child) {
    if (child.exitCode !== null || child.signalCode !== null)
        return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
    return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
}
class UnitRunner {
    options;
    runtimes = new Map();
    shuttingDown = false;
    constructor(options) {
        this.options = options;
    }
    add(unit) {
        const logFd = (0,external_node_fs_.openSync)((0,external_node_path_.join)(this.options.logDir, `${unit.name}.log`), 'a', 0o600);
        this.runtimes.set(unit.name, { unit, state: 'inactive', restarts: 0, startTimes: [], logFd });
    }
    has(name) {
        return this.runtimes.has(name);
    }
    status() {
        return Object.fromEntries([...this.runtimes].map(([name, runtime]) => [name, { state: runtime.state, pid: runtime.child?.pid, restarts: runtime.restarts }]));
    }
    /** Starts the units (and those they want) in After= order; resolves when all are started. */
    async start(names) {
        await Promise.all(names.map((name) => this.startJob(name)));
    }
    startJob(name) {
        const runtime = this.runtimes.get(name);
        if (!runtime)
            return Promise.resolve(); // docker.service, network-online.target: the lab provides them
        runtime.started ??= (async () => {
            for (const wanted of runtime.unit.wants)
                void this.startJob(wanted);
            await Promise.resolve(); // lets every job of this start() register before After= is read
            await Promise.all(runtime.unit.after.filter((dep) => this.runtimes.get(dep)?.started).map((dep) => this.startJob(dep)));
            await this.activate(runtime);
        })();
        return runtime.started;
    }
    setState(runtime, state) {
        runtime.state = state;
        this.options.log(`${runtime.unit.name}: ${state}`);
        this.options.onChange();
    }
    spawnLine(runtime, line, extraEnv = {}) {
        // prlimit sets LimitNOFILE= on itself, then execs the command: the pid stays the service's.
        const limit = runtime.unit.fileLimit;
        const argv = limit ? ['prlimit', `--nofile=${limit.soft}:${limit.hard}`, '--', ...line.argv] : line.argv;
        const child = (0,external_node_child_process_.spawn)(argv[0], argv.slice(1), {
            stdio: ['ignore', runtime.logFd, runtime.logFd],
            env: { ...this.options.env, ...runtime.unit.environment, ...extraEnv },
        });
        child.on('error', (error) => this.options.log(`${runtime.unit.name}: ${line.argv[0]}: ${error.message}`));
        return child;
    }
    async activate(runtime) {
        if (this.shuttingDown)
            return;
        runtime.startTimes = [...runtime.startTimes.filter((time) => Date.now() - time < startLimit.intervalMs), Date.now()];
        if (runtime.startTimes.length > startLimit.burst) {
            this.options.log(`${runtime.unit.name}: start request repeated too quickly`);
            this.setState(runtime, 'failed');
            return;
        }
        this.setState(runtime, 'activating');
        if (runtime.unit.type === 'oneshot')
            await this.runOneshot(runtime);
        else
            this.runMain(runtime);
    }
    async runOneshot(runtime) {
        for (const line of runtime.unit.execStart) {
            runtime.child = this.spawnLine(runtime, line);
            const exit = await exited(runtime.child);
            runtime.child = undefined;
            if (runtime.state !== 'activating')
                return; // stopped meanwhile
            if (exit.code !== 0 && !line.ignoreFailure) {
                this.setState(runtime, 'failed');
                return;
            }
        }
        this.setState(runtime, runtime.unit.remainAfterExit ? 'active' : 'inactive');
    }
    runMain(runtime) {
        const child = this.spawnLine(runtime, runtime.unit.execStart[0]);
        runtime.child = child;
        this.setState(runtime, 'active');
        void exited(child).then((exit) => this.mainExited(runtime, child, exit));
    }
    mainExited(runtime, child, exit) {
        if (runtime.child !== child)
            return;
        runtime.child = undefined;
        if (runtime.state !== 'active')
            return; // a stop is in progress and handles the state
        const failed = exit.code !== 0;
        this.options.log(`${runtime.unit.name}: main process exited (${exit.signal ?? `code ${exit.code}`})`);
        const policy = runtime.unit.restart;
        if (!this.shuttingDown && (policy === 'always' || (policy === 'on-failure' && failed))) {
            runtime.restarts++;
            this.setState(runtime, 'activating');
            runtime.restartTimer = setTimeout(() => void this.activate(runtime), runtime.unit.restartSeconds * 1000);
            return;
        }
        // As systemd: a clean exit with RemainAfterExit=yes leaves the unit active (exited), so its ExecStop still runs on stop.
        this.setState(runtime, failed ? 'failed' : runtime.unit.remainAfterExit ? 'active' : 'inactive');
    }
    /** Stops every started unit, each after the units ordered after it (shutdown order). */
    async stopAll() {
        this.shuttingDown = true;
        await Promise.all([...this.runtimes.keys()].map((name) => this.stopJob(name)));
    }
    stopJob(name) {
        const runtime = this.runtimes.get(name);
        if (!runtime)
            return Promise.resolve();
        runtime.stopped ??= (async () => {
            const dependents = [...this.runtimes.values()].filter((other) => other.unit.after.includes(name));
            await Promise.all(dependents.map((other) => this.stopJob(other.unit.name)));
            await this.deactivate(runtime);
        })();
        return runtime.stopped;
    }
    async deactivate(runtime) {
        clearTimeout(runtime.restartTimer);
        if (runtime.state === 'inactive' || runtime.state === 'failed')
            return;
        const wasActive = runtime.state === 'active';
        const mainPid = runtime.child?.pid;
        this.setState(runtime, 'deactivating');
        const limitMs = Math.min(runtime.unit.stopTimeoutSeconds, this.options.maxStopSeconds) * 1000;
        if (wasActive) {
            for (const line of runtime.unit.execStop) {
                const stop = this.spawnLine(runtime, line, mainPid === undefined ? {} : { MAINPID: String(mainPid) });
                if (!(await this.exitsWithin(stop, limitMs)))
                    this.options.log(`${runtime.unit.name}: ExecStop timed out`);
            }
        }
        if (runtime.child)
            await this.terminate(runtime.child, limitMs);
        runtime.child = undefined;
        this.setState(runtime, 'inactive');
    }
    /** Waits for a child up to `limitMs`, then SIGKILLs it; true when it exited by itself. */
    async exitsWithin(child, limitMs) {
        let timer;
        const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), limitMs)));
        const result = await Promise.race([exited(child), timedOut]);
        clearTimeout(timer);
        if (result !== 'timeout')
            return true;
        child.kill('SIGKILL');
        await exited(child);
        return false;
    }
    async terminate(child, limitMs) {
        child.kill('SIGTERM');
        await this.exitsWithin(child, limitMs);
    }
}
//# sourceMappingURL=unit-runner.js.map
;// CONCATENATED MODULE: ./build/src/providers/lab/supervisor/node-supervisor.js
// A lab node's init: the stand-in for the VM's systemd (and for apt's docker.io). It runs inside
// the node's namespaces (node-host.ts execs it) and boots the node the way a VM boots:
//   first boot: cloud-init's work (first-boot.ts) from the rendered cloud-config;
//   every boot: containerd (containerd.service), dockerd (docker.service), the lab images, sshd
//   on masters (ssh.service), then the units: on the first boot as runcmd's `systemctl` lines
//   say, later the enabled ones.
// SIGTERM is the VM's shutdown: units stop in reverse order (their ExecStop runs: an agent
// drains and leaves), then sshd, dockerd and containerd, then the supervisor exits.















const unitDir = '/etc/systemd/system';
const nodeSocket = '/run/docker.sock';
function log(line) {
    process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}
/** A system daemon the supervisor keeps running (containerd, dockerd, sshd), restarted if it dies. */
class Daemon {
    name;
    argv;
    env;
    logFile;
    child;
    stopping = false;
    constructor(name, argv, env, logFile) {
        this.name = name;
        this.argv = argv;
        this.env = env;
        this.logFile = logFile;
    }
    start() {
        const fd = (0,external_node_fs_.openSync)(this.logFile, 'a', 0o600);
        const child = (0,external_node_child_process_.spawn)(this.argv[0], this.argv.slice(1), { stdio: ['ignore', fd, fd], env: this.env });
        this.child = child;
        child.on('error', (error) => log(`${this.name}: ${error.message}`));
        child.once('exit', (code, signal) => {
            if (this.stopping || this.child !== child)
                return;
            log(`${this.name} exited (${signal ?? `code ${code}`}); restarting in 2 s`);
            setTimeout(() => !this.stopping && this.start(), 2_000);
        });
    }
    async stop(graceMs) {
        this.stopping = true;
        const child = this.child;
        if (!child || child.exitCode !== null || child.signalCode !== null)
            return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
    }
}
class NodeSupervisor {
    dir;
    plan;
    phase = 'booting';
    error;
    runner;
    daemons = [];
    statusWrite = Promise.resolve();
    constructor(dir, plan) {
        this.dir = dir;
        this.plan = plan;
        this.runner = new UnitRunner({
            logDir: boot_plan/* nodeFiles */.k.logDir(dir),
            env: { PATH: process.env.PATH, LANG: 'C.UTF-8', HOME: '/root' },
            onChange: () => this.publish(),
            log,
            maxStopSeconds: plan.maxStopSeconds,
        });
    }
    /** Writes status.json (serialised, so the last state always wins). */
    publish() {
        const status = { phase: this.phase, pid: process.pid, units: this.runner.status(), updatedAt: new Date().toISOString(), ...(this.error ? { error: this.error } : {}) };
        this.statusWrite = this.statusWrite.then(() => (0,json_file/* writeJsonAtomic */.Z)(boot_plan/* nodeFiles */.k.status(this.dir), status)).catch((error) => log(`status: ${(0,errors/* describeError */.Uc)(error)}`));
    }
    setPhase(phase) {
        this.phase = phase;
        log(`phase ${phase}`);
        this.publish();
    }
    get stopping() {
        return this.phase === 'stopping' || this.phase === 'stopped';
    }
    startDaemon(name, argv, env = {}) {
        if (this.stopping)
            return; // a shutdown arrived during the boot
        const daemon = new Daemon(name, argv, { PATH: process.env.PATH, LANG: 'C.UTF-8', ...env }, (0,external_node_path_.join)(boot_plan/* nodeFiles */.k.logDir(this.dir), `${name}.log`));
        daemon.start();
        this.daemons.push(daemon);
    }
    async boot() {
        this.publish();
        const firstBoot = !(0,external_node_fs_.existsSync)(boot_plan/* nodeFiles */.k.instanceDone(this.dir));
        const cloudConfig = firstBoot ? await (0,json_file/* readJsonFile */.J)(boot_plan/* nodeFiles */.k.cloudConfigPlan(this.dir)) : undefined;
        if (firstBoot && !cloudConfig)
            throw new Error(`${boot_plan/* nodeFiles */.k.cloudConfigPlan(this.dir)} is missing`);
        if (cloudConfig) {
            for (const note of cloudConfig.notes)
                log(`cloud-config: ${note}`);
            await applyFirstBoot(cloudConfig, this.plan.extraAuthorizedKeys);
            const installed = cloudConfig.files.map((file) => file.path).filter((path) => (0,external_node_path_.dirname)(path) === unitDir && path.endsWith('.service'));
            await this.saveUnits({ installed: installed.map((path) => (0,external_node_path_.basename)(path)), enabled: [] });
        }
        const { containerd } = this.plan;
        await (0,promises_.writeFile)(containerd.configPath, containerd.config);
        this.startDaemon('containerd', containerd.argv, containerd.env);
        await (0,node_containerd/* waitForContainerdSocket */.bu)(60_000);
        this.startDaemon('docker', this.plan.dockerd.argv, this.plan.dockerd.env);
        await (0,docker_ping/* waitForDocker */.l)(nodeSocket, 60_000);
        log('dockerd answers');
        if (this.plan.loadImages) {
            await this.loadImages();
            await (0,promises_.writeFile)(boot_plan/* nodeFiles */.k.imagesKey(this.dir), this.plan.imagesKey);
            log('lab images imported');
        }
        if (this.plan.sshd)
            await this.startSshd();
        await this.loadUnits();
        if (cloudConfig) {
            for (const step of cloudConfig.runcmd)
                await this.runcmd(step);
            await (0,promises_.writeFile)(boot_plan/* nodeFiles */.k.instanceDone(this.dir), `${new Date().toISOString()}\n`);
        }
        else {
            await this.runner.start(await this.enabledUnits());
        }
        if (!this.stopping)
            this.setPhase('running');
    }
    /** In a short-lived child process, so that the image code never weighs on the supervisor. */
    async loadImages() {
        const { argv, env } = (0,process_command/* labProcessCommand */.Oh)('image-loader', nodeSocket);
        const fd = (0,external_node_fs_.openSync)((0,external_node_path_.join)(boot_plan/* nodeFiles */.k.logDir(this.dir), 'images.log'), 'a', 0o600);
        const child = (0,external_node_child_process_.spawn)(argv[0], argv.slice(1), { stdio: ['ignore', fd, fd], env: { ...process.env, ...env } });
        const code = await new Promise((resolve) => child.once('close', resolve));
        if (code !== 0)
            throw new Error(`loading the lab images failed (see ${(0,external_node_path_.join)(boot_plan/* nodeFiles */.k.logDir(this.dir), 'images.log')})`);
    }
    async startSshd() {
        await (0,promises_.mkdir)('/run/sshd', { recursive: true, mode: 0o755 });
        this.startDaemon('sshd', [
            '/usr/sbin/sshd', '-D', '-e',
            '-h', '/etc/ssh/ssh_host_ed25519_key',
            '-o', `ListenAddress=${this.plan.address}`,
            '-o', 'PidFile=/run/sshd.pid',
            '-o', 'PermitRootLogin=no',
            '-o', 'PasswordAuthentication=no',
            '-o', 'KbdInteractiveAuthentication=no',
            '-o', 'AuthenticationMethods=publickey',
        ]);
    }
    async units() {
        return (await (0,json_file/* readJsonFile */.J)(boot_plan/* nodeFiles */.k.units(this.dir))) ?? { installed: [], enabled: [] };
    }
    saveUnits(units) {
        return (0,json_file/* writeJsonAtomic */.Z)(boot_plan/* nodeFiles */.k.units(this.dir), units);
    }
    /**
     * The .service units cloud-config wrote (the machine's own units, visible through the /etc
     * overlay, are not the node's); .mount units (the file share) are not run in the lab.
     */
    async loadUnits() {
        for (const name of (await this.units()).installed) {
            this.runner.add(parseServiceUnit(name, await (0,promises_.readFile)((0,external_node_path_.join)(unitDir, name), 'utf8')));
        }
    }
    async enabledUnits() {
        return (await this.units()).enabled.filter((name) => this.runner.has(name));
    }
    async runcmd(step) {
        if (step.kind === 'skipped')
            return;
        if (step.kind === 'command') {
            log(`runcmd: ${step.argv.join(' ')}`);
            const { stdout, stderr } = await (0,command/* runCommand */.d)(step.argv, { timeoutMs: 300_000 });
            if (stdout || stderr)
                log(`runcmd output: ${stdout}${stderr}`.trim());
            return;
        }
        const units = step.units.filter((name) => this.runner.has(name));
        for (const skipped of step.units.filter((name) => !this.runner.has(name)))
            log(`systemctl ${step.action} ${skipped}: not a service the lab runs`);
        if (step.action === 'enable' || step.action === 'disable') {
            const current = await this.units();
            const others = current.enabled.filter((name) => !units.includes(name));
            await this.saveUnits({ ...current, enabled: step.action === 'enable' ? [...others, ...units] : others });
        }
        // --no-block: systemctl returns at once and the units start in the background
        if (step.action === 'start' || step.action === 'restart' || (step.action === 'enable' && step.now))
            void this.runner.start(units);
    }
    async shutdown() {
        this.setPhase('stopping');
        await this.runner.stopAll();
        for (const daemon of [...this.daemons].reverse())
            await daemon.stop(30_000);
        this.setPhase('stopped');
        await this.statusWrite;
    }
    fail(error) {
        if (this.stopping)
            return;
        this.error = (0,errors/* describeError */.Uc)(error);
        log(`boot failed: ${this.error}`);
        this.setPhase('failed');
    }
}
/** The node supervisor's main (AZSWARM_LAB_PROCESS=node-supervisor); `dir` is the node's folder. */
async function runNodeSupervisor(dir) {
    const plan = await (0,json_file/* readJsonFile */.J)(boot_plan/* nodeFiles */.k.bootPlan(dir));
    if (!plan)
        throw new Error(`${boot_plan/* nodeFiles */.k.bootPlan(dir)} is missing`);
    const supervisor = new NodeSupervisor(dir, plan);
    const shutdownRequested = new Promise((resolve) => {
        process.once('SIGTERM', resolve);
        process.once('SIGINT', resolve);
    });
    process.on('SIGHUP', () => undefined);
    // A failed boot leaves the node up (like a VM whose cloud-init failed) for inspection.
    void supervisor.boot().catch((error) => supervisor.fail(error));
    await shutdownRequested;
    await supervisor.shutdown();
    await (0,external_node_timers_promises_.setTimeout)(0);
}
//# sourceMappingURL=node-supervisor.js.map

/***/ })

};
