export const id = 813;
export const ids = [813];
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

/***/ 9813:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runLabDaemon: () => (/* binding */ runLabDaemon)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
// EXTERNAL MODULE: ./build/src/render/node-config.js
var node_config = __webpack_require__(3531);
// EXTERNAL MODULE: ./build/src/providers/lab/daemon/config.js
var daemon_config = __webpack_require__(2967);
// EXTERNAL MODULE: ./build/src/providers/lab/daemon/http-body.js
var http_body = __webpack_require__(1354);
// EXTERNAL MODULE: ./build/src/core/service-flavour.js
var service_flavour = __webpack_require__(3138);
// EXTERNAL MODULE: ./build/src/providers/lab/host/engine-api.js
var engine_api = __webpack_require__(9076);
;// CONCATENATED MODULE: ./build/src/providers/lab/daemon/backend-discovery.js
// Backend discovery of the lab's load balancer: which nodes run a task of a service that claims
// a public port, and on which host port. What a cycle costs scales with services and tasks, not
// with nodes: it asks one master (services, tasks, nodes: three Engine API calls).


/** Services that claim a public port (label `azswarm.lb-port`) and publish a port in host mode. */
function balancedServices(services, publicPorts) {
    const claimed = new Map();
    for (const service of services) {
        const lbPort = Number(service.Spec.Labels?.[service_flavour/* lbPortLabel */._l]);
        const published = service.Spec.EndpointSpec?.Ports?.find((port) => port.PublishMode === 'host' && (port.Protocol ?? 'tcp') === 'tcp');
        if (publicPorts.includes(lbPort) && published?.TargetPort)
            claimed.set(service.Spec.Name, { lbPort, targetPort: published.TargetPort });
    }
    return claimed;
}
/**
 * Backends from a manager's task list: each task of a balanced service that runs and is meant to
 * (a draining node's tasks are meant to shut down: they get no new connections from then on),
 * on a node of the lab, at the host port it published.
 */
function backendsFromTasks(tasks, services, publicPorts, swarmNodes, labNodes) {
    const claimed = balancedServices(services, publicPorts);
    const serviceById = new Map(services.flatMap((service) => {
        const balanced = claimed.get(service.Spec.Name);
        return balanced ? [[service.ID, balanced]] : [];
    }));
    const hostnameById = new Map(swarmNodes.map((node) => [node.ID, node.Description?.Hostname ?? '']));
    const labNodeByName = new Map(labNodes.map((node) => [node.name, node]));
    const found = new Map();
    for (const task of tasks) {
        const service = serviceById.get(task.ServiceID);
        const node = labNodeByName.get(hostnameById.get(task.NodeID ?? '') ?? '');
        if (!service || !node || task.DesiredState !== 'running' || task.Status.State !== 'running')
            continue;
        for (const port of task.Status.PortStatus?.Ports ?? []) {
            // Each host port is listed once for IPv4 and once for IPv6: keep one backend per port.
            if (port.PublishMode === 'host' && (port.Protocol ?? 'tcp') === 'tcp' && port.TargetPort === service.targetPort && port.PublishedPort) {
                found.set(`${node.name}:${port.PublishedPort}`, [service.lbPort, { node: node.name, host: node.address, port: port.PublishedPort }]);
            }
        }
    }
    // In the lab's node order (masters first), then by port: the order the round robin walks.
    const order = new Map(labNodes.map((node, index) => [node.name, index]));
    return [...found.values()].sort((a, b) => order.get(a[1].node) - order.get(b[1].node) || a[1].port - b[1].port);
}
/**
 * Discovery for the lab: services, running tasks and swarm nodes from the first master that
 * answers — three Engine API calls a cycle, however many nodes the lab has.
 */
