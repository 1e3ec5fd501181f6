"""Node software of a swarm cluster: one module, one subcommand per systemd unit, run through
swarm-node.py (the command the units start; see there why the code is imported).

  join     (every node, boot oneshot)  bring this node into the cluster's swarm
  leave    (agents, ExecStop of join)  drain through a helper, wait for tasks, leave
  helper   (masters, long-running)     join tokens, drain, leaving notices, cleanup of Down nodes
  health   (every node, long-running)  GET /healthz: 200 only for an active, settled member
  events   (agents, long-running)      Azure Scheduled Events watcher: drain, leave, acknowledge

Python 3 standard library only. Docker is driven through its Engine API on the local socket, so
no command line is ever built from a request: node names are validated, percent-encoded path
segments or JSON values. See README.md beside this file for endpoints and the auth scheme.
"""
# Memory matters (three long-running processes per node, goal under 20 MB resident each): no
# http.client, urllib.request, hashlib, hmac or secrets. Those load email, ssl and OpenSSL's
# libcrypto, about 10 MB of the ~21 MB each process used to take; the node needs only plain
# HTTP/1.1 and HMAC-SHA256, done below with the interpreter's built-in SHA-256.
import json
import os
import queue
import random
import re
import resource
import selectors
import socket
import threading
import time
import urllib.parse
from _operator import _compare_digest as compare_digest  # what hmac.compare_digest is without OpenSSL
from http import HTTPStatus

# Overridable so that tests (and the lab) can point a node elsewhere; see main() for --config.
CONFIG_PATH = os.environ.get("SWARM_CLUSTER_CONFIG", "/etc/swarm-cluster/cluster.json")
RUN_DIR = os.environ.get("SWARM_CLUSTER_RUN", "/run/swarm-cluster")
STATE_DIR = os.environ.get("SWARM_CLUSTER_STATE", "/var/lib/swarm-cluster")

SWARM_PORT = 2377
# Kept away from Azure's 10.0.0.0/16 virtual network: swarm's default pool (10.0.0.0/8 in /24s)
# would hand overlay networks the masters' and agents' own subnets.
OVERLAY_ADDRESS_POOL = "10.200.0.0/16"
NODE_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
LEAVING_LABEL = "swarm-cluster.leaving"
TASK_LABEL = "com.docker.swarm.task.id"
AUTH_WINDOW_SECONDS = 30
MANAGER_LEASE_SECONDS = 120
CLEANUP_PERIOD_SECONDS = 10
# Worker tokens are answered from the helper's view of the swarm (SwarmView), which its loop
# fetches every CLEANUP_PERIOD_SECONDS, and behind the answer to a request that finds it older
# than VIEW_REFRESH_SECONDS (so a storm of requests costs one fetch every few seconds). An active
# manager's view serves for VIEW_MAX_AGE_SECONDS (join tokens change only on rotation); "not a
# manager" or a failure for a second only, so that a swarm initialised a moment ago is seen at
# once. A request finding no such view has the loop fetch one and waits at most VIEW_WAIT_SECONDS.
VIEW_REFRESH_SECONDS = 2
VIEW_MAX_AGE_SECONDS = 30
NEGATIVE_VIEW_MAX_AGE_SECONDS = 1
VIEW_WAIT_SECONDS = 3
# /healthz answers from Docker's state at most HEALTH_CACHE_SECONDS old, fetched when a probe
# comes; up to HEALTH_STALE_SECONDS old it answers at once and fetches anew behind the answer.
HEALTH_CACHE_SECONDS = 2
HEALTH_STALE_SECONDS = 10
# Hostile clients (see README.md): each connection has this long for its whole request, at most
# MAX_CONNECTIONS are open per server (the excess is closed at once), within FILE_LIMIT descriptors
# (the units' LimitNOFILE). Helper requests run on a few workers: some wait on Docker.
REQUEST_SECONDS = 5
MAX_CONNECTIONS = 4096
FILE_LIMIT = 8192
HELPER_WORKERS = 4
# Complete requests waiting for a helper worker; the excess is answered 503 busy at once. Deep
# enough for a join storm arriving in one instant (50 agents booting together): worker tokens
# are answered from the helper's view in microseconds, so the queue drains in milliseconds.
HELPER_QUEUE = 256
PENDING_GRACE_SECONDS = 20
# How often a draining node looks whether its task containers have stopped: a local socket call,
# cheap, and each restart or reimage waits on it (a 1 s poll cost about a second per drain).
DRAIN_POLL_SECONDS = 0.25
DISRUPTIVE_EVENTS = {"Terminate", "Reboot", "Redeploy", "Preempt"}
SCHEDULED_EVENTS_PATH = "/metadata/scheduledevents?api-version=2020-07-01"
# The first call turns Scheduled Events on for the VM and can take up to two minutes.
SCHEDULED_EVENTS_TIMEOUT_SECONDS = 120
INSTANCE_COMPUTE_PATH = "/metadata/instance/compute?api-version=2021-02-01"


def log(message):
    """One line per action on stdout (journald on a VM, the lab's log file on a lab node)."""
    print(message, flush=True)


def load_config():
    with open(CONFIG_PATH, encoding="utf-8") as handle:
        config = json.load(handle)
    for key in ("role", "masters", "helperPort", "healthPort"):
        if key not in config:
            raise SystemExit(f"{CONFIG_PATH}: missing {key}")
    return config


# The helper's credentials (see README.md, "Credentials"): masters hold the master key and the
# agent root; an agent holds only its own node key, or (a scale set instance, whose customData is
# the same for all) the agent root, from which it derives its node key for the name the metadata
# service gives it. The files are 64 hex characters: 32 bytes.
MASTER_KEY_FILE = "helper.key"
AGENT_ROOT_FILE = "agent-root.key"
NODE_KEY_FILE = "node.key"
NODE_KEY_INFO = "azure-swarm-toolkit/v2/helper/node/"
HEX_KEY = re.compile(r"[0-9a-f]{64}")


def _sha256_constructor():
    """SHA-256 of the interpreter itself (`_sha2` from Python 3.12, `_sha256` before): hashlib
    would load libcrypto. Falls back to hashlib where a build has no built-in SHA-256."""
    for module in ("_sha2", "_sha256"):
        try:
            return __import__(module).sha256
        except (ImportError, AttributeError):
            pass
    from hashlib import sha256
    return sha256


sha256 = _sha256_constructor()
SHA256_BLOCK = 64
INNER_PAD = bytes(byte ^ 0x36 for byte in range(256))
OUTER_PAD = bytes(byte ^ 0x5C for byte in range(256))


def hmac_sha256(key, message):
    """HMAC-SHA256 (RFC 2104), as the standard library's hmac module computes it."""
    if len(key) > SHA256_BLOCK:
        key = sha256(key).digest()
    key = key.ljust(SHA256_BLOCK, b"\0")
    inner = sha256(key.translate(INNER_PAD) + message).digest()
    return sha256(key.translate(OUTER_PAD) + inner).digest()


def expand(prk, info):
    """HKDF-Expand (RFC 5869) of 32 bytes, i.e. one HMAC-SHA256 block: the same derivation as
    src/render/cluster-secret.ts, so the renderer and the nodes agree on every derived key."""
    return hmac_sha256(prk, info.encode() + b"\x01")


def node_key(agent_root, name):
    return expand(agent_root, NODE_KEY_INFO + name)


def key_path(name):
    return os.path.join(os.path.dirname(CONFIG_PATH), name)


