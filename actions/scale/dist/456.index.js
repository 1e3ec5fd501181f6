export const id = 456;
export const ids = [456];
export const modules = {

/***/ 2456:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   composePort: () => (/* binding */ composePort),
/* harmony export */   prepareStack: () => (/* binding */ prepareStack)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3026);
/* harmony import */ var _core_service_flavour_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3138);
// The compose file for `deploy-stack`, made fit for the provider. The shipped stack names the
// test service azswarm/test-service, which becomes the provider's web image (the lab's own
// build, or the test-image setting's digest reference). The stack (and a user's) is otherwise
// written for Azure; a provider with no registry and no routing mesh (the lab's
// flavour, stacks: own-images) gets every image replaced by one of its two images, ports are published in host mode without a fixed
// host port, services use DNS round robin, and a published port becomes the label the lab's
// load balancer reads. Pure: text in, text out.



const isMapping = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
/** `[host:]published:target[/proto]`, `target`, or the long form: the published and target ports. */
function composePort(entry) {
    if (isMapping(entry)) {
        const target = Number(entry.target);
        return { target, ...(entry.published === undefined ? {} : { published: Number(entry.published) }) };
    }
    const parts = String(entry).split('/')[0].split(':');
    const target = Number(parts[parts.length - 1]);
    return parts.length > 1 ? { published: Number(parts[parts.length - 2]), target } : { target };
}
function isRedisImage(image) {
    const repository = image.split('@')[0].split(':')[0];
    return repository === 'redis' || repository.endsWith('/redis');
}
function isTestServicePlaceholder(image) {
    return image.split('@')[0].split(':')[0] === _core_service_flavour_js__WEBPACK_IMPORTED_MODULE_2__/* .testServicePlaceholder */ .Dr;
}
function prepareStack(composeText, flavour, source, testImage) {
    const document = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(composeText);
    const compose = document.toJS();
    if (document.errors.length > 0 || !isMapping(compose) || !isMapping(compose.services)) {
        const reason = document.errors[0]?.message ?? 'it has no services: mapping';
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ToolkitError */ .h4(`compose file ${source} is not usable: ${reason}`, 'stack-invalid');
    }
    const services = Object.entries(compose.services).map(([name, service]) => {
        if (!isMapping(service))
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ToolkitError */ .h4(`compose file ${source}: service ${name} is not a mapping`, 'stack-invalid');
        return [name, service];
    });
    const notes = [];
    if (flavour.stacks === 'as-written') {
        const placeholders = services.filter(([, service]) => isTestServicePlaceholder(String(service.image ?? '')));
        if (placeholders.length === 0)
            return { compose: composeText, notes };
        const webImage = (0,_core_service_flavour_js__WEBPACK_IMPORTED_MODULE_2__/* .testServiceImage */ .PF)(flavour, testImage);
        for (const [name, service] of placeholders) {
            notes.push(`${name}: image ${String(service.image)} runs as ${webImage} (the test service)`);
            service.image = webImage;
        }
        return { compose: (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .stringify */ .As)(compose), notes };
    }
    for (const [name, service] of services)
        notes.push(...adaptServiceForOwnImages(name, service, flavour, (0,_core_service_flavour_js__WEBPACK_IMPORTED_MODULE_2__/* .testServiceImage */ .PF)(flavour, testImage)));
    return { compose: (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .stringify */ .As)(compose), notes };
}
function adaptServiceForOwnImages(name, service, flavour, webImage) {
    const image = String(service.image ?? '');
    const labImage = isRedisImage(image) ? flavour.redisImage : webImage;
    const notes = [`${name}: image ${image || '(none)'} runs as ${labImage} (the lab has no registry)`];
    service.image = labImage;
    // As `--init` on the lab's services (see providers/lab/service-flavour.ts): busybox as PID 1 ignores SIGTERM.
    service.init = true;
    const deploy = isMapping(service.deploy) ? service.deploy : {};
    service.deploy = deploy;
    // No IPVS (host publishing): a VIP would not route.
    deploy.endpoint_mode = 'dnsrr';
    const ports = Array.isArray(service.ports) ? service.ports.map(composePort) : [];
    if (ports.length === 0)
        return notes;
    const publicPort = ports.find((port) => port.published !== undefined)?.published;
    service.ports = ports.map((port) => ({
        target: labImage === webImage ? flavour.webPort : port.target,
        mode: 'host',
        protocol: 'tcp',
    }));
    if (publicPort !== undefined) {
        const labels = isMapping(deploy.labels) ? deploy.labels : {};
        labels[_core_service_flavour_js__WEBPACK_IMPORTED_MODULE_2__/* .lbPortLabel */ ._l] = String(publicPort);
        deploy.labels = labels;
        notes.push(`${name}: port ${publicPort} is served by the lab load balancer (tasks publish in host mode)`);
    }
    return notes;
}
//# sourceMappingURL=stack.js.map

/***/ })

};
