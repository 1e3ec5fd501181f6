export const id = 176;
export const ids = [176];
export const modules = {

/***/ 8771:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Mv: () => (/* binding */ renderCloudInit)
});

// UNUSED EXPORTS: aptRetries, nodePaths, storagePlaceholders

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./build/src/core/assets.js + 1 modules
var assets = __webpack_require__(6700);
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
// EXTERNAL MODULE: ./build/src/render/helper-keys.js
var helper_keys = __webpack_require__(597);
// EXTERNAL MODULE: ./build/src/core/validators.js
var validators = __webpack_require__(5430);
;// CONCATENATED MODULE: ./build/src/core/validate.js
// Turns the raw text of cluster settings (action inputs, CLI flags: both use the setting names
// below) into ClusterSettings, applying defaults and checking EVERY rule before anything is
// created. All problems are reported at once in one SettingsError.


const settingNames = (/* unused pure expression or super */ null && ([
    'resource-group',
    'dns-prefix',
    'location',
    'master-count',
    'agent-count',
    'min-agent-count',
    'max-agent-count',
    'autoscale',
    'master-size',
    'agent-size',
    'admin-username',
    'ssh-public-key',
    'allowed-ssh-cidr',
    'file-share',
    'swap-size',
    'fault-domain-count',
    'update-domain-count',
    'tags',
]));
const defaultSettings = {
    labName: 'lab',
    masterCount: 1,
    agentCount: 2,
    minAgentCount: 1,
    maxAgentCount: 5,
    autoscale: true,
    // 2 AMD vCPUs, 8 GiB, not burstable, Trusted Launch capable: see docs/arm.md, "First deployment".
    vmSize: 'Standard_D2as_v5',
    adminUsername: 'cluster',
    fileShare: false,
    faultDomainCount: 2,
    updateDomainCount: 5,
};
/** Azure's limits for an availability set (fault domains: 3 in most regions, 2 in some). */
const domainLimits = { faultDomains: { min: 1, max: 3 }, updateDomains: { min: 1, max: 20 } };
const masterCounts = (/* unused pure expression or super */ null && ([1, 3, 5]));
/** Settings the lab has no use for: it warns about them and takes the defaults. */
const labIgnoredSettings = (/* unused pure expression or super */ null && (['location', 'master-size', 'agent-size', 'file-share', 'autoscale', 'min-agent-count', 'max-agent-count', 'swap-size', 'fault-domain-count', 'update-domain-count']));
/** The largest swap file a node gets (MiB). */
const maxSwapSizeMiB = 16 * 1024;
/**
 * Derived DNS labels are `<prefix>-master<i>-<6 characters of uniqueString(group)>` and
 * `<prefix>-agents-lb-<the same 6>` (the longest suffix): labels are unique per region across
 * all of Azure, so the template adds the group's part.
 */
