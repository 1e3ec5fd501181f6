export const id = 611;
export const ids = [611,392];
export const modules = {

/***/ 2967:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TK: () => (/* binding */ readDaemonConfig),
/* harmony export */   cU: () => (/* binding */ labMetadataPort),
/* harmony export */   oJ: () => (/* binding */ daemonFiles)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3026);
// The lab daemon's settings: `daemon.json` in the lab's state folder, written by the lab core
// and read by the daemon, and the names of the daemon's files there.



/** Port of the metadata service on the lab gateway; the core puts `http://<gateway>:<port>` in metadataUrl. */
const labMetadataPort = 8410;
const daemonFiles = {
    config: 'daemon.json',
    socket: 'daemon.sock',
    log: 'daemon.log',
};
/** Reads and checks daemon.json; every problem names the field and the rule. */
function readDaemonConfig(stateDir) {
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(stateDir, daemonFiles.config);
    let config;
    try {
        config = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8'));
    }
    catch (error) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ToolkitError */ .h4(`${path}: cannot read the lab daemon's settings: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .describeError */ .Uc)(error)}`, 'lab-daemon-config-invalid');
    }
    const problems = [];
    const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;
    if (typeof config.lab !== 'string' || config.lab === '')
        problems.push('lab: must be the lab name');
    if (typeof config.gateway !== 'string' || !ipv4.test(config.gateway))
        problems.push('gateway: must be an IPv4 address');
    if (!Array.isArray(config.nodes))
        problems.push('nodes: must be a list');
    for (const [index, node] of (Array.isArray(config.nodes) ? config.nodes : []).entries()) {
        if (typeof node.name !== 'string' || node.name === '')
            problems.push(`nodes[${index}].name: must be the hostname`);
        if (typeof node.address !== 'string' || !ipv4.test(node.address))
            problems.push(`nodes[${index}].address: must be an IPv4 address`);
        if (node.role !== 'master' && node.role !== 'agent')
            problems.push(`nodes[${index}].role: must be master or agent`);
        if (typeof node.dockerSocket !== 'string' || !node.dockerSocket.startsWith('/'))
            problems.push(`nodes[${index}].dockerSocket: must be an absolute path`);
        if (typeof node.instanceId !== 'string')
            problems.push(`nodes[${index}].instanceId: must be a string`);
    }
    if (problems.length > 0)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ToolkitError */ .h4(`${path}: ${problems.join('; ')}`, 'lab-daemon-config-invalid');
    return config;
}
//# sourceMappingURL=config.js.map

/***/ }),

/***/ 1354:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ readCappedBody)
/* harmony export */ });
/* unused harmony export maxBodyBytes */
/** Bodies the lab exchanges are small JSON documents. */
const maxBodyBytes = 64 * 1024;
/** The body as text; a body over `limit` bytes destroys the stream and rejects. */
function readCappedBody(message, limit = maxBodyBytes) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        message.on('data', (chunk) => {
            size += chunk.length;
            if (size > limit)
                message.destroy(new Error(`body over ${limit} bytes`));
            else
                chunks.push(chunk);
        });
        message.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        message.on('error', reject);
    });
}
//# sourceMappingURL=http-body.js.map

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

/***/ 3611:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  LabProvider: () => (/* binding */ LabProvider)
});

// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
// EXTERNAL MODULE: ./build/src/core/validators.js
var validators = __webpack_require__(5430);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./build/src/providers/lab/host/log-tail.js
var log_tail = __webpack_require__(2648);
// EXTERNAL MODULE: ./build/src/providers/lab/host/processes.js
var processes = __webpack_require__(9170);
// EXTERNAL MODULE: ./build/src/providers/lab/process-command.js
var process_command = __webpack_require__(4245);
// EXTERNAL MODULE: ./build/src/providers/lab/daemon/config.js
var daemon_config = __webpack_require__(2967);
// EXTERNAL MODULE: ./build/src/providers/lab/daemon/http-body.js
var http_body = __webpack_require__(1354);
;// CONCATENATED MODULE: ./build/src/providers/lab/daemon/client.js
// The lab daemon's client, which the lab core uses: starts and stops the daemon and drives it
// through `daemon.sock` (HTTP over a unix socket in the lab's state folder).









