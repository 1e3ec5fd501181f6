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

/***/ })

};
