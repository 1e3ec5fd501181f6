export const id = 392;
export const ids = [392];
export const modules = {

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

/***/ 6392:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readLabNodeLog: () => (/* binding */ readLabNodeLog)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8500);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3026);
/* harmony import */ var _core_validators_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5430);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6217);
// A lab node's unit log (`azswarm logs`): on emulated nodes the per-unit file the supervisor
// writes (the journal's stand-in, `nodes/<node>/log/<unit>.log`); on real-boot nodes the node's
// own journal, kept on its disk and read with the machine's journalctl. Both are root's (the
// nodes' folders stay root's when the lab is made through sudo), so a caller that is not root
// reads them through the lab's privileged part (elevated-*.ts), which runs this same code.







const followPollMs = 500;
/** The node software's units (cloud-init/): the only log names a request may ask for. */
const unitPattern = /^swarm-[a-z]+\.service$/;
/**
 * Prints the node's unit log whole and, with follow, what is appended until `stop` resolves (or
 * the reader ends); resolves to the file or journal folder read.
 */
async function readLabNodeLog(request, out, stop) {
    const { lab, node, unit, follow } = request;
    (0,_core_validators_js__WEBPACK_IMPORTED_MODULE_5__/* .validateLabName */ .FU)('name', lab);
    if (!unitPattern.test(unit))
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SettingError */ .L_('unit', 'must be a unit of the node software (swarm-<name>.service)', unit);
    const state = await (0,_state_js__WEBPACK_IMPORTED_MODULE_6__/* .readLabState */ .Bq)((0,_state_js__WEBPACK_IMPORTED_MODULE_6__/* .labDir */ .lH)(lab));
    if (!state)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ToolkitError */ .h4(`lab ${lab} does not exist`, 'cluster-not-found', 'create it with deploy-cluster --provider lab');
    const found = state.nodes.find((candidate) => candidate.name === node);
    if (!found)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SettingError */ .L_('node', `must be a node of lab ${lab} (${state.nodes.map((candidate) => candidate.name).join(', ')})`, node);
    if (state.boot === 'systemd')
        return journalLog(node, (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(found.dir, 'disk', 'upper', 'var', 'log', 'journal'), unit, follow, out, stop);
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(found.dir, 'log', `${unit}.log`);
    const size = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(file).then((info) => info.size, () => undefined);
    if (size === undefined)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ToolkitError */ .h4(`${node} has no ${unit} log yet (${file})`, 'log-not-found', 'the unit has not started on that node');
    let offset = await printFrom(out, file, 0);
    if (!follow)
        return file;
    let stopped = false;
    void stop.then(() => void (stopped = true));
    while (!stopped) {
        await Promise.race([(0,node_timers_promises__WEBPACK_IMPORTED_MODULE_3__.setTimeout)(followPollMs), stop]);
        offset = await printFrom(out, file, offset);
    }
    return file;
}
/** A real-boot node's unit log from its journal on disk: printed whole, or (with follow) streamed until `stop`. */
async function journalLog(node, journal, unit, follow, out, stop) {
    if ((await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(journal).catch(() => undefined)) === undefined) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ToolkitError */ .h4(`${node} has no journal yet (${journal})`, 'log-not-found', 'the node has not booted yet');
    }
    const argv = ['--directory', journal, '--unit', unit, '--no-pager', '--output', 'short-iso', ...(follow ? ['--follow'] : [])];
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('journalctl', argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
        pending += chunk;
        const complete = pending.lastIndexOf('\n') + 1;
        if (complete > 0)
            out(pending.slice(0, complete - 1));
        pending = pending.slice(complete);
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => void (stderr += chunk));
    const exited = new Promise((resolve, reject) => {
        child.once('error', reject);
        child.once('close', resolve);
    });
    if (follow) {
        try {
            await Promise.race([exited, stop]);
        }
        finally {
            child.kill('SIGTERM');
        }
    }
    else {
        const code = await exited;
        if (code !== 0)
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ToolkitError */ .h4(`journalctl could not read ${node}'s journal: ${stderr.trim() || `exit code ${code}`}`, 'log-not-found');
    }
    return journal;
}
/** Prints the file's bytes from `offset` on (whole lines only); returns the new offset. */
async function printFrom(out, file, offset) {
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(file, 'r');
    try {
        const { size } = await handle.stat();
        if (size < offset)
            offset = 0; // truncated or replaced: start again
        if (size === offset)
            return offset;
        const buffer = Buffer.alloc(size - offset);
        await handle.read(buffer, 0, buffer.length, offset);
        const text = buffer.toString('utf8');
        const complete = text.lastIndexOf('\n') + 1;
        if (complete > 0)
            out(text.slice(0, complete - 1));
        return offset + Buffer.byteLength(text.slice(0, complete));
    }
    finally {
        await handle.close();
    }
}
//# sourceMappingURL=node-logs.js.map

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