function dockerBackendDiscovery(currentNodes, publicPorts) {
    return async () => {
        const nodes = currentNodes();
        const byPort = new Map(publicPorts.map((port) => [port, []]));
        const answer = await fromAMaster(nodes.filter((node) => node.role === 'master'), async (socket) => {
            const services = await (0,engine_api/* engineGetJson */.D6)(socket, '/services');
            if (balancedServices(services, publicPorts).size === 0)
                return { services, tasks: [], swarmNodes: [] };
            const filters = (0,engine_api/* engineFilters */.mp)({ 'desired-state': ['running'] });
            const [tasks, swarmNodes] = await Promise.all([
                (0,engine_api/* engineGetJson */.D6)(socket, `/tasks?filters=${filters}`),
                (0,engine_api/* engineGetJson */.D6)(socket, '/nodes'),
            ]);
            return { services, tasks, swarmNodes };
        });
        for (const [port, backend] of backendsFromTasks(answer.tasks, answer.services, publicPorts, answer.swarmNodes, nodes))
            byPort.get(port)?.push(backend);
        return byPort;
    };
}
/** The first master's answer to `ask`; the last failure when none answers. */
async function fromAMaster(masters, ask) {
    let lastError;
    for (const master of masters) {
        try {
            return await ask(master.dockerSocket);
        }
        catch (error) {
            lastError = error;
        }
    }
    throw lastError ?? new Error('the lab has no master');
}
//# sourceMappingURL=backend-discovery.js.map
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./build/src/providers/lab/daemon/load-balancer.js
// The lab's stand-in for Azure's load balancer: one listener per public service port on the lab
// bridge's address, forwarding whole TCP connections round-robin to the tasks of the service
// that claims the port, on nodes whose health endpoint answers 200 (Azure's probe: every ~2 s,
// out after 2 failures). Swarm's routing mesh needs IPVS, which this kernel lacks, so lab
// services publish in host mode and the balancer finds each task's host port itself.
// Only nodes hosting a discovered task are probed (backend-discovery.ts finds them): a node
// without a task for a port is never tried for it, so it needs no probe.