function control(stateDir, method, path, body, timeoutMs = 10_000) {
    const socketPath = (0,external_node_path_.join)(stateDir, daemon_config/* daemonFiles */.oJ.socket);
    return new Promise((resolve, reject) => {
        const req = (0,external_node_http_.request)({ socketPath, path, method, timeout: timeoutMs, headers: { 'Content-Type': 'application/json' } }, (res) => {
            (0,http_body/* readCappedBody */.m)(res).then((text) => {
                const answer = JSON.parse(text || '{}');
                if (res.statusCode === 200)
                    resolve(answer);
                else
                    reject(new errors/* ToolkitError */.h4(`lab daemon: ${method} ${path}: ${answer.error ?? res.statusCode}`, 'lab-daemon-error'));
            }).catch(reject);
        });
        req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        req.on('error', (error) => reject(new errors/* ToolkitError */.h4(`lab daemon at ${socketPath} is not reachable: ${error.message}`, 'lab-daemon-unreachable', `see ${(0,external_node_path_.join)(stateDir, daemon_config/* daemonFiles */.oJ.log)}`)));
        req.end(body === undefined ? undefined : JSON.stringify(body));
    });
}
/** True when the daemon answers on its control socket. */
async function isLabDaemonReady(stateDir) {
    try {
        await control(stateDir, 'GET', '/ready', undefined, 1_000);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * Starts the lab's daemon (daemon.json must be written first) and resolves with its process
 * record once it serves; the caller records it in the lab's state for destroy.
 */
async function startLabDaemon(stateDir, 
/** Records the process before it is waited for, so that a destroy finds it even if this caller dies. */
onSpawned, readyTimeoutMs = 30_000) {
    const record = await (0,process_command/* spawnLabProcess */.WM)('lab-daemon', stateDir, (0,external_node_path_.join)(stateDir, daemon_config/* daemonFiles */.oJ.log));
    await onSpawned(record);
    const deadline = Date.now() + readyTimeoutMs;
    const hint = `see ${(0,external_node_path_.join)(stateDir, daemon_config/* daemonFiles */.oJ.log)}`;
    // Usually ready in well under a second; a busy 2-core machine loading a 3 MB action bundle
    // has been seen to need more than 10 s, hence the generous bound.
    while (!(await isLabDaemonReady(stateDir))) {
        if (!(await (0,processes/* isAlive */._n)(record))) {
            const tail = await (0,log_tail/* readLogTail */.T)((0,external_node_path_.join)(stateDir, daemon_config/* daemonFiles */.oJ.log));
            throw new errors/* ToolkitError */.h4(`the lab daemon exited while starting; the last lines of its log:\n${tail}`, 'lab-daemon-start-failed', hint);
        }
        if (Date.now() > deadline)
            throw new errors/* ToolkitError */.h4(`the lab daemon did not start within ${readyTimeoutMs} ms`, 'lab-daemon-start-failed', hint);
        await (0,promises_.setTimeout)(50);
    }
    return record;
}
/** Tells the daemon that daemon.json changed (nodes added, removed or re-created). */
async function nodesChanged(stateDir) {
    await control(stateDir, 'POST', '/nodes-changed');
}
/**
 * Announces one Scheduled Event naming the given nodes (a scale-in names all it removes, as Azure does) and resolves when it is Started: 'acknowledged' when
 * the node approved it, 'timed-out' when NotBefore passed first. The core then acts, and calls
 * clearScheduledEvents once the node is down (before it boots again).
 */
async function postScheduledEvent(stateDir, nodeNames, eventType, options) {
    const answer = await control(stateDir, 'POST', '/events', { nodes: nodeNames, eventType, notBeforeSeconds: options.notBeforeSeconds }, (options.notBeforeSeconds + 30) * 1000);
    return answer.outcome;
}
/** Removes a node's events from the metadata (Azure drops an event once the platform acted). */
async function clearScheduledEvents(stateDir, nodeName) {
    await control(stateDir, 'POST', '/events/clear', { node: nodeName });
}
/** What the load balancer currently forwards to (for list-endpoints, convergence checks, tests). */
function loadBalancerState(stateDir) {
    return control(stateDir, 'GET', '/load-balancer');
}
/** Asks the daemon to stop and waits until its process is gone (the caller may then kill it by record). */
async function stopLabDaemon(stateDir, record, timeoutMs = 5_000) {
    await control(stateDir, 'POST', '/shutdown', undefined, 2_000).catch(() => undefined);
    const deadline = Date.now() + timeoutMs;
    while (await (0,processes/* isAlive */._n)(record)) {
        if (Date.now() > deadline)
            return false;
        await (0,promises_.setTimeout)(50);
    }
    return true;
}
//# sourceMappingURL=client.js.map
// EXTERNAL MODULE: external "node:fs/promises"
var external_node_fs_promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./build/src/providers/lab/json-file.js
var json_file = __webpack_require__(1539);
// EXTERNAL MODULE: ./build/src/providers/lab/host/command.js
var command = __webpack_require__(8906);
;// CONCATENATED MODULE: ./build/src/providers/lab/host/network.js
// The lab's network: one Linux bridge per lab in the machine's own namespace with the lab's
// gateway address on it, one network namespace per node joined to the bridge by a veth pair.
// Every name carries the `azs-` prefix so a crash clean-up can find leftovers, and interface
// names stay within the kernel's 15 characters by using the lab's subnet octet as its short id.
// The only iptables rule is the bridge-local FORWARD accept that br_netfilter makes necessary
// once any dockerd has set the FORWARD policy to DROP (see docs/lab.md).



/** Labs take a /24 each out of this /16. */
const labSupernet = { prefix: '10.213', firstOctet: 1, lastOctet: 254 };
const labNamePrefix = 'azs-';
function labAddress(network, host) {
    return `${labSupernet.prefix}.${network.octet}.${host}`;
}
function ipToNumber(ip) {
    return ip.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}
/** [first, last] addresses of every IPv4 route on the machine (the default route excluded). */
async function routedRanges() {
    const { stdout } = await (0,command/* runCommand */.d)(['ip', '-4', 'route', 'show', 'table', 'all']);
    const ranges = [];
    for (const line of stdout.split('\n')) {
        const match = /^(?:\S+\s+)?(\d+\.\d+\.\d+\.\d+)(?:\/(\d+))?\s/.exec(line.replace(/^(local|broadcast|unicast)\s+/, ''));
        if (!match)
            continue;
        const length = Number(match[2] ?? 32);
        const size = 2 ** (32 - length);
        const first = Math.floor(ipToNumber(match[1]) / size) * size;
        ranges.push([first, first + size - 1]);
    }
    return ranges;
}
async function freeOctets(taken) {
    const ranges = await routedRanges();
    const free = [];
    for (let octet = labSupernet.firstOctet; octet <= labSupernet.lastOctet; octet++) {
        if (taken.has(octet))
            continue;
        const first = ipToNumber(`${labSupernet.prefix}.${octet}.0`);
        const last = first + 255;
        if (!ranges.some(([start, end]) => start <= last && end >= first))
            free.push(octet);
    }
    return free;
}
/** The one iptables rule a lab adds: bridged traffic between its own nodes passes FORWARD. */
function forwardRuleFor(bridge) {
    return ['FORWARD', '-i', bridge, '-o', bridge, '-j', 'ACCEPT'];
}
function networkFor(octet) {
    const bridge = `${labNamePrefix}${octet}`;
    return {
        bridge,
        octet,
        subnet: `${labSupernet.prefix}.${octet}.0/24`,
        gateway: `${labSupernet.prefix}.${octet}.1`,
        prefixLength: 24,
        forwardRule: forwardRuleFor(bridge),
    };
}
/**
 * Creates the lab's bridge on a /24 that no route of the machine covers and no other lab
 * holds (`taken`: octets recorded by other labs). Creating the bridge is the lock: when another
 * lab grabbed the same octet meanwhile, the next free one is tried.
 */
async function createLabNetwork(taken = new Set()) {
    for (const octet of await freeOctets(taken)) {
        const network = networkFor(octet);
        if (!(await (0,command/* tryCommand */.H)(['ip', 'link', 'add', network.bridge, 'type', 'bridge'])))
            continue;
        try {
            await (0,command/* runCommand */.d)(['ip', 'addr', 'add', `${network.gateway}/${network.prefixLength}`, 'dev', network.bridge]);
            await (0,command/* runCommand */.d)(['ip', 'link', 'set', network.bridge, 'up']);
            await (0,command/* runCommand */.d)(['iptables', '-I', ...network.forwardRule]);
            return network;
        }
        catch (error) {
            await removeLabNetwork(network);
            throw error;
        }
    }
    throw new errors/* ToolkitError */.h4(`no free /24 left in ${labSupernet.prefix}.0.0/16 for a lab`, 'lab-no-subnet', 'destroy unused labs (azswarm destroy-cluster --all)');
}
/** Removes the bridge and exactly the rule the lab inserted; absent pieces are fine. */
async function removeLabNetwork(network) {
    while (await (0,command/* tryCommand */.H)(['iptables', '-C', ...network.forwardRule])) {
        await (0,command/* runCommand */.d)(['iptables', '-D', ...network.forwardRule]);
    }
    await deleteLink(network.bridge);
}
function hostVethName(network, nodeShortId) {
    const name = `${labNamePrefix}${network.octet}-${nodeShortId}`;
    if (name.length > 15)
        throw new errors/* ToolkitError */.h4(`interface name ${name} is longer than 15 characters`, 'lab-name-too-long');
    return name;
}
/**
 * The kernel's IPv4 neighbour (ARP) table is one table for every network namespace of the
 * machine, and its limits (net.ipv4.neigh.default.gc_thresh2/3: 512 and 1024 by default) count
 * the entries of all of them. Swarm's gossip makes every node of a lab talk to every other, so a
 * lab of n nodes holds about n × (n − 1) entries: 2,550 at 1+50. Past gc_thresh3 every new
 * resolution fails ("neighbor table overflow!" in dmesg): connects to a node end in "No route to
 * host" or time out (master0's SSH handshake, the load balancer's connections), and each attempt
 * runs a forced garbage collection over the whole table. These room sizes hold a few labs of
 * 5 + 100 nodes at once (~11,000 entries each); a value the machine already has above them stays.
 */
const neighbourTableRoom = { gc_thresh2: 16_384, gc_thresh3: 32_768 };
/**
 * Lab nodes on the machine from which the room is made: 24 × 23 = 552 entries, over the default
 * gc_thresh2. Below it the machine's own limits are left alone (the tests' and the demo's labs).
 */
const neighbourRoomFromNodes = 24;
const neighbourSysctlDir = '/proc/sys/net/ipv4/neigh/default';
/** The machine's own limits while the lab has raised them: put back once fewer nodes remain. */
const neighbourSavedLimitsFile = '/run/azswarm-neighbour-limits.json';
const readLimit = async (name) => Number((await (0,external_node_fs_promises_.readFile)(`${neighbourSysctlDir}/${name}`, 'utf8')).trim());
const writeLimit = (name, value) => (0,external_node_fs_promises_.writeFile)(`${neighbourSysctlDir}/${name}`, `${value}\n`);
/**
 * False in a network namespace other than the machine's own (a lab run inside `unshare -n`, as
 * lab-sudo.test does): the kernel shows the neighbour limits only in the initial namespace, and
 * they are then not this lab's to change.
 */
const neighbourLimitsVisible = () => (0,external_node_fs_promises_.access)(neighbourSysctlDir).then(() => true, () => false);
/** Lab node namespaces on the whole machine (every lab, every lab root). */
async function labNodesOnMachine() {
    return (await (0,external_node_fs_promises_.readdir)('/run/netns').catch(() => [])).filter((name) => name.startsWith(labNamePrefix)).length;
}
/**
 * Before a node is added: when the machine will hold neighbourRoomFromNodes lab nodes or more,
 * raises its neighbour table limits to neighbourTableRoom (never lowering them), first saving the
 * values it changes so that relaxNeighbourTable can put them back.
 */
async function ensureNeighbourTableRoom() {
    if ((await labNodesOnMachine()) + 1 < neighbourRoomFromNodes || !(await neighbourLimitsVisible()))
        return;
    try {
        const own = {};
        for (const [name, wanted] of Object.entries(neighbourTableRoom)) {
            const value = await readLimit(name);
            if (value < wanted)
                own[name] = value;
        }
        if (Object.keys(own).length === 0)
            return;
        // 'wx': of labs growing at once, the first records the machine's own values; later ones would record the lab's.
        await (0,external_node_fs_promises_.writeFile)(neighbourSavedLimitsFile, JSON.stringify(own), { flag: 'wx' }).catch((error) => {
            if (error.code !== 'EEXIST')
                throw error;
        });
        for (const [name, wanted] of Object.entries(neighbourTableRoom))
            if (name in own)
                await writeLimit(name, wanted);
    }
    catch (error) {
        throw new errors/* ToolkitError */.h4(`cannot raise the machine's neighbour table limits (${neighbourSysctlDir}): ${(0,errors/* describeError */.Uc)(error)}`, 'lab-sysctl-failed', 'the lab runs as root in the machine\'s own network namespace');
    }
}
/**
 * After nodes go: once fewer than neighbourRoomFromNodes lab nodes remain on the machine, puts
 * back the limits the lab raised (a value someone changed since is left as it is). Called once
 * per destroy or scale-in, after its last node's link is gone, not per node.
 */
async function relaxNeighbourTable() {
    if ((await labNodesOnMachine()) >= neighbourRoomFromNodes || !(await neighbourLimitsVisible()))
        return;
    const saved = await (0,external_node_fs_promises_.readFile)(neighbourSavedLimitsFile, 'utf8').then((text) => JSON.parse(text), () => undefined);
    if (!saved)
        return;
    for (const [name, raised] of Object.entries(neighbourTableRoom)) {
        if (typeof saved[name] === 'number' && (await readLimit(name)) === raised)
            await writeLimit(name, saved[name]);
    }
    await (0,external_node_fs_promises_.rm)(neighbourSavedLimitsFile, { force: true });
}
/** Creates the node's namespace and plugs it into the bridge with its fixed address. */
async function addNodeLink(network, netns, nodeShortId, address) {
    const link = { netns, hostVeth: hostVethName(network, nodeShortId), address };
    await ensureNeighbourTableRoom();
    try {
        await (0,command/* runCommand */.d)(['ip', 'netns', 'add', netns]);
        await (0,command/* runCommand */.d)(['ip', 'link', 'add', link.hostVeth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', netns]);
        await (0,command/* runCommand */.d)(['ip', 'link', 'set', link.hostVeth, 'master', network.bridge, 'up']);
        const inside = ['ip', '-n', netns];
        await (0,command/* runCommand */.d)([...inside, 'addr', 'add', `${address}/${network.prefixLength}`, 'dev', 'eth0']);
        await (0,command/* runCommand */.d)([...inside, 'link', 'set', 'eth0', 'up']);
        await (0,command/* runCommand */.d)([...inside, 'link', 'set', 'lo', 'up']);
        await (0,command/* runCommand */.d)([...inside, 'route', 'add', 'default', 'via', network.gateway]);
        return link;
    }
    catch (error) {
        await removeNodeLink(link);
        await relaxNeighbourTable();
        throw error;
    }
}
/** The node's veth and namespace; the caller relaxes the neighbour table once its last node went. */
async function removeNodeLink(link) {
    await deleteLink(link.hostVeth);
    await deleteNetns(link.netns);
}
async function deleteLink(name) {
    const exists = () => (0,command/* tryCommand */.H)(['ip', 'link', 'show', name]);
    // A veth goes by itself when its peer's namespace goes (a node stopping meanwhile): gone is done.
    if (await exists() && !(await (0,command/* tryCommand */.H)(['ip', 'link', 'del', name])) && await exists()) {
        await (0,command/* runCommand */.d)(['ip', 'link', 'del', name]);
    }
}
async function deleteNetns(name) {
    if (!(await listNetns()).includes(name))
        return;
    // Another destroy (a sweep of leftovers) may remove it between the list and the del: gone is done.
    if (!(await (0,command/* tryCommand */.H)(['ip', 'netns', 'del', name])) && (await listNetns()).includes(name)) {
        await (0,command/* runCommand */.d)(['ip', 'netns', 'del', name]);
    }
}
async function listNetns() {
    const { stdout } = await (0,command/* runCommand */.d)(['ip', 'netns', 'list']);
    return stdout.split('\n').map((line) => line.split(' ')[0]).filter(Boolean);
}
/** Interfaces of the machine's own namespace whose names carry the lab prefix. */
async function listLabLinks() {
    const { stdout } = await (0,command/* runCommand */.d)(['ip', '-o', 'link', 'show']);
    return stdout
        .split('\n')
        .map((line) => /^\d+:\s+([^:@\s]+)/.exec(line)?.[1])
        .filter((name) => name !== undefined && name.startsWith(labNamePrefix));
}
//# sourceMappingURL=network.js.map
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./build/src/providers/lab/host/cgroups.js
// One cgroup per lab node. The node's init joins it first, so every process of the node —
// supervisor, dockerd, containerd, shims, units, and the containers (dockerd gets it as
// --cgroup-parent) — is inside. That gives teardown a complete list of the node's processes
// even after a crash, the memory controller gives the node's memory use and the CPU accounting
// its CPU time (independent of the machine's load, which inflates every wall time on a shared
// machine).
// Two layouts:
//  - cgroup v1 (this project's machines): the node's cgroup in the pids, memory and cpuacct
//    hierarchies, the node's processes in it directly;
//  - cgroup v2 only (GitHub's ubuntu-24.04 runners; /sys/fs/cgroup/cgroup.controllers exists):
//    one cgroup azs-<lab>-<node> with the pids, memory and cpu controllers enabled for its
//    children, the node's processes in its leaf child `init` (v2 allows no process in a cgroup
//    that hands controllers to children) and the containers' cgroups beside that leaf.





/**
 * The machine's cgroup filesystem. AZSWARM_LAB_CGROUP_ROOT is for the lab's own tests only: it
 * points the lab at another mount of cgroup2 to run the v2 layout on a v1 machine.
 */
function cgroupRoot() {
    return process.env.AZSWARM_LAB_CGROUP_ROOT ?? '/sys/fs/cgroup';
}
/** cgroup v2 only: the root is itself the unified hierarchy (its root holds cgroup.controllers). */
function isUnifiedCgroup(root = cgroupRoot()) {
    return (0,external_node_fs_.existsSync)((0,external_node_path_.join)(root, 'cgroup.controllers'));
}
/** v1: the hierarchies the node's init joins; dockerd adds its containers to every hierarchy. */
const trackedControllers = ['pids', 'memory', 'cpuacct'];
/** v2: the controllers the node's cgroup hands to its leaf and its containers, where available. */
const unifiedControllers = ['pids', 'memory', 'cpu'];
/** v2: the node's own processes' cgroup, a child of the node's cgroup. */
const nodeLeaf = 'init';
function nodeCgroupName(lab, node) {
    return `azs-${lab}-${node}`;
}
/** v2: which of unifiedControllers this machine can give the lab's cgroups (a root's cgroup.controllers). */
function availableUnifiedControllers(root = cgroupRoot()) {
    const available = (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(root, 'cgroup.controllers'), 'utf8').split(/\s+/);
    return {
        enabled: unifiedControllers.filter((controller) => available.includes(controller)),
        missing: unifiedControllers.filter((controller) => !available.includes(controller)),
    };
}
/** Where the lab's cgroups live, for the machine-change lines (the missing v2 controllers said once). */
function cgroupPlacement(names) {
    const root = cgroupRoot();
    if (!isUnifiedCgroup(root))
        return `cgroups: ${names.join(', ')} in ${trackedControllers.map((controller) => (0,external_node_path_.join)(root, controller)).join(', ')}`;
    const { enabled, missing } = availableUnifiedControllers(root);
    const controllers = enabled.length > 0 ? `controllers ${enabled.join(' ')} enabled below them` : 'no controller enabled below them';
    const unmeasured = missing.length > 0 ? `; not available on this machine: ${missing.join(' ')} (skipped${missing.includes('memory') ? '; the nodes\' memory peak is not measured' : ''})` : '';
    return `cgroups: ${names.join(', ')} in ${root} (cgroup v2; each with a leaf ${nodeLeaf} for the node's processes; ${controllers}${unmeasured})`;
}
/** Creates the node's cgroups; returns the cgroup.procs files the node's init writes itself into. */
async function createNodeCgroup(name) {
    const root = cgroupRoot();
    if (isUnifiedCgroup(root))
        return [await createUnifiedNodeCgroup(root, name)];
    const procsFiles = [];
    for (const controller of trackedControllers) {
        const dir = (0,external_node_path_.join)(root, controller, name);
        await (0,external_node_fs_promises_.mkdir)(dir, { recursive: true });
        procsFiles.push((0,external_node_path_.join)(dir, 'cgroup.procs'));
    }
    return procsFiles;
}
async function createUnifiedNodeCgroup(root, name) {
    const { enabled } = availableUnifiedControllers(root);
    const dir = (0,external_node_path_.join)(root, name);
    // the root first (a runner's systemd has done it already), so the node's cgroup has them to hand on
    await enableControllers(root, enabled);
    await (0,external_node_fs_promises_.mkdir)((0,external_node_path_.join)(dir, nodeLeaf), { recursive: true });
    await enableControllers(dir, enabled);
    return (0,external_node_path_.join)(dir, nodeLeaf, 'cgroup.procs');
}
/** One write per controller, so that a refusal (the kernel's errno alone says little) names it. */
async function enableControllers(dir, controllers) {
    for (const controller of controllers) {
        await (0,external_node_fs_promises_.writeFile)((0,external_node_path_.join)(dir, 'cgroup.subtree_control'), `+${controller}`).catch((error) => {
            throw new errors/* ToolkitError */.h4(`could not enable the ${controller} controller in ${(0,external_node_path_.join)(dir, 'cgroup.subtree_control')}: ${error.message}`, 'lab-cgroup-controller', undefined, { cause: error });
        });
    }
}
/** Every hierarchy folder that holds this cgroup (v1: controllers, named and unified; v2: the one). */
async function cgroupDirs(name) {
    const root = cgroupRoot();
    const candidates = [];
    if (isUnifiedCgroup(root))
        candidates.push((0,external_node_path_.join)(root, name));
    else {
        for (const entry of await (0,external_node_fs_promises_.readdir)(root, { withFileTypes: true })) {
            // cpu and cpuacct also appear as symlinks to cpu,cpuacct
            if (entry.isDirectory())
                candidates.push((0,external_node_path_.join)(root, entry.name, name));
        }
    }
    const dirs = [];
    for (const dir of candidates)
        if ((await (0,external_node_fs_promises_.stat)(dir).catch(() => undefined))?.isDirectory())
            dirs.push(dir);
    return dirs;
}
/** Names of the top-level cgroups where the lab makes its nodes' (for the sweep of leftovers). */
async function topLevelCgroupNames() {
    const root = cgroupRoot();
    const places = isUnifiedCgroup(root) ? [root] : trackedControllers.map((controller) => (0,external_node_path_.join)(root, controller));
    const names = new Set();
    for (const place of places)
        for (const name of await (0,external_node_fs_promises_.readdir)(place).catch(() => []))
            names.add(name);
    return [...names];
}
async function subtree(dir) {
    const children = await (0,external_node_fs_promises_.readdir)(dir, { withFileTypes: true }).catch(() => []);
    const nested = await Promise.all(children.filter((c) => c.isDirectory()).map((c) => subtree((0,external_node_path_.join)(dir, c.name))));
    return [dir, ...nested.flat()];
}
/** Pids of every process in the node's cgroup and its sub-cgroups (its leaf, containers). */
async function cgroupPids(name) {
    const pids = new Set();
    for (const top of await cgroupDirs(name)) {
        for (const dir of await subtree(top)) {
            const text = await (0,external_node_fs_promises_.readFile)((0,external_node_path_.join)(dir, 'cgroup.procs'), 'utf8').catch(() => '');
            for (const line of text.split('\n'))
                if (line.trim())
                    pids.add(Number(line));
        }
    }
    return [...pids];
}
/**
 * SIGKILLs every process left in the node's cgroup, then removes its folders (deepest first).
 * Used after the graceful stop, and alone after a crash. Where the kernel has cgroup.kill (v2,
 * Linux 5.14+) the whole subtree is killed at once, which no fork can outrun.
 */
async function killAndRemoveCgroup(name, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const pids = await cgroupPids(name);
        if (pids.length > 0) {
            if (Date.now() > deadline)
                throw new Error(`processes ${pids.join(', ')} of cgroup ${name} did not exit`);
            for (const top of await cgroupDirs(name))
                await (0,external_node_fs_promises_.writeFile)((0,external_node_path_.join)(top, 'cgroup.kill'), '1').catch(() => undefined);
            for (const pid of pids) {
                try {
                    process.kill(pid, 'SIGKILL');
                }
                catch {
                    // already gone
                }
            }
        }
        else {
            // A cgroup whose last process has just died can refuse rmdir (EBUSY) for a while, longer
            // on a loaded machine (the kernel is still releasing the dead tasks): tried again.
            const refused = await removeCgroupFolders(name);
            if (refused.length === 0)
                return;
            if (Date.now() > deadline)
                throw new Error(`cgroup ${name} could not be removed: ${refused.join(', ')}`);
        }
        await (0,promises_.setTimeout)(100);
    }
}
/** Removes the node's cgroup folders, deepest first; returns those refused (with the reason). */
async function removeCgroupFolders(name) {
    const refused = [];
    for (const top of await cgroupDirs(name)) {
        for (const dir of (await subtree(top)).reverse()) {
            await (0,external_node_fs_promises_.rmdir)(dir).catch((error) => void (error.code !== 'ENOENT' && refused.push(`${dir} (${error.code})`)));
        }
    }
    return refused;
}
async function residentBytes(pid) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
}
async function nodeMemory(name) {
    const sizes = await Promise.all((await cgroupPids(name)).map(residentBytes));
    const root = cgroupRoot();
    const peakFile = isUnifiedCgroup(root) ? join(root, name, 'memory.peak') : join(root, 'memory', name, 'memory.max_usage_in_bytes');
    const peak = await readFile(peakFile, 'utf8').catch(() => undefined);
    return { rssBytes: sizes.reduce((sum, size) => sum + size, 0), peakBytes: peak === undefined ? undefined : Number(peak.trim()) };
}
/**
 * CPU milliseconds the node's processes (containers included) used so far: v1 cpuacct.usage (ns),
 * v2 cpu.stat usage_usec. Undefined where the node has no such cgroup.
 */
async function nodeCpuMs(name) {
    const root = cgroupRoot();
    if (isUnifiedCgroup(root)) {
        const stat = await readFile(join(root, name, 'cpu.stat'), 'utf8').catch(() => '');
        const match = /^usage_usec (\d+)$/m.exec(stat);
        return match ? Math.round(Number(match[1]) / 1e3) : undefined;
    }
    const usage = await readFile(join(root, 'cpuacct', name, 'cpuacct.usage'), 'utf8').catch(() => undefined);
    return usage === undefined ? undefined : Math.round(Number(usage) / 1e6);
}
//# sourceMappingURL=cgroups.js.map
// EXTERNAL MODULE: ./build/src/providers/lab/host/node-containerd.js
var node_containerd = __webpack_require__(1089);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./build/src/providers/lab/host/docker-ping.js
var docker_ping = __webpack_require__(7308);
;// CONCATENATED MODULE: ./build/src/providers/lab/host/node-host.js
// A lab node's "machine": the namespaces and private filesystem a VM would have, around one
// init process. Started as
//   nsenter --net=/run/netns/NS  unshare --uts --mount --propagation private  sh -c SETUP
// (`ip netns exec` can't be used: it remounts /sys and dockerd then dies, see docs/lab.md).
// SETUP joins the node's cgroup, sets the hostname, mounts a tmpfs /run and /tmp, overlays
// /etc, /usr/local, /var, /opt, /home and /root with upper layers in the node's folder (the
// machine's own files are never modified), binds the node's real `docker` folder on /var/lib/docker
// (dockerd's overlay2 cannot live on an overlay upper) and then execs the init: dockerd for a
// bare node, the node supervisor (the systemd stand-in) for a provider node. The init's pid is
// the node's handle: `exec` enters its namespaces with nsenter, stopping it ends the node.
// The node's fresh /tmp would hide a toolkit that runs from under /tmp (a quick clone, a CI
// workspace) from its own init: the paths the init needs from there are bound back in, read-only.









/** Host folders every node sees through its own writable overlay. */
const overlaidFolders = ['etc', 'usr/local', 'var', 'opt', 'home', 'root'];
/**
 * The node's own (empty) dockerd settings file, in the node's fresh /run: the machine's
 * /etc/docker/daemon.json (seen through the node's /etc overlay) is the machine's dockerd's, and
 * a runner's (GitHub's sets `cgroup-parent`) would clash with the node's flags.
 */
const nodeDockerdConfig = '/run/azs-dockerd.json';
const setupScript = `set -eu
dir=$1 host=$2 procs=$3 carried=$4
shift 4
for file in $procs; do echo $$ > "$file"; done
hostname "$host"
umount -R -l /run/netns 2>/dev/null || true
mount -t tmpfs -o mode=755 tmpfs /run
printf '{}\n' > ${nodeDockerdConfig}
mkdir /run/azs-stage
mount --bind "$dir" /run/azs-stage
for layer in ${overlaidFolders.join(' ')}; do
  key=$(printf %s "$layer" | tr / -)
  mkdir -p "/run/azs-stage/fs/$key/upper" "/run/azs-stage/fs/$key/work"
  mount -t overlay overlay -o "lowerdir=/$layer,upperdir=/run/azs-stage/fs/$key/upper,workdir=/run/azs-stage/fs/$key/work" "/$layer"
done
index=0
for path in $carried; do
  index=$((index + 1))
  src=$(printf %s "$path" | base64 -d)
  if [ -d "$src" ]; then mkdir "/run/azs-carry-$index"; else touch "/run/azs-carry-$index"; fi
  mount --bind "$src" "/run/azs-carry-$index"
done
mount -t tmpfs -o mode=1777 tmpfs /tmp
index=0
for path in $carried; do
  index=$((index + 1))
  target=$(printf %s "$path" | base64 -d)
  if [ -d "/run/azs-carry-$index" ]; then mkdir -p "$target"; else mkdir -p "$(dirname "$target")"; touch "$target"; fi
  mount --bind "/run/azs-carry-$index" "$target"
  mount -o remount,bind,ro "$target"
  umount "/run/azs-carry-$index"
  rm -rf "/run/azs-carry-$index"
done
mkdir -p "$dir" /var/lib/docker
mount --bind /run/azs-stage "$dir"
mount --bind /run/azs-stage/docker /var/lib/docker
umount /run/azs-stage
rmdir /run/azs-stage
touch "$dir/host-ready"
exec "$@"
`;
/** The socket of the node's dockerd that the machine's side uses (the node uses /run/docker.sock). */
function hostDockerSocket(dir) {
    return (0,external_node_path_.join)(dir, 'docker.sock');
}
function nodeLogFile(dir, name) {
    return (0,external_node_path_.join)(dir, 'log', `${name}.log`);
}
/**
 * The machine's dockerd: Debian's and Ubuntu's docker.io install /usr/sbin/dockerd, Docker's own
 * docker-ce (GitHub's runners) /usr/bin/dockerd; the node's dockerd then starts the containerd
 * found beside it on PATH (both packages put containerd in /usr/bin).
 */
function machineDockerd() {
    const found = dockerdCandidates.find((path) => {
        try {
            (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.X_OK);
            return true;
        }
        catch {
            return false;
        }
    });
    if (!found)
        throw new errors/* ToolkitError */.h4(`dockerd was not found (${dockerdCandidates.join(', ')})`, 'lab-dockerd-missing', 'install Docker Engine: scripts/install-deps.sh (docker.io), or Docker\'s docker-ce');
    return found;
}
const dockerdCandidates = ['/usr/sbin/dockerd', '/usr/bin/dockerd'];
/**
 * dockerd's arguments for a node: own data-root, exec-root, pidfile, sockets, containerd namespace;
 * `containerdSocket`: a containerd already running (the supervisor's, node-containerd.ts) instead
 * of one dockerd starts itself.
 */
function dockerdArgv(dir, hostname, cgroup, containerdSocket) {
    const socket = hostDockerSocket(dir);
    // unix socket paths are limited to 108 bytes
    if (Buffer.byteLength(socket) > 100)
        throw new errors/* ToolkitError */.h4(`docker socket path ${socket} is too long`, 'lab-path-too-long', 'use a shorter AZSWARM_LAB_ROOT');
    return [
        machineDockerd(),
        '--data-root', '/var/lib/docker',
        '--exec-root', '/run/docker',
        '--pidfile', '/run/docker.pid',
        '-H', 'unix:///run/docker.sock',
        '-H', `unix://${socket}`,
        '--config-file', nodeDockerdConfig,
        ...(containerdSocket ? ['--containerd', containerdSocket] : []),
        '--containerd-namespace', `azs-${hostname}`,
        '--containerd-plugins-namespace', `azs-${hostname}-plugins`,
        '--cgroup-parent', `/${cgroup}`,
        // cgroup v2: dockerd would pick the systemd driver where systemd runs, which takes only slice
        // names as a parent; cgroupfs puts each container's cgroup beside the node's leaf (cgroups.ts)
        ...(isUnifiedCgroup() ? ['--exec-opt', 'native.cgroupdriver=cgroupfs'] : []),
        // host-mode published ports are DNATed by iptables; a docker-proxy per port only costs memory
        '--userland-proxy=false',
        '--log-level', 'warn',
    ];
}
/**
 * Environment of a node's dockerd (and of the containerd it starts, which inherits it): services
 * use the node's local images, never a registry. Go runtime knobs for many idle daemons on a few
 * cores: one P each (GOMAXPROCS=1) spares the scheduler's spinning of idle threads on every
 * timer wake-up (swarm heartbeats, gossip, containerd's GC scheduler), and GOGC=50 collects at
 * half the default heap growth; docs/scale.md has the figures.
 */
const dockerdEnv = { DOCKER_SERVICE_PREFER_OFFLINE_IMAGE: '1', GOMAXPROCS: '1', GOGC: '50' };
const nodeBaseEnv = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: '/root',
    LANG: 'C.UTF-8',
};
async function prepareNodeFolder(spec) {
    const etcUpper = (0,external_node_path_.join)(spec.dir, 'fs', 'etc', 'upper');
    await (0,external_node_fs_promises_.mkdir)(etcUpper, { recursive: true });
    await (0,external_node_fs_promises_.mkdir)((0,external_node_path_.join)(spec.dir, 'docker'), { recursive: true });
    await (0,external_node_fs_promises_.mkdir)((0,external_node_path_.join)(spec.dir, 'log'), { recursive: true });
    await (0,external_node_fs_promises_.writeFile)((0,external_node_path_.join)(etcUpper, 'hosts'), spec.hosts);
    await (0,external_node_fs_promises_.writeFile)((0,external_node_path_.join)(etcUpper, 'hostname'), `${spec.hostname}\n`);
    await (0,external_node_fs_promises_.rm)((0,external_node_path_.join)(spec.dir, 'host-ready'), { force: true });
}
/** Folders a node mounts afresh: what lies beneath is invisible inside the node. */
const freshNodeFolders = { tmp: '/tmp', run: '/run' };
/**
 * The folders to bind back into a node for the machine's files its init runs from (`files`: the
 * Node binary and the toolkit's entry): for each that lies under /tmp, its top folder there (its
 * symlink target counts too), since the node's fresh /tmp would hide it. A file under /run
 * cannot be carried (the node's /run is mounted before anything else): refused with the reason.
 */
function pathsToCarry(files) {
    const tops = new Set();
    for (const file of files.filter((entry) => (0,external_node_path_.isAbsolute)(entry))) {
        for (const path of new Set([file, realpathOrSelf(file)])) {
            if (path === freshNodeFolders.run || path.startsWith(`${freshNodeFolders.run}/`)) {
                throw new errors/* ToolkitError */.h4(`the lab cannot start a node from ${path}: each node mounts its own /run over the machine's`, 'lab-path-hidden', 'run the toolkit from a folder outside /run');
            }
            const [top] = (0,external_node_path_.relative)(freshNodeFolders.tmp, path).split(external_node_path_.sep);
            if (path.startsWith(`${freshNodeFolders.tmp}/`) && top)
                tops.add((0,external_node_path_.join)(freshNodeFolders.tmp, top));
        }
    }
    return [...tops];
}
function realpathOrSelf(path) {
    try {
        return (0,external_node_fs_.realpathSync)(path);
    }
    catch {
        return path;
    }
}
/** Starts the node's init inside fresh namespaces; resolves once its filesystem is set up. */
async function startNodeHost(spec, readyTimeoutMs = 15_000) {
    const carried = pathsToCarry(spec.initFiles ?? []).map((path) => Buffer.from(path).toString('base64')).join(' ');
    await prepareNodeFolder(spec);
    const procsFiles = await createNodeCgroup(spec.cgroup);
    const log = await (0,external_node_fs_promises_.open)(nodeLogFile(spec.dir, 'init'), 'a');
    const child = (0,external_node_child_process_.spawn)('nsenter', [`--net=/run/netns/${spec.netns}`, '--', 'unshare', '--uts', '--mount', '--propagation', 'private', '--',
        'sh', '-c', setupScript, 'node-setup', spec.dir, spec.hostname, procsFiles.join(' '), carried, ...spec.init], { detached: true, stdio: ['ignore', log.fd, log.fd], env: { ...nodeBaseEnv, ...spec.env } });
    await log.close();
    let exitCode;
    child.once('exit', (code) => (exitCode = code));
    child.unref();
    if (child.pid === undefined)
        throw new errors/* ToolkitError */.h4(`could not start node ${spec.hostname}`, 'lab-node-start-failed');
    const init = await (0,processes/* recordProcess */.TX)(child.pid);
    const record = { hostname: spec.hostname, netns: spec.netns, dir: spec.dir, cgroup: spec.cgroup, init };
    const deadline = Date.now() + readyTimeoutMs;
    while (!(await (0,external_node_fs_promises_.stat)((0,external_node_path_.join)(spec.dir, 'host-ready')).catch(() => undefined))) {
        if (exitCode !== undefined || Date.now() > deadline) {
            await stopNodeHost(record, 0);
            throw new errors/* ToolkitError */.h4(`node ${spec.hostname} failed to start (see ${nodeLogFile(spec.dir, 'init')})`, 'lab-node-start-failed');
        }
        await (0,promises_.setTimeout)(20);
    }
    return record;
}
/** Runs a command inside the node (its network, hostname and filesystem), like a shell on the VM. */
function node_host_nodeExec(node, argv, options = {}) {
    // a real-boot node: every namespace of its systemd, and its root (the node image); an emulated
    // one: -r too, since entering its mount namespace alone would put the command at that
    // namespace's root, which is not the node's when the lab itself runs in a chroot
    const enter = node.leader ? ['-t', String(node.leader.pid), '-a', '-r', '-w'] : ['-t', String(node.init.pid), '-n', '-u', '-m', '-r'];
    return runCommand(['nsenter', ...enter, '--', ...argv], {
        ...options,
        env: options.env ?? { ...nodeBaseEnv },
    });
}
/**
 * Stops the node: SIGTERM to its init (the supervisor runs the units' ExecStop, dockerd leaves
 * cleanly), a bounded wait, then SIGKILL of whatever is left in its cgroup. The node's mounts
 * live only in its own mount namespace, so they are gone with its last process.
 */
async function stopNodeHost(node, graceMs) {
    await (0,processes/* stopProcess */.g0)(node.init, graceMs);
    await killAndRemoveCgroup(node.cgroup);
}
function isNodeHostRunning(node) {
    return (0,processes/* isAlive */._n)(node.init);
}
// Kept here too: tests and the node engineer's harness import it with the other primitives.

//# sourceMappingURL=node-host.js.map
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./build/src/providers/lab/images.js + 1 modules
var lab_images = __webpack_require__(3497);
// EXTERNAL MODULE: ./build/src/providers/lab/supervisor/boot-plan.js
var boot_plan = __webpack_require__(7759);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./build/src/providers/lab/host/apt-sources.js
// Where this machine gets its packages: the distribution, release and mirror named by its own apt
// sources (deb822 `.sources` files and the one-line `sources.list`). A node image is built from
// the same archive the machine uses — Debian's on a Debian machine, Ubuntu's on a GitHub runner —
// so no mirror host is ever written into the toolkit.



function field(paragraph, name) {
    const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'mi').exec(paragraph);
    return match?.[1].trim();
}
/** The `Types: deb` paragraphs of a deb822 file (Enabled: no skipped). */
function parseDeb822Sources(text) {
    const paragraphs = text.replace(/^#.*(\n|$)/gm, '').split(/\n\s*\n/);
    const sources = [];
    for (const paragraph of paragraphs) {
        const types = field(paragraph, 'Types')?.split(/\s+/) ?? [];
        if (!types.includes('deb') || field(paragraph, 'Enabled') === 'no')
            continue;
        const uris = field(paragraph, 'URIs')?.split(/\s+/) ?? [];
        const suites = field(paragraph, 'Suites')?.split(/\s+/) ?? [];
        const components = field(paragraph, 'Components')?.split(/\s+/) ?? [];
        for (const uri of uris)
            if (uri)
                sources.push({ uri, suites, components });
    }
    return sources;
}
/** `deb [options] URI SUITE COMPONENT...` lines of a sources.list. */
function parseOneLineSources(text) {
    const sources = [];
    for (const raw of text.split('\n')) {
        const line = raw.replace(/#.*$/, '').replace(/\[[^\]]*\]/, '').trim().split(/\s+/);
        if (line[0] !== 'deb' || line.length < 3)
            continue;
        sources.push({ uri: line[1], suites: [line[2]], components: line.slice(3) });
    }
    return sources;
}
function osRelease(text, key) {
    const match = new RegExp(`^${key}=(.*)$`, 'm').exec(text);
    return match?.[1].replace(/^"|"$/g, '');
}
/** Reads the machine's archive from `etcDir` (/etc): its release and the mirror serving it. */
async function machineArchive(etcDir = '/etc') {
    const release = await (0,external_node_fs_promises_.readFile)((0,external_node_path_.join)(etcDir, 'os-release'), 'utf8');
    const distribution = osRelease(release, 'ID') ?? '';
    const suite = osRelease(release, 'VERSION_CODENAME') ?? '';
    const sources = [];
    const listFile = await (0,external_node_fs_promises_.readFile)((0,external_node_path_.join)(etcDir, 'apt/sources.list'), 'utf8').catch(() => '');
    sources.push(...parseOneLineSources(listFile));
    const partsDir = (0,external_node_path_.join)(etcDir, 'apt/sources.list.d');
    const parts = (await (0,external_node_fs_promises_.readdir)(partsDir).catch(() => [])).sort();
    for (const name of parts) {
        const text = await (0,external_node_fs_promises_.readFile)((0,external_node_path_.join)(partsDir, name), 'utf8');
        if (name.endsWith('.sources'))
            sources.push(...parseDeb822Sources(text));
        else if (name.endsWith('.list'))
            sources.push(...parseOneLineSources(text));
    }
    const release_ = sources.find((source) => source.suites.includes(suite) && source.uri.startsWith('http'));
    if (!['debian', 'ubuntu'].includes(distribution) || !suite || !release_) {
        throw new errors/* ToolkitError */.h4(`cannot build a lab node image: this machine is ${distribution || 'unknown'} ${suite || '(no VERSION_CODENAME)'} and its apt sources name no http mirror for that release`, 'lab-image-no-archive', 'the real-boot lab nodes need a Debian or Ubuntu machine whose apt sources reach its archive');
    }
    // only the sources of this release (its -updates and -security suites), not third-party repositories
    const ours = sources.filter((source) => source.suites.every((name) => name === suite || name.startsWith(`${suite}-`)));
    return { distribution, suite, mirror: release_.uri, sources: ours };
}
//# sourceMappingURL=apt-sources.js.map
;// CONCATENATED MODULE: ./build/src/providers/lab/host/node-image.js
// The real-boot lab nodes' disk image, baked once the way a VM image is: a minimal root of the
// machine's own distribution (debootstrap from the mirror its apt sources name) plus the
// packages the node software needs — systemd as init, cloud-init, dockerd, sshd, python3 — and
// nothing of the toolkit's (the node software arrives through cloud-init, as on Azure).
// Cached under /var/cache/azswarm/images/<hash of the definition>; a changed definition (package
// list, release, mirror, baked settings) is a new image. Built in a scratch folder and renamed,
// so a crashed build never leaves a half image behind a valid key.







const defaultNodeImageCacheDir = '/var/cache/azswarm/images';
/** What a node needs from its image; cloud-init brings everything else. */
const nodeImagePackages = [
    'systemd', 'systemd-sysv', 'dbus', 'cloud-init', 'docker.io', 'openssh-server', 'python3',
    'iproute2', 'iptables', 'sudo', 'procps', 'locales',
];
/**
 * Units of the image a lab node never needs, masked as a slim cloud image does: each costs a
 * node's boot time and CPU on the machine's shared cores and does nothing for the node software
 * (measured on a first boot: e2scrub_reap alone took 6.5 s of wall time). Periodic maintenance
 * (apt's daily runs, e2scrub, fstrim, dpkg's backup), consoles (no one logs in on a lab node's
 * console; SSH is ssh.service), kernel interfaces a container cannot use (module loading,
 * debugfs, tracefs, hugepages, fuse's control mount, pstore), and cloud-init's hotplug socket
 * (the lab never hot-plugs a NIC). Never a unit the node software or the documents use:
 * docker, containerd, ssh, the cloud-init stages, journald, logind, dbus stay.
 */
const maskedUnits = [
    'apt-daily.timer', 'apt-daily-upgrade.timer', 'dpkg-db-backup.timer', 'e2scrub_all.timer', 'e2scrub_reap.service', 'fstrim.timer',
    'getty@tty1.service', 'console-getty.service',
    'systemd-modules-load.service', 'modprobe@.service', 'sys-kernel-debug.mount', 'sys-kernel-tracing.mount', 'dev-hugepages.mount',
    'sys-fs-fuse-connections.mount', 'systemd-pstore.service',
    'cloud-init-hotplugd.socket',
];
/**
 * Commands run in the root after the packages, as a cloud image is prepared: cloud-init's locale
 * module sets the distribution's default locale (en_US.UTF-8) and only generates it (seconds
 * per boot) when the image does not already use it; the units above masked.
 */
const bakeCommands = [
    "sed -i 's/^# *en_US.UTF-8 UTF-8/en_US.UTF-8 UTF-8/' /etc/locale.gen",
    'locale-gen',
    'update-locale LANG=en_US.UTF-8',
    `systemctl mask ${maskedUnits.join(' ')}`,
];
/**
 * The empty flat archive the lab's vendor-data points apt at (see vendor-data.ts): cloud-init's
 * `package_update` / `packages` then run for real and find every package already installed.
 */
const labAptArchiveDir = '/var/lib/azswarm-lab/apt';
/**
 * cloud-init's modules the lab image runs, per stage: Debian's lists without the modules that
 * only cost time in a lab node and that no rendered document configures (`skippedCloudInitModules`
 * says which keys each of them reads, and booting refuses a document that sets one of them, so
 * a key the node software starts using is never silently ignored). Kept: everything the
 * documents use (bootcmd and apt come from the lab's vendor-data) and cloud-init's own plumbing.
 */
const cloudInitModules = {
    cloud_init_modules: ['migrator', 'bootcmd', 'write-files', 'mounts', 'set_hostname', 'update_hostname', 'users-groups', 'ssh'],
    cloud_config_modules: ['locale', 'set-passwords', 'apt-configure', 'runcmd'],
    cloud_final_modules: [
        'package-update-upgrade-install', 'write-files-deferred', 'scripts-vendor', 'scripts-per-once', 'scripts-per-boot',
        'scripts-per-instance', 'scripts-user', 'final-message',
    ],
};
/**
 * The modules of Debian's lists the lab image leaves out, with the top-level keys each reads
 * (from cloud-init 22.4's module documentation). Most are no-ops without their key; the ones
 * that cost are grub-dpkg (debconf for a boot loader a container has none of), keys-to-console
 * and ssh-authkey-fingerprints (ssh-keygen runs per key only to print fingerprints).
 */
const skippedCloudInitModules = {
    seed_random: ['random_seed'],
    growpart: ['growpart'],
    resizefs: ['resize_rootfs'],
    disk_setup: ['disk_setup', 'fs_setup'],
    update_etc_hosts: ['manage_etc_hosts'],
    'ca-certs': ['ca_certs', 'ca-certs'],
    rsyslog: ['rsyslog'],
    snap: ['snap'],
    'ssh-import-id': ['ssh_import_id'],
    keyboard: ['keyboard'],
    'grub-dpkg': ['grub_dpkg', 'grub-dpkg'],
    'apt-pipelining': ['apt_pipelining'],
    ntp: ['ntp'],
    timezone: ['timezone'],
    'disable-ec2-metadata': ['disable_ec2_metadata'],
    byobu: ['byobu_by_default'],
    fan: ['fan'],
    landscape: ['landscape'],
    lxd: ['lxd'],
    puppet: ['puppet'],
    chef: ['chef'],
    mcollective: ['mcollective'],
    'salt-minion': ['salt_minion'],
    reset_rmc: [],
    refresh_rmc_and_interface: [],
    rightscale_userdata: [],
    'ssh-authkey-fingerprints': ['no_ssh_fingerprints', 'authkey_hash'],
    'keys-to-console': ['ssh', 'ssh_fp_console_blacklist', 'ssh_key_console_blacklist'],
    'install-hotplug': ['updates'],
    'phone-home': ['phone_home'],
    'power-state-change': ['power_state'],
};
/** Baked cloud-init settings: the lab is a NoCloud platform, its host configures the NIC, the module lists above. */
const cloudCfg = `# The azswarm lab: a NoCloud seed, the NIC is configured by the lab before boot.
datasource_list: [ NoCloud ]
network: {config: disabled}
${Object.entries(cloudInitModules).map(([stage, modules]) => `${stage}: [ ${modules.join(', ')} ]`).join('\n')}
`;
/** Refuses user-data that sets a key only a module the lab image skips would read (see above). */
function checkUserDataNeedsNoSkippedModule(userData) {
    const keys = Object.keys((0,dist/* parse */.qg)(userData) ?? {});
    const needed = Object.entries(skippedCloudInitModules).flatMap(([module, moduleKeys]) => moduleKeys.filter((key) => keys.includes(key)).map((key) => `${key} (module ${module})`));
    if (needed.length > 0) {
        throw new errors/* ToolkitError */.h4(`the rendered cloud-config sets ${needed.join(', ')}, which the lab's node image does not run: the lab would ignore it`, 'lab-cloud-init-module-skipped', 'add the module back to cloudInitModules in src/providers/lab/host/node-image.ts (a new image)');
    }
}
function nodeImageDefinition(archive) {
    return { ...archive, packages: nodeImagePackages, bakeCommands, cloudCfg, aptArchiveDir: labAptArchiveDir };
}
function nodeImageKey(definition) {
    return (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(definition)).digest('hex').slice(0, 16);
}
/** apt's one-line format (one suite per line): the image's own sources, the machine's. */
function sourcesList(sources) {
    return sources.flatMap((source) => source.suites.map((suite) => `deb ${source.uri} ${suite} ${source.components.join(' ')}\n`)).join('');
}
/** Runs a build step in the image root: a private mount namespace with /proc, /dev and DNS. */
function inRoot(root, script, timeoutMs) {
    const setup = `set -eu
mount -t proc proc "$1/proc"
mount --rbind /dev "$1/dev"
mount -t tmpfs tmpfs "$1/run"
chroot "$1" /bin/sh -c "$2"`;
    return (0,command/* runCommand */.d)(['unshare', '--mount', '--propagation', 'private', '--', 'sh', '-c', setup, 'image-step', root, script], {
        timeoutMs,
        env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', DEBIAN_FRONTEND: 'noninteractive' },
    });
}
async function timed(progress, what, step) {
    const started = Date.now();
    progress(`node image: ${what}...`);
    await step();
    progress(`node image: ${what} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
async function buildRoot(definition, root, progress) {
    const components = [...new Set(definition.sources.flatMap((source) => source.components))];
    await timed(progress, `debootstrap ${definition.distribution} ${definition.suite} from ${definition.mirror}`, () => (0,command/* runCommand */.d)(['debootstrap', '--variant=minbase', `--components=${components.join(',')}`, definition.suite, root, definition.mirror], { timeoutMs: 1_800_000 }));
    await (0,external_node_fs_promises_.writeFile)((0,external_node_path_.join)(root, 'etc/apt/sources.list'), sourcesList(definition.sources));
    await (0,external_node_fs_promises_.cp)('/etc/resolv.conf', (0,external_node_path_.join)(root, 'etc/resolv.conf'), { dereference: true }).catch(() => undefined);
    // packages must not start their daemons in the build root
    await (0,external_node_fs_promises_.writeFile)((0,external_node_path_.join)(root, 'usr/sbin/policy-rc.d'), '#!/bin/sh\nexit 101\n', { mode: 0o755 });
    await timed(progress, `apt-get install ${definition.packages.join(' ')}`, () => inRoot(root, `apt-get update -q && apt-get install -y -q --no-install-recommends ${definition.packages.join(' ')} && apt-get clean`, 1_800_000));
    await timed(progress, 'locale', () => inRoot(root, definition.bakeCommands.join(' && '), 300_000));
    await bakeSettings(definition, root);
}
/** What makes the root a clean, bootable image: no identity of its own, the lab's cloud-init settings. */
async function bakeSettings(definition, root) {
    await (0,external_node_fs_promises_.rm)((0,external_node_path_.join)(root, 'usr/sbin/policy-rc.d'));
    await (0,external_node_fs_promises_.rm)((0,external_node_path_.join)(root, 'var/lib/apt/lists'), { recursive: true, force: true });
    await (0,external_node_fs_promises_.mkdir)((0,external_node_path_.join)(root, 'var/lib/apt/lists/partial'), { recursive: true });
    // every node gets its own machine id at boot, and its own SSH host keys from cloud-init
    await (0,external_node_fs_promises_.writeFile)((0,external_node_path_.join)(root, 'etc/machine-id'), '');
    for (const name of await (0,external_node_fs_promises_.readdir)((0,external_node_path_.join)(root, 'etc/ssh'))) {
        if (name.startsWith('ssh_host_'))
            await (0,external_node_fs_promises_.rm)((0,external_node_path_.join)(root, 'etc/ssh', name));
    }
    await (0,external_node_fs_promises_.rm)((0,external_node_path_.join)(root, 'etc/hostname'), { force: true });
    await (0,external_node_fs_promises_.writeFile)((0,external_node_path_.join)(root, 'etc/cloud/cloud.cfg.d/90-azswarm-lab.cfg'), definition.cloudCfg);
    await (0,external_node_fs_promises_.mkdir)((0,external_node_path_.join)(root, definition.aptArchiveDir), { recursive: true });
    await (0,external_node_fs_promises_.writeFile)((0,external_node_path_.join)(root, definition.aptArchiveDir, 'Packages'), '');
}
/**
 * The node image for this machine: from the cache, or built now (minutes; `progress` hears
 * each step). Concurrent builders each build in their own scratch folder; the first rename wins.
 */
async function ensureNodeImage(progress, cacheDir = defaultNodeImageCacheDir) {
    const definition = nodeImageDefinition(await machineArchive());
    const key = nodeImageKey(definition);
    const dir = (0,external_node_path_.join)(cacheDir, key);
    const image = { rootfs: (0,external_node_path_.join)(dir, 'rootfs'), key };
    if (await (0,external_node_fs_promises_.stat)((0,external_node_path_.join)(dir, 'definition.json')).catch(() => undefined))
        return image;
    progress(`node image ${key} is not cached in ${cacheDir}: building it (a few minutes, once)`);
    const scratch = (0,external_node_path_.join)(cacheDir, `.build-${key}-${process.pid}`);
    await (0,external_node_fs_promises_.rm)(scratch, { recursive: true, force: true });
    await (0,external_node_fs_promises_.mkdir)(scratch, { recursive: true, mode: 0o755 });
    try {
        await buildRoot(definition, (0,external_node_path_.join)(scratch, 'rootfs'), progress);
        await (0,external_node_fs_promises_.writeFile)((0,external_node_path_.join)(scratch, 'definition.json'), `${JSON.stringify(definition, null, 2)}\n`);
        await (0,external_node_fs_promises_.rename)(scratch, dir).catch(async (error) => {
            if (!(await (0,external_node_fs_promises_.stat)((0,external_node_path_.join)(dir, 'definition.json')).catch(() => undefined)))
                throw error;
        });
    }
    catch (error) {
        throw new errors/* ToolkitError */.h4(`building the lab node image failed: ${error.message}`, 'lab-image-build-failed', undefined, { cause: error });
    }
    finally {
        await (0,external_node_fs_promises_.rm)(scratch, { recursive: true, force: true });
    }
    progress(`node image ${key} ready`);
    return image;
}
//# sourceMappingURL=node-image.js.map
;// CONCATENATED MODULE: ./build/src/providers/lab/host/vendor-data.js
// The lab's cloud-init vendor-data: what makes this "cloud" differ from Azure, said the way a
// cloud provider says it, so the rendered user-data (the same document Azure's VMs get) is
// never edited. cloud-init merges vendor-data under user-data with user-data winning per
// top-level key, so vendor-data only uses keys the rendered document does not, and the lab
// refuses a document that starts using one of them (it would silently drop the lab's part).



/** Inside a node: the folder the lab binds from the node's folder on the machine. */
const nodeHostShareDir = '/var/lib/azswarm-lab/host';
/** Inside a node: the extra socket of its dockerd that the machine's side uses. */
const nodeHostDockerSocket = `${nodeHostShareDir}/docker.sock`;
/** Keys authorized besides each user's own (the lab's operator key), one file per user. */
const labKeysDir = '/etc/ssh/azswarm-lab-keys';
/**
 * The SSH host key types cloud-init generates on a node whose document names none (the
 * agents'): ed25519 alone. cloud-init's default adds RSA (and DSA, ECDSA); the RSA key costs
 * 0.8-1.4 s of CPU per node in cloud-init's init stage, which docker.service waits for: 15 s
 * of an agent's boot when three agents booted at once on the lab's 2 shared cores (under load).
 * Nothing connects to an agent's sshd; the masters' documents pin their keys and types (RSA
 * included, for Azure's agent) and keep them, since user-data wins over vendor-data.
 */
const labHostKeyTypes = ['ed25519'];
function shellQuote(text) {
    return `'${text.replace(/'/g, `'\\''`)}'`;
}
function writeFileCommand(path, content, mode) {
    return `mkdir -p "$(dirname ${path})" && printf %s ${shellQuote(content)} > ${path} && chmod ${mode} ${path}`;
}
/**
 * On a cgroup v1 machine nspawn mounts the controller hierarchies read-only in the container
 * (only systemd's own is writable) and dockerd could not create a container's cgroups. Each is
 * the node's own subtree (a cgroup namespace rooted at the node's cgroup), so it is remounted
 * writable: what a VM's kernel gives its dockerd. A no-op where the mounts are writable (v2).
 */
const writableCgroups = 'for d in /sys/fs/cgroup/*; do if mountpoint -q "$d" && ! [ -w "$d" ]; then mount -o remount,bind,rw "$d"; fi; done';
/**
 * Every boot, before docker.service and ssh.service start (bootcmd runs in cloud-init's init
 * stage, which both are ordered after):
 *  - the cgroup controllers writable (above);
 *  - /etc/hosts with the masters (Azure's DNS);
 *  - dockerd: a second socket the lab daemon and the image loader use from the machine, services
 *    prefer the node's imported images (no registry here), no userland proxy (memory);
 *  - sshd also accepts the lab's operator key for the admin user.
 * Packages: apt points at an empty local archive baked in the image (every package the
 * document names is already installed), so `package_update`/`packages` run for real and cost
 * well under a second instead of downloading the archive's indexes on every node.
 * Host keys: ed25519 alone where the document names no types (above).
 */
function renderVendorData(input) {
    const dockerDefaults = [
        '# azswarm lab: the machine-side socket, local images, no userland proxy',
        `DOCKER_OPTS="-H unix://${nodeHostDockerSocket} --userland-proxy=false --log-level warn"`,
        'DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1',
        '',
    ].join('\n');
    const sshd = `# azswarm lab: the operator key besides the user's own\nAuthorizedKeysFile .ssh/authorized_keys ${labKeysDir}/%u\n`;
    const documentKeys = Object.keys((0,dist/* parse */.qg)(input.userData) ?? {});
    const document = {
        apt: {
            preserve_sources_list: false,
            sources_list: `deb [trusted=yes] file:${labAptArchiveDir} ./\n`,
        },
        bootcmd: [
            ['sh', '-c', writableCgroups],
            ['sh', '-c', writeFileCommand('/etc/hosts', input.hosts, '0644')],
            ['sh', '-c', writeFileCommand('/etc/default/docker', dockerDefaults, '0644')],
            ['sh', '-c', writeFileCommand('/etc/ssh/sshd_config.d/azswarm-lab.conf', sshd, '0644')],
            ['sh', '-c', writeFileCommand(`${labKeysDir}/${input.adminUsername}`, `${input.operatorPublicKey.trim()}\n`, '0644')],
        ],
        ...(documentKeys.includes('ssh_genkeytypes') ? {} : { ssh_genkeytypes: labHostKeyTypes }),
    };
    return `#cloud-config\n${(0,dist/* stringify */.As)(document, { lineWidth: 0 })}`;
}
/** Refuses user-data whose top-level keys would replace the vendor-data's (see the header). */
function checkUserDataLeavesVendorKeys(userData, vendorData) {
    const keys = (text) => Object.keys((0,dist/* parse */.qg)(text) ?? {});
    const vendorKeys = new Set(keys(vendorData));
    const clashing = keys(userData).filter((key) => vendorKeys.has(key));
    if (clashing.length > 0) {
        throw new errors/* ToolkitError */.h4(`the rendered cloud-config sets ${clashing.join(', ')}, which the lab's vendor-data needs: cloud-init would drop the lab's part`, 'lab-vendor-data-clash', 'move the lab difference elsewhere (vendor-data scripts or the image) in src/providers/lab/host/vendor-data.ts');
    }
}
/** NoCloud meta-data: the instance id changes with a reimage, so cloud-init runs first boot again. */
function renderMetaData(instanceId, hostname) {
    return `instance-id: ${instanceId}\nlocal-hostname: ${hostname}\n`;
}
//# sourceMappingURL=vendor-data.js.map
;// CONCATENATED MODULE: ./build/src/providers/lab/host/nspawn-node.js
// A real-boot lab node: the node image booted by `systemd-nspawn --boot`, so PID 1 is the
// image's systemd and cloud-init runs from a NoCloud seed, as on a VM. Started as
//   nsenter --net=/run/netns/NS  unshare --mount --propagation private  sh -c SETUP
// SETUP joins the node's cgroups, mounts the node's disk — an overlay of the read-only image
// with its upper layer in the node's folder (kept across reboots, deleted by a reimage) — and
// execs systemd-nspawn, which shares the node's network namespace (its NIC is the lab's veth).
// The nspawn pid is the node's handle: SIGTERM makes nspawn ask systemd for an orderly
// shutdown (SIGRTMIN+3), SIGKILL of the node's cgroup is a power cut.








const nspawn_node_cgroupRoot = '/sys/fs/cgroup';
const nspawnNodeFiles = {
    seed: (dir) => (0,external_node_path_.join)(dir, 'seed'),
    disk: (dir) => (0,external_node_path_.join)(dir, 'disk'),
    share: (dir) => (0,external_node_path_.join)(dir, 'host'),
};
const nspawn_node_setupScript = `set -eu
dir=$1 rootfs=$2 procs=$3
shift 3
for file in $procs; do echo $$ > "$file"; done
mkdir -p "$dir/disk/upper" "$dir/disk/work" "$dir/disk/root"
mount -t overlay overlay -o "lowerdir=$rootfs,upperdir=$dir/disk/upper,workdir=$dir/disk/work" "$dir/disk/root"
exec "$@"
`;
/**
 * The node's cgroup in every hierarchy of the machine. nspawn with --keep-unit gives the
 * container the cgroup it was started in (so each node needs its own in systemd's hierarchies),
 * and the node's dockerd creates its containers' cgroups below it in every controller: the
 * whole node — containers included — stays inside `azs-<lab>-<node>` for teardown and memory.
 */
async function joinableCgroups(name) {
    // like cgroups.ts, this knows the v1 (and hybrid) layout of this project's machines only
    if (await (0,external_node_fs_promises_.readFile)((0,external_node_path_.join)(nspawn_node_cgroupRoot, 'cgroup.controllers'), 'utf8').then(() => true, () => false)) {
        throw new errors/* ToolkitError */.h4('real-boot lab nodes need a cgroup v1 or hybrid machine; this one has only cgroup v2', 'lab-cgroup-v2-unsupported');
    }
    const files = [];
    for (const entry of await (0,external_node_fs_promises_.readdir)(nspawn_node_cgroupRoot, { withFileTypes: true }).catch(() => [])) {
        if (!entry.isDirectory())
            continue; // cpu and cpuacct may also appear as symlinks to cpu,cpuacct
        const dir = (0,external_node_path_.join)(nspawn_node_cgroupRoot, entry.name, name);
        await (0,external_node_fs_promises_.mkdir)(dir, { recursive: true });
        // a new v1 cpuset has no CPUs and no memory nodes until given its parent's
        for (const setting of ['cpuset.cpus', 'cpuset.mems']) {
            const parent = await (0,external_node_fs_promises_.readFile)((0,external_node_path_.join)(nspawn_node_cgroupRoot, entry.name, setting), 'utf8').catch(() => undefined);
            if (parent?.trim())
                await (0,external_node_fs_promises_.writeFile)((0,external_node_path_.join)(dir, setting), parent.trim());
        }
        files.push((0,external_node_path_.join)(dir, 'cgroup.procs'));
    }
    return files;
}
function nspawnArgv(spec) {
    return [
        'systemd-nspawn', '--quiet', '--boot',
        // no systemd on the machine to register with; the cgroup is the one SETUP joined
        '--register=no', '--keep-unit',
        `--directory=${(0,external_node_path_.join)(spec.dir, 'disk', 'root')}`,
        `--machine=${spec.netns}`, `--hostname=${spec.hostname}`,
        // dockerd needs them (namespaces, iptables, overlay mounts), as on a VM
        '--capability=all', '--system-call-filter=@keyring bpf',
        '--resolv-conf=off', '--timezone=off', '--link-journal=no',
        // dockerd's overlay2 cannot sit on an overlay upper layer: the node's docker folder, bound
        `--bind=${(0,external_node_path_.join)(spec.dir, 'docker')}:/var/lib/docker`,
        `--bind-ro=${nspawnNodeFiles.seed(spec.dir)}:/var/lib/cloud/seed/nocloud`,
        `--bind=${nspawnNodeFiles.share(spec.dir)}:${nodeHostShareDir}`,
    ];
}
/** The container's PID 1 (systemd): the descendant of nspawn that is pid 1 of its own namespace. */
async function findLeader(nspawnPid) {
    const parents = new Map();
    const leaders = [];
    for (const entry of await (0,external_node_fs_promises_.readdir)('/proc')) {
        if (!/^\d+$/.test(entry))
            continue;
        const status = await (0,external_node_fs_promises_.readFile)(`/proc/${entry}/status`, 'utf8').catch(() => '');
        const ppid = /^PPid:\s+(\d+)/m.exec(status);
        if (ppid)
            parents.set(Number(entry), Number(ppid[1]));
        if (/^NSpid:.*\s1$/m.test(status))
            leaders.push(Number(entry));
    }
    return leaders.find((pid) => {
        for (let up = parents.get(pid); up !== undefined && up > 1; up = parents.get(up))
            if (up === nspawnPid)
                return true;
        return false;
    });
}
async function tail(file, lines = 15) {
    const text = await (0,external_node_fs_promises_.readFile)(file, 'utf8').catch(() => '');
    return text.split('\n').slice(-lines).join('\n');
}
async function writeSeed(spec) {
    const seed = nspawnNodeFiles.seed(spec.dir);
    await (0,external_node_fs_promises_.mkdir)(seed, { recursive: true, mode: 0o700 });
    await (0,external_node_fs_promises_.writeFile)((0,external_node_path_.join)(seed, 'meta-data'), spec.seed.metaData, { mode: 0o600 });
    await (0,external_node_fs_promises_.writeFile)((0,external_node_path_.join)(seed, 'user-data'), spec.seed.userData, { mode: 0o600 });
    await (0,external_node_fs_promises_.writeFile)((0,external_node_path_.join)(seed, 'vendor-data'), spec.seed.vendorData, { mode: 0o600 });
}
/**
 * Boots the node; resolves once its systemd runs (the record's `leader`). Later readiness
 * (dockerd, cloud-init) is the caller's to wait for, with `nspawnNodeFailure` for a fast failure.
 * An nspawn that exits fails at once; the bound is only for one that hangs, and leaves room for
 * a loaded machine (at a load average of ~150 a node's systemd once took over 30 s to appear).
 */
async function startNspawnNode(spec, readyTimeoutMs = 120_000) {
    await writeSeed(spec);
    await (0,external_node_fs_promises_.mkdir)((0,external_node_path_.join)(spec.dir, 'docker'), { recursive: true });
    await (0,external_node_fs_promises_.mkdir)((0,external_node_path_.join)(spec.dir, 'log'), { recursive: true });
    await (0,external_node_fs_promises_.mkdir)(nspawnNodeFiles.share(spec.dir), { recursive: true, mode: 0o700 });
    // the machine-side dockerd socket where the lab expects it (hostDockerSocket)
    await (0,external_node_fs_promises_.rm)((0,external_node_path_.join)(spec.dir, 'docker.sock'), { force: true });
    await (0,external_node_fs_promises_.symlink)((0,external_node_path_.join)('host', 'docker.sock'), (0,external_node_path_.join)(spec.dir, 'docker.sock'));
    const procsFiles = await joinableCgroups(spec.cgroup);
    const log = await (0,external_node_fs_promises_.open)(nodeLogFile(spec.dir, 'init'), 'a');
    const child = (0,external_node_child_process_.spawn)('nsenter', [`--net=/run/netns/${spec.netns}`, '--', 'unshare', '--mount', '--propagation', 'private', '--',
        'sh', '-c', nspawn_node_setupScript, 'node-setup', spec.dir, spec.rootfs, procsFiles.join(' '), ...nspawnArgv(spec)], {
        detached: true,
        stdio: ['ignore', log.fd, log.fd],
        // without writable /proc/sys and /sys, dockerd cannot start inside the container
        env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', SYSTEMD_NSPAWN_API_VFS_WRITABLE: '1' },
    });
    await log.close();
    let exited = false;
    child.once('exit', () => (exited = true));
    child.unref();
    if (child.pid === undefined)
        throw new errors/* ToolkitError */.h4(`could not start node ${spec.hostname}`, 'lab-node-start-failed');
    const init = await (0,processes/* recordProcess */.TX)(child.pid);
    const record = { hostname: spec.hostname, netns: spec.netns, dir: spec.dir, cgroup: spec.cgroup, init };
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
        const leader = exited ? undefined : await findLeader(child.pid);
        if (leader !== undefined)
            return { ...record, leader: await (0,processes/* recordProcess */.TX)(leader) };
        if (exited || Date.now() > deadline) {
            await stopNodeHost(record, 0);
            throw new errors/* ToolkitError */.h4(`node ${spec.hostname} did not boot: ${await tail(nodeLogFile(spec.dir, 'init'))}`, 'lab-node-start-failed');
        }
        await (0,promises_.setTimeout)(50);
    }
}
/** Why the node is not up any more (nspawn gone: its init died or was shut down), or undefined. */
async function nspawnNodeFailure(node) {
    if (await (0,processes/* isAlive */._n)(node.init))
        return undefined;
    return `node ${node.hostname} stopped: ${await tail(nodeLogFile(node.dir, 'init'))}`;
}
//# sourceMappingURL=nspawn-node.js.map
;// CONCATENATED MODULE: ./build/src/providers/lab/host/real-boot.js
// Boots a lab node for real (AZSWARM_LAB_BOOT=systemd): the NoCloud seed — the rendered
// user-data exactly as Azure gets it, the lab's vendor-data, meta-data — then the node image
// under systemd-nspawn; the node counts as booted once its own dockerd (started by systemd)
// answers and holds the lab images. cloud-init and the units go on from there by themselves.