def read_key(name):
    path = key_path(name)
    with open(path, encoding="ascii") as handle:
        text = handle.read().strip()
    if not HEX_KEY.fullmatch(text):
        raise SystemExit(f"{path}: a helper key is 64 lowercase hex characters")
    return bytes.fromhex(text)


class Credential:
    """What this node signs helper requests with: `kind` is "master" or "node"."""

    def __init__(self, kind, name, key):
        self.kind = kind
        self.name = name
        self.key = key


def instance_name(config, deadline_seconds=120):
    """The computer name the metadata service gives this VM (retried while it is not up yet),
    kept on disk after the first answer: a shutdown's leave must not wait for the service."""
    cache = os.path.join(STATE_DIR, "instance-name")
    try:
        with open(cache, encoding="ascii") as handle:
            cached = handle.read().strip()
        if valid_node_name(cached):
            return cached
    except (OSError, UnicodeDecodeError):
        pass
    name = instance_name_from_metadata(config, deadline_seconds)
    os.makedirs(STATE_DIR, exist_ok=True)
    with open(cache, "w", encoding="ascii") as handle:
        handle.write(name)
    return name


def instance_name_from_metadata(config, deadline_seconds):
    backoff = Backoff(first=1, cap=10)
    deadline = time.time() + deadline_seconds
    while True:
        try:
            name = metadata(config, INSTANCE_COMPUTE_PATH)["osProfile"]["computerName"]
            if isinstance(name, str) and valid_node_name(name):
                return name
            raise ValueError(f"not a node name: {name!r}")
        except (OSError, ValueError, KeyError, TypeError) as error:
            if time.time() > deadline:
                raise SystemExit(f"instance metadata gave no computer name: {error}") from error
            log(f"instance metadata not available yet: {error}")
            backoff.sleep()


def load_key(config):
    """This node's credential. An agent's name comes from the metadata service and must be its
    hostname: the swarm knows nodes by hostname, and its key is only valid for that name."""
    if config["role"] == "master":
        return Credential("master", own_hostname(), read_key(MASTER_KEY_FILE))
    name = instance_name(config)
    if name != own_hostname():
        raise SystemExit(f"the metadata service names this VM {name}, its hostname is {own_hostname()}")
    if os.path.exists(key_path(NODE_KEY_FILE)):
        return Credential("node", name, read_key(NODE_KEY_FILE))
    return Credential("node", name, node_key(read_key(AGENT_ROOT_FILE), name))


def own_hostname():
    return socket.gethostname().split(".")[0]


def valid_node_name(name):
    # fullmatch: `$` would also accept a trailing newline.
    return isinstance(name, str) and bool(NODE_NAME.fullmatch(name))


def marker(name):
    return os.path.join(RUN_DIR, name)


def set_marker(name, present):
    path = marker(name)
    if present:
        os.makedirs(RUN_DIR, exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(str(int(time.time())))
    elif os.path.exists(path):
        os.remove(path)


# --- Docker Engine API over the local unix socket -------------------------------------------


# --- HTTP client (Docker's socket, the helpers, the metadata service) ------------------------

# Each peer answers a `Connection: close` request and closes; what it sends is kept whole.
MAX_RESPONSE_BYTES = 16 * 1024 * 1024


class HttpProtocolError(OSError):
    """An answer that is not HTTP/1.x, is cut short or is too large (an OSError, like a lost peer)."""


class HttpStatusError(OSError):
    """A 4xx or 5xx answer, for callers that treat it like an unreachable peer."""

    def __init__(self, status, body):
        super().__init__(f"HTTP {status}: {body[:200].decode('utf-8', 'replace').strip()}")
        self.status = status


def unix_connection(path, timeout):
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.settimeout(timeout)
        connection.connect(path)
    except OSError:
        connection.close()
        raise
    return connection


def http_exchange(connection, method, host, path, headers=None, body=None):
    """One HTTP/1.1 request on a connected socket, which it closes; returns (status, body bytes).
    Every blocking step is bounded by the socket's timeout."""
    try:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        if body is not None or method in ("POST", "PUT"):
            lines.append(f"Content-Length: {len(body or b'')}")
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b""))
        received = bytearray()
        while True:
            chunk = connection.recv(65536)
            if not chunk:
                break
            received += chunk
            if len(received) > MAX_RESPONSE_BYTES:
                raise HttpProtocolError(f"answer larger than {MAX_RESPONSE_BYTES} bytes")
    finally:
        connection.close()
    return parse_response(bytes(received))


def parse_response(raw):
    """(status, body) of a whole HTTP/1.x answer: Content-Length, chunked or up to the close."""
    head, blank, rest = raw.partition(b"\r\n\r\n")
    if not blank:
        raise HttpProtocolError("the answer ended inside its head" if raw else "empty answer")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1.") or not re.fullmatch(r"[1-5][0-9]{2}", parts[1]):
        raise HttpProtocolError(f"not an HTTP answer: {lines[0][:80]!r}")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return int(parts[1]), dechunk(rest)
    length = headers.get("content-length")
    if length is not None:
        if not length.isdigit() or len(rest) < int(length):
            raise HttpProtocolError(f"the answer is shorter than its Content-Length ({len(rest)} of {length} bytes)")
        rest = rest[:int(length)]
    return int(parts[1]), rest


def dechunk(data):
    """The body of a chunked transfer coding (RFC 9112, 7.1); trailers are ignored."""
    body = bytearray()
    position = 0
    while True:
        line_end = data.find(b"\r\n", position)
        size_text = data[position:line_end].split(b";")[0].strip() if line_end >= 0 else b""
        if not re.fullmatch(rb"[0-9A-Fa-f]{1,8}", size_text):
            raise HttpProtocolError("malformed or cut chunked answer")
        size = int(size_text, 16)
        if size == 0:
            return bytes(body)
        start = line_end + 2
        if data[start + size:start + size + 2] != b"\r\n":
            raise HttpProtocolError("malformed or cut chunked answer")
        body += data[start:start + size]
        position = start + size + 2


class DockerError(Exception):
    def __init__(self, status, message):
        super().__init__(f"docker API {status}: {message}")
        self.status = status

    def no_leader(self):
        """The managers have no leader: an election, or for good when quorum is lost (more than
        half of the managers down or cut off). Said so, not hidden behind a generic failure."""
        return any(text in str(self) for text in ("does not have a leader", "no elected cluster leader"))


def docker_socket_path():
    host = os.environ.get("DOCKER_HOST", "")
    return host[len("unix://"):] if host.startswith("unix://") else "/var/run/docker.sock"


_api_prefix = None


def api_prefix():
    """`/v<ApiVersion>` of the local dockerd, read once from the unversioned GET /version: every
    other call names the version it was written against instead of whatever the daemon serves
    by default. Not remembered while the daemon is unreachable."""
    global _api_prefix
    if _api_prefix is None:
        version = engine_request("GET", "/version", None, 10).get("ApiVersion", "")
        if not re.match(r"^\d+\.\d+$", version):
            raise DockerError(0, f"GET /version gave no usable ApiVersion ({version!r})")
        _api_prefix = f"/v{version}"
    return _api_prefix


def docker(method, path, body=None, timeout=30):
    """One Engine API call on the versioned path; returns the decoded JSON (or None), raises DockerError."""
    return engine_request(method, api_prefix() + path, body, timeout)


def engine_request(method, path, body, timeout):
    payload = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"} if payload is not None else {}
    try:
        status, raw = http_exchange(unix_connection(docker_socket_path(), timeout), method, "docker", path, headers, payload)
    except OSError as error:
        raise DockerError(0, f"socket {docker_socket_path()}: {error}") from error
    text = raw.decode("utf-8", "replace")
    if status >= 400:
        try:
            text = json.loads(text).get("message", text)
        except ValueError:
            pass
        raise DockerError(status, text.strip())
    return json.loads(text) if text.strip() else None


