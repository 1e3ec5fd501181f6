export const id = 702;
export const ids = [702];
export const modules = {

/***/ 4702:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  withSession: () => (/* binding */ withSession)
});

// UNUSED EXPORTS: SshSession

// EXTERNAL MODULE: ./node_modules/node-ssh/lib/esm/index.mjs + 2 modules
var esm = __webpack_require__(9487);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./build/src/swarm/host-keys.js
// Pinned host keys: the server must present one of the keys the provider recorded when it
// created the master. Host-key checking is never switched off.


/** Parses `ssh-ed25519 AAAA... [comment]` (or a known_hosts line with host names first). */
function parseHostKey(line) {
    const fields = line.trim().split(/\s+/);
    const typeIndex = fields.findIndex((field) => /^(ssh-|ecdsa-sha2-)/.test(field));
    const encoded = typeIndex >= 0 ? fields[typeIndex + 1] : undefined;
    if (typeIndex < 0 || encoded === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) {
        throw new errors/* ToolkitError */.h4(`host key "${line.slice(0, 40)}" is not an OpenSSH public key line`, 'host-key-invalid');
    }
    const blob = Buffer.from(encoded, 'base64');
    // The blob starts with its own algorithm name; a key line whose two halves disagree is corrupt.
    const innerType = blob.subarray(4, 4 + blob.readUInt32BE(0)).toString('latin1');
    if (innerType !== fields[typeIndex]) {
        throw new errors/* ToolkitError */.h4(`host key of type ${fields[typeIndex]} carries a ${innerType} key`, 'host-key-invalid');
    }
    return { type: fields[typeIndex], blob };
}
/** OpenSSH's fingerprint notation (`SHA256:...`, unpadded base64), for messages. */
function fingerprint(blob) {
    return `SHA256:${(0,external_node_crypto_.createHash)('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}
/** Host-key algorithms to offer, so that the server presents a key of a pinned type. */
function hostKeyAlgorithms(keys) {
    const algorithms = keys.flatMap((key) => (key.type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [key.type]));
    return [...new Set(algorithms)];
}
//# sourceMappingURL=host-keys.js.map
;// CONCATENATED MODULE: ./build/src/swarm/shell-quote.js
// Commands reach a master as one string that the remote login shell splits again, so every
// argument is quoted here: what the caller passes as one argv element stays one element.
const safeArgument = /^[A-Za-z0-9_@%+=:,./-]+$/;
/** One argument as POSIX sh reads it back unchanged: single quotes, `'` written as `'\''`. */
function shellQuote(argument) {
    if (safeArgument.test(argument))
        return argument;
    return `'${argument.replaceAll("'", `'\\''`)}'`;
}
function commandLine(argv) {
    return argv.map(shellQuote).join(' ');
}
//# sourceMappingURL=shell-quote.js.map
;// CONCATENATED MODULE: ./build/src/swarm/ssh-session.js
// One SSH connection to a master, reused for every remote command of a CLI command or action
// step. The host key is pinned: a server that presents any other key is refused.