/** A first boot: systemd, cloud-init's init stage, then docker.service. */
const dockerReadyTimeoutMs = 120_000;
/** The instance id stays across reboots (cloud-init's per-instance work runs once per disk). */
async function metaData(spec) {
    const existing = await (0,external_node_fs_promises_.readFile)((0,external_node_path_.join)(nspawnNodeFiles.seed(spec.dir), 'meta-data'), 'utf8').catch(() => undefined);
    return existing ?? renderMetaData(`azs-${spec.hostname}-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`, spec.hostname);
}
async function waitForNodeDocker(node) {
    const deadline = Date.now() + dockerReadyTimeoutMs;
    while (!(await (0,docker_ping/* pingDocker */.F)(hostDockerSocket(node.dir)))) {
        const failure = await nspawnNodeFailure(node);
        if (failure)
            throw new errors/* ToolkitError */.h4(failure, 'lab-node-start-failed');
        if (Date.now() > deadline) {
            throw new errors/* ToolkitError */.h4(`node ${node.hostname}: docker.service did not answer within ${dockerReadyTimeoutMs / 1000} s`, 'lab-docker-timeout', `inside the node: systemctl status docker; cloud-init status --long (nsenter -t ${node.leader?.pid ?? node.init.pid} -a -r -w)`);
        }
        await (0,promises_.setTimeout)(200);
    }
}
async function bootRealNode(spec) {
    const userData = await (0,external_node_fs_promises_.readFile)(boot_plan/* nodeFiles */.k.userData(spec.dir), 'utf8');
    const vendorData = renderVendorData({ hosts: spec.hosts, adminUsername: spec.adminUsername, operatorPublicKey: spec.operatorPublicKey, userData });
    checkUserDataLeavesVendorKeys(userData, vendorData);
    checkUserDataNeedsNoSkippedModule(userData);
    const node = await startNspawnNode({
        hostname: spec.hostname, netns: spec.netns, dir: spec.dir, cgroup: spec.cgroup, rootfs: spec.rootfs,
        seed: { metaData: await metaData(spec), userData, vendorData },
    });
    try {
        await waitForNodeDocker(node);
        await (0,lab_images.loadLabImages)(hostDockerSocket(spec.dir));
    }
    catch (error) {
        // its init.log and disk stay in the node's folder for inspection
        await stopNodeHost(node, 0);
        throw error;
    }
    return node;
}
//# sourceMappingURL=real-boot.js.map
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./build/src/providers/lab/supervisor/cloud-config.js
// Reads the cloud-config that renderCloudInit() produced for a node into the steps the lab
// performs in its place (cloud-init itself cannot run in a lab node: it expects to own a VM).
// Parsed on the host side (cloud-init's datasource stage); the node's supervisor gets the plan
// as JSON, which keeps the YAML parser out of every node's memory.
// Every top-level key is either done, deliberately skipped with a note (apt: the machine already
// has docker, python3 and sshd; CIFS: the file share is not supported in the lab), or refused,
// so a new key in the node software can never be silently ignored.