/** How long a backend may take to accept before the next one is tried. */
const connectTimeoutMs = 3_000;
class LabLoadBalancer {
    options;
    servers = [];
    sockets = new Set();
    health = new Map();
    discovered = new Map();
    nextIndex = new Map();
    timer;
    cycle = Promise.resolve();
    closed = false;
    /** The last discovery failure reported: a swarm not formed yet must not fill the log every cycle. */
    lastProblem;
    constructor(options) {
        this.options = options;
    }
    /** Listens on every port and starts probing; the first probe cycle has run when it resolves. */
    static async start(options, nodes) {
        const balancer = new LabLoadBalancer(options);
        balancer.setNodes(nodes);
        try {
            for (const port of options.ports)
                balancer.servers.push(await balancer.listen(port));
        }
        catch (error) {
            await balancer.close();
            throw error;
        }
        await balancer.runCycle();
        return balancer;
    }
    /** Replaces the node pool (nodes added or removed); known nodes keep their health. */
    setNodes(nodes) {
        this.health = new Map(nodes.map((node) => {
            const known = this.health.get(node.name);
            // A new node gets traffic only after its first successful probe, like a new VM on Azure.
            return [node.name, known && known.node.address === node.address ? known : { node, healthy: false, failures: 0 }];
        }));
    }
    get ports() {
        return this.options.ports;
    }
    /** Nodes whose last probes succeeded (only nodes hosting a backend are probed). */
    healthyNodes() {
        return [...this.health.values()].filter((entry) => entry.healthy).map((entry) => entry.node.name);
    }
    /** Backends that get new connections on a public port: discovered tasks on healthy nodes. */
    backends(port) {
        return (this.discovered.get(port) ?? []).filter((backend) => this.health.get(backend.node)?.healthy === true);
    }
    /** Runs one probe + discovery cycle now (after any cycle in flight) and resolves when done. */
    refresh() {
        this.cycle = this.cycle.then(() => this.probeAndDiscover());
        return this.cycle;
    }
    async close() {
        this.closed = true;
        clearTimeout(this.timer);
        for (const socket of this.sockets)
            socket.destroy();
        await Promise.all(this.servers.map((server) => new Promise((resolve) => server.close(resolve))));
        await this.cycle;
    }
    listen(port) {
        const server = (0,external_node_net_.createServer)((client) => this.forward(port, client));
        return new Promise((resolve, reject) => {
            server.once('error', reject);
            server.listen(port, this.options.listenAddress, () => resolve(server));
        });
    }
    async runCycle() {
        await this.refresh();
        if (!this.closed)
            this.timer = setTimeout(() => void this.runCycle(), this.options.probeIntervalMs ?? 2_000);
    }
    /** Discovers the backends, then probes the nodes that host one (the others get no traffic to guard). */
    async probeAndDiscover() {
        if (this.closed)
            return;
        try {
            this.discovered = await this.options.discover();
            this.lastProblem = undefined;
        }
        catch (error) {
            const problem = `load balancer: backend discovery failed: ${error.message}`;
            if (problem !== this.lastProblem)
                this.options.onProblem?.(problem);
            this.lastProblem = problem;
        }
        const hosting = new Set([...this.discovered.values()].flat().map((backend) => backend.node));
        const threshold = this.options.unhealthyThreshold ?? 2;
        const entries = [...this.health.values()].filter((entry) => hosting.has(entry.node.name));
        const results = await Promise.all(entries.map((entry) => this.probe(entry.node)));
        entries.forEach((entry, index) => {
            if (results[index]) {
                entry.healthy = true;
                entry.failures = 0;
            }
            else if (++entry.failures >= threshold) {
                entry.healthy = false;
            }
        });
        // A node whose tasks are gone is not probed any more: it must not keep an old "healthy".
        for (const entry of this.health.values()) {
            if (!hosting.has(entry.node.name))
                Object.assign(entry, { healthy: false, failures: 0 });
        }
    }
    /** Azure's HTTP probe: healthy only on a 200 within the interval. */
    probe(node) {
        const timeout = Math.max(200, Math.min(1_500, (this.options.probeIntervalMs ?? 2_000) - 200));
        return new Promise((resolve) => {
            const req = (0,external_node_http_.request)({ host: node.address, port: this.options.healthPort, path: this.options.healthPath ?? '/healthz', timeout }, (res) => {
                res.resume();
                resolve(res.statusCode === 200);
            });
            req.on('timeout', () => req.destroy());
            req.on('error', () => resolve(false));
            req.end();
        });
    }
    forward(port, client) {
        this.track(client);
        const candidates = this.backends(port);
        if (candidates.length === 0) {
            client.destroy(); // nothing healthy behind this port: close at once, as Azure's LB does
            return;
        }
        const first = (this.nextIndex.get(port) ?? 0) % candidates.length;
        this.nextIndex.set(port, first + 1);
        client.on('error', () => undefined);
        this.connectUpstream(client, candidates, first, candidates.length);
    }
    /** Tries backends in turn until one accepts: a task may have stopped since the last discovery. */
    connectUpstream(client, candidates, index, attemptsLeft) {
        if (attemptsLeft === 0 || client.destroyed) {
            client.destroy();
            return;
        }
        const backend = candidates[index % candidates.length];
        const upstream = this.track((0,external_node_net_.connect)({ host: backend.host, port: backend.port, timeout: connectTimeoutMs }));
        let connected = false;
        upstream.once('timeout', () => upstream.destroy(new Error('connect timeout')));
        upstream.once('error', () => {
            if (!connected)
                this.connectUpstream(client, candidates, index + 1, attemptsLeft - 1);
        });
        upstream.once('connect', () => {
            connected = true;
            upstream.setTimeout(0);
            upstream.on('error', () => client.destroy());
            client.on('close', () => upstream.destroy());
            upstream.on('close', () => client.destroy());
            client.pipe(upstream);
            upstream.pipe(client);
        });
    }
    track(socket) {
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
        return socket;
    }
}
//# sourceMappingURL=load-balancer.js.map
;// CONCATENATED MODULE: ./build/src/providers/lab/daemon/event-long-poll.js
class EventLongPoll {
    source;
    holdMs;
    /** Per node, the incarnation it was last answered. */
    answered = new Map();
    held = new Set();
    /** `holdMs` 0: every answer at once, as Azure's. */
    constructor(source, holdMs) {
        this.source = source;
        this.holdMs = holdMs;
    }
    /** The document to answer `req` with, when it is due; undefined when the asker went away meanwhile. */
    async answer(req, node) {
        let document = this.source.documentFor(node);
        const unchanged = this.answered.get(node.name) === document.DocumentIncarnation;
        if (this.holdMs > 0 && unchanged && document.Events.length === 0 && !this.held.has(node.name)) {
            this.held.add(node.name);
            await this.changeOrHold(req);
            this.held.delete(node.name);
            if (req.socket.destroyed)
                return undefined; // the watcher went away (killed, or its node stopped)
            document = this.source.documentFor(node);
        }
        this.answered.set(node.name, document.DocumentIncarnation);
        return document;
    }
    changeOrHold(req) {
        return new Promise((resolve) => {
            const done = () => {
                cancel();
                clearTimeout(timer);
                req.socket.off('close', done);
                resolve();
            };
            const cancel = this.source.onNextChange(done);
            const timer = setTimeout(done, this.holdMs);
            req.socket.once('close', done);
        });
    }
}
//# sourceMappingURL=event-long-poll.js.map
;// CONCATENATED MODULE: ./build/src/providers/lab/daemon/metadata.js
// Azure's Instance Metadata Service as the lab's nodes see it: instance/compute and Scheduled
// Events, with Azure's REST shapes. Served on the lab bridge's own address (never on
// 169.254.169.254 in the machine's namespace, which the machine itself uses); a node is told
// apart by its request's source address, as each node has its own address on the bridge.





const scheduledEventTypes = ['Freeze', 'Reboot', 'Redeploy', 'Preempt', 'Terminate'];
/**
 * The events the lab has announced. Like Azure, every VM of the same availability set (the
 * masters) or scale set (the agents) sees the group's events: a watcher must check `Resources`.
 * An event becomes Started when acknowledged or when its NotBefore passes.
 */
