// The docker commands that the operations run on a master, typed: running is delegated to an
// SshSession, reading to the pure parsers. Mutations take argv built by the operations.
import { ToolkitError } from '../core/errors.js';
import {
  parseNodeInspect,
  parseNodeList,
  parseServiceList,
  parseServiceTasks,
  parseSwarmInfo,
  parseUpdateStates,
  type NodeDetail,
  type ServiceSummary,
  type ServiceTask,
  type SwarmInfo,
  type SwarmNode,
} from './docker-parsers.js';
import { leaderChangeRetryDelay } from './leader-change.js';
import { saysServiceExists } from './service-exists.js';
import type { RunOptions, SshSession } from './ssh-session.js';

const jsonFormat = ['--format', '{{json .}}'];

export class SwarmClient {
  constructor(private readonly session: SshSession) {}

  /**
   * `docker ARGS...`; a non-zero exit is a ToolkitError quoting stderr. A refusal because the
   * managers are changing leader is tried again a few times (see leader-change.ts).
   */
  async docker(args: readonly string[], options?: RunOptions): Promise<string> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.session.check(['docker', ...args], options);
      } catch (error) {
        const delayMs = error instanceof ToolkitError && error.code === 'remote-command-failed' ? leaderChangeRetryDelay(error.message, attempt) : undefined;
        if (delayMs === undefined) throw error;
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  /**
   * `docker service create --name NAME ARGS...`: true when created, false when the swarm already
   * has a service NAME (left as it is); any other failure is thrown.
   */
  async createService(name: string, args: readonly string[]): Promise<boolean> {
    try {
      await this.docker(['service', 'create', '--name', name, ...args]);
      return true;
    } catch (error) {
      if (error instanceof ToolkitError && error.code === 'remote-command-failed' && saysServiceExists(error.message, name)) return false;
      throw error;
    }
  }

  async swarmInfo(): Promise<SwarmInfo> {
    return parseSwarmInfo(await this.docker(['info', '--format', '{{json .Swarm}}']));
  }

  async nodes(): Promise<SwarmNode[]> {
    return parseNodeList(await this.docker(['node', 'ls', ...jsonFormat]));
  }

  async inspectNodes(ids: readonly string[]): Promise<NodeDetail[]> {
    if (ids.length === 0) return [];
    return parseNodeInspect(await this.docker(['node', 'inspect', ...ids]));
  }

  async services(): Promise<ServiceSummary[]> {
    return parseServiceList(await this.docker(['service', 'ls', ...jsonFormat]));
  }

  async service(name: string): Promise<ServiceSummary | undefined> {
    return (await this.services()).find((service) => service.name === name);
  }

  /** The rolling-update state of each named service, in order (`none` when never updated). */
  async updateStates(names: readonly string[]): Promise<string[]> {
    if (names.length === 0) return [];
    return parseUpdateStates(await this.docker(['service', 'inspect', '--format', '{{json .UpdateStatus}}', ...names]));
  }

  /** The tasks the swarm wants running (history rows left out). */
  async tasks(service: string): Promise<ServiceTask[]> {
    return parseServiceTasks(
      await this.docker(['service', 'ps', service, '--no-trunc', '--filter', 'desired-state=running', ...jsonFormat]),
    );
  }
}