def query(params):
    return urllib.parse.urlencode({key: json.dumps(value) if isinstance(value, dict) else value
                                   for key, value in params.items()})


def swarm_info():
    return docker("GET", "/info").get("Swarm", {})


def list_nodes():
    return docker("GET", "/nodes")


def hostname_of(node):
    # A node that is still joining may not have reported its description yet.
    return node.get("Description", {}).get("Hostname", "")


def nodes_named(nodes, hostname):
    return [node for node in nodes if hostname_of(node) == hostname]


def node_state(node):
    return node.get("Status", {}).get("State", "unknown")


def is_manager(node):
    return node.get("Spec", {}).get("Role") == "manager"


def reachable_manager(node):
    return node_state(node) == "ready" and node.get("ManagerStatus", {}).get("Reachability") == "reachable"


def update_node_spec(node_id, change):
    """Read-modify-write of a node's spec; retried once when another update raced ours."""
    for attempt in (1, 2):
        node = docker("GET", f"/nodes/{node_id}")
        spec = node["Spec"]
        change(spec)
        try:
            docker("POST", f"/nodes/{node_id}/update?version={node['Version']['Index']}", spec)
            return
        except DockerError as error:
            if attempt == 2 or "out of sequence" not in str(error):
                raise


def running_task_containers():
    return docker("GET", "/containers/json?" + query({"filters": {"label": [TASK_LABEL]}}))


def local_address_towards(address):
    """The address this node uses to reach `address` (what swarm should advertise)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect((address, SWARM_PORT))
        return probe.getsockname()[0]
    finally:
        probe.close()


# --- Helper authentication ------------------------------------------------------------------


TIMESTAMP = re.compile(r"[0-9]{1,12}")
NONCE = re.compile(r"[0-9A-Za-z_-]{16,128}")
SIGNATURE = re.compile(r"[0-9a-f]{64}")
# Valid signatures remembered against replay; a full table refuses instead of growing.
MAX_REMEMBERED_SIGNATURES = 50_000


def signature(key, method, path, timestamp, nonce, target):
    """`target` is the helper's own address: a request captured on one master is void on another."""
    message = f"{method}\n{path}\n{timestamp}\n{nonce}\n{target}".encode()
    return hmac_sha256(key, message).hex()


def signed_headers(credential, method, path, target):
    timestamp = str(int(time.time()))
    nonce = os.urandom(16).hex()
    return {
        "X-Swarm-Timestamp": timestamp,
        "X-Swarm-Nonce": nonce,
        "X-Swarm-Signature": signature(credential.key, method, path, timestamp, nonce, target),
    }


MASTER = ("master", None)


class HelperAuth:
    """Tells who signed a request: MASTER, ("node", name) for the node key of the name in the
    path (so a node key can only ever act on its own name), or a reason to refuse. Each valid
    signature is accepted once; stale, future or malformed stamps never."""

    def __init__(self, target, master_key, agent_root, window=AUTH_WINDOW_SECONDS):
        self.target = target
        self.master_key = master_key
        self.agent_root = agent_root
        self.window = window
        self.seen = {}
        self.lock = threading.Lock()

    def check(self, method, path, headers):
        """Returns (principal, None) when the request is authentic and fresh, else (None, reason)."""
        timestamp = headers.get("x-swarm-timestamp", "")
        nonce = headers.get("x-swarm-nonce", "")
        given = headers.get("x-swarm-signature", "")
        if not (TIMESTAMP.fullmatch(timestamp) and NONCE.fullmatch(nonce) and SIGNATURE.fullmatch(given)):
            return None, "missing or malformed credentials"
        if abs(time.time() - int(timestamp)) > self.window:
            return None, "stale timestamp"
        principal = None
        if compare_digest(signature(self.master_key, method, path, timestamp, nonce, self.target), given):
            principal = MASTER
        else:
            signer = node_signer(path)
            if signer is not None:
                key = node_key(self.agent_root, signer)
                if compare_digest(signature(key, method, path, timestamp, nonce, self.target), given):
                    principal = ("node", signer)
        if principal is None:
            return None, "bad signature"
        now = time.time()
        with self.lock:
            self.seen = {sig: until for sig, until in self.seen.items() if until > now}
            if given in self.seen:
                return None, "replayed signature"
            if len(self.seen) >= MAX_REMEMBERED_SIGNATURES:
                return None, "too many recent requests"
            self.seen[given] = now + 2 * self.window
        return principal, None


# --- Helper client (joiners, the events watcher, the leave path) ----------------------------


def call_helper(key, address, port, method, path, timeout=5):
    """Returns (status, body); status 0 means the helper could not be reached."""
    try:
        connection = socket.create_connection((address, port), timeout=timeout)
        status, raw = http_exchange(connection, method, f"{address}:{port}", path, signed_headers(key, method, path, address))
    except OSError as error:
        return 0, {"error": str(error)}
    try:
        body = json.loads(raw or b"{}")
    except ValueError as error:
        return (0, {"error": f"not JSON: {error}"}) if status == 200 else (status, {})
    return status, body if isinstance(body, dict) else {}


def ask_masters(config, key, method, path, masters=None):
    """Tries every master's helper in turn; returns (master, status, body) of the first 200,
    else (None, statuses-by-master-name, None)."""
    statuses = {}
    for master in masters if masters is not None else config["masters"]:
        status, body = call_helper(key, master["address"], config["helperPort"], method, path)
        if status == 200:
            return master, status, body
        statuses[master["name"]] = (status, body.get("error", ""))
    return None, statuses, None


def join_path(role, name):
    return f"/v1/join/{role}/{urllib.parse.quote(name, safe='')}"


def node_path(name, action):
    return f"/v1/nodes/{urllib.parse.quote(name, safe='')}/{action}"


# --- join -----------------------------------------------------------------------------------


class JoinProgress:
    """What the join is waiting for, in the `joining` marker, so that /healthz shows it: a join
    that cannot finish (no docker after a failed install, masters away) is visible, not silent."""

    def __init__(self):
        self.started = int(time.time())
        self.attempt = 0

    def waiting(self, waiting_for, detail):
        self.attempt += 1
        os.makedirs(RUN_DIR, exist_ok=True)
        temporary = marker("joining.tmp")
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump({"since": self.started, "attempt": self.attempt, "waitingFor": waiting_for,
                       "detail": detail[:200]}, handle)
        os.replace(temporary, marker("joining"))


def join_progress():
    """The join's progress from its marker; {} when it holds none (a marker of an older join)."""
    try:
        with open(marker("joining"), encoding="utf-8") as handle:
            progress = json.load(handle)
        return progress if isinstance(progress, dict) else {}
    except (OSError, ValueError):
        return {}


def settled_membership(role):
    """Waits briefly while a rebooted node reconnects; returns the final local swarm state.
    A node that was removed while it was down stays "pending" for ever, without an error: only
    the time bound tells it from a slow reconnect. Guessing wrong costs a new identity (the old
    one is removed when the node asks for its join token), never a split."""
    deadline = time.time() + PENDING_GRACE_SECONDS
    while True:
        info = swarm_info()
        state = info.get("LocalNodeState", "")
        if state == "active" and not info.get("Error"):
            if role == "master" and not info.get("ControlAvailable"):
                return "active-not-manager"
            return "active"
        if state != "pending" or time.time() > deadline:
            return f"{state or 'unknown'}{': ' + info['Error'] if info.get('Error') else ''}"
        time.sleep(1)