class ScheduledEventBoard {
    incarnation = 1;
    events = [];
    listeners = new Set();
    /** Calls `listener` once, at the board's next change or its close; returns the cancel. */
    onNextChange(listener) {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }
    /**
     * Announces an event for one node or several of one group (a scale-in of many instances is one
     * Terminate event naming them all); resolves when it is Started, telling whether a node acknowledged.
     */
    post(target, type, notBeforeSeconds) {
        const nodes = Array.isArray(target) ? target : [target];
        if (nodes.length === 0 || nodes.some((node) => node.role !== nodes[0].role)) {
            throw new errors/* ToolkitError */.h4('nodes: an event names one or more nodes, all masters or all agents', 'setting-invalid');
        }
        if (!scheduledEventTypes.includes(type)) {
            throw new errors/* ToolkitError */.h4(`eventType: must be one of ${scheduledEventTypes.join(', ')} (got ${JSON.stringify(type)})`, 'setting-invalid');
        }
        if (!Number.isFinite(notBeforeSeconds) || notBeforeSeconds < 0) {
            throw new errors/* ToolkitError */.h4(`notBeforeSeconds: must be a number of seconds, 0 or more (got ${notBeforeSeconds})`, 'setting-invalid');
        }
        const id = (0,external_node_crypto_.randomUUID)().toUpperCase();
        let resolve;
        const started = new Promise((done) => (resolve = done));
        // NotBefore is whole seconds on the wire (RFC 1123), so the timeout rounds up to match it.
        const notBefore = new Date(Math.ceil((Date.now() + notBeforeSeconds * 1000) / 1000) * 1000);
        const timer = setTimeout(() => this.start(id, 'timed-out'), notBefore.getTime() - Date.now());
        this.events.push({ id, type, nodes, status: 'Scheduled', notBefore, timer, resolve });
        this.changed();
        return { eventId: id, started };
    }
    /** Events visible to a node: those of its group (availability set or scale set). */
    documentFor(node) {
        return {
            DocumentIncarnation: this.incarnation,
            Events: this.events
                .filter((event) => event.nodes[0].role === node.role)
                .map((event) => ({
                EventId: event.id,
                EventType: event.type,
                ResourceType: 'VirtualMachine',
                Resources: event.nodes.map((named) => named.vmName),
                EventStatus: event.status,
                NotBefore: event.notBefore.toUTCString(),
                Description: `${event.type} requested by the lab for ${event.nodes.map((named) => named.vmName).join(', ')}`,
                EventSource: 'User',
                DurationInSeconds: -1,
            })),
        };
    }
    /** A node's `StartRequests`; returns the ids that no event of the node's group has. */
    acknowledge(node, eventIds) {
        const unknown = eventIds.filter((id) => !this.events.some((event) => event.id === id && event.nodes[0].role === node.role));
        if (unknown.length === 0)
            for (const id of eventIds)
                this.start(id, 'acknowledged');
        return unknown;
    }
    /** Removes the events naming a node (the lab has acted on them); their waiters get 'timed-out'. */
    clear(nodeName) {
        const names = (event) => event.nodes.some((node) => node.name === nodeName);
        const kept = this.events.filter((event) => !names(event));
        if (kept.length === this.events.length)
            return;
        for (const event of this.events) {
            if (names(event)) {
                clearTimeout(event.timer);
                event.resolve('timed-out');
            }
        }
        this.events.splice(0, this.events.length, ...kept);
        this.changed();
    }
    /** Drops every event and timer, and lets go of every listener (daemon shutdown). */
    close() {
        for (const name of new Set(this.events.flatMap((event) => event.nodes.map((node) => node.name))))
            this.clear(name);
        this.notify();
    }
    changed() {
        this.incarnation += 1;
        this.notify();
    }
    notify() {
        const waiting = [...this.listeners];
        this.listeners.clear();
        for (const listener of waiting)
            listener();
    }
    start(id, outcome) {
        const event = this.events.find((candidate) => candidate.id === id);
        if (!event || event.status === 'Started')
            return;
        clearTimeout(event.timer);
        event.status = 'Started';
        this.changed();
        event.resolve(outcome);
    }
}
/** Starts the metadata server; resolves once it listens. */
async function startMetadataServer(options) {
    const polls = new EventLongPoll(options.events, options.holdIdleEventsMs ?? 0);
    const server = (0,external_node_http_.createServer)((req, res) => {
        handleMetadataRequest(req, res, options, polls).catch((error) => reply(res, 500, { error: error.message }));
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.address, () => resolve());
    });
    return server;
}
function reply(res, status, body, contentType = 'application/json; charset=utf-8') {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
}
async function handleMetadataRequest(req, res, options, polls) {
    const url = new URL(req.url ?? '/', 'http://metadata');
    // Azure's own rules: the header proves the request comes from code that means to ask IMDS.
    if (req.headers.metadata !== 'true')
        return reply(res, 400, { error: 'Bad request. Required metadata header not specified' });
    if (!url.searchParams.get('api-version'))
        return reply(res, 400, { error: 'Bad request. api-version was not specified in the request' });
    const source = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    const node = options.identify(source);
    if (!node)
        return reply(res, 403, { error: `Forbidden. ${source} is not a node of this lab` });
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/metadata/scheduledevents') {
        if (req.method === 'GET') {
            const document = await polls.answer(req, node);
            return document && reply(res, 200, document);
        }
        if (req.method === 'POST')
            return acknowledgeEvents(req, res, node, options.events);
        return reply(res, 405, { error: 'Method not allowed' });
    }
    if (req.method !== 'GET')
        return reply(res, 405, { error: 'Method not allowed' });
    const document = { compute: computeDocument(node), network: networkDocument(node) };
    const value = path.startsWith('/metadata/instance') ? lookup(document, path.slice('/metadata/instance'.length)) : undefined;
    if (value === undefined)
        return reply(res, 404, { error: 'Not found' });
    if (url.searchParams.get('format') === 'text') {
        if (typeof value === 'object')
            return reply(res, 400, { error: 'Bad request. Text format is only supported for leaf nodes' });
        return reply(res, 200, String(value), 'text/plain; charset=utf-8');
    }
    return reply(res, 200, value);
}
async function acknowledgeEvents(req, res, node, events) {
    let body;
    try {
        body = JSON.parse(await (0,http_body/* readCappedBody */.m)(req));
    }
    catch {
        return reply(res, 400, { error: 'Bad request. The body is not JSON' });
    }
    const ids = Array.isArray(body.StartRequests) ? body.StartRequests.map((request) => request.EventId) : undefined;
    if (!ids || ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
        return reply(res, 400, { error: 'Bad request. Expected {"StartRequests": [{"EventId": "..."}]}' });
    }
    const unknown = events.acknowledge(node, ids);
    if (unknown.length > 0)
        return reply(res, 400, { error: `Bad request. Unknown EventId: ${unknown.join(', ')}` });
    reply(res, 200, '', 'text/plain');
}
/** `/compute/name` -> document.compute.name; '' -> the whole document. */
function lookup(document, path) {
    let value = document;
    for (const key of path.split('/').filter(Boolean)) {
        if (value === null || typeof value !== 'object' || !(key in value))
            return undefined;
        value = value[key];
    }
    return value;
}
function computeDocument(node) {
    return {
        azEnvironment: 'AzurePublicCloud',
        location: 'lab',
        name: node.vmName,
        osType: 'Linux',
        osProfile: { adminUsername: '', computerName: node.name, disablePasswordAuthentication: 'true' },
        provider: 'Microsoft.Compute',
        resourceGroupName: node.lab,
        tags: '',
        tagsList: [],
        vmId: node.vmId,
        vmScaleSetName: node.scaleSet ?? '',
        vmSize: 'Lab',
        zone: '',
    };
}
function networkDocument(node) {
    return {
        interface: [{ ipv4: { ipAddress: [{ privateIpAddress: node.address, publicIpAddress: '' }], subnet: [] }, ipv6: { ipAddress: [] }, macAddress: '' }],
    };
}
//# sourceMappingURL=metadata.js.map
;// CONCATENATED MODULE: ./build/src/providers/lab/daemon/monitor.js
// The lab's monitor: on Azure the visualizer container on master0's loopback shows nodes x tasks; the
// lab cannot pull that image, so its daemon serves this page instead. The view is a pure function
// of the Engine API's /nodes, /services and /tasks answers (tested on captured JSON).


