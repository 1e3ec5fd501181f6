// A pass-through in front of a node's dockerd socket that records every Engine API call made
// through it: a node process started with DOCKER_HOST=unix://<path> reaches the real dockerd,
// and the test sees which calls it made and when. The node software sends one request per
// connection (`Connection: close`), so each connection's request line is one call.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { rm } from 'node:fs/promises';

export interface EngineCall {
  /** e.g. "GET /v1.47/info" */
  request: string;
  at: number;
}

export class EngineCallLog {
  readonly calls: EngineCall[] = [];
  private server?: Server;
  private readonly open = new Set<Socket>();

  /** `path` must be inside the node's own folder, which the node sees at the same path. */
  constructor(readonly path: string, private readonly dockerSocket: string) {}

  async start(): Promise<string> {
    await rm(this.path, { force: true });
    this.server = createServer((client) => {
      const engine = createConnection(this.dockerSocket);
      for (const socket of [client, engine]) {
        this.open.add(socket);
        socket.on('close', () => this.open.delete(socket));
        socket.on('error', () => { client.destroy(); engine.destroy(); });
      }
      let head = '';
      const record = (chunk: Buffer) => {
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n');
        if (end < 0) return;
        this.calls.push({ request: head.slice(0, end).replace(/ HTTP\/1\.[01]$/, ''), at: Date.now() });
        client.off('data', record);
      };
      client.on('data', record);
      client.pipe(engine).pipe(client);
    });
    await new Promise<void>((resolve, reject) => this.server!.once('error', reject).listen(this.path, resolve));
    return `unix://${this.path}`;
  }

  /** The calls recorded from `since` (a Date.now() value) on. */
  since(since: number): string[] {
    return this.calls.filter((call) => call.at >= since).map((call) => call.request);
  }

  async stop(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    await rm(this.path, { force: true });
  }
}