/** Keys whose effect the lab provides by other means, with the reason. */
const providedKeys = {
    package_update: 'apt: the lab node uses the machine\'s own packages',
    package_upgrade: 'apt: the lab node uses the machine\'s own packages',
    packages: 'apt: the lab starts the machine\'s dockerd itself (docker.io\'s unit), python3 and sshd are present',
    disable_root: 'the lab\'s sshd refuses root logins',
    ssh_pwauth: 'the lab\'s sshd accepts keys only',
    ssh_genkeytypes: 'the lab generates no host keys; masters get the pinned one',
};
function fail(message) {
    throw new errors/* ToolkitError */.h4(`cloud-config: ${message}`, 'lab-cloud-config-unsupported');
}
function strings(value, where) {
    if (value === undefined || value === null)
        return [];
    if (typeof value === 'string')
        return value.split(',').map((item) => item.trim()).filter(Boolean);
    if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
        return value;
    fail(`${where} must be a string or a list of strings`);
}
// cloud-init's spellings of gzip-then-base64 (cc_write_files).
const gzipEncodings = new Set(['gz+b64', 'gz+base64', 'gzip+b64', 'gzip+base64']);
function decode(content, encoding, path) {
    const text = typeof content === 'string' ? content : '';
    if (encoding === undefined || encoding === 'text/plain')
        return Buffer.from(text, 'utf8');
    if (encoding === 'b64' || encoding === 'base64')
        return Buffer.from(text, 'base64');
    if (gzipEncodings.has(String(encoding)))
        return (0,external_node_zlib_.gunzipSync)(Buffer.from(text, 'base64'));
    fail(`write_files ${path}: encoding ${String(encoding)} is not supported by the lab`);
}
function fileOf(entry) {
    const path = entry.path;
    if (typeof path !== 'string' || !path.startsWith('/'))
        fail('write_files entries need an absolute path');
    const permissions = typeof entry.permissions === 'string' ? entry.permissions : '0644';
    if (!/^0?[0-7]{3,4}$/.test(permissions))
        fail(`write_files ${path}: permissions ${permissions} is not octal`);
    return {
        path,
        contentBase64: decode(entry.content, entry.encoding, path).toString('base64'),
        mode: parseInt(permissions, 8),
        owner: typeof entry.owner === 'string' ? entry.owner : 'root:root',
        append: entry.append === true,
        defer: entry.defer === true,
    };
}
function userOf(entry) {
    if (entry === 'default')
        return undefined; // the image's default user: a lab node has none
    if (typeof entry !== 'object' || entry === null || typeof entry.name !== 'string')
        fail('users entries need a name');
    const user = entry;
    return {
        name: user.name,
        groups: strings(user.groups, `users ${String(user.name)}.groups`),
        shell: typeof user.shell === 'string' ? user.shell : undefined,
        sudo: typeof user.sudo === 'string' ? user.sudo : undefined,
        authorizedKeys: strings(user.ssh_authorized_keys, `users ${String(user.name)}.ssh_authorized_keys`),
    };
}
function hostKeysOf(value) {
    if (value === undefined)
        return [];
    const keys = value;
    const types = new Set(Object.keys(keys).map((key) => key.replace(/_(private|public)$/, '')));
    return [...types].map((type) => {
        const privateKey = keys[`${type}_private`];
        const publicKey = keys[`${type}_public`];
        if (!privateKey || !publicKey)
            fail(`ssh_keys needs both ${type}_private and ${type}_public`);
        return { type, privateKey, publicKey };
    });
}
const systemctlActions = new Set(['daemon-reload', 'enable', 'start', 'restart', 'disable', 'stop']);
/** One runcmd entry: `systemctl ...` is done by the lab's service manager, the rest runs as is. */
function runcmdStep(entry) {
    const argv = typeof entry === 'string' ? ['sh', '-c', entry] : strings(entry, 'runcmd entries');
    const text = typeof entry === 'string' ? entry : argv.join(' ');
    const words = typeof entry === 'string' ? entry.trim().split(/\s+/) : argv;
    if (/\b(apt|apt-get|dpkg)\b/.test(text))
        return { kind: 'skipped', text, reason: 'apt is not available in a lab node (the machine\'s packages are used)' };
    if (/\bcifs\b|\bmount\b.*\/srv\b/.test(text))
        return { kind: 'skipped', text, reason: 'the Azure Files share is not supported in the lab' };
    if (words[0] !== 'systemctl')
        return { kind: 'command', argv };
    const action = words.slice(1).find((word) => !word.startsWith('-'));
    if (!action || !systemctlActions.has(action))
        fail(`runcmd "${text}": systemctl ${action ?? ''} is not supported by the lab's systemd stand-in`);
    const units = words.slice(words.indexOf(action) + 1).filter((word) => !word.startsWith('-'));
    return { kind: 'systemctl', action: action, now: words.includes('--now'), units };
}
function parseCloudConfig(text) {
    if (!text.startsWith('#cloud-config'))
        fail('the document must start with #cloud-config');
    const document = ((0,dist/* parse */.qg)(text) ?? {});
    const plan = { files: [], users: [], hostKeys: [], deleteOldHostKeys: false, runcmd: [], notes: [] };
    for (const [key, value] of Object.entries(document)) {
        if (key in providedKeys)
            plan.notes.push(`${key}: ${providedKeys[key]}`);
        else if (key === 'write_files')
            plan.files = value.map(fileOf);
        else if (key === 'users')
            plan.users = value.map(userOf).filter((user) => user !== undefined);
        else if (key === 'ssh_keys')
            plan.hostKeys = hostKeysOf(value);
        else if (key === 'ssh_deletekeys')
            plan.deleteOldHostKeys = value === true;
        else if (key === 'runcmd')
            plan.runcmd = value.map(runcmdStep);
        else
            fail(`${key} is not supported by the lab`);
    }
    for (const step of plan.runcmd)
        if (step.kind === 'skipped')
            plan.notes.push(`runcmd "${step.text}": ${step.reason}`);
    const mounts = plan.files.filter((file) => file.path.endsWith('.mount'));
    for (const mount of mounts)
        plan.notes.push(`${mount.path}: the Azure Files share is not supported in the lab; the unit is not started`);
    return plan;
}
//# sourceMappingURL=cloud-config.js.map
// EXTERNAL MODULE: ./build/src/providers/lab/state.js
var lab_state = __webpack_require__(6217);
;// CONCATENATED MODULE: ./build/src/providers/lab/lab-nodes.js
// A lab node's life cycle from the host side, the way Azure handles a VM: create (namespace,
// veth, folder, rendered cloud-config), boot (the node host with its supervisor as init),
// shut down (the supervisor stops the units, so ExecStop runs), delete (namespace and folder).