class Backoff:
    def __init__(self, first=0.5, cap=10.0):
        self.delay = first
        self.cap = cap

    def sleep(self):
        time.sleep(self.delay * random.uniform(0.75, 1.25))
        self.delay = min(self.delay * 1.6, self.cap)


def raise_unless_inactive(error):
    """After a failed join: a node that is no longer inactive has a join going on in the
    background (Docker's "Timeout was reached before node joined") or a half-made membership.
    Asking for another token only gets "already part of a swarm" for ever, so the error goes up
    to command_join, whose next join_once waits for that membership to settle and leaves it if
    it does not."""
    if swarm_info().get("LocalNodeState", "inactive") != "inactive":
        raise error


def join_address(master):
    return f"{master['address']}:{SWARM_PORT}"


def swarm_join(token, master, advertise):
    docker("POST", "/swarm/join", {
        "ListenAddr": f"0.0.0.0:{SWARM_PORT}",
        "AdvertiseAddr": advertise,
        "RemoteAddrs": [join_address(master)],
        "JoinToken": token,
    }, timeout=90)


def own_master(config, hostname):
    for master in config["masters"]:
        if master["name"] == hostname:
            return master
    raise SystemExit(f"{hostname} is not one of the masters in {CONFIG_PATH}")


# A refused or 503 token request costs a helper almost nothing (answered from its view, no
# Docker call), while every second an agent sleeps past the moment its masters are ready is a
# second of bring-up: agents boot beside master0, whose swarm init takes 2-3 s, so the retries
# start at 0.25 s and stay at most 1 s apart (a storm of 50 agents asks one helper ~50 times a
# second while it waits) instead of growing to the 10 s the other loops use.
WORKER_JOIN_FIRST_RETRY_SECONDS = 0.25
WORKER_JOIN_RETRY_CAP_SECONDS = 1


def join_as_worker(config, key, hostname, progress):
    backoff = Backoff(first=WORKER_JOIN_FIRST_RETRY_SECONDS, cap=WORKER_JOIN_RETRY_CAP_SECONDS)
    # Start at a different master per node so a large scale-out spreads over the helpers.
    offset = sum(hostname.encode()) % len(config["masters"])
    masters = config["masters"][offset:] + config["masters"][:offset]
    while True:
        asked = time.monotonic()
        master, status, body = ask_masters(config, key, "POST", join_path("worker", hostname), masters)
        # How long the helpers took to answer, in the line this request logs anyway: a join
        # storm's answer times can be read from the agents' logs (the scale bench does).
        answered = f"token request answered in {time.monotonic() - asked:.3f} s"
        if master is not None:
            try:
                swarm_join(body["token"], master, local_address_towards(master["address"]))
                log(f"join: joined as worker through {master['name']} ({answered})")
                return
            except DockerError as error:
                log(f"join: worker join through {master['name']} failed ({answered}): {error}")
                raise_unless_inactive(error)
        else:
            log(f"join: no worker token yet ({describe_statuses(status)}; {answered}); retrying")
            progress.waiting("masters", describe_statuses(status))
        backoff.sleep()


def join_as_manager(config, key, hostname, init_allowed, progress):
    me = own_master(config, hostname)
    others = [master for master in config["masters"] if master["name"] != hostname]
    backoff = Backoff()
    unreachable_since = time.time()
    while True:
        master, status, body = ask_masters(config, key, "POST", join_path("manager", hostname), others)
        if master is not None:
            try:
                swarm_join(body["token"], master, me["address"])
                log(f"join: joined as manager through {master['name']}")
                return
            except DockerError as error:
                log(f"join: manager join through {master['name']} failed: {error}")
                raise_unless_inactive(error)
        elif init_allowed and no_swarm_among(status, unreachable_since):
            docker("POST", "/swarm/init", {
                "ListenAddr": f"0.0.0.0:{SWARM_PORT}",
                "AdvertiseAddr": me["address"],
                "DefaultAddrPool": [OVERLAY_ADDRESS_POOL],
                "SubnetSize": 24,
            }, timeout=60)
            log(f"join: initialised a new swarm advertising {me['address']}")
            return
        else:
            log(f"join: no manager token yet ({describe_statuses(status)}); retrying")
            progress.waiting("masters", describe_statuses(status))
        backoff.sleep()


def no_swarm_among(statuses, unreachable_since, unreachable_grace=15):
    """True when no other master runs a swarm: each helper said it is not a manager, or (after a
    grace for slow boots) could not be reached. A 409 means a swarm exists: never split it."""
    if any(status not in (0, 503) for status, _ in statuses.values()):
        return False
    if all(status == 503 for status, _ in statuses.values()):
        return True
    return time.time() - unreachable_since > unreachable_grace


def describe_statuses(statuses):
    return ", ".join(f"{name}: {status or 'unreachable'} {reason}".strip()
                     for name, (status, reason) in statuses.items()) or "no masters to ask"


# A join keeps trying for as long as it takes (docker may come from a retried install much later),
# at most this long apart.
JOIN_RETRY_CAP_SECONDS = 60


def join_once(config, key, hostname, progress):
    role = config["role"]
    state = settled_membership(role)
    if state == "active":
        log(f"join: {hostname} is already an active swarm member; staying")
        return
    if state != "inactive":
        log(f"join: local swarm state is {state}; leaving it to rejoin")
        docker("POST", "/swarm/leave?force=true", timeout=60)
    if role == "master":
        join_as_manager(config, key, hostname, hostname == config["masters"][0]["name"], progress)
    else:
        join_as_worker(config, key, hostname, progress)


def command_join(config):
    """Never gives up: the unit is Type=exec, so boot does not wait for this, and a node whose
    docker is missing or broken keeps trying (with backoff, visible in /healthz) until it works."""
    key = load_key(config)
    hostname = own_hostname()
    progress = JoinProgress()
    set_marker("draining", False)
    set_marker("left", False)
    progress.waiting("docker", "starting")
    backoff = Backoff(first=1, cap=JOIN_RETRY_CAP_SECONDS)
    while True:
        try:
            join_once(config, key, hostname, progress)
            break
        except DockerError as error:
            log(f"join: {'docker not usable yet' if error.status == 0 else 'not joined yet'} ({error}); retrying")
            progress.waiting("docker", str(error))
        backoff.sleep()
    set_marker("joining", False)


# --- leave (agents' shutdown and the events watcher) ----------------------------------------


def wait_for_tasks_to_leave(timeout_seconds):
    deadline = time.time() + timeout_seconds
    while True:
        remaining = len(running_task_containers())
        if remaining == 0:
            return True
        if time.time() > deadline:
            log(f"leave: {remaining} task container(s) still running after {timeout_seconds}s; leaving anyway")
            return False
        time.sleep(DRAIN_POLL_SECONDS)


def drain_and_leave(config, key, reason):
    hostname = own_hostname()
    # Left already (the events watcher, before the platform shut the node down): the shutdown's
    # own leave then costs no docker call. GET /info runs runc and docker-init for their versions:
    # ~0.1 s quiet, most of a second under load, between the event's acknowledgement and the stop.
    if os.path.exists(marker("left")):
        log(f"leave: {hostname} has left the swarm already ({reason}); nothing to do")
        return
    info = swarm_info()
    if info.get("LocalNodeState") == "inactive":
        log(f"leave: {hostname} is not in a swarm ({reason}); nothing to do")
        return
    set_marker("draining", True)
    master, statuses, _ = ask_masters(config, key, "POST", node_path(hostname, "drain"))
    if master is not None:
        log(f"leave: {hostname} drained through {master['name']} ({reason})")
        if wait_for_tasks_to_leave(config.get("drainTimeoutSeconds", 120)):
            log(f"leave: no task runs on {hostname} any more")
        master, statuses, _ = ask_masters(config, key, "POST", node_path(hostname, "leaving"))
        if master is None:
            log(f"leave: could not announce leaving ({describe_statuses(statuses)})")
    else:
        log(f"leave: could not drain ({describe_statuses(statuses)}); leaving without drain")
    docker("POST", "/swarm/leave?force=true", timeout=60)
    set_marker("left", True)
    log(f"leave: {hostname} left the swarm")


