export const id = 694;
export const ids = [694];
export const modules = {

/***/ 4589:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NN: () => (/* binding */ decodeElevatedLine),
/* harmony export */   SE: () => (/* binding */ encodeElevatedMessage)
/* harmony export */ });
/* unused harmony export elevatedLinePrefix */
/** Starts every protocol line: anything else on the root process's stdout is passed on as text. */
const elevatedLinePrefix = 'azswarm-lab-elevated ';
function encodeElevatedMessage(message) {
    return `${elevatedLinePrefix}${JSON.stringify(message)}\n`;
}
function decodeElevatedLine(line) {
    if (!line.startsWith(elevatedLinePrefix))
        return undefined;
    return JSON.parse(line.slice(elevatedLinePrefix.length));
}
//# sourceMappingURL=elevated-protocol.js.map

/***/ }),

/***/ 4694:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ElevatedLabProvider: () => (/* binding */ ElevatedLabProvider),
  elevatedLabNodeLog: () => (/* binding */ elevatedLabNodeLog)
});

// EXTERNAL MODULE: ./build/src/core/validators.js
var validators = __webpack_require__(5430);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(481);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
// EXTERNAL MODULE: ./build/src/providers/lab/elevated-protocol.js
var elevated_protocol = __webpack_require__(4589);
// EXTERNAL MODULE: ./build/src/providers/lab/process-command.js
var process_command = __webpack_require__(4245);
// EXTERNAL MODULE: ./build/src/providers/lab/state.js
var state = __webpack_require__(6217);
;// CONCATENATED MODULE: ./build/src/providers/lab/elevated-client.js
// The unprivileged side of a lab whose privileged part runs through `sudo -n` (see
// elevated-server.ts): each operation starts one root process with the toolkit's own entry,
// sends it the request, replays its Reporter calls here (phases, lines, secrets to mask) and
// returns its result. Only the lab's own settings (AZSWARM_LAB_*) cross over; this
// process keeps its own user for everything else (outputs, state of the action, SSH).








/** The lab's settings from the environment that the root process needs (sudo resets the rest). */
const forwardedVariables = ['AZSWARM_LAB_BOOT', 'AZSWARM_LAB_RETAIN'];
/**
 * The root process's variables. They travel on sudo's command line (`env NAME=value`), which
 * `ps` shows: only these settings, never a secret.
 */
function forwardedEnvironment(root) {
    const forwarded = forwardedVariables.filter((name) => process.env[name] !== undefined).map((name) => `${name}=${process.env[name]}`);
    return [...forwarded, `AZSWARM_LAB_ROOT=${root}`, `${process_command/* labProcessVariable */.rZ}=lab-elevated`, `${process_command/* labProcessDirVariable */.Ib}=${root}`];
}
/** Replays the root process's messages on the reporter; phases stay open until their end arrives. */
class ReplayedReporter {
    reporter;
    phases = new Map();
    constructor(reporter) {
        this.reporter = reporter;
    }
    handle(message) {
        switch (message.kind) {
            case 'info': return this.reporter.info(message.text);
            case 'warn': return this.reporter.warn(message.text);
            case 'debug': return this.reporter.debug(message.text);
            case 'secret': return this.reporter.secret(message.text);
            case 'phase-start': {
                const ended = new Promise((done, failed) => this.phases.set(message.id, { done, failed }));
                // the phase's error is the operation's: it reaches the caller through the result message
                void this.reporter.phase(message.title, () => ended).catch(() => undefined);
                return;
            }
            case 'phase-end': {
                const phase = this.phases.get(message.id);
                this.phases.delete(message.id);
                if (message.error === undefined)
                    phase?.done();
                else
                    phase?.failed(new Error(message.error));
                return;
            }
            default:
        }
    }
    /** Phases left open by a root process that died: closed as failed. */
    abandon() {
        for (const phase of this.phases.values())
            phase.failed(new Error('the lab\'s privileged process ended'));
        this.phases.clear();
    }
}
/** Runs one lab request as root through `sudo -n` and resolves to its result. */
async function runElevated(request, reporter, stream) {
    const root = (0,external_node_path_.resolve)((0,state/* labRoot */.MX)());
    // made by this user, so that the labs' folder is theirs (the root process makes only the labs)
    await (0,promises_.mkdir)(root, { recursive: true, mode: 0o700 });
    const { argv } = (0,process_command/* labEntryCommand */.ff)();
    const child = (0,external_node_child_process_.spawn)('sudo', ['-n', '--', 'env', ...forwardedEnvironment(root), ...argv], { stdio: ['pipe', 'pipe', 'inherit'] });
    const failedToStart = new Promise((_, failed) => child.once('error', (error) => failed(new errors/* ToolkitError */.h4(`could not start sudo: ${error.message}`, 'lab-needs-root'))));
    failedToStart.catch(() => undefined);
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify(request));
    void stream?.stop.then(() => child.exitCode === null && child.kill('SIGTERM'));
    const replay = new ReplayedReporter(reporter);
    let outcome;
    for await (const line of (0,external_node_readline_.createInterface)({ input: child.stdout })) {
        const message = (0,elevated_protocol/* decodeElevatedLine */.NN)(line);
        if (!message)
            reporter.info(line);
        else if (message.kind === 'result' || message.kind === 'error')
            outcome = message;
        else if (message.kind === 'output')
            stream?.output(message.text);
        else
            replay.handle(message);
    }
    const exit = await Promise.race([failedToStart, new Promise((done) => {
            if (child.exitCode !== null)
                done(child.exitCode);
            else
                child.once('close', done);
        })]);
    replay.abandon();
    if (outcome?.kind === 'result')
        return outcome.value;
    if (outcome?.kind === 'error')
        throw new errors/* ToolkitError */.h4(outcome.message, outcome.code, outcome.hint);
    throw new errors/* ToolkitError */.h4(`the lab's privileged part (sudo -n ${argv.join(' ')}) ended with exit code ${exit} and no answer`, 'lab-elevated-failed');
}
//# sourceMappingURL=elevated-client.js.map
// EXTERNAL MODULE: ./build/src/providers/lab/host/command.js
var command = __webpack_require__(8906);
;// CONCATENATED MODULE: ./build/src/providers/lab/host/privilege.js
// Whether this process may change the machine itself (root) or must ask `sudo -n` for the lab's
// privileged part (GitHub's ubuntu-24.04 runners: the unprivileged user `runner` with
// passwordless sudo). Checked once per process, before the lab creates or removes anything.