/** A node's shutdown: the agents' ExecStop drains and leaves (bounded by the drain timeout). */
const nodeShutdownGraceMs = 150_000;
/** Bound on any one unit's stop step inside the node (TimeoutStopSec above it is capped). */
const unitStopCapSeconds = 120;
/** The `/etc/hosts` of every node: itself and the masters, like the virtual network's DNS. */
function hostsFile(state, node) {
    const entries = new Map([['127.0.0.1', 'localhost']]);
    for (const other of state.nodes)
        if (other.role === 'master' || other.name === node.name)
            entries.set(other.address, other.name);
    return `${[...entries].map(([address, name]) => `${address} ${name}`).join('\n')}\n`;
}
/** A fresh node folder holding only the first-boot cloud-config (a new or reimaged disk). */
async function provisionNodeFolder(node, cloudConfig) {
    await (0,external_node_fs_promises_.rm)(node.dir, { recursive: true, force: true });
    await (0,external_node_fs_promises_.mkdir)(boot_plan/* nodeFiles */.k.logDir(node.dir), { recursive: true, mode: 0o700 });
    await (0,external_node_fs_promises_.writeFile)(boot_plan/* nodeFiles */.k.userData(node.dir), cloudConfig, { mode: 0o600 });
    await (0,json_file/* writeJsonAtomic */.Z)(boot_plan/* nodeFiles */.k.cloudConfigPlan(node.dir), parseCloudConfig(cloudConfig));
}
/** The node's network namespace on the lab bridge (its NIC). */
async function attachNode(state, node) {
    if (!state.network)
        throw new errors/* ToolkitError */.h4(`lab ${state.name} has no network`, 'lab-state-invalid');
    node.link = await addNodeLink(state.network, `azs-${state.name}-${node.name}`, node.shortId, node.address);
}
/** Boots the node (again): the supervisor does first boot or a reboot from the node's folder. */
async function bootNode(state, node, operatorPublicKey) {
    if (!node.link)
        throw new errors/* ToolkitError */.h4(`node ${node.name} has no network namespace`, 'lab-state-invalid');
    const cgroup = nodeCgroupName(state.name, node.name);
    // a fresh disk starts with the lab images in its docker store; a reboot keeps its own store
    const seeded = await (0,lab_images/* seedDockerStore */.t8)((0,external_node_path_.join)(node.dir, 'docker'));
    if (state.boot === 'systemd') {
        if (!state.nodeImage)
            throw new errors/* ToolkitError */.h4(`lab ${state.name} boots real nodes but records no node image`, 'lab-state-invalid');
        node.host = await bootRealNode({
            hostname: node.name, netns: node.link.netns, dir: node.dir, cgroup, rootfs: state.nodeImage, hosts: hostsFile(state, node),
            adminUsername: state.adminUsername, operatorPublicKey,
        });
        node.power = 'running';
        return;
    }
    const imagesKey = await (0,lab_images/* labImagesKey */.DF)();
    if (seeded)
        await (0,external_node_fs_promises_.writeFile)(boot_plan/* nodeFiles */.k.imagesKey(node.dir), imagesKey);
    const current = seeded || (await (0,external_node_fs_promises_.readFile)(boot_plan/* nodeFiles */.k.imagesKey(node.dir), 'utf8').catch(() => '')) === imagesKey;
    const plan = {
        hostname: node.name,
        role: node.role,
        address: node.address,
        dockerd: { argv: dockerdArgv(node.dir, node.name, cgroup, node_containerd/* nodeContainerdSocket */.Xr), env: dockerdEnv },
        containerd: { argv: (0,node_containerd/* containerdArgv */.Wj)(), env: dockerdEnv, configPath: node_containerd/* nodeContainerdConfigPath */.JC, config: node_containerd/* nodeContainerdConfig */.af },
        sshd: node.role === 'master',
        extraAuthorizedKeys: [operatorPublicKey],
        loadImages: !current,
        imagesKey,
        maxStopSeconds: unitStopCapSeconds,
    };
    await (0,json_file/* writeJsonAtomic */.Z)(boot_plan/* nodeFiles */.k.bootPlan(node.dir), plan);
    await (0,external_node_fs_promises_.rm)(boot_plan/* nodeFiles */.k.status(node.dir), { force: true });
    const supervisor = (0,process_command/* labProcessCommand */.Oh)('node-supervisor', node.dir);
    node.host = await startNodeHost({
        hostname: node.name, netns: node.link.netns, dir: node.dir, cgroup, hosts: hostsFile(state, node),
        init: supervisor.argv, initFiles: supervisor.files, env: supervisor.env,
    });
    node.power = 'running';
}
/** Shuts the node down gracefully (bounded), keeping its folder and namespace: a stopped VM. */
async function shutdownNode(node) {
    if (node.host)
        await stopNodeHost(node.host, nodeShutdownGraceMs);
    node.host = undefined;
}
/** Removes the node entirely; works from the recorded state alone (after a crash too). */
async function deleteNode(state, node, graceMs = nodeShutdownGraceMs) {
    if (node.host)
        await stopNodeHost(node.host, graceMs);
    node.host = undefined;
    await killAndRemoveCgroup(nodeCgroupName(state.name, node.name));
    if (node.link)
        await removeNodeLink(node.link);
    node.link = undefined;
    await (0,external_node_fs_promises_.rm)(node.dir, { recursive: true, force: true });
}
/** The power state of a node as a VM's: running only while its init lives. */
async function observedPower(node) {
    if (node.host && !(await isNodeHostRunning(node.host)))
        return 'unknown';
    return node.power;
}
function nodeDir(labDir, name) {
    return (0,external_node_path_.join)(lab_state/* labFiles */.L2.nodes(labDir), name);
}
/** Master i: `master<i>` at .10+i (like Azure's 10.0.1.10+i); short id `m<i>`. */
function masterNode(labDir, network, index) {
    const name = `master${index}`;
    return {
        name, role: 'master', instanceId: String(index), address: labAddress(network, 10 + index),
        shortId: `m${index}`, dir: nodeDir(labDir, name), power: 'creating',
    };
}
/** A scale set's computer name: prefix + the instance id in base 36, six characters. */
function agentName(instanceId) {
    return `agents${instanceId.toString(36).padStart(6, '0')}`;
}
/** Agents take the lowest free address from .50 (addresses are reused, instance ids never). */
function agentNode(labDir, state, network, instanceId) {
    const used = new Set(state.nodes.map((node) => node.address));
    let host = 50;
    while (used.has(labAddress(network, host)))
        host++;
    if (host > 254)
        throw new errors/* ToolkitError */.h4(`lab ${state.name} has no free address for another agent`, 'lab-full');
    const name = agentName(instanceId);
    return {
        name, role: 'agent', instanceId: String(instanceId), address: labAddress(network, host),
        shortId: `a${instanceId.toString(36)}`, dir: nodeDir(labDir, name), power: 'creating',
    };
}
//# sourceMappingURL=lab-nodes.js.map
// EXTERNAL MODULE: ./build/src/render/node-config.js
var node_config = __webpack_require__(3531);
// EXTERNAL MODULE: ./build/src/render/cloud-init.js
var cloud_init = __webpack_require__(1146);
;// CONCATENATED MODULE: ./build/src/providers/lab/service-flavour.js

const labServiceFlavour = {
    webImage: lab_images/* labWebImage */.HU,
    webPort: lab_images/* labWebPort */.rr,
    redisImage: lab_images/* labRedisImage */.gv,
    publishing: 'host',
    // The lab images run busybox as PID 1, which ignores SIGTERM: without an init every task
    // stop waits out the 10 s grace period (a forced update of 2 tasks: 28 s, with --init 9 s).
    commonFlags: ['--no-resolve-image', '--init'],
    stackFlags: ['--resolve-image', 'never'],
    stacks: 'own-images',
    monitor: 'built-in',
};
//# sourceMappingURL=service-flavour.js.map
;// CONCATENATED MODULE: ./build/src/providers/lab/lab-context.js
// What every lab operation needs: the lab's folder and state, its secrets, the rendering of a
// node's cloud-config, and the daemon's view of the nodes. Shared by deploy and the Cluster.









/** Timings of the node software in the lab: shorter than Azure's so that tests and demos flow. */
const labNodeTimings = { downGraceSeconds: 60, drainTimeoutSeconds: 60, eventPollSeconds: 0.5 };
/** The NotBefore of the lab's Scheduled Events: the node acknowledges well before. */
const labEventNotBeforeSeconds = 120;
const secretNames = {
    operatorKey: 'operator_key',
    operatorPublicKey: 'operator_key.pub',
    hostKey: 'host_key',
    hostPublicKey: 'host_key.pub',
    helperSecret: 'helper.key',
};
function saveState(context) {
    const previous = context.saving ?? Promise.resolve();
    context.saving = previous.catch(() => undefined).then(() => (0,lab_state/* writeLabState */.u8)(context.dir, context.state));
    return context.saving;
}
function masters(state) {
    return state.nodes.filter((node) => node.role === 'master');
}
function agents(state) {
    return state.nodes.filter((node) => node.role === 'agent');
}
function gateway(state) {
    if (!state.network)
        throw new Error(`lab ${state.name} has no network`);
    return state.network.gateway;
}
function labNodeConfig(state, role) {
    return {
        cluster: state.name,
        role,
        masters: masters(state).map((node) => ({ name: node.name, address: node.address })),
        helperPort: node_config/* defaultPorts */.g.helper,
        healthPort: node_config/* defaultPorts */.g.health,
        metadataUrl: `http://${gateway(state)}:${daemon_config/* labMetadataPort */.cU}`,
        ...labNodeTimings,
    };
}
/** The node's cloud-config, rendered by the same code as the Azure VMs'. */
async function renderNodeCloudConfig(context, node) {
    const secret = (name) => (0,lab_state/* readSecret */.n5)(context.dir, name);
    return (0,cloud_init/* renderCloudInit */.Mv)({
        role: node.role,
        node: labNodeConfig(context.state, node.role),
        adminUsername: context.state.adminUsername,
        sshPublicKey: context.state.sshPublicKey,
        helperSecret: (await secret(secretNames.helperSecret)).trim(),
        // Each lab agent holds only its own node key (Azure's scale set cannot: docs/security.md).
        ...(node.role === 'agent' ? { agentName: node.name } : {}),
        ...(node.role === 'master' ? { hostKey: { privateKey: await secret(secretNames.hostKey), publicKey: (await secret(secretNames.hostPublicKey)).trim() } } : {}),
        fileShare: false,
    });
}
/** Rewrites daemon.json from the state (and tells a running daemon). */
async function publishNodesToDaemon(context) {
    const { state } = context;
    const config = {
        lab: state.name,
        gateway: gateway(state),
        nodes: state.nodes.map((node) => ({
            name: node.name, address: node.address, role: node.role, dockerSocket: hostDockerSocket(node.dir), instanceId: node.instanceId,
            ...(node.role === 'agent' ? { scaleSet: 'agents' } : {}),
        })),
    };
    await (0,json_file/* writeJsonAtomic */.Z)((0,external_node_path_.join)(context.dir, daemon_config/* daemonFiles */.oJ.config), config);
    if (state.daemon)
        await nodesChanged(context.dir);
}
async function clusterInfo(context) {
    const { state } = context;
    const address = gateway(state);
    return {
        provider: 'lab',
        name: state.name,
        masterCount: state.masterCount,
        ssh: {
            host: masters(state)[0].address,
            port: node_config/* defaultPorts */.g.ssh,
            username: state.adminUsername,
            privateKey: await (0,lab_state/* readSecret */.n5)(context.dir, secretNames.operatorKey),
            hostKeys: [(await (0,lab_state/* readSecret */.n5)(context.dir, secretNames.hostPublicKey)).trim()],
        },
        endpoints: {
            masters: masters(state).map((node) => node.address),
            agents: address,
            services: Object.fromEntries(node_config/* defaultPorts */.g.services.map((port) => [port, `http://${address}:${port}/`])),
            monitor: `http://${address}:${node_config/* defaultPorts */.g.visualizer}/`,
        },
        flavour: labServiceFlavour,
    };
}
//# sourceMappingURL=lab-context.js.map
;// CONCATENATED MODULE: ./build/src/providers/lab/lab-claims.js
// Which lab folder holds which lab name, machine-wide. A lab's namespaces, cgroups and bridge are
// objects of the whole machine, but its state lives under one lab root (AZSWARM_LAB_ROOT: each
// test file has its own), so a sweep of leftovers run from one root could not tell a crashed
// lab's objects from those of a lab of another root that is being made, or whose nodes are
// stopped. Each lab therefore claims its name before it creates anything, in
// /run/azswarm/lab-claims/<lab>.<hash of its folder>.json (its folder and the process that
// claimed it); /run is emptied at boot, like the namespaces. destroy releases the claim.





