// The lab's privileged part when the caller is not root: this process, started by
// elevated-client.ts through `sudo -n`, runs one request on the LabProvider (as root), reports
// through the protocol's lines, and hands the lab's state and keys over to the user who ran sudo
// (SUDO_UID/SUDO_GID; modes stay 0700/0600), so that they are that user's and nobody else's.
// The nodes' folders (rendered cloud-config with the cluster's secrets, logs) stay root's.
import { chown, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError, ToolkitError } from '../../core/errors.js';
import type { Cluster } from '../../core/cluster.js';
import type { Reporter } from '../../core/reporter.js';
import { encodeElevatedMessage, type ElevatedMessage, type ElevatedRequest, type ElevatedResult } from './elevated-protocol.js';
import { readLabNodeLog } from './node-logs.js';
import { LabProvider } from './provider.js';
import { labDir, labFiles } from './state.js';

function send(message: ElevatedMessage): void {
  process.stdout.write(encodeElevatedMessage(message));
}

let nextPhase = 0;
const streamingReporter: Reporter = {
  info: (text) => send({ kind: 'info', text }),
  warn: (text) => send({ kind: 'warn', text }),
  debug: (text) => send({ kind: 'debug', text }),
  secret: (text) => send({ kind: 'secret', text }),
  async phase(title, work) {
    const id = nextPhase++;
    send({ kind: 'phase-start', id, title });
    try {
      const result = await work();
      send({ kind: 'phase-end', id });
      return result;
    } catch (error) {
      send({ kind: 'phase-end', id, error: describeError(error) });
      throw error;
    }
  },
};

async function readRequest(): Promise<ElevatedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as ElevatedRequest;
}

/** The invoking user's ids from sudo's SUDO_UID/SUDO_GID; undefined when not run through sudo. */
function invoker(): { uid: number; gid: number } | undefined {
  const uid = Number(process.env.SUDO_UID);
  const gid = Number(process.env.SUDO_GID);
  if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid <= 0) return undefined;
  return { uid, gid };
}

/** The lab's folder, state.json and secrets/ become the invoking user's (nodes/ stays root's). */
async function handOver(name: string): Promise<void> {
  const user = invoker();
  if (!user) return;
  const dir = labDir(name);
  const owned = [dir, labFiles.state(dir), labFiles.secrets(dir)];
  for (const file of await readdir(labFiles.secrets(dir)).catch(() => [])) owned.push(join(labFiles.secrets(dir), file));
  for (const path of owned) {
    await chown(path, user.uid, user.gid).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}

async function serve(request: ElevatedRequest): Promise<ElevatedResult> {
  const provider = new LabProvider();
  switch (request.op) {
    case 'deploy': {
      try {
        return (await provider.deploy(request.settings, streamingReporter)).info;
      } finally {
        await handOver(request.settings.name);
      }
    }
    case 'open': {
      const { info } = await provider.open(request.name, streamingReporter);
      await handOver(request.name);
      return info;
    }
    case 'destroy':
      return provider.destroy(request.name, streamingReporter);
    case 'destroy-all':
      return provider.destroyAll(streamingReporter);
    case 'logs': {
      // sudo relays the caller's SIGTERM (and a terminal's Ctrl-C reaches this process too)
      const stop = new Promise((resolve) => {
        process.once('SIGTERM', resolve);
        process.once('SIGINT', resolve);
      });
      const { lab, node, unit, follow } = request;
      return readLabNodeLog({ lab, node, unit, follow }, (text) => send({ kind: 'output', text }), stop);
    }
    case 'cluster': {
      const cluster: Cluster = await provider.open(request.name, streamingReporter);
      const method = cluster[request.method] as (...args: unknown[]) => Promise<ElevatedResult | void>;
      try {
        return (await method.apply(cluster, request.args)) ?? null;
      } finally {
        await handOver(request.name);
      }
    }
  }
}

/** Runs the one request on stdin and reports its result or error on stdout. */
export async function runElevatedRequest(): Promise<void> {
  try {
    send({ kind: 'result', value: await serve(await readRequest()) });
  } catch (error) {
    const known = error instanceof ToolkitError ? error : undefined;
    send({ kind: 'error', message: describeError(error), code: known?.code ?? 'lab-elevated-failed', ...(known?.hint ? { hint: known.hint } : {}) });
    process.exitCode = 1;
  }
}
