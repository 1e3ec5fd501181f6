export const id = 70;
export const ids = [70];
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

/***/ 1070:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runElevatedRequest: () => (/* binding */ runElevatedRequest)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3026);
/* harmony import */ var _elevated_protocol_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4589);
/* harmony import */ var _node_logs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6392);
/* harmony import */ var _provider_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3611);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6217);
// The lab's privileged part when the caller is not root: this process, started by
// elevated-client.ts through `sudo -n`, runs one request on the LabProvider (as root), reports
// through the protocol's lines, and hands the lab's state and keys over to the user who ran sudo
// (SUDO_UID/SUDO_GID; modes stay 0700/0600), so that they are that user's and nobody else's.
// The nodes' folders (rendered cloud-config with the cluster's secrets, logs) stay root's.







function send(message) {
    process.stdout.write((0,_elevated_protocol_js__WEBPACK_IMPORTED_MODULE_6__/* .encodeElevatedMessage */ .SE)(message));
}
let nextPhase = 0;
const streamingReporter = {
    info: (text) => send({ kind: 'info', text }),
    warn: (text) => send({ kind: 'warn', text }),
    debug: (text) => send({ kind: 'debug', text }),
    secret: (text) => send({ kind: 'secret', text }),
    async phase(title, work) {
        const id = nextPhase++;
        send({ kind: 'phase-start', id, title });
        try {
            const result = await work();
            send({ kind: 'phase-end', id });
            return result;
        }
        catch (error) {
            send({ kind: 'phase-end', id, error: (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .describeError */ .Uc)(error) });
            throw error;
        }
    },
};
async function readRequest() {
    const chunks = [];
    for await (const chunk of process.stdin)
        chunks.push(chunk);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}
/** The invoking user's ids from sudo's SUDO_UID/SUDO_GID; undefined when not run through sudo. */
function invoker() {
    const uid = Number(process.env.SUDO_UID);
    const gid = Number(process.env.SUDO_GID);
    if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid <= 0)
        return undefined;
    return { uid, gid };
}
/** The lab's folder, state.json and secrets/ become the invoking user's (nodes/ stays root's). */
async function handOver(name) {
    const user = invoker();
    if (!user)
        return;
    const dir = (0,_state_js__WEBPACK_IMPORTED_MODULE_5__/* .labDir */ .lH)(name);
    const owned = [dir, _state_js__WEBPACK_IMPORTED_MODULE_5__/* .labFiles */ .L2.state(dir), _state_js__WEBPACK_IMPORTED_MODULE_5__/* .labFiles */ .L2.secrets(dir)];
    for (const file of await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(_state_js__WEBPACK_IMPORTED_MODULE_5__/* .labFiles */ .L2.secrets(dir)).catch(() => []))
        owned.push((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(_state_js__WEBPACK_IMPORTED_MODULE_5__/* .labFiles */ .L2.secrets(dir), file));
    for (const path of owned) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.chown)(path, user.uid, user.gid).catch((error) => {
            if (error.code !== 'ENOENT')
                throw error;
        });
    }
}
async function serve(request) {
    const provider = new _provider_js__WEBPACK_IMPORTED_MODULE_4__.LabProvider();
    switch (request.op) {
        case 'deploy': {
            try {
                return (await provider.deploy(request.settings, streamingReporter)).info;
            }
            finally {
                await handOver(request.settings.name);
            }
        }
        case 'open': {
            const { info } = await provider.open(request.name, streamingReporter);
            await handOver(request.name);
            return info;
        }
        case 'destroy':
            return provider.destroy(request.name, streamingReporter);
        case 'destroy-all':
            return provider.destroyAll(streamingReporter);
        case 'logs': {
            // sudo relays the caller's SIGTERM (and a terminal's Ctrl-C reaches this process too)
            const stop = new Promise((resolve) => {
                process.once('SIGTERM', resolve);
                process.once('SIGINT', resolve);
            });
            const { lab, node, unit, follow } = request;
            return (0,_node_logs_js__WEBPACK_IMPORTED_MODULE_3__.readLabNodeLog)({ lab, node, unit, follow }, (text) => send({ kind: 'output', text }), stop);
        }
        case 'cluster': {
            const cluster = await provider.open(request.name, streamingReporter);
            const method = cluster[request.method];
            try {
                return (await method.apply(cluster, request.args)) ?? null;
            }
            finally {
                await handOver(request.name);
            }
        }
    }
}
/** Runs the one request on stdin and reports its result or error on stdout. */
async function runElevatedRequest() {
    try {
        send({ kind: 'result', value: await serve(await readRequest()) });
    }
    catch (error) {
        const known = error instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ToolkitError */ .h4 ? error : undefined;
        send({ kind: 'error', message: (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .describeError */ .Uc)(error), code: known?.code ?? 'lab-elevated-failed', ...(known?.hint ? { hint: known.hint } : {}) });
        process.exitCode = 1;
    }
}
//# sourceMappingURL=elevated-server.js.map

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

/***/ })

};
