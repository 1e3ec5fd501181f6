// Local ports tunnelled through master0's SSH connection (host key pinned), as the original's
// `make proxy` did with `ssh -L`: a listener on 127.0.0.1 per forward, each client connection
// carried over its own SSH channel to the target as master0 sees it. Every listener bounds its
// clients (count and idle time); closing stops the listeners and every open tunnel.
import { createServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { describeError, ToolkitError } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import type { SshSession } from './ssh-session.js';

export interface Forward {
  /** 0: any free port. */
  localPort: number;
  host: string;
  port: number;
  /** What it is, for the printed table ("service port 80", "monitor"). */
  label: string;
}

export interface OpenTunnel extends Forward {
  /** The port actually listened on. */
  localPort: number;
}

export interface TunnelLimits {
  /** Clients at once per listener; more are refused (closed at once). */
  maxConnections: number;
  /** A client silent for this long is closed. */
  idleMs: number;
}

export const defaultTunnelLimits: TunnelLimits = { maxConnections: 32, idleMs: 300_000 };

export interface Tunnels {
  tunnels: OpenTunnel[];
  close(): Promise<void>;
}

export async function openTunnels(session: SshSession, forwards: readonly Forward[], reporter: Reporter, limits: TunnelLimits = defaultTunnelLimits): Promise<Tunnels> {
  const servers: Server[] = [];
  const sockets = new Set<Socket | Duplex>();
  const close = async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  };
  try {
    const tunnels: OpenTunnel[] = [];
    for (const forward of forwards) {
      const server = createServer((client) => void carry(session, forward, client, sockets, limits, reporter));
      server.maxConnections = limits.maxConnections;
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', (error: NodeJS.ErrnoException) =>
          reject(new ToolkitError(`cannot listen on 127.0.0.1:${forward.localPort} for ${forward.label}: ${error.code ?? error.message}`, 'tunnel-listen-failed', 'choose another local port')),
        );
        server.listen(forward.localPort, '127.0.0.1', () => resolve());
      });
      const address = server.address();
      tunnels.push({ ...forward, localPort: typeof address === 'object' && address ? address.port : forward.localPort });
    }
    return { tunnels, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function carry(session: SshSession, forward: Forward, client: Socket, open: Set<Socket | Duplex>, limits: TunnelLimits, reporter: Reporter): Promise<void> {
  open.add(client);
  client.setTimeout(limits.idleMs, () => client.destroy());
  client.on('error', () => undefined);
  client.once('close', () => open.delete(client));
  let channel: Duplex;
  try {
    channel = await session.forward(forward.host, forward.port, { address: client.remoteAddress ?? '127.0.0.1', port: client.remotePort ?? 0 });
  } catch (error) {
    reporter.warn(`${forward.label}: ${describeError(error)}`);
    client.destroy();
    return;
  }
  if (client.destroyed) {
    channel.destroy();
    return;
  }
  open.add(channel);
  channel.on('error', () => client.destroy());
  channel.once('close', () => {
    open.delete(channel);
    client.destroy();
  });
  client.once('close', () => channel.destroy());
  client.pipe(channel).pipe(client);
}