const labClaimsDir = '/run/azswarm/lab-claims';
function claimFile(lab, dir) {
    return (0,external_node_path_.join)(labClaimsDir, `${lab}.${(0,external_node_crypto_.createHash)('sha256').update(dir).digest('hex').slice(0, 16)}.json`);
}
/** Records (again) that the lab `lab` lives in `dir`, claimed by this process. */
async function claimLab(lab, dir, bridge) {
    await (0,external_node_fs_promises_.mkdir)(labClaimsDir, { recursive: true, mode: 0o755 });
    const claim = { lab, dir, claimedBy: await (0,processes/* recordProcess */.TX)(process.pid), ...(bridge ? { bridge } : {}) };
    await (0,json_file/* writeJsonAtomic */.Z)(claimFile(lab, dir), claim, 0o644);
}
async function releaseLabClaim(lab, dir) {
    await (0,external_node_fs_promises_.rm)(claimFile(lab, dir), { force: true });
}
/** Every claim on the machine (a file half-written by a crash is skipped). */
async function readLabClaims() {
    const claims = [];
    for (const name of await (0,external_node_fs_promises_.readdir)(labClaimsDir).catch(() => [])) {
        if (!name.endsWith('.json'))
            continue;
        const claim = await (0,json_file/* readJsonFile */.J)((0,external_node_path_.join)(labClaimsDir, name)).catch(() => undefined);
        if (claim?.lab && claim.dir && claim.claimedBy)
            claims.push(claim);
    }
    return claims;
}
//# sourceMappingURL=lab-claims.js.map
;// CONCATENATED MODULE: ./build/src/providers/lab/cluster.js








/** Creates, attaches and boots a node, saving the state before each step creates something. */
async function launchNode(context, node) {
    if (!context.state.nodes.includes(node))
        context.state.nodes.push(node);
    await saveState(context);
    await provisionNodeFolder(node, await renderNodeCloudConfig(context, node));
    await attachNode(context.state, node);
    await saveState(context);
    await bootNode(context.state, node, await (0,lab_state/* readSecret */.n5)(context.dir, secretNames.operatorPublicKey));
    await saveState(context);
}
class LabCluster {
    info;
    dir;
    reporter;
    constructor(info, dir, reporter) {
        this.info = info;
        this.dir = dir;
        this.reporter = reporter;
    }
    /** Runs one operation under the lab's lock on freshly read state. */
    async change(work) {
        return (0,lab_state/* withLabLock */.hX)(this.dir, async () => {
            const state = await (0,lab_state/* readLabState */.Bq)(this.dir);
            if (!state)
                throw new errors/* ToolkitError */.h4(`lab ${this.info.name} does not exist any more`, 'cluster-not-found');
            // (again: a lab made before claims existed gets one before its nodes change)
            await claimLab(state.name, this.dir, state.network?.bridge);
            const context = { dir: this.dir, state };
            try {
                return await work(context);
            }
            finally {
                await saveState(context);
            }
        });
    }
    async listAgents() {
        const state = await (0,lab_state/* readLabState */.Bq)(this.dir);
        if (!state)
            throw new errors/* ToolkitError */.h4(`lab ${this.info.name} does not exist any more`, 'cluster-not-found');
        return Promise.all(agents(state).map(async (node) => ({ instanceId: node.instanceId, name: node.name, state: await observedPower(node) })));
    }
    async scaleAgents(count) {
        await this.change(async (context) => {
            const current = agents(context.state).sort((a, b) => Number(a.instanceId) - Number(b.instanceId));
            if (count > current.length)
                await this.scaleOut(context, count - current.length);
            else if (count < current.length)
                await this.scaleIn(context, current.slice(count).reverse());
        });
    }
    async scaleOut(context, added) {
        const { state } = context;
        const nodes = [];
        for (let i = 0; i < added; i++) {
            if (!state.network)
                throw new errors/* ToolkitError */.h4(`lab ${state.name} has no network`, 'lab-state-invalid');
            const node = agentNode(this.dir, state, state.network, state.nextInstanceId++);
            state.nodes.push(node);
            nodes.push(node);
        }
        await saveState(context);
        await publishNodesToDaemon(context);
        this.reporter.info(`scale-out: booting ${nodes.map((node) => node.name).join(', ')}`);
        await Promise.all(nodes.map((node) => launchNode(context, node)));
    }
    /**
     * The newest instances go, in parallel like a scale set's scale-in, after ONE Terminate event
     * naming them all (as Azure announces a scale-in): each node drains and leaves, and the event
     * starts once the last of them acknowledged it (or NotBefore passed).
     */
    async scaleIn(context, removed) {
        this.reporter.info(`scale-in: removing ${removed.map((node) => node.name).join(', ')} (newest first)`);
        await this.announce(context, removed, 'Terminate');
        try {
            await Promise.all(removed.map(async (node) => {
                node.power = 'deleting';
                await saveState(context);
                await deleteNode(context.state, node);
                context.state.nodes = context.state.nodes.filter((other) => other !== node);
                await saveState(context);
            }));
        }
        finally {
            await relaxNeighbourTable();
        }
        await publishNodesToDaemon(context);
    }
    /** Posts the Scheduled Event running nodes would get and waits for its acknowledgement (or NotBefore). */
    async announce(context, nodes, type) {
        const running = nodes.filter((node) => node.host);
        if (running.length === 0)
            return;
        const named = running.map((node) => node.name).join(', ');
        if (!context.state.daemon || !(await (0,processes/* isAlive */._n)(context.state.daemon))) {
            this.reporter.warn(`${named}: the lab daemon is not running, so no ${type} event is posted (the ${running.length === 1 ? 'node stops' : 'nodes stop'} without draining first)`);
            return;
        }
        const started = Date.now();
        const outcome = await postScheduledEvent(this.dir, running.map((node) => node.name), type, { notBeforeSeconds: labEventNotBeforeSeconds });
        const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
        this.reporter.info(`${named}: ${type} event ${outcome === 'acknowledged' ? `acknowledged after ${took}` : `not acknowledged before NotBefore (${took})`}`);
    }
    async forgetEvents(context, node) {
        if (context.state.daemon && (await (0,processes/* isAlive */._n)(context.state.daemon)))
            await clearScheduledEvents(this.dir, node.name);
    }
    selected(context, instanceIds) {
        const all = agents(context.state);
        if (!instanceIds)
            return all;
        return instanceIds.map((id) => {
            const node = all.find((agent) => agent.instanceId === id);
            if (!node)
                throw new errors/* ToolkitError */.h4(`agent instance ${id} does not exist in lab ${context.state.name}`, 'agent-not-found');
            return node;
        });
    }
    async stopAgents(options) {
        await this.change(async (context) => {
            await Promise.all(this.selected(context, options.instanceIds).filter((node) => node.host).map(async (node) => {
                node.power = 'stopping';
                await saveState(context);
                await shutdownNode(node);
                node.power = options.deallocate ? 'deallocated' : 'stopped';
                await saveState(context);
            }));
        });
    }
    async startAgents(options = {}) {
        await this.change(async (context) => {
            const operatorKey = await (0,lab_state/* readSecret */.n5)(this.dir, secretNames.operatorPublicKey);
            await Promise.all(this.selected(context, options.instanceIds).filter((node) => !node.host).map(async (node) => {
                await this.forgetEvents(context, node);
                node.power = 'starting';
                await saveState(context);
                await bootNode(context.state, node, operatorKey);
                await saveState(context);
            }));
        });
    }
    async restartAgents(instanceIds) {
        await Promise.all(instanceIds.map((id) => this.powerCycle(id, 'Reboot')));
    }
    /** A fresh OS disk with the same name and address: each node boots through cloud-init again. */
    async reimageAgents(instanceIds) {
        await Promise.all(instanceIds.map((id) => this.powerCycle(id, 'Redeploy', async (context, node) => {
            node.power = 'creating';
            await provisionNodeFolder(node, await renderNodeCloudConfig(context, node));
        })));
    }
    /** The event, its acknowledgement, a shutdown, then (after `whileDown`) a boot with the same identity. */
    async powerCycle(instanceId, event, whileDown) {
        await this.change(async (context) => {
            const [node] = this.selected(context, [instanceId]);
            await this.announce(context, [node], event);
            node.power = 'stopping';
            await shutdownNode(node);
            await this.forgetEvents(context, node);
            await whileDown?.(context, node);
            node.power = 'starting';
            await bootNode(context.state, node, await (0,lab_state/* readSecret */.n5)(this.dir, secretNames.operatorPublicKey));
        });
    }
}
//# sourceMappingURL=cluster.js.map
// EXTERNAL MODULE: ./build/src/render/parameters.js
var parameters = __webpack_require__(6176);
// EXTERNAL MODULE: ./build/src/render/keys.js
var keys = __webpack_require__(5400);
// EXTERNAL MODULE: ./build/src/providers/lab/host/engine-api.js
var engine_api = __webpack_require__(9076);
;// CONCATENATED MODULE: ./build/src/providers/lab/host/node-checks.js
// What a real-boot node says about its own boot, read inside it the way one would on a VM:
// PID 1, cloud-init's result, systemd's failed units, and systemd's complaints about the unit
// files the document wrote (systemd ignores a setting it cannot parse and says so only in the
// journal: a unit with a bad Type= still "runs", differently).




const unitDir = '/etc/systemd/system/';
async function shell(node, script, timeoutMs = 60_000) {
    return (await nodeExec(node, ['sh', '-c', script], { timeoutMs })).stdout;
}
function lines(text) {
    return text.split('\n').map((line) => line.trim()).filter(Boolean);
}
/** Waits (bounded) for cloud-init to finish on the node, then reads how the boot went. */
async function readRealNodeBoot(node, timeoutMs = 120_000) {
    const status = await shell(node, 'cloud-init status --wait 2>/dev/null || true', timeoutMs);
    const result = await shell(node, 'cat /run/cloud-init/result.json 2>/dev/null || true');
    const errors = result ? (JSON.parse(result).v1?.errors ?? []) : ['no /run/cloud-init/result.json'];
    const warnings = lines(await shell(node, "grep -E '\\[(WARNING|ERROR|CRITICAL)\\]' /var/log/cloud-init.log || true"));
    return {
        init: (await shell(node, 'cat /proc/1/comm')).trim(),
        cloudInit: /status: (\S+)/.exec(status)?.[1] ?? 'unknown',
        cloudInitProblems: [...errors, ...warnings],
        failedUnits: lines(await shell(node, 'systemctl --failed --no-legend --plain')).map((line) => line.split(/\s+/)[0]),
        unitFileWarnings: lines(await shell(node, 'journalctl -b -o cat --no-pager 2>/dev/null || true')).filter((line) => line.startsWith(unitDir)),
    };
}
/** Everything that would make the same boot suspect on a VM; empty for a clean boot. */
function realNodeBootProblems(boot) {
    return [
        ...(boot.init === 'systemd' ? [] : [`PID 1 is ${boot.init}, not systemd`]),
        ...(boot.cloudInit === 'done' ? [] : [`cloud-init status: ${boot.cloudInit}`]),
        ...boot.cloudInitProblems.map((problem) => `cloud-init: ${problem}`),
        ...boot.failedUnits.map((unit) => `failed unit: ${unit}`),
        ...boot.unitFileWarnings.map((warning) => `unit file: ${warning}`),
    ];
}
/**
 * Why a booting node will never be Ready, or undefined: its nspawn exited, or cloud-init
 * finished with errors (read from the machine's side through the node's root, no process
 * started: the swarm-ready wait calls this several times a second).
 */
async function realNodeBootFailure(node) {
    const stopped = await nspawnNodeFailure(node);
    if (stopped)
        return stopped;
    if (!node.leader || !(await (0,processes/* isAlive */._n)(node.leader)))
        return undefined;
    const result = await (0,external_node_fs_promises_.readFile)(`/proc/${node.leader.pid}/root/run/cloud-init/result.json`, 'utf8').catch(() => undefined);
    const errors = result ? (JSON.parse(result).v1?.errors ?? []) : [];
    return errors.length > 0 ? `cloud-init failed on node ${node.hostname}: ${errors.join('; ')}` : undefined;
}
//# sourceMappingURL=node-checks.js.map
// EXTERNAL MODULE: ./build/src/providers/lab/node-logs.js
var node_logs = __webpack_require__(6392);
;// CONCATENATED MODULE: ./build/src/providers/lab/swarm-ready.js
// "Swarm ready" as the lab checks it: every expected node is Ready in the swarm's node list,
// managers also reachable, read through a running master's docker socket (the swarm engineer's
// SSH path is checked in their tests). Stale entries of an earlier incarnation are ignored.












/** Hostnames that are Ready (and reachable, for managers) in the swarm's node list. */
function readyHostnames(nodes) {
    const ready = new Set();
    for (const node of nodes) {
        const manager = node.Spec?.Role === 'manager';
        if (node.Status?.State === 'ready' && (!manager || node.ManagerStatus?.Reachability === 'reachable')) {
            ready.add(node.Description?.Hostname ?? '');
        }
    }
    return ready;
}
async function listFromAnyMaster(masters) {
    for (const master of masters) {
        try {
            return await (0,engine_api/* engineGetJson */.D6)(hostDockerSocket(master.dir), '/nodes');
        }
        catch {
            // not a manager yet, or down: try the next one
        }
    }
    return undefined;
}
/**
 * The error for a node that cannot boot, with its log's last lines. The node's logs are copied
 * out of its folder first: a failed deploy removes the lab, and the log must outlive it.
 */
async function bootFailure(node, what) {
    const tail = await (0,log_tail/* readLogTail */.T)(nodeLogFile(node.dir, 'init'));
    const kept = await (0,lab_state/* keepFailedBootLogs */.CT)(node, boot_plan/* nodeFiles */.k.logDir(node.dir));
    return new errors/* ToolkitError */.h4(`node ${node.name} ${what}; the last lines of its init log:\n${tail}`, 'lab-node-boot-failed', `the full log is ${(0,external_node_path_.join)(kept, 'init.log')}`);
}
/**
 * Throws as soon as a node cannot come up: its init (the supervisor) exited, or the supervisor
 * gave up booting. Either way no wait would help, and the log says why.
 */
async function checkNodesBooting(nodes) {
    for (const node of nodes) {
        if (node.host && !(await isNodeHostRunning(node.host)))
            throw await bootFailure(node, 'stopped during its boot: its init exited');
        const status = await (0,json_file/* readJsonFile */.J)(boot_plan/* nodeFiles */.k.status(node.dir)).catch(() => undefined);
        if (status?.phase === 'failed')
            throw await bootFailure(node, `failed to boot: ${status.error ?? 'unknown error'}`);
        const failure = node.host?.leader ? await realNodeBootFailure(node.host) : undefined;
        if (failure)
            throw new errors/* ToolkitError */.h4(failure, 'lab-node-boot-failed', 'inside the node: cloud-init status --long; systemctl --failed');
    }
}
/** Resolves when every node in `expected` is Ready; rejects naming the missing ones on timeout. */
async function waitForSwarmReady(masters, expected, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    let missing = expected.map((node) => node.name);
    while (Date.now() < deadline) {
        await checkNodesBooting(expected);
        const nodes = await listFromAnyMaster(masters);
        if (nodes) {
            const ready = readyHostnames(nodes);
            missing = expected.map((node) => node.name).filter((name) => !ready.has(name));
            if (missing.length === 0)
                return;
        }
        await (0,promises_.setTimeout)(250);
    }
    throw await notReadyError(masters, expected.filter((node) => missing.includes(node.name)), timeoutMs);
}
/** Nodes whose logs a timeout quotes: enough to tell one stuck join from a swarm that never formed. */
const quotedNodes = 3;
const quotedUnitLines = 8;
const quotedDockerdLines = 4;
/** The last lines of one of a node's unit logs (emulated: the unit's file; real boot: its journal). */
async function unitLogTail(node, unit) {
    const text = [];
    await (0,node_logs.readLabNodeLog)({ lab: (0,lab_state/* labOfNode */.fJ)(node), node: node.name, unit, follow: false }, (lines) => text.push(lines), Promise.resolve())
        .catch((error) => text.push(`(no log: ${error.message})`));
    return (0,log_tail/* lastLines */.w)(text.join('\n'), quotedUnitLines);
}
/**
 * The timeout's error: the nodes not Ready with the end of their join logs and the first
 * master's helper log (who asked for a token, what was answered). A failed deploy removes the
 * lab, so the logs are quoted and copied out first, like a failed boot's.
 */
async function notReadyError(masters, missing, timeoutMs) {
    const quoted = missing.slice(0, quotedNodes);
    const sections = await Promise.all(quoted.map(async (node) => [
        `${node.name} swarm-join.service, last lines:\n${await unitLogTail(node, 'swarm-join.service')}`,
        // emulated nodes only (a real-boot node's dockerd logs to its journal): why a join waits for docker
        ...((0,external_node_fs_.existsSync)(nodeLogFile(node.dir, 'docker')) ? [`${node.name} dockerd, last lines:\n${await (0,log_tail/* readLogTail */.T)(nodeLogFile(node.dir, 'docker'), quotedDockerdLines)}`] : []),
    ].join('\n')));
    if (masters[0])
        sections.push(`${masters[0].name} swarm-helper.service, last lines:\n${await unitLogTail(masters[0], 'swarm-helper.service')}`);
    const kept = await Promise.all([...quoted, ...masters.slice(0, 1)].map((node) => (0,lab_state/* keepFailedBootLogs */.CT)(node, boot_plan/* nodeFiles */.k.logDir(node.dir)).catch(() => undefined)));
    const folder = kept.find((path) => path !== undefined);
    return new errors/* ToolkitError */.h4(`swarm not ready after ${Math.round(timeoutMs / 1000)} s: ${missing.map((node) => node.name).join(', ')} not Ready\n${sections.join('\n')}`, 'lab-swarm-timeout', folder ? `the nodes' logs are kept in ${(0,external_node_path_.dirname)(folder)}` : 'see the node logs under the lab folder (log/*.log)');
}
//# sourceMappingURL=swarm-ready.js.map
;// CONCATENATED MODULE: ./build/src/providers/lab/host/boot-mode.js
// How a lab's nodes boot, chosen when the lab is created (AZSWARM_LAB_BOOT) and kept in its
// state, so that later commands (scale, restart, reimage) boot the same kind of node:
//   emulated — the toolkit's stand-ins for systemd and cloud-init over the machine's own files
//              (supervisor/), the default while the real boot proves itself on every lab test;
//   systemd  — the node image with real systemd as PID 1 and real cloud-init (host/).

const labBootVariable = 'AZSWARM_LAB_BOOT';
const modes = ['emulated', 'systemd'];
function labBootMode(env = process.env) {
    const value = env[labBootVariable]?.trim();
    if (value === undefined || value === '')
        return 'emulated';
    if (!modes.includes(value)) {
        throw new errors/* ToolkitError */.h4(`${labBootVariable} must be one of ${modes.join(', ')} (got "${value}")`, 'setting-invalid');
    }
    return value;
}
//# sourceMappingURL=boot-mode.js.map
;// CONCATENATED MODULE: ./build/src/providers/lab/deploy.js
// Creation of a lab as ordered steps, one status line each: network, lab daemon, masters,
// agents, swarm ready. Each step records what it creates in the state file before the next
// one starts, so that a failure (or a killed command) can always be cleaned up.