let checked;
async function check() {
    if (process.getuid?.() === 0)
        return 'root';
    try {
        // -n: never prompt; a password prompt would hang a CI job
        await (0,command/* runCommand */.d)(['sudo', '-n', 'true'], { timeoutMs: 20_000 });
        return 'sudo';
    }
    catch (error) {
        const why = error.code === 'ENOENT' ? 'sudo is not installed' : String(error.message).replace(/^sudo -n true failed: /, '');
        throw new errors/* ToolkitError */.h4(`the lab needs root: it creates network namespaces, a bridge, an iptables rule and cgroups, and runs a dockerd per node; this user (uid ${process.getuid?.()}) is not root and passwordless sudo is not available (sudo -n true: ${why})`, 'lab-needs-root', 'run as root, or give this user passwordless sudo (e.g. a line `USER ALL=(ALL) NOPASSWD:ALL` in /etc/sudoers.d/), as GitHub\'s hosted runners have', { cause: error });
    }
}
/** 'root' when this process is root, 'sudo' when `sudo -n` works; else a clear `lab-needs-root` error. */
function labPrivilege() {
    checked ??= check();
    return checked;
}
//# sourceMappingURL=privilege.js.map
;// CONCATENATED MODULE: ./build/src/providers/lab/elevated-provider.js



async function elevated(request, reporter, stream) {
    await labPrivilege();
    return (await runElevated(request, reporter, stream));
}
class ElevatedLabCluster {
    info;
    reporter;
    constructor(info, reporter) {
        this.info = info;
        this.reporter = reporter;
    }
    call(method, ...args) {
        return elevated({ op: 'cluster', name: this.info.name, method, args }, this.reporter);
    }
    listAgents() {
        return this.call('listAgents');
    }
    async scaleAgents(count) {
        await this.call('scaleAgents', count);
    }
    async stopAgents(options) {
        await this.call('stopAgents', options);
    }
    async startAgents(options = {}) {
        await this.call('startAgents', options);
    }
    async restartAgents(instanceIds) {
        await this.call('restartAgents', instanceIds);
    }
    async reimageAgents(instanceIds) {
        await this.call('reimageAgents', instanceIds);
    }
}
class ElevatedLabProvider {
    kind = 'lab';
    clusterOf(info, reporter) {
        reporter.secret(info.ssh.privateKey);
        return new ElevatedLabCluster(info, reporter);
    }
    async deploy(settings, reporter) {
        (0,validators/* validateLabName */.FU)('resource-group', settings.name);
        return this.clusterOf(await elevated({ op: 'deploy', settings }, reporter), reporter);
    }
    async open(name, reporter) {
        (0,validators/* validateLabName */.FU)('name', name);
        return this.clusterOf(await elevated({ op: 'open', name }, reporter), reporter);
    }
    destroy(name, reporter) {
        (0,validators/* validateLabName */.FU)('name', name);
        return elevated({ op: 'destroy', name }, reporter);
    }
    destroyAll(reporter) {
        return elevated({ op: 'destroy-all' }, reporter);
    }
}
/** A lab node's unit log (root's files) read by the lab's privileged part; its lines reach `out` as they come. */
function elevatedLabNodeLog(request, out, stop, reporter) {
    return elevated({ op: 'logs', ...request }, reporter, { output: out, stop });
}
//# sourceMappingURL=elevated-provider.js.map

/***/ }),

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

