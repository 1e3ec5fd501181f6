// jest globalSetup of every run that includes the integration tier (npm test,
// npm run test:integration): the lab, its network namespaces and dockerd need root, and a tier
// that skipped itself without it would look green. So it stops the run, saying why.
export default function requireRoot() {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error('the integration tier needs root (the lab: network namespaces, cgroups, dockerd; sshd): run it as root, or run `npm run test:unit` for the pure tests');
  }
}