/** Longest wait for a fresh cluster to be Ready (the target is far below: ~10 s for 1+3). */
const swarmReadyTimeoutMs = 180_000;
async function createSecrets(dir, name, preset = {}) {
    const operator = (0,keys/* generateSshKeyPair */.d7)(`azswarm-lab@${name}`);
    const { helperSecret, masterHostKey } = { ...(0,parameters/* generateClusterSecrets */.$D)(name), ...preset };
    await (0,lab_state/* writeSecret */.kz)(dir, secretNames.operatorKey, operator.privateKey);
    await (0,lab_state/* writeSecret */.kz)(dir, secretNames.operatorPublicKey, `${operator.publicKey}\n`);
    await (0,lab_state/* writeSecret */.kz)(dir, secretNames.hostKey, masterHostKey.privateKey);
    await (0,lab_state/* writeSecret */.kz)(dir, secretNames.hostPublicKey, `${masterHostKey.publicKey}\n`);
    await (0,lab_state/* writeSecret */.kz)(dir, secretNames.helperSecret, `${helperSecret}\n`);
}
/** Subnet octets of the other labs under this root, so that labs coexist. */
async function takenOctets(except) {
    const taken = new Set();
    for (const name of await (0,lab_state/* listLabNames */.oB)()) {
        if (name === except)
            continue;
        const octet = (await (0,lab_state/* readLabState */.Bq)((0,lab_state/* labDir */.lH)(name)).catch(() => undefined))?.network?.octet;
        if (octet !== undefined)
            taken.add(octet);
    }
    return taken;
}
async function stepNetwork(settings, dir, options, boot) {
    // before any machine-wide object: a sweep from another lab root then knows whose they are
    await claimLab(settings.name, dir);
    await (0,external_node_fs_promises_.mkdir)(lab_state/* labFiles */.L2.nodes(dir), { recursive: true, mode: 0o700 });
    await createSecrets(dir, settings.name, options.presetSecrets);
    const state = {
        version: 1, name: settings.name, createdAt: new Date().toISOString(), masterCount: settings.masterCount,
        adminUsername: settings.adminUsername, sshPublicKey: settings.sshPublicKey, nodes: [], nextInstanceId: 0,
        ...(boot === 'systemd' ? { boot } : {}),
    };
    const context = { dir, state };
    await saveState(context);
    state.network = await createLabNetwork(await takenOctets(settings.name));
    await saveState(context);
    await claimLab(settings.name, dir, state.network.bridge);
    return context;
}
/** The nodes' names and addresses, known before anything boots (the daemon serves them all). */
async function planNodes(context, settings, reporter) {
    const { state } = context;
    const network = state.network;
    for (let index = 0; index < settings.masterCount; index++)
        state.nodes.push(masterNode(context.dir, network, index));
    for (let i = 0; i < settings.agentCount; i++)
        state.nodes.push(agentNode(context.dir, state, network, state.nextInstanceId++));
    await saveState(context);
    await publishNodesToDaemon(context);
    // built once per machine (cached): each node's fresh disk then starts with a copy of the store
    await (0,lab_images/* labImageStore */.yP)();
    if (state.boot === 'systemd') {
        const image = await reporter.phase('node image: systemd, cloud-init, dockerd, sshd', () => ensureNodeImage((line) => reporter.info(line)));
        state.nodeImage = image.rootfs;
        await saveState(context);
    }
}
async function stepDaemon(context) {
    await startLabDaemon(context.dir, async (record) => {
        context.state.daemon = record;
        await saveState(context);
    });
}
/**
 * Like Promise.all, but a failure is thrown only once every piece of work has settled, so that
 * the clean-up that follows a failed deploy never runs while another step is still creating.
 */
async function allSettledOrThrow(work) {
    const failed = (await Promise.allSettled(work)).find((result) => result.status === 'rejected');
    if (failed)
        throw failed.reason;
}
function stepBoot(context, role) {
    return allSettledOrThrow(context.state.nodes.filter((node) => node.role === role).map((node) => launchNode(context, node)));
}
/** Runs the creation steps; the caller destroys the lab when one fails. */
async function deployLab(settings, reporter, options = {}) {
    const boot = labBootMode();
    const dir = (0,lab_state/* labDir */.lH)(settings.name);
    const context = await reporter.phase(`network: bridge and subnet for lab ${settings.name}`, () => stepNetwork(settings, dir, options, boot));
    await planNodes(context, settings, reporter);
    // The daemon, the masters and the agents start side by side: joins order themselves through
    // the helpers, and the agents' watchers retry until the metadata service answers.
    await allSettledOrThrow([
        reporter.phase('lab daemon: metadata, scheduled events, load balancer, monitor', () => stepDaemon(context)),
        reporter.phase(`masters: booting ${settings.masterCount}`, () => stepBoot(context, 'master')),
        reporter.phase(`agents: booting ${settings.agentCount}`, () => stepBoot(context, 'agent')),
    ]);
    const expected = context.state.nodes;
    await reporter.phase(`swarm ready: ${expected.length} nodes`, () => waitForSwarmReady(masters(context.state), expected, swarmReadyTimeoutMs));
    return context;
}
//# sourceMappingURL=deploy.js.map
;// CONCATENATED MODULE: ./build/src/providers/lab/sweep.js
// The sweep of lab leftovers that no state of this lab root mentions (after a crash): namespaces
// and cgroups named like a lab's nodes, bridges with no port. These names are machine-wide, and
// other labs (other lab roots: another test file, another user's CI job) may be alive on the
// same machine, being made, or have stopped nodes (idle namespaces), so an object goes only when
// it is provably orphaned:
// - nothing runs in it (the sweep never kills), and
// - the lab named in it is claimed (lab-claims.ts) by folders that are all gone: no state there
//   and the claiming process dead, or the lab was just destroyed; or no lab claims it at all
//   (a lab of a toolkit from before claims, a hand-made copy) and it is older than
//   unclaimedLeftoverAgeMs. A node's cgroup is made after its namespace and removed before it,
//   so a cgroup whose namespace is gone belongs to no node.
// - a bridge: the lab whose claim or state names it is provably gone (as above). A bridge no
//   lab claims is left and reported: the kernel does not tell its age.
// Every object looked at is reported: removed or left, and why.








/** The names a lab's node namespaces and cgroups have: `azs-<lab>-master<i>`, `azs-<lab>-agents<6>`. */
const labNodeObjectPattern = /^azs-([a-z][a-z0-9-]{0,14})-(master\d|agents[0-9a-z]{6})$/;
/** An unclaimed, idle lab-named namespace younger than this may be a lab being made by an older toolkit. */
const unclaimedLeftoverAgeMs = 3_600_000;
const minutes = (ms) => `${Math.floor(ms / 60_000)} min`;
/** Whether a lab-named namespace or cgroup is provably orphaned (pure: the facts are read before). */
function nodeObjectVerdict(facts, claims, unclaimedAfterMs = unclaimedLeftoverAgeMs) {
    if (!facts.idle)
        return { remove: false, why: 'processes run in it (the sweep never kills)' };
    const claimed = claims.filter((claim) => claim.lab === facts.lab);
    const live = claimed.find((claim) => !claim.destroyed && claim.hasState);
    if (live)
        return { remove: false, why: `lab ${facts.lab} of lab root ${(0,external_node_path_.dirname)(live.dir)} exists` };
    const making = claimed.find((claim) => !claim.destroyed && claim.claimerAlive);
    if (making)
        return { remove: false, why: `lab ${facts.lab} is being made by process ${making.claimedBy} (lab root ${(0,external_node_path_.dirname)(making.dir)})` };
    if (claimed.length > 0) {
        return claimed.some((claim) => claim.destroyed)
            ? { remove: true, why: `lab ${facts.lab} was destroyed` }
            : { remove: true, why: `lab ${facts.lab} has no state in ${claimed.map((claim) => claim.dir).join(', ')} and the process that claimed it is gone` };
    }
    if (facts.age === 'no-namespace')
        return { remove: true, why: 'no lab claims it and its node\'s namespace is gone' };
    if (facts.age >= unclaimedAfterMs)
        return { remove: true, why: `no lab claims it and it is ${minutes(facts.age)} old` };
    return { remove: false, why: `no lab claims it, but it is only ${minutes(facts.age)} old (a lab may be being made: removed once ${minutes(unclaimedAfterMs)} old)` };
}
/** Whether a lab bridge with no port left is provably orphaned (pure). */
function bridgeVerdict(bridge, claims) {
    const named = claims.filter((claim) => claim.bridge === bridge);
    const owner = named.find((claim) => !claim.destroyed && (claim.hasState || claim.claimerAlive));
    if (owner)
        return { remove: false, why: `lab ${owner.lab} of lab root ${(0,external_node_path_.dirname)(owner.dir)} holds it` };
    if (named.length > 0)
        return { remove: true, why: `no port, and lab ${named[0].lab}, which made it, is gone` };
    return { remove: false, why: 'no lab claims it and a bridge\'s age cannot be told (a lab of an older toolkit may be being made): `ip link del` it once no lab uses it' };
}
async function claimFacts(claim, destroyedDirs) {
    const state = await (0,lab_state/* readLabState */.Bq)(claim.dir).catch(() => undefined);
    const own = state?.name === claim.lab ? state : undefined;
    return {
        lab: claim.lab, dir: claim.dir, claimedBy: claim.claimedBy.pid, claimerAlive: await (0,processes/* isAlive */._n)(claim.claimedBy),
        hasState: own !== undefined, ...(own?.network || claim.bridge ? { bridge: own?.network?.bridge ?? claim.bridge } : {}), destroyed: destroyedDirs.includes(claim.dir),
    };
}
async function netnsAgeMs(name) {
    // the namespace's nsfs inode carries its creation time
    const info = await (0,external_node_fs_promises_.stat)(`/run/netns/${name}`).catch(() => undefined);
    return info ? Date.now() - info.mtimeMs : undefined;
}
/** The lab-named namespaces and cgroups of `isTarget` labs, with their facts. */
async function nodeObjects(isTarget) {
    const found = [];
    const ages = new Map();
    for (const name of await listNetns()) {
        const lab = labNodeObjectPattern.exec(name)?.[1];
        const age = lab && isTarget(lab) ? await netnsAgeMs(name) : undefined;
        if (!lab || age === undefined)
            continue;
        ages.set(name, age);
        // gone meanwhile (another destroy): nothing to judge
        const pids = await (0,command/* runCommand */.d)(['ip', 'netns', 'pids', name]).catch(() => undefined);
        if (pids)
            found.push({ kind: 'netns', name, object: `netns ${name}`, lab, idle: pids.stdout.trim() === '', age });
    }
    for (const name of await topLevelCgroupNames()) {
        const lab = labNodeObjectPattern.exec(name)?.[1];
        if (!lab || !isTarget(lab))
            continue;
        found.push({ kind: 'cgroup', name, object: `cgroup ${name}`, lab, idle: (await cgroupPids(name)).length === 0, age: ages.get(name) ?? 'no-namespace' });
    }
    return found;
}
/**
 * Sweeps the lab-named namespaces and cgroups of the labs `isTarget` picks, and with `bridges`
 * the lab bridges with no port; `destroyedDirs`: folders of labs this command just destroyed.
 * Claims left by labs that are provably gone are released.
 */
async function sweepLeftovers(options) {
    const claims = await readLabClaims();
    const facts = await Promise.all(claims.map((claim) => claimFacts(claim, options.destroyedDirs)));
    const outcomes = [];
    // every verdict from the facts as they were before the first removal
    const objects = (await nodeObjects(options.isTarget)).map((object) => ({ ...object, verdict: nodeObjectVerdict(object, facts) }));
    for (const { kind, name, object, verdict } of objects) {
        if (verdict.remove)
            await (kind === 'netns' ? deleteNetns(name) : killAndRemoveCgroup(name));
        outcomes.push({ object, removed: verdict.remove, why: verdict.why });
    }
    if (options.bridges) {
        const links = await listLabLinks();
        for (const bridge of links.filter((name) => /^azs-\d+$/.test(name))) {
            if (links.some((name) => name.startsWith(`${bridge}-`)))
                continue;
            const verdict = bridgeVerdict(bridge, facts);
            if (verdict.remove)
                await removeLabNetwork({ bridge, forwardRule: forwardRuleFor(bridge) });
            outcomes.push({ object: `bridge ${bridge}`, removed: verdict.remove, why: verdict.why });
        }
    }
    for (const claim of facts) {
        if (options.isTarget(claim.lab) && !claim.hasState && !claim.claimerAlive)
            await releaseLabClaim(claim.lab, claim.dir);
    }
    return outcomes;
}
//# sourceMappingURL=sweep.js.map
;// CONCATENATED MODULE: ./build/src/providers/lab/destroy.js
// Removal of labs from their state files: the daemon, every node (processes by recorded pid and
// by the node's cgroup, its namespace and veth), the bridge, the exact iptables rule, the
// folders. Works after a crash of the command that created the lab, and twice in a row.
// Then the sweep (sweep.ts) removes leftovers that no state mentions, only where they are
// provably orphaned: labs of other lab roots may be alive on the same machine.








/** In a destroy the whole swarm goes: no drain is worth waiting for. */
const destroyGraceMs = 5_000;
async function destroyFromState(dir, state) {
    // Nothing recorded is forgotten if this destroy is interrupted: the state shrinks as pieces go.
    await stopLabDaemon(dir, state.daemon ?? { pid: -1, startTime: '' }, 3_000).catch(() => false);
    if (state.daemon)
        await (0,processes/* stopProcess */.g0)(state.daemon, 2_000);
    state.daemon = undefined;
    await (0,lab_state/* writeLabState */.u8)(dir, state);
    try {
        await Promise.all(state.nodes.map((node) => deleteNode(state, node, destroyGraceMs)));
    }
    finally {
        await relaxNeighbourTable();
    }
    state.nodes = [];
    await (0,lab_state/* writeLabState */.u8)(dir, state);
    if (state.network)
        await removeLabNetwork(state.network);
}
/** Destroys the lab named `name` under the lab root; an absent lab is success, and resolves to false. */
async function destroyLab(name) {
    const dir = (0,lab_state/* labDir */.lH)(name);
    if (!(await (0,external_node_fs_promises_.readdir)(dir).catch(() => undefined)))
        return false;
    await (0,lab_state/* withLabLock */.hX)(dir, async () => {
        const state = await (0,lab_state/* readLabState */.Bq)(dir).catch(() => undefined);
        if (state)
            await destroyFromState(dir, state);
        // its own leftovers (a namespace made just before a crash, not recorded yet): unless a lab of
        // the same name under another root holds them
        await sweepLeftovers({ isTarget: (lab) => lab === name, destroyedDirs: [dir], bridges: false });
    }, 30_000).catch(async (error) => {
        // a lock held by a live but stuck command must not make destroy impossible
        if (error.code !== 'lab-busy')
            throw error;
        const state = await (0,lab_state/* readLabState */.Bq)(dir);
        if (state)
            await destroyFromState(dir, state);
    });
    await (0,external_node_fs_promises_.rm)(dir, { recursive: true, force: true });
    await releaseLabClaim(name, dir);
    return true;
}
/** Destroys every lab under the root, then sweeps the machine's provably orphaned lab leftovers (after a crash). */
async function destroyAllLabs() {
    const destroyed = await (0,lab_state/* listLabNames */.oB)();
    for (const name of destroyed)
        await destroyLab(name);
    const swept = await sweepLeftovers({ isTarget: () => true, destroyedDirs: destroyed.map(lab_state/* labDir */.lH), bridges: true });
    await relaxNeighbourTable();
    return { destroyed, swept };
}
//# sourceMappingURL=destroy.js.map
;// CONCATENATED MODULE: ./build/src/providers/lab/machine-changes.js
// What a lab changes on the machine, said once when it is created and again when it is
// destroyed (what went): on a CI runner the lab shares a machine someone else set up, so its
// user sees every object the lab adds outside its own folder. Read from the lab's state alone.




/** One line per kind of object the lab added outside its folder, each naming them. */
function labMachineObjects(state) {
    const lines = [];
    const linked = state.nodes.filter((node) => node.link);
    if (linked.length > 0)
        lines.push(`network namespaces: ${linked.map((node) => node.link.netns).join(', ')}`);
    if (state.network) {
        const { bridge, gateway, prefixLength, forwardRule } = state.network;
        const veths = linked.map((node) => node.link.hostVeth);
        lines.push(`bridge ${bridge} (${gateway}/${prefixLength})${veths.length > 0 ? ` and veths ${veths.join(', ')}` : ''}`);
        lines.push(`iptables (filter table): -I ${forwardRule.join(' ')} (the lab's one rule: its bridge's traffic passes a FORWARD policy of DROP)`);
    }
    if (state.nodes.length > 0) {
        lines.push(cgroupPlacement(state.nodes.map((node) => nodeCgroupName(state.name, node.name))));
    }
    const running = state.nodes.filter((node) => node.host).map((node) => `${node.name} ${node.host.init.pid}`);
    if (state.daemon || running.length > 0) {
        lines.push(`processes (root): ${[...(state.daemon ? [`lab daemon ${state.daemon.pid}`] : []), ...running.map((node) => `the init of ${node}`)].join(', ')}; each node runs its own dockerd and containerd (and sshd on masters) in its namespaces`);
    }
    return lines;
}
/** Said at creation, after the objects: what the lab leaves alone, and what outlives it. */
function labMachineNotes() {
    const lines = [];
    lines.push(`sysctls of the machine: net.ipv4.neigh.default.gc_thresh2/3 raised only while ${neighbourRoomFromNodes} or more lab nodes are on it (its own values put back when fewer remain); others none (each node's dockerd sets its own in the node's network namespace); kernel modules: none; packages: none (scripts/install-deps.sh installs them)`);
    lines.push(`files: the lab's folder; its claim on its name in ${labClaimsDir} (removed by destroy); the packed lab images in ${lab_images/* defaultImageCacheDir */.ih} (kept after destroy, for the next lab)`);
    return lines;
}
//# sourceMappingURL=machine-changes.js.map
;// CONCATENATED MODULE: ./build/src/providers/lab/provider.js
// The lab provider: a real Docker Swarm of several nodes on this machine (see docs/lab.md).








class LabProvider {
    kind = 'lab';
    /**
     * Creates the lab, or scales an existing one's agents. `options.presetSecrets` apply only when
     * the lab is created: an existing lab keeps its secrets, as a VM runs its cloud-config once.
     */
    async deploy(settings, reporter, options = {}) {
        checkLabSettings(settings);
        const dir = (0,lab_state/* labDir */.lH)(settings.name);
        const existing = await (0,lab_state/* readLabState */.Bq)(dir);
        if (existing) {
            if (existing.masterCount !== settings.masterCount) {
                throw new errors/* ToolkitError */.h4(`master-count: lab ${settings.name} has ${existing.masterCount} masters; a lab's masters cannot change in place (got ${settings.masterCount})`, 'setting-invalid', 'destroy the lab first');
            }
            const cluster = await this.open(settings.name, reporter);
            await reporter.phase(`agents: scaling lab ${settings.name} to ${settings.agentCount}`, () => cluster.scaleAgents(settings.agentCount));
            return cluster;
        }
        let context;
        try {
            context = await (0,lab_state/* withLabLock */.hX)(dir, () => deployLab(settings, reporter, options));
        }
        catch (error) {
            if (process.env.AZSWARM_LAB_RETAIN === '1') {
                reporter.warn(`lab ${settings.name} is kept for inspection (AZSWARM_LAB_RETAIN=1); destroy it when done`);
            }
            else {
                reporter.warn(`creating lab ${settings.name} failed: removing what was created`);
                await destroyLab(settings.name);
            }
            throw error;
        }
        reportMachineChanges(reporter, `lab ${settings.name} changed this machine:`, [...labMachineObjects(context.state), ...labMachineNotes()]);
        return this.clusterOf(context, reporter);
    }
    async open(name, reporter) {
        (0,validators/* validateLabName */.FU)('name', name);
        const dir = (0,lab_state/* labDir */.lH)(name);
        const state = await (0,lab_state/* readLabState */.Bq)(dir);
        if (!state || !state.network)
            throw new errors/* ToolkitError */.h4(`lab ${name} does not exist`, 'cluster-not-found', 'create it with deploy-cluster --provider lab');
        return this.clusterOf({ dir, state }, reporter);
    }
    async destroy(name, reporter) {
        (0,validators/* validateLabName */.FU)('name', name);
        const before = await (0,lab_state/* readLabState */.Bq)((0,lab_state/* labDir */.lH)(name)).catch(() => undefined);
        const existed = await reporter.phase(`destroy: lab ${name}`, () => destroyLab(name));
        if (existed && before)
            reportMachineChanges(reporter, `lab ${name} removed from this machine:`, labMachineObjects(before));
        return existed;
    }
    /**
     * Destroys every lab under the lab root and sweeps the machine's provably orphaned leftovers,
     * saying what it removed and what it left, and why; returns the labs' names.
     */
    async destroyAll(reporter) {
        const { destroyed, swept } = await reporter.phase('destroy: every lab', () => destroyAllLabs());
        const groups = new Map();
        for (const outcome of swept) {
            const title = `${outcome.removed ? 'sweep removed' : 'sweep left'} (${outcome.why}):`;
            groups.set(title, [...(groups.get(title) ?? []), outcome.object]);
        }
        reportMachineChanges(reporter, swept.length === 0 ? 'sweep: no lab leftovers on this machine' : 'sweep of lab leftovers on this machine:', [...groups].map(([title, objects]) => `${title} ${objects.join(', ')}`));
        return destroyed;
    }
    async clusterOf(context, reporter) {
        const info = await clusterInfo(context);
        reporter.secret(info.ssh.privateKey);
        return new LabCluster(info, context.dir, reporter);
    }
}
function reportMachineChanges(reporter, title, lines) {
    reporter.info(title);
    for (const line of lines)
        reporter.info(`  ${line}`);
}
/** The lab's own rules on top of parseClusterSettings (which the entry points run first). */
function checkLabSettings(settings) {
    if (settings.provider !== 'lab')
        throw new errors/* ToolkitError */.h4(`provider: the lab provider got settings for ${settings.provider}`, 'setting-invalid');
    (0,validators/* validateLabName */.FU)('resource-group', settings.name);
}
//# sourceMappingURL=provider.js.map

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

