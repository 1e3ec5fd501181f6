// proxy: the original's `make proxy` — local ports tunnelled over SSH through master0 (host key
// pinned) to the load balancer's service ports and the monitor, until Ctrl-C.
import { SettingProblems } from '../../core/errors.js';
import { parseWholeNumber } from '../../core/validators.js';
import type { ClusterInfo } from '../../core/cluster.js';
import { SshSession } from '../../swarm/ssh-session.js';
import { openTunnels, type Forward } from '../../swarm/tunnels.js';
import type { CommandDefinition } from '../command.js';
import { untilInterrupted } from '../interrupt.js';
import { checkedClusterName, openCluster, table } from './cluster-access.js';

export const defaultPortOffset = 10_000;

/**
 * What to tunnel, as master0 sees it: each service port of the load balancer, and the monitor
 * (on master0 itself when it runs there, as the visualizer does on Azure).
 */
export function proxyForwards(info: ClusterInfo, offset: number): Forward[] {
  const target = (url: string) => {
    const parsed = new URL(url);
    const host = parsed.hostname === info.ssh.host ? '127.0.0.1' : parsed.hostname;
    return { host, port: Number(parsed.port || 80) };
  };
  const services = Object.entries(info.endpoints.services).map(([port, url]) => ({ ...target(url), localPort: Number(port) + offset, label: `service port ${port}` }));
  const monitor = target(info.endpoints.monitor);
  return [...services, { ...monitor, localPort: monitor.port + offset, label: 'monitor' }];
}

const proxy: CommandDefinition = {
  name: 'proxy',
  summary: "tunnel local ports through master0's SSH to the service ports and the monitor, until Ctrl-C",
  description: [
    `Local port = remote port + OFFSET (default ${defaultPortOffset}: 10080, 10081, 18000 for the services, 18080 for the`,
    'monitor); --offset 0 gives the original ports (80 and 81 need root). Listens on 127.0.0.1 only.',
  ].join('\n'),
  flags: [{ name: 'offset', kind: 'string', valueName: 'N', summary: `added to each remote port for the local one (default ${defaultPortOffset})` }],
  async run(context) {
    // Every problem of the flags, the name and the environment at once, before any sign-in.
    const problems = new SettingProblems();
    const offsetText = context.flags.string('offset');
    const offset = problems.check(() => (offsetText === undefined ? defaultPortOffset : parseWholeNumber('offset', offsetText, { min: 0, max: 55_000 })));
    problems.check(() => checkedClusterName(context, { needsClusterSecret: true }));
    problems.throwIfAny();
    const cluster = await openCluster(context);
    const session = await SshSession.open(cluster.info.ssh, context.reporter);
    const interruption = untilInterrupted();
    try {
      const { tunnels, close } = await openTunnels(session, proxyForwards(cluster.info, offset!), context.reporter);
      context.out(table(['LOCAL', 'THROUGH MASTER0 TO', 'WHAT'], tunnels.map((tunnel) => [`http://127.0.0.1:${tunnel.localPort}/`, `${tunnel.host}:${tunnel.port}`, tunnel.label])));
      context.reporter.info('tunnels open; Ctrl-C stops them');
      const ended = await Promise.race([interruption.done, session.closed().then(() => 'the SSH connection closed')]);
      await close();
      context.reporter.info(`tunnels closed (${ended})`);
      return { tunnels: tunnels.map(({ localPort, host, port, label }) => ({ localPort, host, port, label })), ended };
    } finally {
      interruption.stop();
      session.close();
    }
  },
};

export const proxyCommands: readonly CommandDefinition[] = [proxy];