/** Tasks the orchestrator still wants (not the shutdown/rejected history the API also returns). */
function isCurrent(task) {
    return task.DesiredState === 'running' || task.DesiredState === 'ready' || task.Status.State === 'running';
}
function clusterStatus(nodes, services, tasks, now) {
    const serviceNames = new Map(services.map((service) => [service.ID, service.Spec.Name]));
    const current = tasks.filter(isCurrent);
    const monitorNodes = nodes
        .map((node) => ({
        id: node.ID,
        hostname: node.Description.Hostname,
        role: node.Spec.Role === 'manager' ? 'manager' : 'worker',
        leader: node.ManagerStatus?.Leader === true,
        state: node.Status.State,
        availability: node.Spec.Availability,
        address: node.Status.Addr ?? '',
        tasks: current
            .filter((task) => task.NodeID === node.ID)
            .map((task) => monitorTask(task, serviceNames.get(task.ServiceID) ?? task.ServiceID))
            .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true })),
    }))
        .sort((a, b) => Number(b.role === 'manager') - Number(a.role === 'manager') || a.hostname.localeCompare(b.hostname, 'en', { numeric: true }));
    const monitorServices = services
        .map((service) => {
        const own = current.filter((task) => task.ServiceID === service.ID);
        const lbPort = Number(service.Spec.Labels?.[service_flavour/* lbPortLabel */._l]);
        return {
            name: service.Spec.Name,
            mode: service.Spec.Mode.Global ? 'global' : 'replicated',
            image: service.Spec.TaskTemplate.ContainerSpec?.Image?.replace(/@sha256:.*/, '') ?? '',
            running: own.filter((task) => task.Status.State === 'running').length,
            desired: service.Spec.Mode.Global ? own.filter((task) => task.DesiredState === 'running').length : (service.Spec.Mode.Replicated?.Replicas ?? 0),
            ...(Number.isInteger(lbPort) && lbPort > 0 ? { lbPort } : {}),
        };
    })
        .sort((a, b) => a.name.localeCompare(b.name));
    return { generatedAt: now.toISOString(), nodes: monitorNodes, services: monitorServices };
}
function monitorTask(task, service) {
    const ports = [...new Set((task.Status.PortStatus?.Ports ?? []).flatMap((port) => (port.PublishedPort ? [port.PublishedPort] : [])))];
    return {
        id: task.ID,
        name: task.Slot ? `${service}.${task.Slot}` : service,
        service,
        state: task.Status.State,
        desiredState: task.DesiredState,
        ports,
        ...(task.Status.Err ? { error: task.Status.Err } : {}),
    };
}
/** Reads the cluster's state from a manager's docker socket. */
async function readClusterStatus(managerSocketPath, now = () => new Date()) {
    const [nodes, services, tasks] = await Promise.all([
        (0,engine_api/* engineGetJson */.D6)(managerSocketPath, '/nodes'),
        (0,engine_api/* engineGetJson */.D6)(managerSocketPath, '/services'),
        (0,engine_api/* engineGetJson */.D6)(managerSocketPath, '/tasks'),
    ]);
    return clusterStatus(nodes, services, tasks, now());
}
const escapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (char) => escapes[char]);
/** The page: one column per node with its tasks, a services table; refreshes itself every 2 s. */
function renderMonitorPage(lab, status) {
    const body = 'error' in status
        ? `<p class="error">cannot read the swarm: ${escapeHtml(status.error)}</p>`
        : `<div class="nodes">${status.nodes.map(renderNode).join('')}</div>\n${renderServices(status.services)}`;
    return `<!doctype html>
<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
<title>${escapeHtml(lab)}: swarm monitor</title>
<style>
body{font-family:sans-serif;margin:1em;background:#f4f6f8}
.nodes{display:flex;flex-wrap:wrap;gap:.8em;align-items:flex-start}
.node{background:#fff;border:2px solid #3b7;border-radius:6px;padding:.5em;min-width:11em}
.node.down,.node.unknown,.node.disconnected{border-color:#c33;opacity:.7}.node.drain{border-style:dashed}
.node h2{font-size:1em;margin:0 0 .3em}.node .meta{font-size:.8em;color:#555}
.task{margin:.3em 0;padding:.2em .4em;border-radius:4px;background:#def;font-size:.85em}
.task.running{background:#cfc}.task.failed,.task.rejected{background:#fcc}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:.2em .6em}.error{color:#c33}
</style></head>
<body><h1>${escapeHtml(lab)}</h1>
<p class="meta">updated ${escapeHtml(status.generatedAt)}; <a href="status.json">status.json</a></p>
${body}
</body></html>
`;
}
function renderNode(node) {
    const role = node.role === 'manager' ? (node.leader ? 'manager (leader)' : 'manager') : 'worker';
    const tasks = node.tasks
        .map((task) => {
        const ports = task.ports.length ? ` :${task.ports.join(',:')}` : '';
        const error = task.error ? ` title="${escapeHtml(task.error)}"` : '';
        return `<div class="task ${escapeHtml(task.state)}"${error}>${escapeHtml(task.name)} <small>${escapeHtml(task.state)}${escapeHtml(ports)}</small></div>`;
    })
        .join('');
    return `<div class="node ${escapeHtml(node.state)} ${escapeHtml(node.availability)}"><h2>${escapeHtml(node.hostname)}</h2>
<div class="meta">${escapeHtml(role)} · ${escapeHtml(node.state)} · ${escapeHtml(node.availability)} · ${escapeHtml(node.address)}</div>${tasks}</div>`;
}
function renderServices(services) {
    const rows = services
        .map((service) => `<tr><td>${escapeHtml(service.name)}</td><td>${service.mode}</td><td>${service.running}/${service.desired}</td><td>${escapeHtml(service.image)}</td><td>${service.lbPort ?? ''}</td></tr>`)
        .join('\n');
    return `<table><tr><th>service</th><th>mode</th><th>running</th><th>image</th><th>load balancer port</th></tr>\n${rows}</table>`;
}
//# sourceMappingURL=monitor.js.map
;// CONCATENATED MODULE: ./build/src/providers/lab/daemon/server.js
// The lab daemon: one long-running process per lab, in the machine's own namespace, serving on
// the lab bridge's gateway address what Azure's platform gives the VMs and the user: instance
// metadata + Scheduled Events, the load balancer, and the monitor page. The lab core writes
// `daemon.json` in the lab's state folder (config.ts) and drives the daemon through `daemon.sock`
// (HTTP over a unix socket) with client.ts.