/***/ 1146:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mv: () => (/* binding */ renderCloudInit)
/* harmony export */ });
/* unused harmony exports storagePlaceholders, aptRetries, nodePaths */
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8522);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8815);
/* harmony import */ var _core_assets_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6700);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3026);
/* harmony import */ var _helper_keys_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(597);
/* harmony import */ var _core_validate_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5503);
// Renders the cloud-config of a master or an agent: the same document boots an Azure VM and a
// lab node. Built as an object and dumped with `yaml`, never by text substitution; the node
// software itself comes from cloud-init/ (embedded assets). See cloud-init/README.md.






/**
 * Replaced by the ARM template at deploy time: the share's account name (fixed per resource
 * group) and the cloud's storage suffix (`environment().suffixes.storage`). Never the key: it
 * reaches the nodes in an extension's protected settings, so customData never changes.
 */
const storagePlaceholders = {
    account: '__AZSWARM_STORAGE_ACCOUNT__',
    suffix: '__AZSWARM_STORAGE_SUFFIX__',
};
/** Apt retries each download this often: one mirror hiccup must not fail the first boot. */
const aptRetries = 5;
/** Where the node software lives on every node; the lab writes the same paths. */
const nodePaths = {
    config: '/etc/swarm-cluster/cluster.json',
    helperKey: '/etc/swarm-cluster/helper.key',
    agentRootKey: '/etc/swarm-cluster/agent-root.key',
    nodeKey: '/etc/swarm-cluster/node.key',
    shareCredentials: '/etc/swarm-cluster/srv.cred',
    aptRetries: '/etc/apt/apt.conf.d/80-swarm-cluster-retries',
    dockerNeedsShare: '/etc/systemd/system/docker.service.d/swarm-cluster-srv.conf',
    script: '/usr/local/lib/swarm-cluster/swarm-node.py',
    // The script's code, imported by it (so that Python keeps its bytecode: see swarm-node.py).
    code: '/usr/local/lib/swarm-cluster/swarm_node.py',
    units: '/etc/systemd/system',
};
const MIN_SECRET_HEX = 32;
function rootFile(path, content, permissions) {
    return { path, content, permissions, owner: 'root:root' };
}
/**
 * The node script is most of the document: gzip it (cloud-init's `gz+b64` encoding) so that
 * customData keeps ample room under Azure's 64 KB limit. Node's gzip header carries no
 * timestamp, so the output (and so the bundles and tests) stays deterministic.
 */
function compressedFile(path, content, permissions) {
    return { ...rootFile(path, (0,node_zlib__WEBPACK_IMPORTED_MODULE_0__.gzipSync)(content, { level: 9 }).toString('base64'), permissions), encoding: 'gz+b64' };
}
function unitFile(name) {
    return rootFile(`${nodePaths.units}/${name}`, (0,_core_assets_js__WEBPACK_IMPORTED_MODULE_2__/* .asset */ .L)(`cloud-init/units/${name}`), '0644');
}
/** The long-running and boot units of a role, in the order they should start. */
function unitsOf(role, fileShare) {
    return [
        ...(fileShare ? ['srv.mount'] : []),
        'swarm-health.service',
        role === 'master' ? 'swarm-helper.service' : 'swarm-events.service',
        'swarm-join.service',
    ];
}
function checkInput(input) {
    const problem = (message) => new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ToolkitError */ .h4(`cloud-init (${input.role}): ${message}`, 'cloud-init-input');
    if (input.node.role !== input.role)
        throw problem(`node.role is ${input.node.role}, expected ${input.role}`);
    if (!/^[0-9a-f]+$/i.test(input.helperSecret) || input.helperSecret.length < MIN_SECRET_HEX) {
        throw problem(`helperSecret must be hex, at least ${MIN_SECRET_HEX} characters`);
    }
    if (input.role === 'master' && !input.hostKey)
        throw problem('hostKey is required on masters: clients pin it');
    if (input.rsaHostKey && !input.hostKey)
        throw problem('rsaHostKey comes with hostKey (the ed25519 pair clients pin first)');
    if (input.node.masters.length === 0)
        throw problem('node.masters must name at least one master');
    if (input.agentName !== undefined && (input.role !== 'agent' || !/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(input.agentName))) {
        throw problem('agentName is for agents only and must be a hostname label (1-63 letters, digits or -)');
    }
    const swapSize = input.swapSizeMiB ?? 0;
    if (!Number.isInteger(swapSize) || swapSize < 0 || swapSize > _core_validate_js__WEBPACK_IMPORTED_MODULE_5__/* .maxSwapSizeMiB */ .ff) {
        throw problem(`swapSizeMiB must be a whole number from 0 to ${_core_validate_js__WEBPACK_IMPORTED_MODULE_5__/* .maxSwapSizeMiB */ .ff}, got ${swapSize}`);
    }
}
/** Each role's helper keys (0600): see src/render/helper-keys.ts. */
function keyFiles(input) {
    const keys = (0,_helper_keys_js__WEBPACK_IMPORTED_MODULE_4__/* .helperKeys */ .T)(input.helperSecret);
    if (input.role === 'master')
        return [rootFile(nodePaths.helperKey, `${keys.master}\n`, '0600'), rootFile(nodePaths.agentRootKey, `${keys.agentRoot}\n`, '0600')];
    if (input.agentName !== undefined)
        return [rootFile(nodePaths.nodeKey, `${(0,_helper_keys_js__WEBPACK_IMPORTED_MODULE_4__/* .nodeHelperKey */ .i)(keys.agentRoot, input.agentName)}\n`, '0600')];
    return [rootFile(nodePaths.agentRootKey, `${keys.agentRoot}\n`, '0600')];
}
function writeFiles(input) {
    const units = unitsOf(input.role, input.fileShare).map(unitFile);
    // The credentials file comes later, from the extension (see storagePlaceholders); until then
    // the mount fails and docker, which requires it, waits.
    const share = input.fileShare
        ? [rootFile(nodePaths.dockerNeedsShare, '# Tasks must never start on an empty /srv (the share not mounted yet).\n[Unit]\nRequiresMountsFor=/srv\n', '0644')]
        : [];
    return [
        rootFile(nodePaths.aptRetries, `Acquire::Retries "${aptRetries}";\n`, '0644'),
        rootFile(nodePaths.config, `${JSON.stringify(input.node, null, 2)}\n`, '0644'),
        ...keyFiles(input),
        compressedFile(nodePaths.script, (0,_core_assets_js__WEBPACK_IMPORTED_MODULE_2__/* .asset */ .L)('cloud-init/swarm-node.py'), '0755'),
        compressedFile(nodePaths.code, (0,_core_assets_js__WEBPACK_IMPORTED_MODULE_2__/* .asset */ .L)('cloud-init/swarm_node.py'), '0644'),
        ...share,
        ...units,
    ];
}
function hostKeys(input) {
    if (!input.hostKey)
        return {};
    const rsa = input.rsaHostKey;
    return {
        // Only the pinned keys: stale image keys are deleted and no other type is generated.
        ssh_deletekeys: true,
        ssh_genkeytypes: rsa ? ['ed25519', 'rsa'] : ['ed25519'],
        ssh_keys: {
            ed25519_private: input.hostKey.privateKey,
            ed25519_public: input.hostKey.publicKey,
            ...(rsa ? { rsa_private: rsa.privateKey, rsa_public: rsa.publicKey } : {}),
        },
    };
}
/** cc_mounts runs in the init stage, before package installs (config and final stages) need memory. */
function swap(input) {
    if (!input.swapSizeMiB)
        return {};
    const bytes = input.swapSizeMiB * 1024 * 1024;
    return { swap: { filename: '/swapfile', size: bytes, maxsize: bytes } };
}
function renderCloudInit(input) {
    checkInput(input);
    const document = {
        package_update: true,
        // Ubuntu's own archive: no third-party key server, nothing the cluster does not use.
        packages: ['docker.io', ...(input.fileShare ? ['cifs-utils'] : [])],
        users: [
            {
                name: input.adminUsername,
                groups: ['docker'],
                shell: '/bin/bash',
                sudo: 'ALL=(ALL) NOPASSWD:ALL',
                lock_passwd: true,
                ssh_authorized_keys: [input.sshPublicKey.trim()],
            },
        ],
        disable_root: true,
        ssh_pwauth: false,
        ...hostKeys(input),
        ...swap(input),
        write_files: writeFiles(input),
        // Only systemctl: all logic lives in the units, so the lab can stand in for systemd. No
        // separate daemon-reload: `enable` reloads systemd itself before `--now` starts the units
        // (and reads the drop-ins write_files wrote); each reload reruns every generator, ~0.25
        // CPU-s of a node's boot (measured in a real-boot lab node).
        runcmd: [`systemctl enable --now --no-block ${unitsOf(input.role, input.fileShare).join(' ')}`],
    };
    return `#cloud-config\n${(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .stringify */ .As)(document, { lineWidth: 0 })}`;
}
//# sourceMappingURL=cloud-init.js.map

/***/ }),

/***/ 597:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ helperKeys),
/* harmony export */   i: () => (/* binding */ nodeHelperKey)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
// The swarm helper's keys, derived from the cluster's helper secret so that each role holds only
// what it needs: masters the master key (every endpoint, manager tokens included) and the agent
// root (to check node keys); an agent only the node key of its own name, or, in an Azure scale
// set whose customData is the same for every instance, the agent root (it derives its own node
// key from the name the metadata service gives it). cloud-init/swarm-node.py derives the same
// keys; docs/security.md says what each holder can and cannot do.

const infos = {
    master: 'azure-swarm-toolkit/v2/helper/master',
    agentRoot: 'azure-swarm-toolkit/v2/helper/agent-root',
    node: 'azure-swarm-toolkit/v2/helper/node/',
};
/** HKDF-Expand (RFC 5869) of 32 bytes: a single HMAC-SHA256 block over info || 0x01. */
function expand(prk, info) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', prk).update(info).update(Buffer.from([1])).digest();
}
function helperKeys(helperSecret) {
    const root = Buffer.from(helperSecret, 'hex');
    return { master: expand(root, infos.master).toString('hex'), agentRoot: expand(root, infos.agentRoot).toString('hex') };
}
/** Hex: the key of the agent named `name` (its hostname); valid for requests about that name only. */
function nodeHelperKey(agentRoot, name) {
    return expand(Buffer.from(agentRoot, 'hex'), `${infos.node}${name}`).toString('hex');
}
//# sourceMappingURL=helper-keys.js.map

/***/ }),

/***/ 6176:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $D: () => (/* binding */ generateClusterSecrets),
/* harmony export */   VX: () => (/* binding */ secretValues),
/* harmony export */   y$: () => (/* binding */ renderDeploymentParameters)
/* harmony export */ });
/* unused harmony exports deploymentParametersSchema, azureDefaults, smallSizeSwapMiB, swapSizeMiBFor, azureNodeConfig, renderAzureCloudInit, masterHostPattern */
/* harmony import */ var _cloud_init_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1146);
/* harmony import */ var _helper_keys_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(597);
/* harmony import */ var _keys_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5400);
/* harmony import */ var _node_config_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3531);




const deploymentParametersSchema = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';
/** Fixed choices of the template that are not user settings. */
const azureDefaults = {
    agentPrefix: 'agents',
    metadataUrl: 'http://169.254.169.254',
    /** Scheduled Events terminate notification: Azure accepts PT5M to PT15M. */
    terminateNotBeforeTimeout: 'PT5M',
    downGraceSeconds: 300,
    drainTimeoutSeconds: 120,
    // Preempt gives 30 s notice; the metadata service allows 5 requests a second: twice a second
    // leaves on average a quarter of a second (not half) between an event and its drain.
    eventPollSeconds: 0.5,
    osDiskType: 'StandardSSD_LRS',
    osDiskSizeGB: 32,
    fileShareQuotaGB: 100,
};
function generateClusterSecrets(cluster) {
    return {
        helperSecret: (0,_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .generateHelperSecret */ .a$)(),
        masterHostKey: (0,_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .generateHostKeyPair */ .bi)(cluster),
        masterRsaHostKey: (0,_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .generateRsaHostKeyPair */ .hO)(cluster),
        agentHostKey: (0,_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .generateHostKeyPair */ .bi)(cluster),
        agentRsaHostKey: (0,_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .generateRsaHostKeyPair */ .hO)(cluster),
    };
}
/**
 * Sizes with 2 GiB of memory or less (Ubuntu's Azure image has no swap): apt, docker.io,
 * walinuxagent and snapd together can run them out of memory on the first boot.
 */
const smallVmSizes = new Set([
    'standard_b1ls', 'standard_b1s', 'standard_b1ms', 'standard_b2ts_v2', 'standard_b2ats_v2', 'standard_b2pts_v2',
    'standard_a1_v2', 'standard_a0', 'standard_a1', 'basic_a0', 'basic_a1',
]);
/** A 2 GiB swap file for small sizes, none for the others. */
const smallSizeSwapMiB = 2048;
function swapSizeMiBFor(vmSize) {
    return smallVmSizes.has(vmSize.toLowerCase()) ? smallSizeSwapMiB : 0;
}
/** Every value of `secrets` (and the helper keys derived from it) that must be masked in logs. */
function secretValues(secrets) {
    const keys = (0,_helper_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .helperKeys */ .T)(secrets.helperSecret);
    return [
        secrets.helperSecret, keys.master, keys.agentRoot,
        secrets.masterHostKey.privateKey, secrets.masterRsaHostKey.privateKey, secrets.agentHostKey.privateKey, secrets.agentRsaHostKey.privateKey,
    ];
}
function azureNodeConfig(settings, role) {
    return {
        cluster: settings.name,
        role,
        masters: masterIndexes(settings).map((index) => ({ name: `master${index}`, address: _node_config_js__WEBPACK_IMPORTED_MODULE_3__/* .azureNetwork */ .E.masterAddress(index) })),
        helperPort: _node_config_js__WEBPACK_IMPORTED_MODULE_3__/* .defaultPorts */ .g.helper,
        healthPort: _node_config_js__WEBPACK_IMPORTED_MODULE_3__/* .defaultPorts */ .g.health,
        metadataUrl: azureDefaults.metadataUrl,
        downGraceSeconds: azureDefaults.downGraceSeconds,
        drainTimeoutSeconds: azureDefaults.drainTimeoutSeconds,
        eventPollSeconds: azureDefaults.eventPollSeconds,
    };
}
/** The plain cloud-config text of masters and agents (the template base64-encodes it). */
function renderAzureCloudInit(settings, secrets) {
    const common = {
        adminUsername: settings.adminUsername,
        sshPublicKey: settings.sshPublicKey,
        helperSecret: secrets.helperSecret,
        fileShare: settings.fileShare,
    };
    return {
        master: (0,_cloud_init_js__WEBPACK_IMPORTED_MODULE_0__/* .renderCloudInit */ .Mv)({
            ...common,
            role: 'master',
            node: azureNodeConfig(settings, 'master'),
            hostKey: secrets.masterHostKey,
            rsaHostKey: secrets.masterRsaHostKey,
            swapSizeMiB: settings.swapSizeMiB ?? swapSizeMiBFor(settings.masterSize),
        }),
        agent: (0,_cloud_init_js__WEBPACK_IMPORTED_MODULE_0__/* .renderCloudInit */ .Mv)({
            ...common,
            role: 'agent',
            node: azureNodeConfig(settings, 'agent'),
            hostKey: secrets.agentHostKey,
            rsaHostKey: secrets.agentRsaHostKey,
            swapSizeMiB: settings.swapSizeMiB ?? swapSizeMiBFor(settings.agentSize),
        }),
    };
}
function renderDeploymentParameters(settings, secrets) {
    const cloudInit = renderAzureCloudInit(settings, secrets);
    const values = {
        // Absent: the template defaults to the resource group's location.
        ...(settings.location === undefined ? {} : { location: settings.location }),
        dnsPrefix: settings.dnsPrefix,
        masterCount: settings.masterCount,
        masterSize: settings.masterSize,
        agentSize: settings.agentSize,
        agentPrefix: azureDefaults.agentPrefix,
        agentCount: settings.agentCount,
        minAgentCount: settings.minAgentCount,
        maxAgentCount: settings.maxAgentCount,
        autoscaleEnabled: settings.autoscale,
        adminUsername: settings.adminUsername,
        adminPublicKey: settings.sshPublicKey,
        allowedSshCidr: settings.allowedSshCidr,
        healthPort: _node_config_js__WEBPACK_IMPORTED_MODULE_3__/* .defaultPorts */ .g.health,
        helperPort: _node_config_js__WEBPACK_IMPORTED_MODULE_3__/* .defaultPorts */ .g.helper,
        servicePorts: _node_config_js__WEBPACK_IMPORTED_MODULE_3__/* .defaultPorts */ .g.services,
        terminateNotBeforeTimeout: azureDefaults.terminateNotBeforeTimeout,
        osDiskType: azureDefaults.osDiskType,
        osDiskSizeGB: azureDefaults.osDiskSizeGB,
        fileShareEnabled: settings.fileShare,
        faultDomainCount: settings.faultDomainCount,
        updateDomainCount: settings.updateDomainCount,
        fileShareQuotaGB: azureDefaults.fileShareQuotaGB,
        masterCloudInit: cloudInit.master,
        agentCloudInit: cloudInit.agent,
        tags: settings.tags,
    };
    return {
        $schema: deploymentParametersSchema,
        contentVersion: '1.0.0.0',
        parameters: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value }])),
    };
}
/**
 * A known_hosts pattern for every master's FQDN before the deployment: the labels end in a
 * suffix only Azure computes (uniqueString of the group) and the domain depends on the cloud,
 * so FQDNs themselves come only from the deployment's outputs.
 */
function masterHostPattern(settings) {
    return `${settings.dnsPrefix}-master?-*`;
}
function masterIndexes(settings) {
    return Array.from({ length: settings.masterCount }, (_, index) => index);
}
//# sourceMappingURL=parameters.js.map

/***/ })

};