def command_leave(config):
    if config["role"] != "agent":
        # A manager that leaves shrinks raft; a rebooting master simply comes back.
        log("leave: masters keep their swarm membership across shutdown")
        return
    drain_and_leave(config, load_key(config), "shutdown")


# --- helper (masters) -----------------------------------------------------------------------


class SwarmView:
    """What the helper answers worker tokens from, fetched in one go: `info` (None when this
    dockerd is not an active manager), the node list and the worker join token; or `problem`,
    the error the fetch met, raised again to a request answered from this view (the same answer
    a live Engine API call would have given)."""

    def __init__(self, fetched_at, info=None, nodes=(), worker_token=None, problem=None):
        self.fetched_at = fetched_at
        self.info = info
        self.nodes = list(nodes)
        self.worker_token = worker_token
        self.problem = problem

    def age(self):
        return time.monotonic() - self.fetched_at

    def usable(self):
        return self.age() < (VIEW_MAX_AGE_SECONDS if self.info is not None else NEGATIVE_VIEW_MAX_AGE_SECONDS)

    def forget(self, node_ids):
        """Entries removed since the fetch (one assignment: requests read the list meanwhile)."""
        if node_ids:
            self.nodes = [node for node in self.nodes if node["ID"] not in node_ids]


def active_manager(info):
    return info.get("LocalNodeState") == "active" and bool(info.get("ControlAvailable"))


def fetch_view():
    started = time.monotonic()
    try:
        info = swarm_info()
        if not active_manager(info):
            return SwarmView(started)
        return SwarmView(started, info, list_nodes(), docker("GET", "/swarm")["JoinTokens"]["Worker"])
    except (DockerError, KeyError, TypeError) as error:
        return SwarmView(started, problem=error)


class SwarmHelper:
    """The decisions of the helper, separate from HTTP: every method returns (status, body)."""

    def __init__(self, config):
        self.config = config
        self.lock = threading.Lock()
        self.lease = None  # (hostname, expiry) of the master allowed to join as manager now
        self.down_since = {}
        self.view = None
        self.view_changed = threading.Condition()
        self.view_wanted = threading.Event()

    def manager_state(self):
        """(info, nodes) when this daemon is an active manager, else None."""
        info = swarm_info()
        return (info, list_nodes()) if active_manager(info) else None

    def forget_stale_identity(self, nodes, hostname):
        """A node asking to join has lost its old identity (reimage, removal): drop the old
        entries of that hostname that are Down (demoting a dead manager first). Returns the ids
        removed; an entry already gone (e.g. removed by the cleanup meanwhile) counts as removed."""
        removed = set()
        for node in nodes_named(nodes, hostname):
            if node_state(node) != "down":
                continue
            try:
                if is_manager(node):
                    update_node_spec(node["ID"], lambda spec: spec.update(Role="worker"))
                    log(f"helper: demoted the stale manager entry of {hostname} ({node['ID'][:12]})")
                docker("DELETE", f"/nodes/{node['ID']}")
                log(f"helper: removed the stale entry of {hostname} ({node['ID'][:12]}) before it rejoins")
            except DockerError as error:
                if error.status != 404:
                    raise
            removed.add(node["ID"])
        return removed

    def refresh_view(self):
        """Fetches the view (three Engine API calls) and hands it to the requests waiting for it."""
        previous = self.view
        view = fetch_view()
        if view.problem is not None and (previous is None or str(previous.problem) != str(view.problem)):
            log(f"helper: swarm view: {view.problem!r}")
        with self.view_changed:
            self.view = view
            self.view_changed.notify_all()
        return view

    def usable_view(self):
        """A view young enough to answer from, or None when none came within VIEW_WAIT_SECONDS."""
        with self.view_changed:
            if self.view is not None and self.view.usable():
                if self.view.age() >= VIEW_REFRESH_SECONDS:
                    self.view_wanted.set()  # a fresher one for the requests after this one
                return self.view
            self.view_wanted.set()
            self.view_changed.wait_for(lambda: self.view is not None and self.view.usable(), VIEW_WAIT_SECONDS)
            return self.view if self.view is not None and self.view.usable() else None

    def watch(self):
        """The helper's loop: a new view every CLEANUP_PERIOD_SECONDS, or at once when a request
        wants one; the leader's cleanup runs on each view."""
        while True:
            self.view_wanted.clear()
            view = self.refresh_view()
            try:
                self.cleanup(view)
            except (DockerError, OSError, KeyError, ValueError) as error:
                log(f"helper: cleanup: {error}")
            self.view_wanted.wait(CLEANUP_PERIOD_SECONDS)

    def worker_token(self, hostname, agent_address=None):
        """Answered from the view: a join storm costs Docker nothing per request. Only a Down
        entry of the asker's hostname (an old identity) is removed, live, before the answer.
        `agent_address` is set when a node key asked (for its own name): it may never touch a
        manager's entry, e.g. remove a rebooting master as "stale"."""
        view = self.usable_view()
        if view is None:
            return 503, {"error": "busy"}
        if view.problem is not None:
            raise view.problem.with_traceback(None)  # raised for many requests: no growing traceback
        if view.info is None:
            return 503, {"error": "not-a-manager"}
        entries = nodes_named(view.nodes, hostname)
        if agent_address is not None and any(is_manager(node) for node in entries):
            return 403, {"error": f"{hostname} is a manager"}
        if any(node_state(node) == "down" for node in entries):
            with self.lock:
                view.forget(self.forget_stale_identity(view.nodes, hostname))
        log(f"helper: worker join token handed to {hostname}")
        return 200, {"token": view.worker_token}

    def manager_token(self, hostname, agent_address=None):
        with self.lock:
            state = self.manager_state()
            if state is None:
                return 503, {"error": "not-a-manager"}
            info, nodes = state
            me = next(node for node in nodes if node["ID"] == info["NodeID"])
            if not me.get("ManagerStatus", {}).get("Leader"):
                return 409, {"error": "not-leader"}
            self.forget_stale_identity(nodes, hostname)
            nodes = list_nodes()
            busy = [hostname_of(node) or node["ID"][:12] for node in nodes if is_manager(node)
                    and hostname_of(node) != hostname and not reachable_manager(node)]
            if busy:
                return 409, {"error": f"manager not reachable: {', '.join(sorted(busy))}"}
            if self.lease and self.lease[0] != hostname and self.lease[1] > time.time():
                holder = self.lease[0]
                if not any(is_manager(node) and reachable_manager(node) for node in nodes_named(nodes, holder)):
                    return 409, {"error": f"{holder} is joining"}
            self.lease = (hostname, time.time() + MANAGER_LEASE_SECONDS)
            token = docker("GET", "/swarm")["JoinTokens"]["Manager"]
            log(f"helper: manager join token handed to {hostname}")
            return 200, {"token": token}

    def gone(self, hostname):
        """Whether a node has left: no entry of that hostname, or every one of them Down. Lets
        the agents named in one Scheduled Event wait for each other before acknowledging it."""
        with self.lock:
            state = self.manager_state()
            if state is None:
                return 503, {"error": "not-a-manager"}
            entries = nodes_named(state[1], hostname)
            return 200, {"node": hostname, "gone": all(node_state(node) == "down" for node in entries)}

    def drain(self, hostname, agent_address=None):
        return self.update_named(hostname, lambda spec: spec.update(Availability="drain"), "drained", agent_address)

    def leaving(self, hostname, agent_address=None):
        stamp = str(int(time.time()))
        return self.update_named(
            hostname, lambda spec: spec.setdefault("Labels", {}).update({LEAVING_LABEL: stamp}), "marked as leaving",
            agent_address)

    def update_named(self, hostname, change, done, agent_address):
        """With a node key (`agent_address` set), only a worker whose swarm address is the
        caller's own source address: on Azure the virtual network drops spoofed sources, so
        an agent that knows another agent's key still cannot drain it."""
        with self.lock:
            state = self.manager_state()
            if state is None:
                return 503, {"error": "not-a-manager"}
            targets = nodes_named(state[1], hostname)
            if not targets:
                return 404, {"error": f"no node named {hostname}"}
            if agent_address is not None:
                if any(is_manager(node) for node in targets):
                    return 403, {"error": f"{hostname} is a manager"}
                if any(node.get("Status", {}).get("Addr") != agent_address for node in targets):
                    return 403, {"error": f"{hostname} is not at {agent_address}"}
            # Stored in the swarm (raft), so whichever manager leads later still knows it.
            for node in targets:
                update_node_spec(node["ID"], change)
            log(f"helper: {hostname} {done}")
            return 200, {"node": hostname, "done": done}

    def cleanup(self, view):
        """On the leader only: remove workers Down past the grace, Down and announced leaving, or
        Down while a Ready entry of the same hostname exists (an old identity whose node joined
        anew before swarm saw it Down: its token request could not remove it)."""
        with self.lock:
            if view.info is None:
                self.down_since.clear()
                return
            me = next((node for node in view.nodes if node["ID"] == view.info["NodeID"]), {})
            if not me.get("ManagerStatus", {}).get("Leader"):
                self.down_since.clear()
                return
            now = time.time()
            down = {node["ID"]: node for node in view.nodes if node_state(node) == "down" and not is_manager(node)}
            self.down_since = {node_id: self.down_since.get(node_id, now) for node_id in down}
            ready = {hostname_of(node) for node in view.nodes if node_state(node) == "ready"} - {""}
            grace = self.config.get("downGraceSeconds", 600)
            for node_id, node in down.items():
                announced = LEAVING_LABEL in (node["Spec"].get("Labels") or {})
                replaced = hostname_of(node) in ready
                down_for = now - self.down_since[node_id]
                if announced or replaced or down_for >= grace:
                    why = ("announced leaving" if announced else "a new entry of that name is Ready" if replaced
                           else f"down for {int(down_for)}s")
                    try:
                        docker("DELETE", f"/nodes/{node_id}")
                        view.forget({node_id})
                        log(f"helper: removed node {hostname_of(node)} ({node_id[:12]}): {why}")
                    except DockerError as error:
                        log(f"helper: could not remove {hostname_of(node)}: {error}")