const defaultConnectTimeoutMs = 20_000;
const defaultCommandTimeoutMs = 120_000;
class SshSession {
    ssh;
    where;
    reporter;
    commandTimeoutMs;
    constructor(ssh, where, reporter, commandTimeoutMs) {
        this.ssh = ssh;
        this.where = where;
        this.reporter = reporter;
        this.commandTimeoutMs = commandTimeoutMs;
    }
    static async open(target, reporter, options = {}) {
        reporter.secret(target.privateKey);
        const where = `${target.username}@${target.host}:${target.port}${options.through ? ` via ${options.through.where}` : ''}`;
        if (target.hostKeys.length === 0) {
            throw new errors/* ToolkitError */.h4(`no pinned host key for ${where}`, 'host-key-missing', 'the provider must record the node\'s host key');
        }
        const pinned = target.hostKeys.map(parseHostKey);
        let presented;
        // Our own TCP socket, with Nagle's algorithm off: with it on, each command's small packets
        // (channel open, exec request, EOF) waited for the peer's delayed ACK, ~80 ms per remote
        // command and ~170 ms per connection on the lab (docs/benchmarks.md). ssh2 takes a socket
        // that is still connecting as its own: the same connect errors and ready timeout.
        const sock = options.through
            ? await options.through.forward(target.host, target.port, { address: '127.0.0.1', port: 0 })
            : (0,external_node_net_.connect)({ host: target.host, port: target.port, noDelay: true });
        const ssh = new esm/* NodeSSH */.H();
        try {
            await ssh.connect({
                sock,
                host: target.host,
                port: target.port,
                username: target.username,
                privateKey: target.privateKey,
                readyTimeout: options.connectTimeoutMs ?? defaultConnectTimeoutMs,
                keepaliveInterval: 10_000,
                algorithms: { serverHostKey: hostKeyAlgorithms(pinned) },
                hostVerifier: (key) => {
                    presented = key;
                    return pinned.some((candidate) => candidate.blob.equals(key));
                },
            });
        }
        catch (error) {
            ssh.dispose();
            sock.destroy();
            throw connectError(error, where, pinned.map((key) => fingerprint(key.blob)), presented);
        }
        reporter.debug(`ssh: connected to ${where}`);
        return new SshSession(ssh, where, reporter, options.commandTimeoutMs ?? defaultCommandTimeoutMs);
    }
    /** Runs argv (each element quoted) and returns its output and exit status, whatever it is. */
    async run(argv, options = {}) {
        const timeoutMs = options.timeoutMs ?? this.commandTimeoutMs;
        // OpenSSH ignores signal requests once stdin is closed and does not kill a command whose
        // channel closes, so the remote side bounds its own run time: nothing is left behind.
        const remoteLimit = String(Math.ceil(timeoutMs / 1000) + 1);
        const line = commandLine(['timeout', '-s', 'KILL', remoteLimit, ...argv]);
        let channel;
        let timer;
        const timeout = new Promise((_resolve, reject) => {
            timer = setTimeout(() => {
                channel?.close();
                reject(new errors/* ToolkitError */.h4(`${argv[0]} on ${this.where} did not finish within ${timeoutMs / 1000} s`, 'ssh-timeout'));
            }, timeoutMs);
        });
        this.reporter.debug(`ssh ${this.where}: ${line}`);
        const onStdout = options.onStdout;
        const execution = this.ssh.execCommand(line, {
            stdin: options.stdin,
            onChannel: (opened) => (channel = opened),
            ...(onStdout ? { onStdout: (chunk) => onStdout(chunk.toString('utf8')) } : {}),
        });
        try {
            const result = await Promise.race([execution, timeout]);
            return { stdout: result.stdout, stderr: result.stderr, code: result.code };
        }
        catch (error) {
            if (error instanceof errors/* ToolkitError */.h4)
                throw error;
            throw new errors/* ToolkitError */.h4(`ssh to ${this.where} failed: ${(0,errors/* describeError */.Uc)(error)}`, 'ssh-failed', undefined, { cause: error });
        }
        finally {
            clearTimeout(timer);
        }
    }
    /** Runs argv and returns its standard output; a non-zero exit is an error quoting stderr. */
    async check(argv, options = {}) {
        const result = await this.run(argv, options);
        if (result.code !== 0) {
            const detail = (result.stderr || result.stdout).split('\n').slice(-5).join('\n');
            throw new errors/* ToolkitError */.h4(`${argv.slice(0, 3).join(' ')} failed on ${this.where} (exit ${result.code}): ${detail}`, 'remote-command-failed');
        }
        return result.stdout;
    }
    /**
     * A TCP stream to host:port as master0 sees it (the `ssh -L` of the original `make proxy`);
     * `from` is only reported to sshd as the originating address.
     */
    async forward(host, port, from) {
        try {
            return await this.ssh.forwardOut(from.address, from.port, host, port);
        }
        catch (error) {
            throw new errors/* ToolkitError */.h4(`ssh ${this.where} could not open a tunnel to ${host}:${port}: ${(0,errors/* describeError */.Uc)(error)}`, 'ssh-tunnel-failed', undefined, { cause: error });
        }
    }
    /** Resolves when the connection ends (the master went away, or close()). */
    closed() {
        return new Promise((resolve) => {
            const connection = this.ssh.connection;
            if (!connection)
                return resolve();
            connection.once('close', () => resolve());
        });
    }
    close() {
        this.ssh.dispose();
    }
}
/** Opens a session, runs `work` with it and always closes it. */
async function withSession(target, reporter, work, options) {
    const session = await SshSession.open(target, reporter, options);
    try {
        return await work(session);
    }
    finally {
        session.close();
    }
}
function connectError(error, where, expected, presented) {
    const message = (0,errors/* describeError */.Uc)(error);
    if (presented && /verification failed/i.test(message)) {
        return new errors/* ToolkitError */.h4(`host key mismatch for ${where}: the server presented ${fingerprint(presented)}, expected ${expected.join(' or ')}`, 'host-key-mismatch', 'the node was replaced or this is not the node the provider recorded; refusing to connect');
    }
    if (!presented && /host key/i.test(message)) {
        return new errors/* ToolkitError */.h4(`host key mismatch for ${where}: the server offers no key of a pinned type (${message})`, 'host-key-mismatch');
    }
    if (/authentication methods failed/i.test(message)) {
        return new errors/* ToolkitError */.h4(`ssh to ${where}: the private key was not accepted`, 'ssh-auth-failed');
    }
    return new errors/* ToolkitError */.h4(`cannot connect to ${where}: ${message}`, 'ssh-connect-failed', undefined, { cause: error });
}
//# sourceMappingURL=ssh-session.js.map

/***/ })

};