function portsOf(config) {
    return {
        metadata: config.ports?.metadata ?? daemon_config/* labMetadataPort */.cU,
        monitor: config.ports?.monitor ?? node_config/* defaultPorts */.g.visualizer,
        services: config.ports?.services ?? node_config/* defaultPorts */.g.services,
        health: config.ports?.health ?? node_config/* defaultPorts */.g.health,
    };
}
function identityOf(config, node) {
    const vmId = node.vmId ?? uuidFrom(`${config.lab}/${node.name}/${node.instanceId}`);
    return {
        name: node.name,
        vmName: node.vmName ?? node.name,
        vmId,
        role: node.role,
        address: node.address,
        lab: config.lab,
        ...(node.scaleSet ? { scaleSet: node.scaleSet } : {}),
    };
}
function uuidFrom(text) {
    const hex = (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
// --- the daemon -------------------------------------------------------------------------------
/** How often a running daemon checks that its lab still exists. */
const orphanCheckMs = 2_000;
/**
 * How long the metadata server holds a watcher's Scheduled Events request while nothing changed
 * for it (event-long-poll.ts): well within the watcher's 120 s timeout for that call.
 */
const idleEventsHoldMs = 30_000;
/** Runs until a shutdown request or SIGTERM; called by process-entry for AZSWARM_LAB_PROCESS=lab-daemon. */
async function runLabDaemon(stateDir) {
    const log = (message) => (0,external_node_fs_.appendFileSync)((0,external_node_path_.join)(stateDir, daemon_config/* daemonFiles */.oJ.log), `${new Date().toISOString()} ${message}\n`);
    let config = (0,daemon_config/* readDaemonConfig */.TK)(stateDir);
    const ports = portsOf(config);
    const events = new ScheduledEventBoard();
    const dockerNodes = () => config.nodes.map(({ name, address, role, dockerSocket }) => ({ name, address, role, dockerSocket }));
    const servers = [];
    let balancer;
    let stopRequested = async () => undefined;
    const stopped = new Promise((resolve) => {
        const stop = async () => {
            events.close();
            await balancer?.close();
            await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
            await (0,promises_.rm)((0,external_node_path_.join)(stateDir, daemon_config/* daemonFiles */.oJ.socket), { force: true });
            log('stopped');
            resolve();
        };
        let stopping;
        const requestStop = () => (stopping ??= stop());
        process.once('SIGTERM', requestStop);
        process.once('SIGINT', requestStop);
        stopRequested = requestStop;
    });
    // A daemon whose lab folder is gone is an orphan (its lab was destroyed while the command that
    // started it was killed before recording it): it must not keep holding the lab's ports.
    const orphanCheck = setInterval(() => {
        if ((0,external_node_fs_.existsSync)(stateDir))
            return;
        clearInterval(orphanCheck);
        void stopRequested();
    }, orphanCheckMs);
    void stopped.then(() => clearInterval(orphanCheck));
    try {
        servers.push(await startMetadataServer({
            address: config.gateway,
            port: ports.metadata,
            events,
            holdIdleEventsMs: idleEventsHoldMs,
            identify: (address) => {
                const node = config.nodes.find((candidate) => candidate.address === address);
                return node && identityOf(config, node);
            },
        }));
        balancer = await LabLoadBalancer.start({
            listenAddress: config.gateway,
            ports: ports.services,
            healthPort: ports.health,
            probeIntervalMs: config.probeIntervalMs ?? 2_000,
            discover: dockerBackendDiscovery(dockerNodes, ports.services),
            onProblem: log,
        }, dockerNodes());
        servers.push(await listenHttp((0,external_node_http_.createServer)((req, res) => void serveMonitor(req, res, config)), { port: ports.monitor, host: config.gateway }));
        const control = (0,external_node_http_.createServer)((req, res) => {
            const context = {
                events,
                balancer: balancer,
                reload: () => {
                    const previous = config;
                    config = (0,daemon_config/* readDaemonConfig */.TK)(stateDir);
                    balancer.setNodes(dockerNodes());
                    for (const node of previous.nodes)
                        if (!config.nodes.some((kept) => kept.name === node.name))
                            events.clear(node.name);
                    log(`nodes changed: ${config.nodes.map((node) => node.name).join(', ')}`);
                },
                identity: (name) => {
                    const node = config.nodes.find((candidate) => candidate.name === name);
                    return node && identityOf(config, node);
                },
                stop: () => stopRequested(),
                log,
            };
            handleControl(req, res, context).catch((error) => sendJson(res, 500, { error: (0,errors/* describeError */.Uc)(error) }));
        });
        await (0,promises_.rm)((0,external_node_path_.join)(stateDir, daemon_config/* daemonFiles */.oJ.socket), { force: true });
        servers.push(await listenHttp(control, (0,external_node_path_.join)(stateDir, daemon_config/* daemonFiles */.oJ.socket)));
        log(`ready: metadata ${config.gateway}:${ports.metadata}, monitor :${ports.monitor}, load balancer :${ports.services.join(', :')}`);
    }
    catch (error) {
        log(`failed to start: ${(0,errors/* describeError */.Uc)(error)}`);
        await stopRequested();
        throw error;
    }
    await stopped;
}
function listenHttp(server, where) {
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(where, () => resolve(server));
    });
}
function sendJson(res, status, body) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
}
async function serveMonitor(req, res, config) {
    const path = new URL(req.url ?? '/', 'http://monitor').pathname;
    if (path !== '/' && path !== '/status.json')
        return sendJson(res, 404, { error: 'not found' });
    let status;
    try {
        status = await firstAnswer(config.nodes.filter((node) => node.role === 'master'), (node) => readClusterStatus(node.dockerSocket));
    }
    catch (error) {
        status = { error: (0,errors/* describeError */.Uc)(error), generatedAt: new Date().toISOString() };
    }
    if (path === '/status.json')
        return sendJson(res, 'error' in status ? 503 : 200, status);
    const html = renderMonitorPage(config.lab, status);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html), 'Cache-Control': 'no-store' });
    res.end(html);
}
/** The first master whose docker answers (master0 may be down while another master leads). */
async function firstAnswer(masters, read) {
    let lastError = new errors/* ToolkitError */.h4('the lab has no master', 'lab-no-master');
    for (const master of masters) {
        try {
            return await read(master);
        }
        catch (error) {
            lastError = error;
        }
    }
    throw lastError;
}
async function handleControl(req, res, context) {
    const route = `${req.method} ${new URL(req.url ?? '/', 'http://control').pathname}`;
    const body = req.method === 'POST' ? await readJson(req) : {};
    switch (route) {
        case 'GET /ready':
            return sendJson(res, 200, { pid: process.pid });
        case 'GET /load-balancer': {
            const ports = Object.fromEntries(context.balancer.ports.map((port) => [port, context.balancer.backends(port)]));
            return sendJson(res, 200, { healthyNodes: context.balancer.healthyNodes(), backends: ports });
        }
        case 'POST /nodes-changed':
            context.reload();
            await context.balancer.refresh();
            return sendJson(res, 200, {});
        case 'POST /events': {
            const { nodes, eventType, notBeforeSeconds } = body;
            const identities = (Array.isArray(nodes) ? nodes : []).map((name) => ({ name, identity: context.identity(String(name)) }));
            const missing = identities.find((entry) => entry.identity === undefined);
            if (identities.length === 0 || missing)
                return sendJson(res, 404, { error: `nodes: no node named ${JSON.stringify(missing?.name)} in this lab` });
            const posted = context.events.post(identities.map((entry) => entry.identity), eventType, notBeforeSeconds ?? 0);
            context.log(`scheduled event ${posted.eventId}: ${eventType} for ${identities.map((entry) => entry.name).join(', ')}, not before ${notBeforeSeconds ?? 0} s`);
            const outcome = await posted.started;
            context.log(`scheduled event ${posted.eventId} started: ${outcome}`);
            return sendJson(res, 200, { eventId: posted.eventId, outcome });
        }
        case 'POST /events/clear': {
            const { node } = body;
            context.events.clear(node ?? '');
            return sendJson(res, 200, {});
        }
        case 'POST /shutdown':
            sendJson(res, 200, {});
            res.once('finish', () => void context.stop());
            return;
        default:
            return sendJson(res, 404, { error: `no control route ${route}` });
    }
}
async function readJson(req) {
    const text = await (0,http_body/* readCappedBody */.m)(req);
    try {
        return text === '' ? {} : JSON.parse(text);
    }
    catch {
        throw new errors/* ToolkitError */.h4('control request body is not JSON', 'lab-daemon-bad-request');
    }
}
//# sourceMappingURL=server.js.map

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

/***/ })

};