ROUTES = (
    ("/v1/join/worker/", "", "worker"),
    ("/v1/join/manager/", "", "manager"),
    ("/v1/nodes/", "/drain", "drain"),
    ("/v1/nodes/", "/leaving", "leaving"),
    ("/v1/nodes/", "/gone", "gone"),
)


def parse_endpoint(path):
    """(action, decoded node name) of a helper path, or None; the name is not checked here."""
    parsed = urllib.parse.urlsplit(path).path
    for prefix, suffix, action in ROUTES:
        if parsed.startswith(prefix) and parsed.endswith(suffix) and len(parsed) > len(prefix) + len(suffix):
            return action, urllib.parse.unquote(parsed[len(prefix):len(parsed) - len(suffix)])
    return None


def node_signer(path):
    """The name whose node key may sign `path`: the node the path acts on, or for the read-only
    `gone` question about another node, the asker named in `?by=`. None when there is none."""
    endpoint = parse_endpoint(path)
    if endpoint is None:
        return None
    name = endpoint[1]
    if endpoint[0] == "gone":
        asked_by = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query).get("by", [])
        name = asked_by[0] if len(asked_by) == 1 else None
    return name if valid_node_name(name) else None


def route(helper, request, principal):
    """Maps an authenticated request to a helper action: names are checked first, then what the
    credential may do. A node key was derived for the name in the path, so it acts on that
    name only; it never obtains a manager token nor acts on a master."""
    endpoint = parse_endpoint(request.target)
    if endpoint is None:
        return 404, {"error": "no such endpoint"}
    if request.method != "POST":
        return 405, {"error": "use POST"}
    action, name = endpoint
    if not valid_node_name(name):
        return 400, {"error": "invalid node name: 1-63 letters, digits or '-', not starting or ending with '-'"}
    if action == "gone":
        # Read-only: whether a node has left; any authentic key may ask (agents of one event wait for each other).
        return helper.gone(name)
    masters = {master["name"] for master in helper.config["masters"]}
    if principal == MASTER:
        if action == "manager" and name not in masters:
            return 403, {"error": f"{name} is not one of the masters"}
        agent_address = None
    else:
        if action == "manager" or name in masters:
            return 403, {"error": "a node key acts on its own agent only"}
        agent_address = request.client
    actions = {"worker": helper.worker_token, "manager": helper.manager_token, "drain": helper.drain, "leaving": helper.leaving}
    return actions[action](name, agent_address)


# --- HTTP for the helper and the health endpoint --------------------------------------------


class Request:
    def __init__(self, method, target, headers, client):
        self.method = method
        self.target = target
        self.headers = headers
        self.client = client


MAX_REQUEST_HEAD = 8192
MAX_TARGET = 1024
MAX_HEADERS = 32
HEADER_NAME = re.compile(r"[A-Za-z0-9-]{1,64}")
METHOD = re.compile(r"[A-Z]{1,16}")


def parse_head(head, client):
    """(Request, None) or (None, (status, error)) for the bytes before the blank line."""
    # Latin-1 maps every byte: a non-ASCII credential is then refused by the checks (401).
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not METHOD.fullmatch(parts[0]) or parts[2] not in ("HTTP/1.0", "HTTP/1.1"):
        return None, (400, "malformed request line")
    if len(parts[1]) > MAX_TARGET:
        return None, (414, f"the path is limited to {MAX_TARGET} characters")
    if not parts[1].startswith("/"):
        return None, (400, "malformed path")
    if len(lines) - 1 > MAX_HEADERS:
        return None, (431, f"at most {MAX_HEADERS} headers")
    headers = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if not colon or not HEADER_NAME.fullmatch(name) or name.lower() in headers:
            return None, (400, "malformed or repeated header")
        headers[name.lower()] = value.strip(" \t")
    if headers.get("content-length", "0") != "0" or "transfer-encoding" in headers:
        return None, (413, "no endpoint takes a body")
    return Request(parts[0], parts[1], headers, client), None


def http_answer(status, body):
    data = json.dumps(body).encode()
    head = (f"HTTP/1.0 {status} {HTTPStatus(status).phrase}\r\nServer: swarm-node\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\nConnection: close\r\n\r\n")
    return head.encode() + data