const longestDnsSuffix = '-agents-lb-xxxxxx';
const maxDnsPrefixLength = 63 - longestDnsSuffix.length;
/** The settings of `raw` that `provider` ignores (for a warning). */
function ignoredSettings(raw, provider) {
    if (provider !== 'lab')
        return [];
    return labIgnoredSettings.filter((name) => present(raw[name]) !== undefined);
}
function parseClusterSettings(raw, provider) {
    const problems = [];
    /** Runs one rule; a broken rule is collected and its setting reads as undefined. */
    const check = (rule) => {
        try {
            return rule();
        }
        catch (error) {
            if (!(error instanceof SettingError))
                throw error;
            problems.push(error);
            return undefined;
        }
    };
    const value = (name) => present(raw[name]);
    const azure = provider === 'azure';
    const name = check(() => parseName(value('resource-group'), provider));
    const dnsPrefix = check(() => parseDnsPrefix(value('dns-prefix'), name));
    const location = azure ? check(() => optional(value('location'), (text) => validateLocation('location', text))) : undefined;
    const masterCount = check(() => parseMasterCount(value('master-count')));
    const agentCount = check(() => agentCountOr('agent-count', value('agent-count'), defaultSettings.agentCount));
    // Without an explicit maximum, the default maximum grows to the requested agent count.
    const maxAgentCount = !azure
        ? agentCountCap
        : check(() => agentCountOr('max-agent-count', value('max-agent-count'), Math.max(defaultSettings.maxAgentCount, agentCount ?? 0), 1));
    const minAgentCount = azure ? check(() => agentCountOr('min-agent-count', value('min-agent-count'), defaultSettings.minAgentCount)) : 0;
    const autoscale = azure ? check(() => optional(value('autoscale'), (text) => parseBoolean('autoscale', text)) ?? defaultSettings.autoscale) : false;
    const vmSize = (setting) => azure ? check(() => validateVmSize(setting, value(setting) ?? defaultSettings.vmSize)) : defaultSettings.vmSize;
    const masterSize = vmSize('master-size');
    const agentSize = vmSize('agent-size');
    const adminUsername = check(() => validateAdminUsername('admin-username', value('admin-username') ?? defaultSettings.adminUsername));
    const sshPublicKey = check(() => validateSshPublicKey('ssh-public-key', required('ssh-public-key', value('ssh-public-key'), 'the CLI generates a key pair when none is given')));
    const allowedSshCidr = check(() => parseAllowedCidr(value('allowed-ssh-cidr'), provider));
    const fileShare = azure ? check(() => optional(value('file-share'), (text) => parseBoolean('file-share', text)) ?? defaultSettings.fileShare) : false;
    const domains = (setting, range, fallback) => azure ? check(() => optional(value(setting), (text) => parseWholeNumber(setting, text, range)) ?? fallback) : fallback;
    const faultDomainCount = domains('fault-domain-count', domainLimits.faultDomains, defaultSettings.faultDomainCount);
    const updateDomainCount = domains('update-domain-count', domainLimits.updateDomains, defaultSettings.updateDomainCount);
    const tags = check(() => optional(value('tags'), (text) => parseTags('tags', text)) ?? {});
    const swapSizeMiB = azure ? check(() => parseSwapSize(value('swap-size'))) : undefined;
    if (agentCount !== undefined && maxAgentCount !== undefined && minAgentCount !== undefined) {
        check(() => checkAgentBounds(agentCount, minAgentCount, maxAgentCount, autoscale === true));
    }
    if (autoscale === true && agentSize !== undefined)
        check(() => checkAutoscaleSize(agentSize));
    if (problems.length > 0)
        throw new SettingsError(problems);
    return {
        provider,
        name: name,
        dnsPrefix: dnsPrefix,
        ...(location === undefined ? {} : { location }),
        masterCount: masterCount,
        agentCount: agentCount,
        minAgentCount: minAgentCount,
        maxAgentCount: maxAgentCount,
        autoscale: autoscale,
        masterSize: masterSize,
        agentSize: agentSize,
        adminUsername: adminUsername,
        sshPublicKey: sshPublicKey,
        allowedSshCidr: allowedSshCidr,
        fileShare: fileShare,
        ...(swapSizeMiB === undefined ? {} : { swapSizeMiB }),
        faultDomainCount: faultDomainCount,
        updateDomainCount: updateDomainCount,
        tags: tags,
    };
}
/** `auto` (or nothing): by VM size; else a whole number of MiB, 0 for none. */
function parseSwapSize(text) {
    if (text === undefined || text === 'auto')
        return undefined;
    if (!/^\d+$/.test(text) || Number(text) > maxSwapSizeMiB) {
        throw new SettingError('swap-size', `must be auto (2048 MiB on sizes with 2 GiB of memory or less, none otherwise) or a whole number of MiB from 0 (none) to ${maxSwapSizeMiB}`, text);
    }
    return Number(text);
}
function present(text) {
    return text === undefined || text.trim() === '' ? undefined : text.trim();
}
function optional(text, parse) {
    return text === undefined ? undefined : parse(text);
}
function required(setting, text, why) {
    if (text === undefined)
        throw new SettingError(setting, `is required (${why})`);
    return text;
}
/** An agent count from `min` (0 unless said) to the toolkit's cap, or `fallback` when absent. */
function agentCountOr(setting, text, fallback, min = 0) {
    return text === undefined ? fallback : parseAgentCount(setting, text, min);
}
function parseName(text, provider) {
    if (provider === 'lab')
        return validateLabName('resource-group', text ?? defaultSettings.labName);
    return validateResourceGroupName('resource-group', required('resource-group', text, 'the Azure resource group'));
}
function parseMasterCount(text) {
    if (text === undefined)
        return defaultSettings.masterCount;
    const count = Number(text);
    if (!masterCounts.includes(count) || !/^\d$/.test(text)) {
        throw new SettingError('master-count', 'must be 1, 3 or 5 (a swarm needs an odd number of managers)', text);
    }
    return count;
}
function parseDnsPrefix(text, name) {
    if (text === undefined) {
        if (name === undefined)
            return undefined; // the name's own problem is already reported
        const derived = deriveDnsPrefix(name);
        if (derived === '') {
            throw new SettingError('dns-prefix', `cannot be derived from resource-group "${name}"; give one (a lowercase letter, then letters, digits or "-")`);
        }
        return derived;
    }
    if (!/^[a-z]([a-z0-9-]*[a-z0-9])?$/.test(text) || text.length > maxDnsPrefixLength) {
        throw new SettingError('dns-prefix', `must be 1-${maxDnsPrefixLength} lowercase letters, digits or "-", start with a letter and not end with "-", so that <prefix>${longestDnsSuffix} is a DNS label`, text);
    }
    validateDnsLabel('dns-prefix', `${text}-master0`);
    return text;
}
/** A resource group such as `My_Team.Swarm(1)` gives the DNS prefix `my-team-swarm-1`. */
function deriveDnsPrefix(name) {
    return name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^[^a-z]+/, '')
        .slice(0, maxDnsPrefixLength)
        .replace(/-+$/, '');
}
function parseAllowedCidr(text, provider) {
    if (text === undefined && provider === 'lab') {
        // Lab masters are reachable only from this machine, through the lab's own bridge.
        return '0.0.0.0/0';
    }
    return parseIpv4Cidr('allowed-ssh-cidr', required('allowed-ssh-cidr', text, 'SSH to the masters is never opened to the whole internet by default; give your address, e.g. 203.0.113.7/32, or 0.0.0.0/0 on purpose'));
}
/**
 * CPU autoscale reads "Percentage CPU", which on a burstable (B-series) VM that has spent its
 * credits stays at its baseline whatever the load: the rule would neither add nor remove agents
 * when it matters. Refused rather than silently wrong.
 */