/***/ 6217:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bq: () => (/* binding */ readLabState),
/* harmony export */   CT: () => (/* binding */ keepFailedBootLogs),
/* harmony export */   L2: () => (/* binding */ labFiles),
/* harmony export */   MX: () => (/* binding */ labRoot),
/* harmony export */   fJ: () => (/* binding */ labOfNode),
/* harmony export */   hX: () => (/* binding */ withLabLock),
/* harmony export */   kz: () => (/* binding */ writeSecret),
/* harmony export */   lH: () => (/* binding */ labDir),
/* harmony export */   n5: () => (/* binding */ readSecret),
/* harmony export */   oB: () => (/* binding */ listLabNames),
/* harmony export */   u8: () => (/* binding */ writeLabState)
/* harmony export */ });
/* unused harmony export defaultLabRoot */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8500);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3026);
/* harmony import */ var _json_file_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1539);
/* harmony import */ var _host_processes_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9170);
// The record of everything a lab creates, in `<root>/<lab>/state.json` (root:
// /var/lib/azswarm/labs, or AZSWARM_LAB_ROOT): network, nodes with their namespaces, veths and
// processes (pid + start time), the lab daemon, the next agent instance id. Written atomically
// after every change, so that destroy (also after a crash of the command that was running) can
// remove exactly what exists. Secrets live beside it in `secrets/` (0600), never in it.







const defaultLabRoot = '/var/lib/azswarm/labs';
function labRoot() {
    return process.env.AZSWARM_LAB_ROOT || defaultLabRoot;
}
function labDir(name) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(labRoot(), name);
}
const labFiles = {
    state: (dir) => (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'state.json'),
    lock: (dir) => (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'lock'),
    secrets: (dir) => (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'secrets'),
    nodes: (dir) => (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'nodes'),
};
function readLabState(dir) {
    return (0,_json_file_js__WEBPACK_IMPORTED_MODULE_5__/* .readJsonFile */ .J)(labFiles.state(dir));
}
async function writeLabState(dir, state) {
    await (0,_json_file_js__WEBPACK_IMPORTED_MODULE_5__/* .writeJsonAtomic */ .Z)(labFiles.state(dir), state);
}
/** The names of every lab that has a folder under the root (with or without a state file). */
/** Under the lab root, beside the labs: logs of nodes that failed to boot (no lab name starts with a dot). */
const failedBootsFolder = '.failed-boots';
async function listLabNames() {
    const entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(labRoot(), { withFileTypes: true }).catch(() => []);
    return entries.filter((entry) => entry.isDirectory() && entry.name !== failedBootsFolder).map((entry) => entry.name).sort();
}
/** The name of the lab a node belongs to: its folder is `<lab root>/<lab>/nodes/<node>` (labFiles.nodes). */
function labOfNode(node) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(node.dir)));
}
/** Copies a node's log folder to where it outlives the lab; returns the copy's folder. */
async function keepFailedBootLogs(node, logFolder) {
    const kept = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(labRoot(), failedBootsFolder, `${labOfNode(node)}-${node.name}-${Date.now()}`);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.cp)(logFolder, kept, { recursive: true });
    return kept;
}
async function writeSecret(dir, name, value) {
    const folder = labFiles.secrets(dir);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(folder, { recursive: true, mode: 0o700 });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.chmod)(folder, 0o700);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(folder, name), value, { mode: 0o600 });
}
function readSecret(dir, name) {
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(labFiles.secrets(dir), name), 'utf8');
}
/**
 * Runs `work` while holding the lab's lock file (one changing command per lab at a time). A lock
 * whose holder is gone (a killed command) is taken over.
 */
async function withLabLock(dir, work, timeoutMs = 600_000) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(dir, { recursive: true, mode: 0o700 });
    const path = labFiles.lock(dir);
    const deadline = Date.now() + timeoutMs;
    // Written aside, then hard-linked into place: the lock appears atomically with its holder in it.
    const mine = `${path}.${process.pid}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(mine, JSON.stringify(await (0,_host_processes_js__WEBPACK_IMPORTED_MODULE_6__/* .recordProcess */ .TX)(process.pid)), { mode: 0o600 });
    for (;;) {
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.link)(mine, path);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(mine, { force: true });
            break;
        }
        catch (error) {
            if (error.code !== 'EEXIST') {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(mine, { force: true });
                throw error;
            }
            const holder = await (0,_json_file_js__WEBPACK_IMPORTED_MODULE_5__/* .readJsonFile */ .J)(path).catch(() => undefined);
            if (!holder || !(await (0,_host_processes_js__WEBPACK_IMPORTED_MODULE_6__/* .isAlive */ ._n)(holder))) {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(path, { force: true });
                continue;
            }
            if (Date.now() > deadline) {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(mine, { force: true });
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ToolkitError */ .h4(`lab ${dir} is busy (another command holds ${path})`, 'lab-busy');
            }
            await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_3__.setTimeout)(200);
        }
    }
    try {
        return await work();
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(path, { force: true });
    }
}
//# sourceMappingURL=state.js.map

/***/ })

};