def raise_file_limit(wanted):
    """Up to `wanted` descriptors (the units set LimitNOFILE; this covers a plain start); returns the limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft


class BoundedHttpServer:
    """An HTTP/1.0 server that outlasts hostile clients. One selector thread holds every
    connection while its request head arrives, so an idle or slow client costs a descriptor, not
    a thread; each connection has `request_seconds` for its whole request (a slow drip gains
    nothing), the number of connections is capped and the excess is closed at once, and only
    complete, well-formed requests reach `respond(request) -> (status, body)`: inline when
    `workers` is 0 (it must then be fast), else on that many threads with a queue of `queue_size`
    (default 4 per worker)."""

    def __init__(self, address, port, respond, *, max_connections, request_seconds, workers, queue_size=None):
        limit = raise_file_limit(FILE_LIMIT)
        # Keep room for the listener, the Docker socket, logs and the workers' own calls.
        self.max_connections = max(16, min(max_connections, limit - 64))
        self.respond = respond
        self.request_seconds = request_seconds
        self.workers = workers
        self.jobs = queue.Queue(maxsize=queue_size or 4 * workers) if workers else None
        self.listener = socket.create_server((address, port), backlog=1024)
        self.listener.setblocking(False)
        self.selector = selectors.DefaultSelector()
        self.pending = {}  # socket -> [deadline, head bytes, client address]; insertion = deadline order
        self.busy = 0  # requests handed to workers and not answered yet
        self.busy_lock = threading.Lock()

    def serve_forever(self):
        for _ in range(self.workers):
            threading.Thread(target=self.work, daemon=True).start()
        self.selector.register(self.listener, selectors.EVENT_READ)
        while True:
            for key, _ in self.selector.select(timeout=self.until_next_deadline()):
                if key.fileobj is self.listener:
                    self.accept()
                else:
                    self.receive(key.fileobj)
            self.expire()

    def accept(self):
        while True:
            try:
                connection, client = self.listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                # Out of descriptors despite the cap: let the backlog wait a moment.
                time.sleep(0.05)
                return
            with self.busy_lock:
                full = len(self.pending) + self.busy >= self.max_connections
            if full:
                self.close(connection)
                continue
            connection.setblocking(False)
            self.pending[connection] = [time.monotonic() + self.request_seconds, bytearray(), client[0]]
            self.selector.register(connection, selectors.EVENT_READ)

    def receive(self, connection):
        state = self.pending[connection]
        try:
            chunk = connection.recv(4096)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        if not chunk:
            self.drop(connection)
            return
        state[1] += chunk
        end = state[1].find(b"\r\n\r\n")
        if end < 0:
            if len(state[1]) > MAX_REQUEST_HEAD:
                # No line end at all: the path alone is too long.
                status = 431 if b"\r\n" in state[1] else 414
                self.finish(connection, status, {"error": f"the request head is limited to {MAX_REQUEST_HEAD} bytes"})
            return
        self.forget(connection)
        if end > MAX_REQUEST_HEAD:
            self.send(connection, 431, {"error": f"the request head is limited to {MAX_REQUEST_HEAD} bytes"})
            return
        request, problem = parse_head(bytes(state[1][:end]), state[2])
        if problem:
            status, error = problem
            self.send(connection, status, {"error": error})
        elif self.jobs is None:
            self.send(connection, *self.respond(request))
        else:
            with self.busy_lock:
                self.busy += 1
            try:
                self.jobs.put_nowait((connection, request))
            except queue.Full:
                with self.busy_lock:
                    self.busy -= 1
                self.send(connection, 503, {"error": "busy"})

    def until_next_deadline(self):
        """Seconds until the oldest pending request's deadline; None (no wake-up at all, so an
        idle server costs no CPU) while no request is pending."""
        for state in self.pending.values():
            return max(0.0, state[0] - time.monotonic())
        return None

    def expire(self):
        now = time.monotonic()
        expired = []
        for connection, state in self.pending.items():
            if state[0] > now:
                break
            expired.append(connection)
        for connection in expired:
            self.finish(connection, 408, {"error": f"a request must arrive within {self.request_seconds} s"})

    def work(self):
        while True:
            connection, request = self.jobs.get()
            try:
                self.send(connection, *self.respond(request))
            finally:
                with self.busy_lock:
                    self.busy -= 1

    def forget(self, connection):
        self.selector.unregister(connection)
        del self.pending[connection]

    def drop(self, connection):
        self.forget(connection)
        self.close(connection)

    def finish(self, connection, status, body):
        self.forget(connection)
        self.send(connection, status, body)

    def send(self, connection, status, body):
        try:
            connection.settimeout(2)
            connection.sendall(http_answer(status, body))
            connection.shutdown(socket.SHUT_WR)
            # Unread request bytes would make close() a reset that can discard the answer:
            # read what has already arrived (without waiting for more) first.
            connection.setblocking(False)
            for _ in range(16):
                if not connection.recv(65536):
                    break
        except OSError:
            pass
        self.close(connection)

    @staticmethod
    def close(connection):
        try:
            connection.close()
        except OSError:
            pass


NO_LEADER_DETAIL = ("the swarm has no leader: more than half of the managers are down or cut off (quorum lost),"
                    " or an election is under way")


def helper_responder(helper, auth):
    def respond(request):
        principal, refusal = auth.check(request.method, request.target, request.headers)
        if refusal:
            log(f"helper: refused {request.method} from {request.client}: {refusal}")
            return 401, {"error": "unauthorized"}
        try:
            return route(helper, request, principal)
        except DockerError as error:
            log(f"helper: {request.method} {urllib.parse.urlsplit(request.target).path} failed: {error}")
            if error.no_leader():
                # 409 like "swarm not settled", never 503: a swarm exists, a joining master0 must not init another.
                return 409, {"error": "no-leader", "detail": NO_LEADER_DETAIL}
            return 502, {"error": "docker refused the operation"}
        except (KeyError, TypeError, StopIteration) as error:
            # The swarm's view is momentarily incomplete (e.g. right after init): ask again. 409,
            # not 503: a swarm exists, so a reimaged master0 must not initialise another.
            log(f"helper: {request.method} {urllib.parse.urlsplit(request.target).path}: swarm not settled ({error!r})")
            return 409, {"error": "swarm not settled"}
    return respond


def command_helper(config):
    address = own_master(config, own_hostname())["address"]
    helper = SwarmHelper(config)
    auth = HelperAuth(address, read_key(MASTER_KEY_FILE), read_key(AGENT_ROOT_FILE))
    server = BoundedHttpServer(address, config["helperPort"], helper_responder(helper, auth),
                               max_connections=config.get("maxConnections", MAX_CONNECTIONS),
                               request_seconds=REQUEST_SECONDS, workers=HELPER_WORKERS, queue_size=HELPER_QUEUE)
    threading.Thread(target=helper.watch, daemon=True).start()
    log(f"helper: listening on {address}:{config['helperPort']} (at most {server.max_connections} connections)")
    server.serve_forever()


# --- health (every node) --------------------------------------------------------------------


class HealthCheck:
    """Asks Docker only when probed: a node nobody probes costs its dockerd nothing (a GET /info
    every 2 s regardless was ~16 % of an idle agent's dockerd). A probe gets a state at most
    HEALTH_CACHE_SECONDS old; one at most HEALTH_STALE_SECONDS old is answered at once while a
    new one is fetched behind it (a steady prober, like a load balancer every 2 s, never waits);
    an older one (the first probe after a quiet spell) waits for Docker, at most 4 s."""

    def __init__(self):
        self.cached = (float("-inf"), "unknown")
        self.last_logged = None
        self.wanted = threading.Event()
        threading.Thread(target=self.refresh_when_wanted, daemon=True).start()

    def refresh(self):
        checked_at = time.monotonic()
        try:
            info = docker("GET", "/info", timeout=HEALTH_CACHE_SECONDS * 2).get("Swarm", {})
            state = "error" if info.get("Error") else info.get("LocalNodeState") or "unknown"
        except DockerError:
            state = "docker-unavailable"
        self.cached = (checked_at, state)
        return state

    def refresh_when_wanted(self):
        while True:
            self.wanted.wait()
            self.wanted.clear()
            self.refresh()

    def swarm_state(self):
        checked_at, state = self.cached
        age = time.monotonic() - checked_at
        if age < HEALTH_CACHE_SECONDS:
            return state
        if age < HEALTH_STALE_SECONDS:
            self.wanted.set()
            return state
        return self.refresh()

    def status(self):
        for name in ("draining", "joining"):
            if os.path.exists(marker(name)):
                return name
        return self.swarm_state()

    def answer(self):
        status = self.status()
        if status != self.last_logged:
            log(f"health: {status}")
            self.last_logged = status
        body = {"status": status}
        if status == "joining" and join_progress():
            body["join"] = join_progress()
        return (200 if status == "active" else 503), body


def health_responder(check):
    def respond(request):
        if urllib.parse.urlsplit(request.target).path != "/healthz":
            return 404, {"error": "no such endpoint"}
        if request.method != "GET":
            return 405, {"error": "use GET"}
        return check.answer()
    return respond


def command_health(config):
    check = HealthCheck()
    # One worker: a probe that waits for Docker must not stop the selector thread, which holds
    # every other connection (and closes the idle ones on time).
    server = BoundedHttpServer("0.0.0.0", config["healthPort"], health_responder(check),
                               max_connections=config.get("maxConnections", MAX_CONNECTIONS),
                               request_seconds=REQUEST_SECONDS, workers=1)
    log(f"health: listening on 0.0.0.0:{config['healthPort']} (at most {server.max_connections} connections)")
    server.serve_forever()


# --- Scheduled Events watcher (agents) ------------------------------------------------------


def metadata(config, path, body=None, timeout=5):
    """The metadata service's JSON answer; raises OSError (HttpStatusError for 4xx/5xx) or ValueError."""
    service = urllib.parse.urlsplit(config["metadataUrl"])
    if service.scheme != "http" or not service.hostname:
        raise ValueError(f"metadataUrl must be http://host[:port], got {config['metadataUrl']!r}")
    port = service.port or 80
    connection = socket.create_connection((service.hostname, port), timeout=timeout)
    status, raw = http_exchange(connection, "POST" if body is not None else "GET", f"{service.hostname}:{port}",
                                service.path.rstrip("/") + path, {"Metadata": "true", "Content-Type": "application/json"},
                                None if body is None else json.dumps(body).encode())
    if status >= 400:
        raise HttpStatusError(status, raw)
    return json.loads(raw) if raw.strip() else None


class HandledEvents:
    """Event ids already acted on, kept across restarts so an event is handled once."""

    def __init__(self):
        self.path = os.path.join(STATE_DIR, "handled-events.json")
        try:
            with open(self.path, encoding="utf-8") as handle:
                self.ids = set(json.load(handle))
        except (OSError, ValueError):
            self.ids = set()

    def __contains__(self, event_id):
        return event_id in self.ids

    def add(self, event_id):
        self.ids.add(event_id)
        os.makedirs(STATE_DIR, exist_ok=True)
        with open(self.path, "w", encoding="utf-8") as handle:
            json.dump(sorted(self.ids), handle)


def events_for(vm_name, document, handled):
    return [event for event in (document or {}).get("Events", [])
            if event.get("EventType") in DISRUPTIVE_EVENTS
            and vm_name in (event.get("Resources") or [])
            and event.get("EventId") not in handled]


def computer_name(vm_name):
    """The hostname (swarm node name) of a VM as Scheduled Events names it: a Uniform scale set
    instance `<prefix>_<id>` is the computer `<prefix>` + the id in base 36, six digits; a
    single VM's name is its computer name."""
    match = re.match(r"^(.+)_(\d+)$", vm_name)
    if not match:
        return vm_name
    number, digits = int(match.group(2)), ""
    while True:
        number, digit = divmod(number, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[digit] + digits
        if number == 0:
            return match.group(1) + digits.rjust(6, "0")


def others_still_in_swarm(config, key, vm_name, event, known_gone):
    """The other VMs of an event that have not left the swarm yet (as far as any helper knows).
    Acknowledging releases the event for every VM it names: the first VM to finish must not
    release the others in the middle of their drain. `known_gone` (this event's VMs already seen
    gone) is not asked about again: a scale-in of N VMs costs each watcher N-1 questions in all,
    not N-1 every poll."""
    waiting = []
    for other in event.get("Resources") or []:
        if other == vm_name or other in known_gone:
            continue
        hostname = computer_name(other)
        path = f"{node_path(hostname, 'gone')}?by={urllib.parse.quote(key.name, safe='')}"
        master, _, body = ask_masters(config, key, "POST", path)
        if master is None or not body.get("gone"):
            waiting.append(hostname)
        else:
            known_gone.add(other)
    return waiting


def command_events(config):
    key = load_key(config)
    handled = HandledEvents()
    backoff = Backoff(first=1, cap=30)
    while True:
        try:
            vm_name = metadata(config, INSTANCE_COMPUTE_PATH)["name"]
            break
        except (OSError, ValueError, KeyError, TypeError) as error:
            log(f"events: instance metadata not available yet: {error}")
            backoff.sleep()
    log(f"events: watching scheduled events for {vm_name}")
    left = set()  # events this VM has drained and left for; not persisted: leaving again is a no-op
    gone_by_event = {}  # per event: the other VMs it names that have left the swarm
    waiting_logged = {}
    while True:
        try:
            document = metadata(config, SCHEDULED_EVENTS_PATH, timeout=SCHEDULED_EVENTS_TIMEOUT_SECONDS)
            for event in events_for(vm_name, document, handled):
                event_id = event["EventId"]
                if event_id not in left:
                    log(f"events: {event['EventType']} {event_id} scheduled for {', '.join(event['Resources'])}"
                        f" (not before {event.get('NotBefore') or 'now'})")
                    drain_and_leave(config, key, f"{event['EventType']} event")
                    left.add(event_id)
                waiting = others_still_in_swarm(config, key, vm_name, event, gone_by_event.setdefault(event_id, set()))
                if waiting:
                    # Not acknowledged: the others finish, or NotBefore expires and Azure goes ahead.
                    if waiting_logged.get(event_id) != waiting:
                        log(f"events: {event_id} waits for {', '.join(waiting)} to leave before it is acknowledged")
                        waiting_logged[event_id] = waiting
                    continue
                metadata(config, SCHEDULED_EVENTS_PATH, {"StartRequests": [{"EventId": event_id}]})
                handled.add(event_id)
                log(f"events: acknowledged {event_id}")
        except (OSError, ValueError, DockerError) as error:
            log(f"events: {error}")
        time.sleep(config.get("eventPollSeconds", 1))


COMMANDS = {
    "join": command_join,
    "leave": command_leave,
    "helper": command_helper,
    "health": command_health,
    "events": command_events,
}


def main(argv):
    global CONFIG_PATH
    args = list(argv)
    if "--config" in args[:-1]:
        index = args.index("--config")
        CONFIG_PATH = args[index + 1]
        del args[index:index + 2]
    if len(args) != 1 or args[0] not in COMMANDS:
        raise SystemExit(f"usage: swarm-node.py [--config PATH] {{{'|'.join(COMMANDS)}}}")
    COMMANDS[args[0]](load_config())

