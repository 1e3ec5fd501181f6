// The two tiers of the jest suite, on top of jest.config.js (which `npm test` runs whole):
// - unit (`npm run test:unit`): pure tests, no root, no dockerd, no sshd, no servers of the
//   Azure stand-in or CLI processes; quick.
// - integration (`npm run test:integration`): everything else: the lab (root, network
//   namespaces, dockerd), sshd, the HTTPS ARM stand-in, the CLI and actions run as processes.
// A new test file is a unit test unless it is listed here.
export const integrationTests = [
  '/build/test/actions/azure-actions\\.test\\.js$',
  '/build/test/actions/azure-over-ssh\\.test\\.js$',
  '/build/test/actions/azure-scale-requests\\.test\\.js$',
  '/build/test/actions/lab-actions\\.test\\.js$',
  '/build/test/azure/.*\\.test\\.js$',
  '/build/test/cli/azure-cli\\.test\\.js$',
  '/build/test/cli/azure-logs\\.test\\.js$',
  '/build/test/cli/errors\\.test\\.js$',
  '/build/test/cli/proxy-logs\\.test\\.js$',
  '/build/test/cli/render\\.test\\.js$',
  '/build/test/cli/setup-github\\.test\\.js$',
  '/build/test/lab/daemon/server\\.test\\.js$',
  '/build/test/lab/host/.*\\.test\\.js$',
  '/build/test/lab/[^/]+\\.test\\.js$',
  '/build/test/node/.*\\.test\\.js$',
  '/build/test/operations/cli-commands\\.test\\.js$',
  '/build/test/operations/lab-operations\\.test\\.js$',
  '/build/test/swarm/docker-env\\.test\\.js$',
  '/build/test/swarm/ssh-session\\.test\\.js$',
];