function checkAutoscaleSize(agentSize) {
    if (/^standard_b\d/i.test(agentSize)) {
        throw new SettingError('autoscale', `CPU autoscale misreads burstable sizes (${agentSize} throttles to its baseline once out of credits): choose a non-burstable agent-size such as ${defaultSettings.vmSize}, or set autoscale to false`);
    }
}
function checkAgentBounds(agents, min, max, autoscale) {
    if (min > max) {
        throw new SettingError('min-agent-count', `must not be greater than max-agent-count (${min} > ${max})`);
    }
    if (agents > max) {
        throw new SettingError('agent-count', `must not be greater than max-agent-count (${agents} > ${max})`);
    }
    if (autoscale && agents < min) {
        throw new SettingError('agent-count', `must be at least min-agent-count when autoscale is on (${agents} < ${min})`);
    }
}
//# sourceMappingURL=validate.js.map
;// CONCATENATED MODULE: ./build/src/render/cloud-init.js
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
    return { ...rootFile(path, (0,external_node_zlib_.gzipSync)(content, { level: 9 }).toString('base64'), permissions), encoding: 'gz+b64' };
}
function unitFile(name) {
    return rootFile(`${nodePaths.units}/${name}`, (0,assets.asset)(`cloud-init/units/${name}`), '0644');
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
    const problem = (message) => new errors/* ToolkitError */.h4(`cloud-init (${input.role}): ${message}`, 'cloud-init-input');
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
    if (!Number.isInteger(swapSize) || swapSize < 0 || swapSize > maxSwapSizeMiB) {
        throw problem(`swapSizeMiB must be a whole number from 0 to ${maxSwapSizeMiB}, got ${swapSize}`);
    }
}
/** Each role's helper keys (0600): see src/render/helper-keys.ts. */
function keyFiles(input) {
    const keys = (0,helper_keys/* helperKeys */.T)(input.helperSecret);
    if (input.role === 'master')
        return [rootFile(nodePaths.helperKey, `${keys.master}\n`, '0600'), rootFile(nodePaths.agentRootKey, `${keys.agentRoot}\n`, '0600')];
    if (input.agentName !== undefined)
        return [rootFile(nodePaths.nodeKey, `${(0,helper_keys/* nodeHelperKey */.i)(keys.agentRoot, input.agentName)}\n`, '0600')];
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
        compressedFile(nodePaths.script, (0,assets.asset)('cloud-init/swarm-node.py'), '0755'),
        compressedFile(nodePaths.code, (0,assets.asset)('cloud-init/swarm_node.py'), '0644'),
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
    return `#cloud-config\n${(0,dist/* stringify */.As)(document, { lineWidth: 0 })}`;
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
/* harmony import */ var _cloud_init_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8771);
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
