// What the unprivileged side of a lab (the CLI or an action run by a user with passwordless sudo)
// asks the lab's privileged part to do, and how the answer travels back: one request as JSON on
// the root process's stdin; its Reporter calls (and a log's lines, as they come), then the
// result or the error, as marked JSON lines on its stdout (sudo closes every descriptor above 2,
// so stdout is the channel).
import type { AgentInstance, ClusterInfo } from '../../core/cluster.js';
import type { ClusterSettings } from '../../core/settings.js';
import type { LabLogRequest } from './node-logs.js';

/** The Cluster operations of a lab that change it (each needs root), by method name. */
export type ElevatedClusterMethod = 'listAgents' | 'scaleAgents' | 'stopAgents' | 'startAgents' | 'restartAgents' | 'reimageAgents';

export type ElevatedRequest =
  | { op: 'deploy'; settings: ClusterSettings }
  | { op: 'open'; name: string }
  | { op: 'destroy'; name: string }
  | { op: 'destroy-all' }
  | { op: 'cluster'; name: string; method: ElevatedClusterMethod; args: unknown[] }
  /** A node's unit log (root's files): its lines stream as `output` messages; a follow ends on SIGTERM. */
  | ({ op: 'logs' } & LabLogRequest);

export type ElevatedResult = ClusterInfo | boolean | string | string[] | AgentInstance[] | null;

export type ElevatedMessage =
  | { kind: 'info' | 'warn' | 'debug' | 'secret'; text: string }
  /** The command's own output (a log's lines), for the caller's stdout. */
  | { kind: 'output'; text: string }
  | { kind: 'phase-start'; id: number; title: string }
  | { kind: 'phase-end'; id: number; error?: string }
  | { kind: 'result'; value: ElevatedResult }
  | { kind: 'error'; message: string; code: string; hint?: string };

/** Starts every protocol line: anything else on the root process's stdout is passed on as text. */
export const elevatedLinePrefix = 'azswarm-lab-elevated ';

export function encodeElevatedMessage(message: ElevatedMessage): string {
  return `${elevatedLinePrefix}${JSON.stringify(message)}\n`;
}

export function decodeElevatedLine(line: string): ElevatedMessage | undefined {
  if (!line.startsWith(elevatedLinePrefix)) return undefined;
  return JSON.parse(line.slice(elevatedLinePrefix.length)) as ElevatedMessage;
}
